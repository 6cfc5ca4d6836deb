using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Evaluation;

/// <summary>
/// 党员评议 of a community on a published member rubric (seed 002's 五带头): the community's sessions with their progress,
/// opening one (the community's members — all by default, or those picked — become the targets; the secretary the scorer),
/// the ranking of a session's members, and locking it once every member has every item and part scored.
/// </summary>
public sealed class EvaluationSessions(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record Row(Guid Id, string Title, string RubricName, int Year, int Targets, ScoringSessionStatus Status, int Scored, int Total);

    public sealed record RubricOption(Guid Id, string Name, int Year, string Weights);

    public sealed record MemberOption(Guid Id, string Name, MemberCategory Category);

    public sealed record ListPage(int DefaultYear, IReadOnlyList<Row> Sessions, IReadOnlyList<RubricOption> Rubrics, IReadOnlyList<MemberOption> Members);

    public sealed record RankingRow(TargetTotal Totals, string Name, MemberCategory? Category);

    public sealed record SessionPage(ScoringSession Session, Rubric Rubric, IReadOnlyList<RankingRow> Ranking, int Scored, int Total);

    /// <summary>The outcome of a POST: the flash (ok) or the error, and the session to go back to (null: the list).</summary>
    public sealed record Outcome(bool Ok, string Message, Guid? SessionId);

    /// <summary>How a member rubric weighs its parts, e.g. 「组织点评50%、党员互评25%、群众评议25%」.</summary>
    public static string WeightsOf(Rubric rubric) => string.Join("、", rubric.Parts.Select(p => $"{p.Text()}{rubric.WeightOf(p)}%"));

    /// <summary>The community's member-rubric sessions, the published member rubrics and the community's members. Null: not a community.</summary>
    public async Task<ListPage?> ListAsync()
    {
        if (EvaluationQueries.CommunityOf(db) is not { } community) return null;
        var memberRubrics = db.Rubrics.Where(r => r.Target == RubricTarget.Member).Select(r => r.Id);
        var sessions = await db.ScoringSessions.AsNoTracking()
            .Where(s => s.OrganizationId == community && memberRubrics.Contains(s.RubricId))
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.CreatedAt).ToListAsync();
        var ids = sessions.Select(s => s.Id).ToList();
        var targets = await db.ScoringTargets.Where(t => ids.Contains(t.SessionId))
            .GroupBy(t => t.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var scored = await db.Scores.Where(s => ids.Contains(s.SessionId))
            .GroupBy(s => s.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var rubricIds = sessions.Select(s => s.RubricId).Distinct().ToList();
        var rubrics = await db.Rubrics.AsNoTracking().Where(r => rubricIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var items = await db.RubricItems.Where(i => rubricIds.Contains(i.RubricId))
            .GroupBy(i => i.RubricId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var rows = sessions.Select(s =>
        {
            var rubric = rubrics[s.RubricId];
            var count = targets.GetValueOrDefault(s.Id);
            return new Row(s.Id, s.Title, rubric.Name, s.Year, count, s.Status, scored.GetValueOrDefault(s.Id),
                count * items.GetValueOrDefault(s.RubricId) * rubric.Parts.Count);
        }).ToList();
        var options = (await db.Rubrics.AsNoTracking()
                .Where(r => r.Status == RubricStatus.Published && r.Target == RubricTarget.Member)
                .OrderByDescending(r => r.Year).ThenBy(r => r.Name).ToListAsync())
            .Select(r => new RubricOption(r.Id, r.Name, r.Year, WeightsOf(r))).ToList();
        var members = await EvaluationQueries.Members(db, community).Select(m => new MemberOption(m.Id, m.Name, m.Category)).ToListAsync();
        return new ListPage(Clock.TodayInChina(time).Year, rows, options, members);
    }

    /// <summary>Opens a session of the secretary's community: the picked members (they must be the community's) are the targets.</summary>
    public async Task<Outcome> OpenAsync(Guid? rubricId, int year, string? title, IReadOnlyCollection<Guid> memberIds)
    {
        var scope = db.Scope;
        if (EvaluationQueries.CommunityOf(db) is not { } community || scope.UserId is not { } userId)
        {
            return new Outcome(false, "只有社区书记可以发起党员评议", null);
        }
        if (year is < RubricRules.MinYear or > RubricRules.MaxYear) return new Outcome(false, $"年度应在{RubricRules.MinYear}至{RubricRules.MaxYear}之间", null);
        var rubric = rubricId is { } id ? await EvaluationQueries.RubricAsync(db, id) : null;
        if (rubric is not { Status: RubricStatus.Published, Target: RubricTarget.Member }) return new Outcome(false, "请选择已发布的党员考评细则", null);
        if (memberIds.Count == 0) return new Outcome(false, "请至少选择一名党员作为考评对象", null);
        var picked = memberIds.ToHashSet();
        var members = await EvaluationQueries.Members(db, community).Where(m => picked.Contains(m.Id)).ToListAsync();
        if (members.Count != picked.Count) return new Outcome(false, "所选党员不是本社区的在册党员，请刷新后重新选择", null);
        var (session, error) = await Scoring.SessionOpening.SaveAsync(db, rubric, year, title, community, s =>
        {
            foreach (var member in members) s.AddTarget(rubric, member);
        });
        return session is null ? new Outcome(false, error!, null)
            : new Outcome(true, $"已发起党员评议“{session.Title}”，考评对象{members.Count}名党员", session.Id);
    }

    /// <summary>The session with the ranking of its members. Null: not found, not the community's, or not a member rubric.</summary>
    public async Task<SessionPage?> DetailAsync(Guid id)
    {
        if (await EvaluationQueries.OwnSessionAsync(db, id, tracking: false) is not { } found) return null;
        var (session, rubric) = found;
        var scores = await db.Scores.AsNoTracking().Where(s => s.SessionId == id).ToListAsync();
        var names = await EvaluationQueries.MemberNamesAsync(db, session.Targets);
        var byTarget = session.Targets.ToDictionary(t => t.Id);
        var ranking = ScoreTotals.Compute(rubric, OrderedTargets(session.Targets, names).Select(t => t.Id), scores)
            .Select(t =>
            {
                var target = byTarget[t.TargetId];
                MemberCategory? category = target.MemberId is { } m && names.TryGetValue(m, out var info) ? info.Category : null;
                return new RankingRow(t, EvaluationQueries.NameOf(target, names), category);
            })
            .ToList();
        return new SessionPage(session, rubric, ranking, scores.Count, session.Targets.Count * rubric.Items.Count() * rubric.Parts.Count);
    }

    /// <summary>Locks a complete session; refused with the domain's message while scores are missing. Null: not found.</summary>
    public async Task<Outcome?> LockAsync(Guid id)
    {
        if (await EvaluationQueries.OwnSessionAsync(db, id, tracking: true) is not { } found) return null;
        var (session, rubric) = found;
        try
        {
            var scores = await db.Scores.AsNoTracking().Where(s => s.SessionId == id).ToListAsync();
            session.Lock(rubric, scores, db.Scope.UserName, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, e.Message, id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, "该评议已被他人修改，请刷新后重试", id);
        }
        return new Outcome(true, $"党员评议“{session.Title}”已锁定", id);
    }

    /// <summary>Targets in name order, so equal totals keep a stable, readable order in the ranking.</summary>
    private static IEnumerable<ScoringTarget> OrderedTargets(IEnumerable<ScoringTarget> targets, IReadOnlyDictionary<Guid, (string Name, MemberCategory Category)> names) =>
        targets.OrderBy(t => EvaluationQueries.NameOf(t, names), StringComparer.Ordinal).ThenBy(t => t.Id);
}
