using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Summaries;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>One bar of a reporting-rate chart: reported / denominator, against the year's threshold.</summary>
public sealed record RateBar(Guid Id, string Name, int Reported, int Denominator, decimal? RatePercent, bool Below);

/// <summary>Confirmed service of one month of the year.</summary>
public sealed record MonthService(int Month, int Services, decimal Hours);

/// <summary>An organisation in a dashboard list, with the figure that put it there and where to look.</summary>
public sealed record ListedOrg(Guid Id, string Name, string Detail, string Href);

/// <summary>
/// The figures of a county or street dashboard, as of a China date (see <see cref="ComputeAsync"/>).
/// </summary>
public sealed record AreaFigures(
    int Year,
    DateOnly AsOf,
    Guid RootId,
    int ThresholdPercent,
    IReadOnlyList<RateBar> RatesByPlace,
    IReadOnlyList<RateBar> RatesByDepartment,
    IReadOnlyList<MonthService> ServiceByMonth,
    int RequirementRules,
    int RequirementMembers,
    int RequirementMeeting,
    IReadOnlyList<ListedOrg> BelowThreshold,
    DateOnly ConcentratedSince,
    IReadOnlyList<ListedOrg> WithoutConcentratedService)
{
    /// <summary>Members meeting the requirements / members, in percent with one decimal; null without members.</summary>
    public decimal? RequirementRatePercent => RequirementMembers == 0 ? null : Math.Round(100m * RequirementMeeting / RequirementMembers, 1);

    /// <summary>The link to the summary tables of an organisation (the county, a street or a work unit) for the year.</summary>
    public static string SummaryHref(Guid root, int year) => $"/summaries?root={root}&year={year}";

    /// <summary>
    /// The dashboard figures of <paramref name="root"/> (the county or a street) on the caller's context, set-based:
    /// <list type="bullet">
    /// <item>reporting rates and the units (county) or communities (street) below the threshold: <see cref="SummaryQueries.ReportingAsync"/> as of today
    /// (county: by street, from the community view's street subtotals, and by department, from the unit view's department subtotals;
    /// street: by community);</item>
    /// <item>the requirement completion rate: <see cref="SummaryQueries.ServiceAsync"/>'s members meeting every rule of the year / members;</item>
    /// <item>service by month: confirmed service records of the year up to today (street: done in its communities), one grouped query;</item>
    /// <item>communities without a 集中服务 since the same day two months ago: active communities under the root without an activity held
    /// (not cancelled, started by now) of the kind 集中服务 or with at least <see cref="AssessmentEvidence.ConcentratedCheckIns"/> check-ins
    /// (pending or confirmed), one query.</item>
    /// </list>
    /// </summary>
    public static async Task<AreaFigures> ComputeAsync(PortalDbContext db, OrgTree tree, Guid root, DateOnly today, DateTimeOffset now)
    {
        var year = today.Year;
        var node = tree.Find(root) ?? throw new ArgumentException($"Organisation {root} does not exist.", nameof(root));
        var isStreet = node.Kind == OrgKind.Street;
        var reporting = await SummaryQueries.ReportingAsync(db, year, today, root);
        var service = await SummaryQueries.ServiceAsync(db, year, today, root);
        var threshold = reporting.Header.ThresholdPercent;

        IReadOnlyList<RateBar> byPlace = isStreet
            ? [.. reporting.ByCommunity.Rows.Select(r => Bar(r.OrganizationId, r.Name, r.Figures.Reported, r.Figures.InServiceResidents, r.Figures.RatePercent, r.BelowThreshold))]
            : [.. reporting.ByCommunity.Groups.Select(g => Bar(g.OrganizationId, g.Name, g.Subtotal.Reported, g.Subtotal.InServiceResidents, g.Subtotal.RatePercent, g.Subtotal.BelowThreshold))];
        IReadOnlyList<RateBar> byDepartment = isStreet
            ? []
            : [.. reporting.ByUnit.Groups.Select(g => Bar(g.OrganizationId, g.Name, g.Subtotal.Reported, g.Subtotal.Denominator, g.Subtotal.RatePercent, g.Subtotal.BelowThreshold))];
        IReadOnlyList<ListedOrg> below = isStreet
            ? [.. reporting.ByCommunity.Rows.Where(r => r.BelowThreshold)
                .OrderBy(r => r.Figures.RatePercent).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new ListedOrg(r.OrganizationId, r.Name, RateText(r.Figures.Reported, r.Figures.InServiceResidents, r.Figures.RatePercent), SummaryHref(root, year)))]
            : [.. reporting.ByUnit.Groups.SelectMany(g => g.Rows.Where(r => r.BelowThreshold).Select(r => (Group: g.Name, Row: r)))
                .OrderBy(x => x.Row.Figures.RatePercent).ThenBy(x => x.Group, StringComparer.Ordinal).ThenBy(x => x.Row.Name, StringComparer.Ordinal)
                .Select(x => new ListedOrg(x.Row.OrganizationId, x.Row.Kind == SummaryRowKind.DepartmentOwn ? x.Row.Name + "（本级）" : $"{x.Group} · {x.Row.Name}",
                    RateText(x.Row.Figures.Reported, x.Row.Figures.Denominator, x.Row.Figures.RatePercent), SummaryHref(x.Row.OrganizationId, year)))];
        var requirement = isStreet ? service.ByCommunity.Total : service.ByUnit.Total;

        var communities = tree.Subtree(root).Where(n => n.Kind == OrgKind.Community && n.IsActive).ToList();
        var communityIds = communities.Select(c => c.Id).ToList();
        var since = today.AddMonths(-2);
        var sinceUtc = TimeZoneInfo.ConvertTimeToUtc(since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Clock.China);
        var nowUtc = now.UtcDateTime;
        var activities = db.Activities.AsNoTracking().Where(a => !a.IsCancelled && a.StartsAt >= sinceUtc && a.StartsAt <= nowUtc);
        if (isStreet) activities = activities.Where(a => communityIds.Contains(a.CommunityId));
        var served = (await activities
                .Where(a => a.Kind == ActivityKind.ConcentratedService
                            || db.ServiceRecords.Count(r => r.ActivityId == a.Id && (r.Status == RecordStatus.Pending || r.Status == RecordStatus.Confirmed))
                            >= AssessmentEvidence.ConcentratedCheckIns)
                .Select(a => a.CommunityId).Distinct().ToListAsync())
            .ToHashSet();
        var streetOf = communities.ToDictionary(c => c.Id, c => tree.NameOf(c.ParentId));
        IReadOnlyList<ListedOrg> without = [.. communities.Where(c => !served.Contains(c.Id))
            .OrderBy(c => streetOf[c.Id], StringComparer.Ordinal).ThenBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ListedOrg(c.Id, isStreet ? c.Name : $"{streetOf[c.Id]} · {c.Name}", "", SummaryHref(c.ParentId ?? root, year)))];

        return new AreaFigures(year, today, root, threshold, byPlace, byDepartment, await ServiceByMonthAsync(db, today, isStreet ? communityIds : null),
            service.RequirementRules, requirement.Members, requirement.MeetingRequirements, below, since, without);

        RateBar Bar(Guid id, string name, int reported, int denominator, decimal? rate, bool isBelow) => new(id, name, reported, denominator, rate, isBelow);
    }

    /// <summary>Confirmed service records of 1 January to today by month (every month up to today's, empty ones as 0).</summary>
    private static async Task<IReadOnlyList<MonthService>> ServiceByMonthAsync(PortalDbContext db, DateOnly today, List<Guid>? communityIds)
    {
        var first = new DateOnly(today.Year, 1, 1);
        var records = db.ServiceRecords.AsNoTracking().Where(r => r.Status == RecordStatus.Confirmed && r.ServedOn >= first && r.ServedOn <= today);
        if (communityIds is not null) records = records.Where(r => communityIds.Contains(r.CommunityId));
        var months = await records.GroupBy(r => r.ServedOn.Month)
            .Select(g => new { Month = g.Key, Services = g.Count(), Minutes = g.Sum(r => (long)r.Minutes) })
            .ToDictionaryAsync(g => g.Month);
        return [.. Enumerable.Range(1, today.Month).Select(m => months.TryGetValue(m, out var g)
            ? new MonthService(m, g.Services, Math.Round(g.Minutes / 60m, 1, MidpointRounding.AwayFromZero))
            : new MonthService(m, 0, 0m))];
    }

    private static string RateText(int reported, int denominator, decimal? rate) =>
        $"{reported}/{denominator}（{(rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—")}）";
}
