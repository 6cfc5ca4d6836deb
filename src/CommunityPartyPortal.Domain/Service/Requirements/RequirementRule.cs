using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Service.Requirements;

/// <summary>The kinds of annual requirement a member's year is measured against.</summary>
public enum RequirementKind
{
    /// <summary>At least <c>Minimum</c> distinct days of community service (seed 000: 5).</summary>
    [Display(Name = "参加社区活动天数")] DistinctDays = 1,
    /// <summary>At least <c>Minimum</c> services or at least <c>AlternativeMinimum</c> minutes (seed 003: 2 or 8 h).</summary>
    [Display(Name = "服务次数或时长")] ServicesOrHours = 2,
    /// <summary>五个一: claim one post.</summary>
    [Display(Name = "认领一个岗位")] PostClaimed = 3,
    /// <summary>五个一: make one suggestion.</summary>
    [Display(Name = "提出一条建议")] Suggestion = 4,
    /// <summary>五个一: join one public-welfare activity.</summary>
    [Display(Name = "参加一次公益活动")] PublicWelfareActivity = 5,
    /// <summary>五个一: pair with one household and visit it every month of the pairing.</summary>
    [Display(Name = "联系一户困难家庭并每月走访")] HouseholdVisitedMonthly = 6,
    /// <summary>五个一: be recognised once as a service model.</summary>
    [Display(Name = "争当一次服务标兵")] ServiceModel = 7,
}

/// <summary>One rule of a year's requirement set, chosen by the county (presets in <see cref="RequirementPresets"/>).</summary>
public class RequirementRule : EditableEntity
{
    public int Year { get; set; }
    public RequirementKind Kind { get; set; }
    public int Minimum { get; set; }
    /// <summary>For <see cref="RequirementKind.ServicesOrHours"/>: the minutes that also satisfy the rule.</summary>
    public int? AlternativeMinimum { get; set; }
    public int Ordinal { get; set; }
    public required string Label { get; set; }
    public string? Preset { get; set; }
}
