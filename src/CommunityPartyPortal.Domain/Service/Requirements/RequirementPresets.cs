namespace CommunityPartyPortal.Domain.Service.Requirements;

/// <summary>
/// The annual requirement sets of the policy texts. The county picks one for a year; <see cref="Create"/>
/// turns it into <see cref="RequirementRule"/> rows it may then edit.
/// </summary>
public static class RequirementPresets
{
    /// <summary>One rule of a preset, without a year.</summary>
    /// <param name="Kind">What is measured.</param>
    /// <param name="Minimum">The count required (days, services, posts, suggestions, activities, households, recognitions).</param>
    /// <param name="AlternativeMinimum">For <see cref="RequirementKind.ServicesOrHours"/>: the minutes that also satisfy the rule.</param>
    /// <param name="Label">The rule as the policy text words it (shown to users).</param>
    public sealed record RuleTemplate(RequirementKind Kind, int Minimum, int? AlternativeMinimum, string Label);

    /// <param name="Key">Stable key, stored in <see cref="RequirementRule.Preset"/>.</param>
    /// <param name="Name">Shown in the preset picker.</param>
    /// <param name="Source">The policy text the preset comes from.</param>
    /// <param name="Rules">The rules, in display order.</param>
    public sealed record Preset(string Key, string Name, string Source, IReadOnlyList<RuleTemplate> Rules);

    public const string Seed000 = "seed000";
    public const string Seed003 = "seed003";
    public const string Seed003Basic = "seed003-basic";

    private const string Seed000Source = "在职党员进社区活动方案";
    private const string Seed003Source = "凤组发〔2014〕42号";

    private static readonly RuleTemplate ServicesOrHours =
        new(RequirementKind.ServicesOrHours, 2, 8 * 60, "每年至少参加2次以上或不少于8小时的服务居民群众活动");

    public static readonly IReadOnlyList<Preset> All =
    [
        new(Seed000, "市创先争优方案（每年参加社区活动不少于5天）", Seed000Source,
        [
            new(RequirementKind.DistinctDays, 5, null, "每年参加社区活动时间不少于5天"),
        ]),
        new(Seed003, "凤翔县安排意见（2次或8小时，“五个一”）", Seed003Source,
        [
            ServicesOrHours,
            new(RequirementKind.PostClaimed, 1, null, "认领一个服务岗位"),
            new(RequirementKind.Suggestion, 1, null, "提出一条合理建议"),
            new(RequirementKind.PublicWelfareActivity, 1, null, "参加一次公益活动"),
            new(RequirementKind.HouseholdVisitedMonthly, 1, null, "联系一户困难家庭，每月至少走访一次"),
            new(RequirementKind.ServiceModel, 1, null, "争当一名服务标兵"),
        ]),
        new(Seed003Basic, "凤翔县安排意见（仅2次或8小时）", Seed003Source,
        [
            ServicesOrHours,
        ]),
    ];

    public static Preset? Find(string? key) => All.FirstOrDefault(p => p.Key == key);

    /// <summary>New (unsaved) rules of the preset for <paramref name="year"/>, with ordinals 1, 2, … in the preset's order.</summary>
    /// <exception cref="ArgumentException">No preset has that key.</exception>
    public static IReadOnlyList<RequirementRule> Create(string key, int year)
    {
        var preset = Find(key) ?? throw new ArgumentException($"Unknown requirement preset '{key}'.", nameof(key));
        return preset.Rules
            .Select((t, i) => new RequirementRule
            {
                Year = year,
                Kind = t.Kind,
                Minimum = t.Minimum,
                AlternativeMinimum = t.AlternativeMinimum,
                Ordinal = i + 1,
                Label = t.Label,
                Preset = preset.Key,
            })
            .ToList();
    }
}
