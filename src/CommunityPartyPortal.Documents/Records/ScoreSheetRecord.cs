using System.Globalization;

namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// The score sheet (考评评分表) of one target (a community, a street, a unit or a member) in one scoring session: the
/// rubric's categories and items as the paper 考评细则 lays them out (seed 001 attachment), with the score, the scorer's
/// comment and the portal's computed evidence beside each item. Strings are display-ready; the subtotals and the
/// total are the sums of the item scores, so the sheet always adds up.
/// </summary>
/// <param name="Serial">编号 of the sheet.</param>
/// <param name="RubricName">The rubric (e.g. 吴中区“六位一体”社区党建机制考评细则); the title is 「{RubricName}评分表」.</param>
/// <param name="Issuer">Who issued the rubric (e.g. 中共苏州市吴中区委组织部).</param>
/// <param name="Year">考评年度.</param>
/// <param name="SessionTitle">The scoring session (考评活动, e.g. 2026年度社区党建工作考评).</param>
/// <param name="Target">考评对象: the community (street, unit, member) scored.</param>
/// <param name="IssuedBy">The scoring organisation (the street or the county that opened the session); it seals the sheet.</param>
/// <param name="IssuedOn">The sheet's date (the day the session was locked, or the day a draft was printed).</param>
/// <param name="Locked">Whether the session is locked (final); an unlocked sheet is marked 「草稿（未锁定）」 on every page.</param>
/// <param name="Categories">The rubric's categories in order, each with its items.</param>
public sealed record ScoreSheetRecord(
    string Serial,
    string RubricName,
    string Issuer,
    int Year,
    string SessionTitle,
    string Target,
    string IssuedBy,
    DateOnly IssuedOn,
    bool Locked,
    IReadOnlyList<ScoreSheetCategory> Categories)
{
    /// <summary>The target's rank in the session (ties share a rank), or null when not ranked (a draft, say).</summary>
    public int? Rank { get; init; }

    /// <summary>How many targets the session ranks (the N of 「第 r 名（共 N 个）」).</summary>
    public int? RankOf { get; init; }

    /// <summary>The full marks: the sum of the categories' points (100 for seed 001).</summary>
    public decimal Points => Categories.Sum(c => c.Points);

    /// <summary>总分: the sum of the categories' subtotals (items not scored count as nothing).</summary>
    public decimal Total => Categories.Sum(c => c.Subtotal);

    /// <summary>Items without a score, over every category.</summary>
    public int Unscored => Categories.Sum(c => c.Unscored);

    /// <summary>Items in all.</summary>
    public int ItemCount => Categories.Sum(c => c.Items.Count);

    /// <summary>「第2名（共6个）」, or null when the sheet has no rank.</summary>
    public string? RankText => Rank is { } rank
        ? RankOf is { } of ? $"第{ScoreText.Number(rank)}名（共{ScoreText.Number(of)}个）" : $"第{ScoreText.Number(rank)}名"
        : null;

    /// <summary>
    /// Throws when the sheet cannot be printed: no category, a category without items, a score below 0 or above its
    /// item's points, points not above 0, or a rank outside 1..N.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem found, naming the item.</exception>
    public void EnsurePrintable()
    {
        if (Categories.Count == 0)
        {
            throw new ArgumentException($"Score sheet {Serial}: the rubric has no category.", nameof(Categories));
        }

        foreach (var category in Categories)
        {
            if (category.Items.Count == 0)
            {
                throw new ArgumentException($"Score sheet {Serial}: category {category.No} ({category.Name}) has no item.", nameof(Categories));
            }

            foreach (var item in category.Items)
            {
                if (item.Points <= 0)
                {
                    throw new ArgumentException($"Score sheet {Serial}: item {item.No} has {item.Points} points.", nameof(Categories));
                }

                if (item.Score is { } score && (score < 0 || score > item.Points))
                {
                    throw new ArgumentException($"Score sheet {Serial}: item {item.No} is scored {score}, outside 0 to {item.Points}.", nameof(Categories));
                }
            }
        }

        if (Rank is { } rank && (rank < 1 || (RankOf is { } of && rank > of)))
        {
            throw new ArgumentException($"Score sheet {Serial}: rank {rank} is outside 1 to {RankOf}.", nameof(Rank));
        }
    }
}

/// <summary>One category (类别) of the rubric on a score sheet.</summary>
/// <param name="No">Its number in the rubric (1 to 6 in seed 001).</param>
/// <param name="Name">类别 (e.g. 建立健全社区干部培养管理机制).</param>
/// <param name="Points">Its points (分值, e.g. 20).</param>
/// <param name="Items">Its items in order.</param>
public sealed record ScoreSheetCategory(int No, string Name, decimal Points, IReadOnlyList<ScoreSheetItem> Items)
{
    /// <summary>小计: the sum of the items' scores (items not scored count as nothing).</summary>
    public decimal Subtotal => Items.Sum(i => i.Score ?? 0);

    /// <summary>Items of the category without a score.</summary>
    public int Unscored => Items.Count(i => i.Score is null);

    /// <summary>「建立健全社区干部培养管理机制（20分）」.</summary>
    public string Caption => $"{Name}（{ScoreText.Format(Points)}分）";
}

/// <summary>One item (考评内容) of the rubric with its score.</summary>
/// <param name="No">序号: its number in the rubric (1 to 23 in seed 001, running over the categories).</param>
/// <param name="Text">考评内容 (it wraps).</param>
/// <param name="Points">分值.</param>
/// <param name="Score">得分, between 0 and <paramref name="Points"/>; null when not scored yet (left blank).</param>
/// <param name="Comment">评分说明: the scorer's comment, optional.</param>
/// <param name="Evidence">The portal's computed evidence for the item (seed 001 items 13–17), one line, optional.</param>
public sealed record ScoreSheetItem(int No, string Text, decimal Points, decimal? Score, string? Comment = null, string? Evidence = null);

/// <summary>Points and scores as the documents print them.</summary>
public static class ScoreText
{
    /// <summary>A score or points without trailing zeros: 6 → "6", 5.50 → "5.5", 4.25 → "4.25".</summary>
    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A score, or empty when not scored.</summary>
    public static string Format(decimal? value) => value is { } v ? Format(v) : string.Empty;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
