using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Seeding;

/// <summary>The demo community's service data (Development only) loads on both providers and is the secretary's.</summary>
public abstract class DemoServiceSeederTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task Seeds_the_secretarys_community_with_a_year_of_service()
    {
        // A fixed day late in 2026, so all but the December activities have been held.
        portal.Time.Advance(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero) - portal.Time.GetUtcNow());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoServiceSeeder>().SeedAsync();
        }
        await portal.WithDbAsync(async db =>
        {
            var community = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary")).OrganizationId;
            (await db.RequirementRules.CountAsync(r => r.Year == 2026)).ShouldBe(6);
            (await db.Activities.CountAsync(a => a.CommunityId == community)).ShouldBe(12);
            (await db.Activities.CountAsync(a => a.CommunityId != community)).ShouldBe(0);
            var records = await db.ServiceRecords.Where(r => r.CommunityId == community).ToListAsync();
            records.Count.ShouldBeGreaterThan(50);
            records.ShouldAllBe(r => r.Status == RecordStatus.Confirmed && r.ActiveSlot == 1);
            (await db.Wishes.Select(w => w.Status).Distinct().CountAsync()).ShouldBe(6);
            (await db.HouseholdVisits.CountAsync()).ShouldBeGreaterThan(20);
            (await db.PostClaims.CountAsync(c => c.Status == ClaimStatus.Approved)).ShouldBe(11);
        });
    }
}

public sealed class SqliteDemoServiceSeederTests(SqlitePortal portal) : DemoServiceSeederTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresDemoServiceSeederTests(PostgresPortal portal) : DemoServiceSeederTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
