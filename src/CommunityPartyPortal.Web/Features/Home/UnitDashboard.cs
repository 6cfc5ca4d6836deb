using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The unit admin's dashboard: its members (the unit and the units below it) by 报到 state this year and those not
/// reported yet (not reported, or only a letter issued: the 「未报到」 filter of /reporting/unit), the count and the first
/// <see cref="ListSize"/> by name; cached per <see cref="DashboardCache"/>. The unread feedback cards are counted live by
/// <see cref="HomeSummary"/>.
/// </summary>
public sealed class UnitDashboard(PortalDbContext db, OrgTreeCache trees, DashboardCache cache) : IUseCase
{
    public const int ListSize = 10;
    public const string Part = "unit";
    private static readonly StringComparer NameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    public sealed record Missing(Guid MemberId, string Name, string Unit, string State);

    public sealed record Model(int Year, int Members, IReadOnlyList<(string State, int Count)> ByState, int NotReportedCount, IReadOnlyList<Missing> NotReported);

    public async Task<DashboardCache.Entry<Model>?> HandleAsync()
    {
        var scope = db.Scope;
        if (scope.OrganizationId is null || scope.UnitIds.Count == 0) return null;
        var treeCache = trees; // a singleton: the delegate runs on a context of its own, possibly after the request
        var unitIds = scope.UnitIds;
        return await cache.GetAsync(Part, scope, async (fresh, today) =>
        {
            var tree = await treeCache.GetAsync();
            var rows = await ReportingQueries.UnitMembersAsync(fresh, unitIds, today.Year);
            var missing = rows.Where(r => r.State is MemberReportState.NotReported or MemberReportState.LetterIssued).ToList();
            return new Model(today.Year, rows.Count,
                [.. Enum.GetValues<MemberReportState>().Select(s => (s.Text(), rows.Count(r => r.State == s)))],
                missing.Count,
                [.. missing.OrderBy(r => r.Name, NameOrder).ThenBy(r => r.MemberId).Take(ListSize)
                    .Select(r => new Missing(r.MemberId, r.Name, tree.NameOf(r.WorkUnitId), r.State.Text()))]);
        });
    }
}
