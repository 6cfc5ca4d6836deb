using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Reporting;

/// <summary>
/// The county's settings for one reporting year: the 报到 deadline and the reporting-rate threshold.
/// Members who report after the deadline are marked late, not refused.
/// </summary>
public class ReportingYear : EditableEntity
{
    public int Year { get; set; }
    /// <summary>报到截止日期 (seed 000: 10 April; seed 003: 15 May).</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>报到率要求 in percent (seed 000: 90; seed 003: 100 for county departments).</summary>
    public int ThresholdPercent { get; set; }
    /// <summary>Which preset the settings came from, if any.</summary>
    public string? Preset { get; set; }
    public string? Notes { get; set; }
}

/// <summary>The presets of the policy texts.</summary>
public static class ReportingPresets
{
    public sealed record Preset(string Key, string Name, int DeadlineMonth, int DeadlineDay, int ThresholdPercent, string Source);

    public static readonly IReadOnlyList<Preset> All =
    [
        new("seed000", "市创先争优方案（4月10日前报到，报到率90%）", 4, 10, 90, "在职党员进社区活动方案"),
        new("seed003", "凤翔县安排意见（5月15日前报到，报到率100%）", 5, 15, 100, "凤组发〔2014〕42号"),
    ];

    public static Preset? Find(string? key) => All.FirstOrDefault(p => p.Key == key);
}
