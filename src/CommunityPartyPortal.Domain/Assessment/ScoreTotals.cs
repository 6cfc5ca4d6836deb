namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>The result of one target: points per category and overall, the scores still missing, and the rank.</summary>
/// <param name="TargetId">The <see cref="ScoringTarget"/>.</param>
/// <param name="ByCategory">Points per <see cref="RubricCategory"/> id.</param>
/// <param name="ByItem">Points per <see cref="RubricItem"/> id (the weighted sum of the parts for a member rubric).</param>
/// <param name="Total">The sum of the categories.</param>
/// <param name="Missing">Scores (item × part) not entered yet; they count as 0 in the totals.</param>
/// <param name="Rank">1 for the highest total; equal totals share a rank (1, 1, 3).</param>
public sealed record TargetTotal(Guid TargetId, IReadOnlyDictionary<Guid, decimal> ByCategory, IReadOnlyDictionary<Guid, decimal> ByItem,
    decimal Total, int Missing, int Rank);

/// <summary>Totals and ranking of a session's targets.</summary>
public static class ScoreTotals
{
    /// <summary>
    /// The totals of every target, best first (ties in the order given). An item's points are its score, or for a member
    /// rubric the weighted sum of its parts: Σ weight × points ÷ 100 (e.g. 50% 组织点评 + 25% 党员互评 + 25% 群众评议).
    /// </summary>
    public static IReadOnlyList<TargetTotal> Compute(Rubric rubric, IEnumerable<Guid> targetIds, IEnumerable<Score> scores)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var byTarget = scores.ToLookup(s => s.TargetId);
        var parts = rubric.Parts;
        var totals = targetIds.Select(targetId =>
        {
            var mine = byTarget[targetId].ToDictionary(s => (s.ItemId, s.Part), s => s.Points);
            var byItem = new Dictionary<Guid, decimal>();
            var byCategory = new Dictionary<Guid, decimal>();
            var missing = 0;
            foreach (var category in rubric.Categories.OrderBy(c => c.No))
            {
                var sum = 0m;
                foreach (var item in category.Items.OrderBy(i => i.No))
                {
                    var value = 0m;
                    foreach (var part in parts)
                    {
                        if (mine.TryGetValue((item.Id, part), out var points)) value += points * rubric.WeightOf(part) / 100m;
                        else missing++;
                    }
                    byItem[item.Id] = value;
                    sum += value;
                }
                byCategory[category.Id] = sum;
            }
            return (targetId, byCategory, byItem, total: byCategory.Values.Sum(), missing);
        }).ToList();

        return totals
            .Select(t => new TargetTotal(t.targetId, t.byCategory, t.byItem, t.total, t.missing, 1 + totals.Count(o => o.total > t.total)))
            .OrderBy(t => t.Rank)
            .ToList();
    }
}
