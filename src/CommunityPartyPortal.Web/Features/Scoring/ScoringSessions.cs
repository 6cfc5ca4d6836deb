using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// Scoring sessions (考评) of a street or the county on a published community rubric: the list with progress, opening a
/// session (the street's communities, or every community for the county, become the targets; the opener a scorer), the
/// ranking of a session, and locking it. What a user sees is the scope's job (ScopeRules.Assessment).
/// </summary>
public sealed class ScoringSessions(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record Row(Guid Id, string Title, string RubricName, int Year, int Targets, ScoringSessionStatus Status, int Scored, int Total);

    public sealed record RubricOption(Guid Id, string Name, int Year);

    public sealed record ListPage(int DefaultYear, IReadOnlyList<Row> Sessions, IReadOnlyList<RubricOption> Rubrics);

    public sealed record RankingRow(TargetTotal Totals, string Name);

    public sealed record SessionPage(ScoringSession Session, Rubric Rubric, IReadOnlyList<RankingRow> Ranking, int Scored, int Total);

    /// <summary>The outcome of a POST: the flash (ok) or the error, and the session to go back to (null: the list).</summary>
    public sealed record Outcome(bool Ok, string Message, Guid? SessionId);

    public async Task<ListPage> ListAsync()
    {
        // Member evaluations (党员评议) are the community's own pages (/evaluation), not organisation scoring.
        var sessions = await db.ScoringSessions.AsNoTracking().Where(s => s.Rubric!.Target != RubricTarget.Member).OrderByDescending(s => s.Year).ThenByDescending(s => s.CreatedAt).ToListAsync();
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
        var options = await db.Rubrics.AsNoTracking()
            .Where(r => r.Status == RubricStatus.Published && r.Target == RubricTarget.Community)
            .OrderByDescending(r => r.Year).ThenBy(r => r.Name)
            .Select(r => new RubricOption(r.Id, r.Name, r.Year)).ToListAsync();
        return new ListPage(Clock.TodayInChina(time).Year, rows, options);
    }

    /// <summary>Opens a session of the user's street (its communities) or of the county (every community).</summary>
    public async Task<Outcome> OpenAsync(Guid? rubricId, int year, string? title)
    {
        var scope = db.Scope;
        if (scope.Kind is not (ScopeKind.County or ScopeKind.Street) || scope.OrganizationId is not { } org || scope.UserId is not { } userId)
        {
            return new Outcome(false, "只有街道或县级管理员可以发起考评", null);
        }
        if (year is < RubricRules.MinYear or > RubricRules.MaxYear) return new Outcome(false, $"年度应在{RubricRules.MinYear}至{RubricRules.MaxYear}之间", null);
        var rubric = rubricId is { } id ? await LoadRubricAsync(id) : null;
        if (rubric is null || rubric.Target != RubricTarget.Community) return new Outcome(false, "请选择已发布的社区考评细则", null);
        var own = scope.CommunityIds.ToList();
        var communities = scope.Kind == ScopeKind.County
            ? db.Organizations.Where(o => o.Kind == OrgKind.Community && o.IsActive)
            : db.Organizations.Where(o => o.Kind == OrgKind.Community && o.IsActive && own.Contains(o.Id));
        var targets = await communities.AsNoTracking().OrderBy(o => o.SortOrder).ThenBy(o => o.Code).ToListAsync();
        if (targets.Count == 0) return new Outcome(false, "您的管理范围内没有社区，不能发起考评", null);
        var (session, error) = await SessionOpening.SaveAsync(db, rubric, year, title, org, s =>
        {
            foreach (var community in targets) s.AddTarget(rubric, community);
        });
        return session is null ? new Outcome(false, error!, null)
            : new Outcome(true, $"已发起考评“{session.Title}”，考评对象{targets.Count}个社区", session.Id);
    }

    /// <summary>The session with its ranking. Null: not found or not visible.</summary>
    public async Task<SessionPage?> DetailAsync(Guid id)
    {
        var session = await db.ScoringSessions.AsNoTracking().Include(s => s.Targets).Include(s => s.Scorers).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id);
        if (session is null) return null;
        var rubric = await LoadRubricAsync(session.RubricId, publishedOnly: false);
        if (rubric is null || rubric.Target == RubricTarget.Member) return null;
        var scores = await db.Scores.AsNoTracking().Where(s => s.SessionId == id).ToListAsync();
        var orgIds = session.Targets.Where(t => t.OrganizationId != null).Select(t => t.OrganizationId!.Value).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var byTarget = session.Targets.ToDictionary(t => t.Id);
        var ranking = ScoreTotals.Compute(rubric, session.Targets.Select(t => t.Id), scores)
            .Select(t => new RankingRow(t, byTarget[t.TargetId].OrganizationId is { } o ? names.GetValueOrDefault(o, "") : ""))
            .ToList();
        return new SessionPage(session, rubric, ranking, scores.Count, session.Targets.Count * rubric.Items.Count() * rubric.Parts.Count);
    }

    /// <summary>Locks a complete session; refused with the domain's message while scores are missing. Null: not found.</summary>
    public async Task<Outcome?> LockAsync(Guid id)
    {
        var session = await db.ScoringSessions.Include(s => s.Targets).FirstOrDefaultAsync(s => s.Id == id);
        if (session is null) return null;
        var rubric = await LoadRubricAsync(session.RubricId, publishedOnly: false);
        if (rubric is null || rubric.Target == RubricTarget.Member) return null;
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
            return new Outcome(false, "该考评已被他人修改，请刷新后重试", id);
        }
        return new Outcome(true, $"考评“{session.Title}”已锁定", id);
    }

    private Task<Rubric?> LoadRubricAsync(Guid id, bool publishedOnly = true) =>
        db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id && (!publishedOnly || r.Status == RubricStatus.Published));
}
