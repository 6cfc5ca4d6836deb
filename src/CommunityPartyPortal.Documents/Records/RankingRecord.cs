namespace CommunityPartyPortal.Documents.Records;

/// <summary>A category of the rubric as a column of the session's ranking table (考评排名表).</summary>
/// <param name="Name">类别 (e.g. 建立健全社区干部培养管理机制).</param>
/// <param name="Points">Its points (分值, e.g. 20).</param>
public sealed record RankingCategory(string Name, decimal Points)
{
    /// <summary>The column header: 「建立健全社区干部培养管理机制（20分）」.</summary>
    public string Header => $"{Name}（{ScoreText.Format(Points)}分）";
}

/// <summary>
/// One target (a community, a street, a unit or a member) of a scoring session in the ranking table: its rank, its
/// name and its score in each category, in the order of the categories. The total is the sum of the category
/// scores, so a row always adds up.
/// </summary>
/// <param name="Rank">名次 (ties share a rank); null when not ranked.</param>
/// <param name="Target">单位/社区: the target's name.</param>
/// <param name="CategoryScores">The score of each category, in the order of the categories; null when the category is not scored at all.</param>
public sealed record RankingRow(int? Rank, string Target, IReadOnlyList<decimal?> CategoryScores)
{
    /// <summary>总分: the sum of the category scores, or null when no category is scored.</summary>
    public decimal? Total => CategoryScores.Any(s => s is not null) ? CategoryScores.Sum(s => s ?? 0) : null;
}
