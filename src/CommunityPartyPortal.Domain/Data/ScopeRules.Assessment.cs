using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using static CommunityPartyPortal.Domain.Assessment.ScoringSessionStatus;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// Scoping and write rules of the assessment (考评). Rubrics are county-wide: every scope reads them, only the county (or the
/// system) writes them. Scoring: the county all; a street or community the sessions it opened, with their targets, scorers
/// and scores; a community also the scores of its own target rows once the session is locked (and the header of that
/// session); its own target row of an open session is visible to it (ids only: no scores, no session); units, members and
/// anonymous nothing. The filters are written so no filter refers back to one that refers to it (EF expands filters inside
/// filters and does not detect cycles): sessions look at targets, scores at sessions and targets, targets at their own columns.
/// </summary>
public partial class PortalDbContext
{
    private void ApplyAssessmentFilters(ModelBuilder builder, ScopeKind kind)
    {
        builder.Entity<ScoringSession>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => s => s.OrganizationId == ScopeOrganizationId,
            ScopeKind.Community => s => s.OrganizationId == ScopeOrganizationId
                                        || (s.Status == Locked && ScoringTargets.Any(t => t.SessionId == s.Id && t.CommunityId == ScopeOrganizationId)),
            _ => s => false,
        });
        builder.Entity<ScoringTarget>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => t => t.SessionOrganizationId == ScopeOrganizationId,
            ScopeKind.Community => t => t.SessionOrganizationId == ScopeOrganizationId || t.CommunityId == ScopeOrganizationId,
            _ => t => false,
        });
        builder.Entity<ScoringScorer>().HasQueryFilter(kind switch
        {
            ScopeKind.Street or ScopeKind.Community => x => ScoringSessions.Any(s => s.Id == x.SessionId && s.OrganizationId == ScopeOrganizationId),
            _ => x => false,
        });
        builder.Entity<Score>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => x => ScoringSessions.Any(s => s.Id == x.SessionId && s.OrganizationId == ScopeOrganizationId),
            ScopeKind.Community => x => ScoringSessions.Any(s => s.Id == x.SessionId && (s.OrganizationId == ScopeOrganizationId || s.Status == Locked))
                                        && ScoringTargets.Any(t => t.Id == x.TargetId && (t.SessionOrganizationId == ScopeOrganizationId || t.CommunityId == ScopeOrganizationId)),
            _ => x => false,
        });
    }

    /// <summary>Rubrics: the county only; a published rubric is frozen and was valid when published.</summary>
    private void CheckRubricWrite(EntityEntry entry)
    {
        if (!Scope.SeesEverything) throw new ScopeViolationException("只有县级管理员可以维护考评细则");
        if (entry.Entity is Rubric rubric)
        {
            var wasPublished = entry.State != EntityState.Added && entry.OriginalValues.GetValue<RubricStatus>(nameof(Rubric.Status)) == RubricStatus.Published;
            if (wasPublished && entry.State == EntityState.Deleted) throw new AssessmentException("已发布的考评细则不能删除");
            if (wasPublished && ChangedOf(entry).Count > 0) throw new AssessmentException("已发布的考评细则不能修改，请复制后修改");
            if (!wasPublished && entry.State != EntityState.Deleted && rubric.IsPublished)
            {
                LoadRubric(entry, rubric);
                var problems = RubricRules.Problems(rubric);
                if (problems.Count > 0) throw new AssessmentException("考评细则有误，不能发布：" + string.Join("；", problems));
            }
            return;
        }
        var rubricId = entry.Property(nameof(RubricCategory.RubricId)).OriginalValue as Guid? ?? Guid.Empty;
        var tracked = ChangeTracker.Entries<Rubric>().FirstOrDefault(e => e.Entity.Id == rubricId);
        var published = tracked is null
            ? Rubrics.AsNoTracking().Any(r => r.Id == rubricId && r.Status == RubricStatus.Published)
            : tracked.State != EntityState.Added && tracked.OriginalValues.GetValue<RubricStatus>(nameof(Rubric.Status)) == RubricStatus.Published;
        if (published) throw new AssessmentException("已发布的考评细则不能修改，请复制后修改");
    }

    private void LoadRubric(EntityEntry entry, Rubric rubric)
    {
        if (entry.State == EntityState.Added) return;
        var categories = Entry(rubric).Collection(r => r.Categories);
        if (!categories.IsLoaded) categories.Load();
        foreach (var category in rubric.Categories)
        {
            var items = Entry(category).Collection(c => c.Items);
            if (!items.IsLoaded && Entry(category).State != EntityState.Added) items.Load();
        }
    }

    /// <summary>Sessions, targets, scorers and scores: nothing of a locked session changes; values are checked; scope.</summary>
    private void CheckScoringWrite(EntityEntry entry)
    {
        var sessionId = entry.Entity switch
        {
            ScoringSession s => s.Id,
            ScoringTarget t => t.SessionId,
            ScoringScorer s => s.SessionId,
            Score s => s.SessionId,
            _ => throw new ArgumentOutOfRangeException(nameof(entry)),
        };
        var sessionEntry = ChangeTracker.Entries<ScoringSession>().FirstOrDefault(e => e.Entity.Id == sessionId);
        var session = sessionEntry?.Entity ?? ScoringSessions.IgnoreQueryFilters().AsNoTracking().FirstOrDefault(s => s.Id == sessionId)
                      ?? throw new AssessmentException("该考评不存在");
        var wasLocked = sessionEntry is null ? session.IsLocked
            : sessionEntry.State != EntityState.Added && sessionEntry.OriginalValues.GetValue<ScoringSessionStatus>(nameof(ScoringSession.Status)) == Locked;
        if (wasLocked) throw new AssessmentException("本次考评已锁定，不能再修改");
        if (entry.State != EntityState.Deleted) CheckScoringValues(entry, session);
        if (entry.State != EntityState.Added && entry.Entity is not ScoringSession
            && !Equals(entry.Property("SessionId").OriginalValue, entry.Property("SessionId").CurrentValue))
        {
            throw new AssessmentException("评分记录不能移到另一次考评");
        }
        CheckScoringScope(entry, session);
    }

    private void CheckScoringValues(EntityEntry entry, ScoringSession session)
    {
        var rubric = Rubrics.Local.FirstOrDefault(r => r.Id == session.RubricId)
                     ?? Rubrics.AsNoTracking().FirstOrDefault(r => r.Id == session.RubricId) ?? throw new AssessmentException("考评细则不存在");
        switch (entry.Entity)
        {
            case ScoringSession s:
                if (!rubric.IsPublished) throw new AssessmentException("考评细则尚未发布，不能用于评分");
                if (entry.State == EntityState.Modified && ChangedOf(entry).Any(p => p is nameof(ScoringSession.RubricId) or nameof(ScoringSession.OrganizationId)))
                {
                    throw new AssessmentException("考评的细则和组织不能修改");
                }
                if (s.IsLocked)
                {
                    var targets = Current(ScoringTargets, t => t.SessionId == s.Id);
                    var items = Current(RubricItems, i => i.RubricId == rubric.Id).Select(i => i.Id).ToList();
                    var missing = targets.Count == 0 ? 1
                        : AssessmentRules.MissingScores(items, rubric.Parts, targets.Select(t => t.Id).ToList(), Current(Scores, x => x.SessionId == s.Id));
                    if (missing > 0) throw new AssessmentException($"还有{(targets.Count == 0 ? "考评对象和" : "")}{missing}项未评分，全部评分后才能锁定");
                }
                break;
            case ScoringTarget t:
                if (t.SessionOrganizationId != session.OrganizationId) throw new AssessmentException("考评对象与考评不符");
                if ((t.OrganizationId is null) == (t.MemberId is null)) throw new AssessmentException("考评对象必须是一个组织或一名党员");
                if (t.OrganizationId is { } org && t.CommunityId is { } community && community != org) throw new AssessmentException("考评对象的社区不符");
                if (t.MemberId is { } memberId
                    && (Members.Local.FirstOrDefault(m => m.Id == memberId) ?? Members.IgnoreQueryFilters().AsNoTracking().FirstOrDefault(m => m.Id == memberId))?.CommunityId != t.CommunityId)
                {
                    throw new AssessmentException("考评对象的社区与党员的居住社区不符");
                }
                break;
            case Score score:
                var target = ScoringTargets.Local.FirstOrDefault(x => x.Id == score.TargetId)
                             ?? ScoringTargets.IgnoreQueryFilters().AsNoTracking().FirstOrDefault(x => x.Id == score.TargetId);
                if (target is null || target.SessionId != session.Id) throw new AssessmentException("该对象不在本次考评中");
                var item = RubricItems.Local.FirstOrDefault(i => i.Id == score.ItemId) ?? RubricItems.AsNoTracking().FirstOrDefault(i => i.Id == score.ItemId);
                if (item is null || item.RubricId != rubric.Id) throw new AssessmentException("该考评内容不在本考评细则中");
                AssessmentRules.CheckScore(item, rubric.WeightOf(score.Part), score.Part, score.Points, score.Comment);
                if (!Scope.SeesEverything && (Scope.UserId is not { } userId
                    || !Current(ScoringScorers, x => x.SessionId == session.Id).Any(x => x.UserId == userId)))
                {
                    throw new AssessmentException("您不是本次考评的评分人");
                }
                break;
        }
    }

    /// <summary>The county writes everything; a street or community writes only in the sessions it opened, about its own communities.</summary>
    private void CheckScoringScope(EntityEntry entry, ScoringSession session)
    {
        if (Scope.SeesEverything) return;
        var own = Scope.Kind is ScopeKind.Street or ScopeKind.Community && session.OrganizationId == ScopeOrganizationId;
        if (own && entry.Entity is ScoringSession && entry.State != EntityState.Added)
        {
            own = entry.OriginalValues.GetValue<Guid>(nameof(ScoringSession.OrganizationId)) == ScopeOrganizationId;
        }
        if (own && entry.Entity is ScoringTarget target && entry.State != EntityState.Deleted)
        {
            own = target.CommunityId is { } community
                  && (Scope.Kind == ScopeKind.Street ? ScopeCommunityIds.Contains(community) : community == ScopeOrganizationId);
        }
        if (!own) throw new ScopeViolationException("该考评不在您的管理范围内");
    }

    /// <summary>The rows as this save will leave them: the database's (unfiltered), replaced by tracked ones, without deleted ones.</summary>
    private List<T> Current<T>(DbSet<T> set, System.Linq.Expressions.Expression<Func<T, bool>> predicate) where T : Common.Entity
    {
        var tracked = ChangeTracker.Entries<T>().ToDictionary(e => e.Entity.Id);
        var compiled = predicate.Compile();
        return set.IgnoreQueryFilters().AsNoTracking().Where(predicate).AsEnumerable()
            .Where(x => !tracked.ContainsKey(x.Id))
            .Concat(tracked.Values.Where(e => e.State != EntityState.Deleted && compiled(e.Entity)).Select(e => e.Entity))
            .ToList();
    }

    private static List<string> ChangedOf(EntityEntry entry) =>
        entry.State != EntityState.Modified ? [] : entry.Properties
            .Where(p => !Equals(p.OriginalValue, p.CurrentValue) && !AssessmentRules.Bookkeeping.Contains(p.Metadata.Name))
            .Select(p => p.Metadata.Name).ToList();
}
