namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// The feedback rhythms of the policy texts. The county picks one for a year; <see cref="Create"/> turns it into
/// the year's <see cref="FeedbackCycle"/> rows (open, unsaved), which it may then add to or remove from.
/// </summary>
public static class FeedbackCyclePresets
{
    /// <param name="Key">Stable key (the same keys as the requirement presets of the same texts).</param>
    /// <param name="Name">Shown in the preset picker.</param>
    /// <param name="Source">The policy text the preset comes from.</param>
    /// <param name="Periods">The periods whose every cycle the preset sets up, shortest first.</param>
    public sealed record Preset(string Key, string Name, string Source, IReadOnlyList<FeedbackPeriod> Periods);

    /// <summary>凤翔县安排意见: every quarter, and once for the year.</summary>
    public const string Seed003 = "seed003";

    /// <summary>市创先争优方案: every half-year (the summary to the city department), and once a year to the unit.</summary>
    public const string Seed000 = "seed000";

    public static readonly IReadOnlyList<Preset> All =
    [
        new(Seed003, "每季度反馈，年度反馈（凤翔县安排意见）", "凤组发〔2014〕42号", [FeedbackPeriod.Quarter, FeedbackPeriod.Year]),
        new(Seed000, "每半年反馈，年度反馈（市创先争优方案）", "在职党员进社区活动方案", [FeedbackPeriod.HalfYear, FeedbackPeriod.Year]),
    ];

    public static Preset? Find(string? key) => All.FirstOrDefault(p => p.Key == key);

    /// <summary>
    /// The cycles of the preset for <paramref name="year"/>, in the order they end (a cycle that ends with a longer one
    /// comes first: 第四季度 before 年度): seed003 gives the four quarters and the year, seed000 the two halves and the year.
    /// </summary>
    /// <exception cref="ArgumentException">No preset has that key.</exception>
    public static IReadOnlyList<FeedbackCycle> Create(string key, int year)
    {
        var preset = Find(key) ?? throw new ArgumentException($"Unknown feedback cycle preset '{key}'.", nameof(key));
        return preset.Periods
            .SelectMany(period => Enumerable.Range(1, FeedbackCycle.CountPerYear(period)).Select(n => FeedbackCycle.Create(year, period, n)))
            .OrderBy(c => c.EndsOn).ThenBy(c => c.Period)
            .ToList();
    }
}
