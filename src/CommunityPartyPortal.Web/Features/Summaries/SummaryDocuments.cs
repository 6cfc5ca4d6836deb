using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Summaries;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// The domain's summary tables mapped to their views and official records (<see cref="SummaryTableRecord"/>): the titles
/// 在职党员进社区报到情况汇总表 / 在职党员进社区服务群众情况汇总表 with （按单位） or （按社区）, the columns, the rows highlighted
/// where below the year's threshold, and the subtotals and totals as the domain summed them.
/// </summary>
/// <remarks>
/// 编号 (serial) is deterministic per table, year, root and date: <c>{year}-汇总-报到-{root code}-{MMdd}</c> (服务 for the
/// service table), e.g. <c>2026-汇总-报到-U01-1130</c>; both views (按单位, 按社区) of a table carry the table's serial, so
/// the same figures downloaded twice carry the same number.
/// </remarks>
public static class SummaryDocuments
{
    public const string ReportingTitle = "在职党员进社区报到情况汇总表";
    public const string ServiceTitle = "在职党员进社区服务群众情况汇总表";

    public static string Serial(string table, SummaryFilter.Resolved filter) =>
        $"{filter.Year}-汇总-{table}-{filter.Root.Code}-{filter.AsOf:MMdd}";

    private static readonly SummaryColumn[] UnitReportingColumns =
    [
        new("verified", "核实党员数", "党员数"),
        new("portal", "平台在册", "党员数"),
        new("base", "计算基数", "党员数"),
        new("letters", "开具证明信"),
        new("reported", "已报到", "报到情况"),
        new("rate", "报到率", "报到情况", SummaryFormat.Percent1) { RatioOf = ("reported", "base") },
        new("receipts", "已收回执", "报到情况"),
        new("late", "逾期报到", "报到情况"),
        new("withdrawn", "已撤回"),
        new("met", "达标", Format: SummaryFormat.YesNo),
    ];

    private static readonly SummaryColumn[] CommunityReportingColumns =
    [
        new("inService", "在职党员", "居住党员数"),
        new("selfManaged", "自管党员", "居住党员数"),
        new("floating", "流动党员", "居住党员数"),
        new("letters", "收到证明信"),
        new("reported", "已报到", "报到情况"),
        new("rate", "报到率", "报到情况", SummaryFormat.Percent1) { RatioOf = ("reported", "inService") },
        new("late", "逾期报到", "报到情况"),
        new("receiptsSent", "已发回执", "报到回执"),
        new("receiptsReceived", "已收回回执", "报到回执"),
        new("withdrawn", "已撤回"),
        new("met", "达标", Format: SummaryFormat.YesNo),
    ];

    private static readonly SummaryColumn[] ServiceColumns =
    [
        new("members", "报到党员数"),
        new("services", "服务次数", "服务情况"),
        new("days", "服务天数", "服务情况"),
        new("hours", "服务时长（小时）", "服务情况", SummaryFormat.Decimal1),
        new("meeting", "达标人数", "年度要求"),
        new("meetingRate", "达标率", "年度要求", SummaryFormat.Percent1) { RatioOf = ("meeting", "members") },
        new("posts", "认领岗位", "认岗与心愿"),
        new("wishes", "完成心愿", "认岗与心愿"),
        new("paired", "结对户数", "联系群众"),
        new("visited", "走访户数", "联系群众"),
        new("visits", "走访次数", "联系群众"),
        new("suggestions", "合理建议"),
        new("excellent", "优秀", "反馈评议等次"),
        new("qualified", "合格", "反馈评议等次"),
        new("basic", "基本合格", "反馈评议等次"),
        new("unqualified", "不合格", "反馈评议等次"),
        new("vetoes", "一票否决"),
    ];

    /// <summary>The 报到 table's views: 按单位, 按社区.</summary>
    public static IReadOnlyList<SummaryView> Reporting(ReportingSummary summary) =>
    [
        SummaryView.Of("reporting-units", ReportingTitle + "（按单位）", "报到情况（按单位）", "单位", UnitReportingColumns, summary.ByUnit, (f, total) =>
        [
            f.VerifiedCount, f.MembersInPortal, f.Denominator, f.LettersIssued, f.Reported, Ratio(f.Reported, f.Denominator), f.Receipts, f.Late,
            f.Withdrawn, total || f.Denominator == 0 ? null : f.Met,
        ]),
        SummaryView.Of("reporting-communities", ReportingTitle + "（按社区）", "报到情况（按社区）", "社区", CommunityReportingColumns, summary.ByCommunity,
            (f, total) =>
            [
                f.InServiceResidents, f.SelfManagedResidents, f.FloatingResidents, f.LettersReceived, f.Reported, Ratio(f.Reported, f.InServiceResidents),
                f.Late, f.ReceiptsSent, f.ReceiptsReceived, f.Withdrawn, total || f.InServiceResidents == 0 ? null : f.Met,
            ]),
    ];

    /// <summary>The 服务群众 table's views: 按单位, 按社区.</summary>
    public static IReadOnlyList<SummaryView> Service(ServiceSummary summary) =>
    [
        SummaryView.Of("service-units", ServiceTitle + "（按单位）", "服务群众情况（按单位）", "单位", ServiceColumns, summary.ByUnit, ServiceValues),
        SummaryView.Of("service-communities", ServiceTitle + "（按社区）", "服务群众情况（按社区）", "社区", ServiceColumns, summary.ByCommunity, ServiceValues),
    ];

    /// <summary>The official records of the views of one table (报到 or 服务), with the table's serial.</summary>
    public static IEnumerable<SummaryTableRecord> Records(IEnumerable<SummaryView> views, string table, SummaryFilter.Resolved filter) =>
        views.Select(v => v.ToRecord(filter, Serial(table, filter)));

    private static object?[] ServiceValues(ServiceFigures f, bool total) =>
    [
        f.Members, f.Services, f.Days, f.Hours, f.MeetingRequirements, Ratio(f.MeetingRequirements, f.Members), f.PostsClaimed, f.WishesFulfilled,
        f.HouseholdsPaired, f.HouseholdsVisited, f.Visits, f.Suggestions, f.Excellent, f.Qualified, f.BasicallyQualified, f.Unqualified, f.Vetoes,
    ];

    private static decimal? Ratio(int numerator, int denominator) => denominator == 0 ? null : (decimal)numerator / denominator;
}
