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
    public async Task<DashboardCache.Entry<AreaFigures>?> HandleAsync()
    {
        var tree = await trees.GetAsync();
        if (tree.County is not { } county) return null;
        return await cache.GetAsync("county", db.Scope, today => AreaFigures.ComputeAsync(db, tree, county.Id, today, time.GetUtcNow()));
    }
}
