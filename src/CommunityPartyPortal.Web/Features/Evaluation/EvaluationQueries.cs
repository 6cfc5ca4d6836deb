using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Evaluation;

/// <summary>
/// The queries shared by the 党员评议 use cases: the community's own member-rubric sessions, the members who may be evaluated,
/// and a rubric with its categories and items.
/// </summary>
internal static class EvaluationQueries
{
    /// <summary>The community of the signed-in secretary; null for any other scope.</summary>
    public static Guid? CommunityOf(PortalDbContext db) =>
        db.Scope.Kind == ScopeKind.Community ? db.Scope.OrganizationId : null;

    /// <summary>
    /// The members a community evaluates: the ones the secretary's 党员名册 (<c>/members</c>) lists by default — living in the
    /// community (<see cref="Member.CommunityId"/>) and not moved out — whatever their category (在职、自管、流动): seed 002's
    /// 五带头 applies to every party member, 无职党员 included. Ordered as the roster (pinyin, then name).
    /// </summary>
    public static IQueryable<Member> Members(PortalDbContext db, Guid community) =>
        db.Members.AsNoTracking().Where(m => m.CommunityId == community && m.MovedOutOn == null)
            .OrderBy(m => m.NamePinyin).ThenBy(m => m.Name).ThenBy(m => m.Id);

    /// <summary>
    /// The session <paramref name="id"/> if it is one the community opened on a member rubric (a locked street session the
    /// community is a target of is not an evaluation: null, like a session of another community).
    /// </summary>
    public static async Task<(ScoringSession Session, Rubric Rubric)?> OwnSessionAsync(PortalDbContext db, Guid id, bool tracking)
    {
        if (CommunityOf(db) is not { } community) return null;
        var query = db.ScoringSessions.Include(s => s.Targets).Include(s => s.Scorers).AsSplitQuery();
        var session = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id && s.OrganizationId == community);
        if (session is null) return null;
        var rubric = await RubricAsync(db, session.RubricId);
        return rubric is { Target: RubricTarget.Member } ? (session, rubric) : null;
    }

    /// <summary>A rubric with its categories and items (not tracked).</summary>
    public static Task<Rubric?> RubricAsync(PortalDbContext db, Guid id) =>
        db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);

    /// <summary>The names and categories of the targets' members (those the scope still sees).</summary>
    public static async Task<Dictionary<Guid, (string Name, MemberCategory Category)>> MemberNamesAsync(PortalDbContext db, IEnumerable<ScoringTarget> targets)
    {
        var ids = targets.Where(t => t.MemberId != null).Select(t => t.MemberId!.Value).Distinct().ToList();
        var rows = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Name, m.Category }).ToListAsync();
        return rows.ToDictionary(m => m.Id, m => (m.Name, m.Category));
    }

    /// <summary>The name of a target's member, or a note when the member is no longer visible (moved to another community).</summary>
    public static string NameOf(ScoringTarget target, IReadOnlyDictionary<Guid, (string Name, MemberCategory Category)> names) =>
        target.MemberId is { } id && names.TryGetValue(id, out var m) ? m.Name : "（已不在本社区）";
}
