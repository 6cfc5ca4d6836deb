using System.Globalization;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Evaluation;

/// <summary>
/// The evaluation sheet of one member: per rubric item one score per part the rubric weighs (组织点评, 党员互评, 群众评议), the
/// 组织点评's comment, and the item's weighted value once its parts are in. 党员互评 and 群众评议 are collected on paper and
/// entered by the community as averages. Saving writes every entered score or nothing (the first refused one's message is
/// returned); each shown score's version is posted back, so a score changed by someone else meanwhile is not overwritten.
/// </summary>
public sealed class MemberScoring(PortalDbContext db) : IUseCase
{
    /// <summary>Form field prefixes: points and version per part and item (<c>points-Peers-{itemId}</c>), comment per item.</summary>
    public const string PointsField = "points-";
    public const string VersionField = "version-";
    public const string CommentField = "comment-";

    public const string Stale = "评分已被他人修改，请刷新后重试";

    public sealed record ItemRow(RubricCategory Category, RubricItem Item, IReadOnlyDictionary<ScorePart, Score> Scores, decimal? Weighted);

    public sealed record SheetPage(ScoringSession Session, Rubric Rubric, ScoringTarget Target, string MemberName, MemberCategory? Category,
        IReadOnlyList<ItemRow> Items, TargetTotal Totals, bool MayScore);

    /// <summary>One part of one item from the form: the points as typed, the version of the score shown (blank: none), the comment.</summary>
    public sealed record Entry(Guid ItemId, ScorePart Part, string? Points, string? Version, string? Comment);

    public sealed record Outcome(bool Ok, string Message);

    /// <summary>The field name of a part of an item.</summary>
    public static string Field(string prefix, ScorePart part, Guid itemId) => $"{prefix}{part}-{itemId}";

    /// <summary>The entries of a posted sheet (fields with an unknown part or item id are ignored).</summary>
    public static List<Entry> EntriesOf(IFormCollection form)
    {
        var entries = new List<Entry>();
        foreach (var key in form.Keys.Where(k => k.StartsWith(PointsField, StringComparison.Ordinal)))
        {
            var rest = key[PointsField.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !Enum.TryParse<ScorePart>(rest[..dash], ignoreCase: false, out var part) || !Enum.IsDefined(part)
                || !Guid.TryParse(rest[(dash + 1)..], out var itemId)) continue;
            var comment = part == ScorePart.Organisation ? form[CommentField + itemId].ToString() : null;
            entries.Add(new Entry(itemId, part, form[key].ToString(), form[Field(VersionField, part, itemId)].ToString(), comment));
        }
        return entries;
    }

    /// <summary>The sheet. Null: no such session or target, or not the community's member evaluation.</summary>
    public async Task<SheetPage?> SheetAsync(Guid sessionId, Guid targetId)
    {
        if (await EvaluationQueries.OwnSessionAsync(db, sessionId, tracking: false) is not { } found) return null;
        var (session, rubric) = found;
        if (session.Targets.FirstOrDefault(t => t.Id == targetId) is not { } target) return null;
        var scores = await db.Scores.AsNoTracking().Where(s => s.SessionId == sessionId && s.TargetId == targetId).ToListAsync();
        var totals = ScoreTotals.Compute(rubric, [targetId], scores).Single();
        var byItem = scores.ToLookup(s => s.ItemId);
        var parts = rubric.Parts;
        var rows = rubric.Categories.OrderBy(c => c.No).SelectMany(c => c.Items.OrderBy(i => i.No).Select(i =>
        {
            var mine = byItem[i.Id].ToDictionary(s => s.Part);
            return new ItemRow(c, i, mine, parts.All(mine.ContainsKey) ? totals.ByItem[i.Id] : null);
        })).ToList();
        var names = await EvaluationQueries.MemberNamesAsync(db, [target]);
        MemberCategory? category = target.MemberId is { } m && names.TryGetValue(m, out var info) ? info.Category : null;
        var mayScore = !session.IsLocked && session.MayScore(db.Scope.UserId, county: false);
        return new SheetPage(session, rubric, target, EvaluationQueries.NameOf(target, names), category, rows, totals, mayScore);
    }

