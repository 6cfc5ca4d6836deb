using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>
/// The rules of rubrics and scores, shared by the domain methods (<see cref="ScoringSession.SetScore"/>,
/// <see cref="ScoringSession.Lock"/>, <see cref="Rubric.Publish"/>) and <c>PortalDbContext.SaveChanges</c>, which checks every
/// assessment write again whatever the scope (the system scope too): a violation throws <see cref="AssessmentException"/>.
/// </summary>
public static class AssessmentRules
{
    /// <summary>Properties a save may change on a frozen row (stamped by the DbContext).</summary>
    public static readonly IReadOnlySet<string> Bookkeeping = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(EditableEntity.Version), nameof(EditableEntity.UpdatedAt),
    };

    /// <summary>A score's value: the part is scored by the rubric (weight above 0), 0 ≤ points ≤ the item's points, a short comment.</summary>
    /// <exception cref="AssessmentException">The value breaks a rule.</exception>
    public static void CheckScore(RubricItem item, int partWeight, ScorePart part, decimal points, string? comment)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Enum.IsDefined(part) || partWeight <= 0) throw new AssessmentException($"本考评细则不含{part.Text()}");
        if (points < 0) throw new AssessmentException($"第{item.No}项的得分不能为负数");
        if (points > item.Points) throw new AssessmentException($"第{item.No}项的得分不能超过该项分值{RubricRules.Points(item.Points)}分");
        if (decimal.Round(points, 2) != points) throw new AssessmentException("得分最多保留两位小数");
        if (comment is { Length: > Score.CommentMaxLength }) throw new AssessmentException($"评分说明不能超过{Score.CommentMaxLength}个字");
    }

    /// <summary>How many (target, item, part) scores the rubric needs and <paramref name="scores"/> lacks.</summary>
    public static int MissingScores(Rubric rubric, IReadOnlyCollection<Guid> targetIds, IEnumerable<Score> scores)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        return MissingScores(rubric.Items.Select(i => i.Id).ToList(), rubric.Parts, targetIds, scores);
    }

    /// <summary>How many (target, item, part) scores of <paramref name="itemIds"/> × <paramref name="parts"/> <paramref name="scores"/> lacks.</summary>
    public static int MissingScores(IReadOnlyCollection<Guid> itemIds, IReadOnlyCollection<ScorePart> parts, IReadOnlyCollection<Guid> targetIds, IEnumerable<Score> scores)
    {
        var have = scores.Select(s => (s.TargetId, s.ItemId, s.Part)).ToHashSet();
        return (from t in targetIds from i in itemIds from p in parts where !have.Contains((t, i, p)) select 1).Count();
    }
}
