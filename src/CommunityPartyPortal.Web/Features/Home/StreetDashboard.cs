using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The street admin's dashboard: the county's figures restricted to the street's communities (rates by community, the
/// communities below the threshold, service done in the street by month, its residents' requirement completion rate,
/// its communities without a 集中服务 in the last two months; see <see cref="AreaFigures.ComputeAsync"/>), cached per
/// <see cref="DashboardCache"/>.
/// </summary>
public sealed class StreetDashboard(PortalDbContext db, OrgTreeCache trees, DashboardCache cache, TimeProvider time) : IUseCase
{
    public const string Part = "street";

    public async Task<DashboardCache.Entry<AreaFigures>?> HandleAsync()
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync();
        if (scope.OrganizationId is not { } id || tree.Find(id) is not { Kind: OrgKind.Street }) return null;
        var clock = time; // a singleton: the delegate runs on a context of its own, possibly after the request
        return await cache.GetAsync(Part, scope, (fresh, today) => AreaFigures.ComputeAsync(fresh, tree, id, today, clock.GetUtcNow()));
    }
}