    /// <summary>Saves the entered scores of a member (blank entries are left unscored). Null: no such session or target.</summary>
    public async Task<Outcome?> SaveAsync(Guid sessionId, Guid targetId, IReadOnlyList<Entry> entries)
    {
        if (await EvaluationQueries.OwnSessionAsync(db, sessionId, tracking: true) is not { } found) return null;
        var (session, rubric) = found;
        if (session.Targets.All(t => t.Id != targetId)) return null;
        if (session.IsLocked) return new Outcome(false, "本次考评已锁定，不能再修改");
        var existing = await db.Scores.Where(s => s.SessionId == sessionId && s.TargetId == targetId).ToDictionaryAsync(s => (s.ItemId, s.Part));
        var items = rubric.Items.ToDictionary(i => i.Id);
        var scope = db.Scope;
        var added = new List<Score>();
        var saved = 0;
        try
        {
            foreach (var entry in entries.Where(e => items.ContainsKey(e.ItemId)).OrderBy(e => items[e.ItemId].No).ThenBy(e => e.Part))
            {
                var item = items[entry.ItemId];
                var score = existing.GetValueOrDefault((item.Id, entry.Part));
                if (!SameVersion(score, entry.Version))
                {
                    db.ChangeTracker.Clear();
                    return new Outcome(false, Stale);
                }
                if (string.IsNullOrWhiteSpace(entry.Points))
                {
                    if (score is not null) throw new AssessmentException($"第{item.No}项{entry.Part.Text()}已评分，请填写得分");
                    if (!string.IsNullOrWhiteSpace(entry.Comment)) throw new AssessmentException($"第{item.No}项填写了点评意见，请同时填写{entry.Part.Text()}得分");
                    continue;
                }
                if (!decimal.TryParse(entry.Points.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
                {
                    throw new AssessmentException($"第{item.No}项{entry.Part.Text()}的得分应为数字");
                }
                var result = session.SetScore(rubric, score, targetId, item.Id, entry.Part, points, entry.Comment,
                    scope.UserId, scope.UserName, county: false);
                if (score is null)
                {
                    db.Scores.Add(result);
                    added.Add(result);
                }
                saved++;
            }
            if (saved == 0) return new Outcome(false, "请至少填写一项得分");
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, Stale);
        }
        catch (DbUpdateException) when (added.Count > 0)
        {
            // Two sheets added the same score at once: the unique index refused the second.
            if (!await AnyEnteredMeanwhileAsync(targetId, added)) throw;
            return new Outcome(false, Stale);
        }
        return new Outcome(true, $"已保存{saved}项评分");
    }

    /// <summary>
    /// The posted version is the score's: blank for a score the sheet showed unscored (so none may exist now), the score's
    /// version otherwise (the score stays tracked with it as the original, so a change during the save fails too).
    /// </summary>
    private bool SameVersion(Score? score, string? posted)
    {
        if (score is null) return string.IsNullOrWhiteSpace(posted);
        if (!Guid.TryParse(posted, out var version) || version != score.Version) return false;
        db.Entry(score).Property(s => s.Version).OriginalValue = version;
        return true;
    }

    private async Task<bool> AnyEnteredMeanwhileAsync(Guid targetId, IReadOnlyList<Score> added)
    {
        db.ChangeTracker.Clear();
        var keys = added.Select(s => (s.ItemId, s.Part)).ToHashSet();
        var now = await db.Scores.AsNoTracking().Where(s => s.TargetId == targetId).Select(s => new { s.ItemId, s.Part }).ToListAsync();
        return now.Any(s => keys.Contains((s.ItemId, s.Part)));
    }
}
