using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Database;

/// <summary>The synthetic year of service is deterministic, consistent with the county, and loads on both providers.</summary>
public abstract class SyntheticServiceTests(DatabaseProvider provider)
{
    private static readonly SyntheticCountyOptions Shape = new() { Members = 2_000, Streets = 3, Communities = 8, Units = 30, Seed = 5 };
    private static readonly SyntheticServiceOptions Service = new() { Records = 12_000, Seed = 9 };

    [Fact]
    public async Task A_year_of_service_loads_and_reads_back_consistently()
    {
        var county = SyntheticCounty.Build(Shape);
        var service = SyntheticService.Build(county, Service);
        SyntheticService.Build(county, Service).Records.Select(r => r.Id).ShouldBe(service.Records.Select(r => r.Id), "same options, same data");
        service.Records.Count.ShouldBeInRange(8_000, 16_000);

        var members = county.Members.ToDictionary(m => m.Id);
        var activities = service.Activities.ToDictionary(a => a.Id);
        service.Records.ShouldAllBe(r => members[r.MemberId].CommunityId == r.CommunityId, "a member serves where he lives");
        service.Records.ShouldAllBe(r => r.ServedOn <= county.Options.AsOf && r.ServedOn.Year == county.Options.AsOf.Year);
        service.Records.Where(r => r.ActivityId != null).ShouldAllBe(r => activities[r.ActivityId!.Value].CommunityId == r.CommunityId
                                                                          && DateOnly.FromDateTime(Clock.ToChina(activities[r.ActivityId!.Value].StartsAt)) == r.ServedOn);
        service.Visits.ShouldAllBe(v => v.VisitedOn <= county.Options.AsOf);

        var connection = await TestDatabases.NewMigratedAsync(provider, "service");
        await using var db = TestDatabases.Context(provider, connection);
        await BulkLoader.LoadAsync(db, county.Organizations, county.Members);
        await service.LoadAsync(db);

        (await db.ServiceRecords.CountAsync()).ShouldBe(service.Records.Count);
        (await db.ServiceRecords.SumAsync(r => r.Minutes)).ShouldBe(service.Records.Sum(r => r.Minutes));
        (await db.ServiceRecords.CountAsync(r => r.Status == RecordStatus.Confirmed)).ShouldBe(service.Records.Count(r => r.Status == RecordStatus.Confirmed));
        (await db.Activities.CountAsync()).ShouldBe(service.Activities.Count);
        (await db.HouseholdVisits.CountAsync()).ShouldBe(service.Visits.Count);
        (await db.Wishes.CountAsync()).ShouldBe(service.Wishes.Count);
        (await db.PostClaims.CountAsync()).ShouldBe(service.Claims.Count);
        (await db.RequirementRules.CountAsync()).ShouldBe(6);
    }
}

public sealed class SqliteSyntheticServiceTests() : SyntheticServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresSyntheticServiceTests() : SyntheticServiceTests(DatabaseProvider.PostgreSql);
