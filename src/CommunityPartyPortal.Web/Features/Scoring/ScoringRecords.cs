using System.Globalization;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// Everything of one scoring session the documents need, read once: the session, its rubric, ALL its targets (in serial
/// order) and scores, the totals and ranks over every target, the targets' names, who issues the documents and when.
/// </summary>
/// <param name="IssuedBy">The name of the organisation that opened the session (street, community or county).</param>
/// <param name="IssuedOn">The lock day (China date) of a locked session, else today (China date).</param>
internal sealed record ScoringSessionData(
    ScoringSession Session,
    Rubric Rubric,
    IReadOnlyList<ScoringTarget> Targets,
    IReadOnlyList<Score> Scores,
    IReadOnlyList<TargetTotal> Totals,
    IReadOnlyDictionary<Guid, string> Names,
    string IssuedBy,
    DateOnly IssuedOn)
{
    public TargetTotal TotalOf(Guid targetId) => Totals.First(t => t.TargetId == targetId);

    public string NameOf(Guid targetId) => Names.GetValueOrDefault(targetId, "");

    /// <summary>The target's 1-based place in <see cref="Targets"/> (the order of the serials).</summary>
    public int OrderOf(Guid targetId) => Targets.ToList().FindIndex(t => t.Id == targetId) + 1;
}

/// <summary>
/// Maps a session's data to the document records: <see cref="ScoreSheetRecord"/> (the PDF) and <see cref="RankingRow"/>s (the
/// .xlsx). Pure functions, no database.
/// </summary>
internal static class ScoringRecords
{
    /// <summary>The document type of a score sheet's serial: 2026-考评-3F9A1C2B-001.</summary>
    public const string SerialType = "考评";

    /// <summary>
    /// The serial (编号) of a target's sheet, derived and never stored, so every print of the same sheet carries the same
    /// number (no serial counter is taken per print): 「{session year}-考评-{session code}-{target order:000}」. The session
    /// code is the last 8 hex digits of the session's id (the random part of a v7 Guid: the leading digits are its
    /// timestamp and would repeat for sessions opened within a minute); the target order is the target's place, from 1,
    /// among all the session's targets ordered by their id (v7, time-ordered: the order they were added in). Targets are
    /// never removed from a session, so the order does not shift.
    /// </summary>
    public static string Serial(ScoringSession session, int order) =>
        string.Create(CultureInfo.InvariantCulture, $"{session.Year}-{SerialType}-{SessionCode(session.Id)}-{order:000}");

    /// <summary>The ASCII part of a serial for file names: 2026-3F9A1C2B-001.</summary>
    public static string AsciiSerial(ScoringSession session, int order) =>
        string.Create(CultureInfo.InvariantCulture, $"{session.Year}-{SessionCode(session.Id)}-{order:000}");

    public static string SessionCode(Guid sessionId) => sessionId.ToString("N", CultureInfo.InvariantCulture)[^8..].ToUpperInvariant();

    /// <summary>
    /// The sheet of one target. An item's score is the entered score (organisation rubrics), or for a member rubric the
    /// weighted value of its parts (<see cref="TargetTotal.ByItem"/>) once every part is entered, the comment then listing
    /// the parts: 「组织点评18 党员互评16 群众评议17；{comments}」. The rank is printed only on a locked sheet (a draft's
    /// rank counts missing scores as 0 and would mislead on paper).
    /// </summary>
    /// <param name="evidence">The evidence of the target's community (community targets), or null.</param>
    public static ScoreSheetRecord Sheet(ScoringSessionData data, Guid targetId, EvidenceSet? evidence)
    {
        var (session, rubric) = (data.Session, data.Rubric);
        var target = data.Targets.First(t => t.Id == targetId);
        var total = data.TotalOf(targetId);
        var mine = data.Scores.Where(s => s.TargetId == targetId).ToDictionary(s => (s.ItemId, s.Part));
        var parts = rubric.Parts;
        var community = target.OrganizationId is { } org && org == target.CommunityId ? org : (Guid?)null;
        var categories = rubric.Categories.OrderBy(c => c.No).Select(c => new ScoreSheetCategory(c.No, c.Name, c.Points,
            [.. c.Items.OrderBy(i => i.No).Select(i =>
            {
                var entered = parts.Select(p => (Part: p, Score: mine.GetValueOrDefault((i.Id, p)))).ToList();
                var complete = entered.All(e => e.Score is not null);
                decimal? score = complete ? total.ByItem.GetValueOrDefault(i.Id) : null;
                var line = community is { } cid && evidence?.For(cid, i.EvidenceKey) is { } e
                    ? $"{e.Explanation}，建议得分 {RubricRules.Points(e.SuggestedScore(i.Points))}"
                    : null;
                return new ScoreSheetItem(i.No, i.Text, i.Points, score, Comment(entered, parts.Count > 1), line);
            })])).ToList();
        var locked = session.IsLocked;
        return new ScoreSheetRecord(Serial(session, data.OrderOf(targetId)), rubric.Name, rubric.Issuer, session.Year, session.Title,
            data.NameOf(targetId), data.IssuedBy, data.IssuedOn, locked, categories)
        {
            Rank = locked ? total.Rank : null,
            RankOf = locked ? data.Targets.Count : null,
        };
    }

    /// <summary>The comment of an item: the scorer's comment, or with several parts the parts' points first (「未评」 when missing).</summary>
    private static string? Comment(IReadOnlyList<(ScorePart Part, Score? Score)> entered, bool weighted)
    {
        var comments = entered.Select(e => e.Score?.Comment).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToList();
        if (!weighted) return comments.Count == 0 ? null : string.Join("；", comments);
        if (entered.All(e => e.Score is null)) return null;
        var points = string.Join(" ", entered.Select(e => $"{e.Part.Text()}{(e.Score is { } s ? ScoreText.Format(s.Points) : "未评")}"));
        return comments.Count == 0 ? points : $"{points}；{string.Join("；", comments)}";
    }

    /// <summary>The rubric's categories as the ranking's columns.</summary>
    public static IReadOnlyList<RankingCategory> Categories(Rubric rubric) =>
        [.. rubric.Categories.OrderBy(c => c.No).Select(c => new RankingCategory(c.Name, c.Points))];

    /// <summary>
    /// The ranking's rows, best first (ties keep the serial order): the rank, the name and each category's points (null when
    /// nothing of the category is scored yet for the target).
    /// </summary>
    public static IReadOnlyList<RankingRow> Ranking(ScoringSessionData data)
    {
        var scored = data.Scores.Select(s => (s.TargetId, s.ItemId)).ToHashSet();
        var categories = data.Rubric.Categories.OrderBy(c => c.No).ToList();
        return [.. data.Totals.Select(t => new RankingRow(t.Rank, data.NameOf(t.TargetId),
            [.. categories.Select(c => c.Items.Any(i => scored.Contains((t.TargetId, i.Id))) ? t.ByCategory.GetValueOrDefault(c.Id) : (decimal?)null)]))];
    }
}
