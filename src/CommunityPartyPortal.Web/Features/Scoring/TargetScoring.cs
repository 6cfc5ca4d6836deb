using System.Globalization;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// The score sheet of one target of a session: the rubric's items with the entered score and comment, and for items with an
/// evidence key what the portal's records say (<see cref="AssessmentEvidence"/>) and the suggested score. Saving writes all
/// the entered items at once or nothing (the first refused item's message is returned).
/// </summary>
public sealed class TargetScoring(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record ItemRow(RubricCategory Category, RubricItem Item, Score? Score, Evidence? Evidence);

    public sealed record SheetPage(ScoringSession Session, Rubric Rubric, ScoringTarget Target, string TargetName, IReadOnlyList<ItemRow> Items, bool MayScore);

    /// <summary>One item's entry from the form: the points as typed and the comment.</summary>
    public sealed record Entry(Guid ItemId, string? Points, string? Comment);

    /// <summary>The outcome of a save: the flash (ok) or the error.</summary>
    public sealed record Outcome(bool Ok, string Message);

    /// <summary>The part scored by a community rubric (organisation rubrics score this part only).</summary>
    private const ScorePart Part = ScorePart.Organisation;

    /// <summary>The sheet. Null: no such session or target, or not visible.</summary>
    public async Task<SheetPage?> SheetAsync(Guid sessionId, Guid targetId)
    {
        var session = await db.ScoringSessions.AsNoTracking().Include(s => s.Targets).Include(s => s.Scorers).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId);
        var target = session?.Targets.FirstOrDefault(t => t.Id == targetId);
        if (session is null || target is null) return null;
        var rubric = await LoadRubricAsync(session.RubricId);
        if (rubric is null || rubric.Target == RubricTarget.Member) return null;
        var scores = await db.Scores.AsNoTracking().Where(s => s.SessionId == sessionId && s.TargetId == targetId && s.Part == Part)
            .ToDictionaryAsync(s => s.ItemId);
        var name = target.OrganizationId is { } org
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync() ?? ""
            : "";
        EvidenceSet? evidence = null;
        if (target.CommunityId is { } community && rubric.Items.Any(i => i.EvidenceKey is not null))
        {
            evidence = await AssessmentEvidence.ForCommunitiesAsync(db, [community], session.Year, Clock.TodayInChina(time));
        }
        var rows = rubric.Categories.OrderBy(c => c.No).SelectMany(c => c.Items.OrderBy(i => i.No).Select(i =>
            new ItemRow(c, i, scores.GetValueOrDefault(i.Id), target.CommunityId is { } cid ? evidence?.For(cid, i.EvidenceKey) : null))).ToList();
        var mayScore = !session.IsLocked && session.MayScore(db.Scope.UserId, db.Scope.SeesEverything);
        return new SheetPage(session, rubric, target, name, rows, mayScore);
    }

    /// <summary>Saves the entered scores of a target (blank entries are left unscored). Null: no such session or target.</summary>
    public async Task<Outcome?> SaveAsync(Guid sessionId, Guid targetId, IReadOnlyList<Entry> entries)
    {
        var session = await db.ScoringSessions.Include(s => s.Targets).Include(s => s.Scorers).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId);
        if (session is null || session.Targets.All(t => t.Id != targetId)) return null;
        var rubric = await LoadRubricAsync(session.RubricId);
        if (rubric is null || rubric.Target == RubricTarget.Member) return null;
        var existing = await db.Scores.Where(s => s.SessionId == sessionId && s.TargetId == targetId && s.Part == Part).ToDictionaryAsync(s => s.ItemId);
        var items = rubric.Items.ToDictionary(i => i.Id);
        var scope = db.Scope;
        var saved = 0;
        try
        {
            foreach (var entry in entries.Where(e => items.ContainsKey(e.ItemId)).OrderBy(e => items[e.ItemId].No))
            {
                var item = items[entry.ItemId];
                if (string.IsNullOrWhiteSpace(entry.Points))
                {
                    if (existing.ContainsKey(item.Id)) throw new AssessmentException($"第{item.No}项已评分，请填写得分");
                    if (!string.IsNullOrWhiteSpace(entry.Comment)) throw new AssessmentException($"第{item.No}项填写了评分说明，请同时填写得分");
                    continue;
                }
                if (!decimal.TryParse(entry.Points.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
                {
                    throw new AssessmentException($"第{item.No}项的得分应为数字");
                }
                var score = session.SetScore(rubric, existing.GetValueOrDefault(item.Id), targetId, item.Id, Part, points, entry.Comment,
                    scope.UserId, scope.UserName, scope.SeesEverything);
                if (!existing.ContainsKey(item.Id)) db.Scores.Add(score);
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
            return new Outcome(false, "评分已被他人修改，请刷新后重试");
        }
        return new Outcome(true, $"已保存{saved}项评分");
    }

    private Task<Rubric?> LoadRubricAsync(Guid id) =>
        db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);
}
