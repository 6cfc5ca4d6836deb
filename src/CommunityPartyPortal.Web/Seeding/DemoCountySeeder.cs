using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>
/// The demo county for Development: 2 streets, 6 communities with grids, 12 work units in a small
/// department tree, about 600 members of every category, and one login per role.
/// </summary>
public sealed class DemoCountySeeder(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    AccountFactory accounts,
    ILogger<DemoCountySeeder> logger)
{
    public const string Password = "Demo@2026portal";

    /// <summary>The demo logins, shown on the sign-in page in Development.</summary>
    public static readonly IReadOnlyList<(string UserName, string Role)> Logins =
    [
        ("county", "县委组织部管理员"),
        ("street", "街道管理员"),
        ("secretary", "社区书记"),
        ("secretary2", "社区书记（另一街道）"),
        ("unit", "单位党组织管理员"),
        ("member", "党员"),
    ];

    public static readonly SyntheticCountyOptions Options = new()
    {
        Members = 600,
        Streets = 2,
        Communities = 6,
        Units = 12,
        Seed = 2026,
    };

    public Task<(int Organizations, int Members)> SeedAsync() => SeedAsync(Options);

    /// <summary>Loads a synthetic county of the given shape and creates one login per role in it.</summary>
    /// <remarks>With <paramref name="service"/>, also a synthetic year of service (activities, records, …) for load tests.</remarks>
    public async Task<(int Organizations, int Members)> SeedAsync(SyntheticCountyOptions shape, SyntheticServiceOptions? service = null)
    {
        var county = SyntheticCounty.Build(shape);
        await BulkLoader.LoadAsync(db, county.Organizations, county.Members, CancellationToken.None);
        if (service is not null)
        {
            var year = SyntheticService.Build(county, service);
            await year.LoadAsync(db);
            logger.LogInformation("Loaded a synthetic year of service: {Activities} activities, {Records} service records", year.Activities.Count, year.Records.Count);
        }

        var orgs = county.Organizations;
        var root = orgs.Single(o => o.Kind == OrgKind.County);
        var streets = orgs.Where(o => o.Kind == OrgKind.Street).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        var communities = orgs.Where(o => o.Kind == OrgKind.Community).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        var departments = orgs.Where(o => o.Kind == OrgKind.WorkUnit && o.ParentId == root.Id).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        var department = departments.OrderByDescending(d => orgs.Count(o => o.ParentId == d.Id)).First();
        var community = communities.First(c => c.ParentId == streets[0].Id);
        var otherCommunity = communities.First(c => c.ParentId == streets[^1].Id);
        var member = await db.Members.AsNoTracking()
            .Where(m => m.CommunityId == community.Id && m.Category == MemberCategory.InService && m.MovedOutOn == null)
            .OrderBy(m => m.Name).FirstAsync();

        await accounts.CreateAsync("county", Password, "县委组织部 王主任", PortalRole.CountyAdmin, root.Id, pii: true);
        await accounts.CreateAsync("street", Password, $"{streets[0].Name} 李干事", PortalRole.StreetAdmin, streets[0].Id);
        await accounts.CreateAsync("secretary", Password, $"{community.Name} 张书记", PortalRole.CommunitySecretary, community.Id, pii: true);
        await accounts.CreateAsync("secretary2", Password, $"{otherCommunity.Name} 赵书记", PortalRole.CommunitySecretary, otherCommunity.Id, pii: true);
        await accounts.CreateAsync("unit", Password, $"{department.Name} 党委 陈干事", PortalRole.UnitAdmin, department.Id);
        await accounts.CreateAsync("member", Password, member.Name, PortalRole.Member, community.Id, member.Id);
        logger.LogInformation("Seeded the demo county: {Orgs} organisations, {Members} members, {Accounts} accounts",
            orgs.Count, county.Members.Count, Logins.Count);
        return (orgs.Count, county.Members.Count);
    }
}
