using System.ComponentModel.DataAnnotations;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>What a rubric scores.</summary>
public enum RubricTarget
{
    [Display(Name = "社区")] Community = 1,
    [Display(Name = "街道")] Street = 2,
    [Display(Name = "单位")] Unit = 3,
    [Display(Name = "党员")] Member = 4,
}

public enum RubricStatus
{
    /// <summary>Being edited by the county; not usable for scoring.</summary>
    [Display(Name = "草稿")] Draft = 1,
    /// <summary>Valid (<see cref="RubricRules.Problems"/> is empty) and frozen: sessions score against it.</summary>
    [Display(Name = "已发布")] Published = 2,
}

public enum ScoringSessionStatus
{
    [Display(Name = "评分中")] Open = 1,
    /// <summary>Final: every target has every item scored; nothing of the session changes any more.</summary>
    [Display(Name = "已锁定")] Locked = 2,
}

/// <summary>
/// The part of an evaluation a score belongs to (seed 002: 组织点评、党员互评、群众评议). Community, street and unit rubrics
/// use <see cref="Organisation"/> only; a member rubric weighs the three parts (<see cref="Rubric.OrganisationWeight"/> …).
/// </summary>
public enum ScorePart
{
    [Display(Name = "组织点评")] Organisation = 1,
    [Display(Name = "党员互评")] Peers = 2,
    [Display(Name = "群众评议")] Public = 3,
}

/// <summary>The evidence the portal computes from its own records for a rubric item (seed 001 items 13–17).</summary>
public static class EvidenceKeys
{
    /// <summary>Item 13: service posts set up and claimed.</summary>
    public const string Posts = "posts";
    /// <summary>Item 14: activities with check-in records.</summary>
    public const string Activities = "activities";
    /// <summary>Item 15: household pairings and their monthly visits.</summary>
    public const string Households = "households";
    /// <summary>Item 16: participation of the community's own members above 60% and a concentrated service every two months.</summary>
    public const string Participation = "participation";
    /// <summary>Item 17: the three rosters (自管、在职、流动) and the inflow/outflow cards.</summary>
    public const string Rosters = "rosters";

    public static readonly IReadOnlyList<string> All = [Posts, Activities, Households, Participation, Rosters];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.Ordinal);
}

/// <summary>
/// An assessment rule refused a change (a score above the item's points, a score on a locked session, a scorer who is not
/// one of the session's, an invalid rubric, …). The message is for the user (Chinese). Thrown by the domain methods and
/// again by <c>SaveChanges</c>, before anything is saved.
/// </summary>
public sealed class AssessmentException(string message) : InvalidOperationException(message);
