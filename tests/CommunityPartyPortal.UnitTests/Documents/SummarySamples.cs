using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.UnitTests.Documents;

/// <summary>
/// Summary tables with known figures: 报到情况（按单位）, two departments' units (one unit below the threshold,
/// highlighted) and a department with no unit yet (an empty group); and a smaller 按社区 table without groups of columns.
/// </summary>
internal static class SummarySamples
{
    public const string UnitTitle = "在职党员进社区报到情况汇总表（按单位）";
    public const string CommunityTitle = "在职党员进社区报到情况汇总表（按社区）";
    public const string IssuedBy = "中共某某县委组织部";
    public static readonly DateOnly AsOf = new(2026, 11, 30);

    /// <summary>C..O after 序号 (A) and 单位 (B): the grades under 反馈评议等次 (G:J), 达标人数 and 达标率 under 年度要求 (K:L).</summary>
    public static readonly SummaryColumn[] UnitColumns =
    [
        new("members", "在职党员数"),
        new("letters", "开具报到函"),
        new("reported", "已报到"),
        new("rate", "报到率", Format: SummaryFormat.Percent1) { RatioOf = ("reported", "members") },
        new("excellent", "优秀", "反馈评议等次"),
        new("pass", "合格", "反馈评议等次"),
        new("basic", "基本合格", "反馈评议等次"),
        new("fail", "不合格", "反馈评议等次"),
        new("met", "达标人数", "年度要求"),
        new("metRate", "达标率", "年度要求", SummaryFormat.Percent1) { RatioOf = ("met", "members") },
        new("hours", "服务时长（小时）", Format: SummaryFormat.Decimal1),
        new("reached", "报到率达标", Format: SummaryFormat.YesNo),
        new("note", "备注", Format: SummaryFormat.Text),
    ];

    public static SummaryRow Unit(string name, int members, int letters, int reported, int[] grades, int met, decimal hours, string? note = null)
    {
        var rate = members == 0 ? (decimal?)null : (decimal)reported / members;
        var reached = rate >= 0.9m;
        object?[] values =
        [
            members, letters, reported, rate, grades[0], grades[1], grades[2], grades[3], met,
            members == 0 ? null : (decimal)met / members, hours, reached, note,
        ];
        return new SummaryRow(name, values, Highlight: !reached);
    }

    /// <summary>Rows 6–8 (财政), 11–12 (教育): the second 财政 unit (row 7) is below 90% and highlighted.</summary>
    public static SummaryRow[] Finance() =>
    [
        Unit("县财政局", 40, 40, 38, [10, 25, 3, 0], 30, 812.5m),
        Unit("县财政局国库支付中心", 20, 18, 15, [4, 10, 1, 0], 12, 240.3m, "3人报到函未回执"),
        Unit("县非税收入管理局", 10, 10, 10, [2, 8, 0, 0], 9, 150m),
    ];

    public static SummaryRow[] Education() =>
    [
        Unit("县教育局", 50, 50, 47, [12, 30, 4, 1], 41, 1005.2m),
        Unit("县实验小学", 30, 30, 28, [6, 20, 2, 0], 25, 480.9m),
    ];

    public static SummaryTableRecord UnitTable(IEnumerable<SummaryGroup>? groups = null) => new(
        "2026-汇总-0001", UnitTitle, IssuedBy, "全县", 2026, AsOf, "单位", UnitColumns,
        groups ?? [new SummaryGroup("县财政局系统", Finance()), new SummaryGroup("县教育局系统", Education()), new SummaryGroup("县卫健局系统", [])])
    {
        SheetName = "报到情况（按单位）",
    };

    public static SummaryTableRecord CommunityTable() => new(
        "2026-汇总-0002", CommunityTitle, IssuedBy, "全县", 2026, AsOf, "社区",
        [new SummaryColumn("members", "报到党员数"), new SummaryColumn("hours", "服务时长（小时）", Format: SummaryFormat.Decimal1)],
        [new SummaryGroup("城关街道", [new SummaryRow("幸福社区", [120, 2400.5m]), new SummaryRow("和平社区", [80, 1500.25m])])])
    {
        SheetName = "报到情况（按社区）",
    };

    /// <summary>A long table: <paramref name="perGroup"/> units in each of two departments.</summary>
    public static SummaryTableRecord LongTable(int perGroup) => UnitTable(
    [
        new SummaryGroup("县财政局系统", Units("财政", perGroup)),
        new SummaryGroup("县教育局系统", Units("教育", perGroup)),
        new SummaryGroup("县卫健局系统", []),
    ]);

    public static IEnumerable<SummaryRow> Units(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => Unit(
            $"{prefix}单位{i.ToString(CultureInfo.InvariantCulture)}", 10 + (i % 7), 10 + (i % 7), 9 + (i % 7) - (i % 5 == 0 ? 3 : 0),
            [i % 3, 5, 1, 0], 8, 100.5m + i));
}
