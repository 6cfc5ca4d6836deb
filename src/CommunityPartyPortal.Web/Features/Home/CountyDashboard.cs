using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The county admin's dashboard: reporting rates by street and by department, service by month, the requirement
/// completion rate, the units below the threshold and the communities without a 集中服务 in the last two months
/// (see <see cref="AreaFigures.ComputeAsync"/>), cached per <see cref="DashboardCache"/>.
/// </summary>
public sealed class CountyDashboard(PortalDbContext db, OrgTreeCache trees, DashboardCache cache, TimeProvider time) : IUseCase
{
    public const string Part = "county";

    public async Task<DashboardCache.Entry<AreaFigures>?> HandleAsync()
    {
        var tree = await trees.GetAsync();
        if (tree.County is not { } county) return null;
        var id = county.Id;
        var clock = time; // a singleton: the delegate runs on a context of its own, possibly after the request
        return await cache.GetAsync(Part, db.Scope, (fresh, today) => AreaFigures.ComputeAsync(fresh, tree, id, today, clock.GetUtcNow()));
    }
}
