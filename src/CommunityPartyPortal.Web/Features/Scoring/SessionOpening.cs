using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Data;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// Opening a scoring session, shared by the street's and county's 考评 (communities as targets) and the community's 党员评议
/// (members as targets): the session on the rubric, its targets, the opener as its scorer, saved; or the domain's refusal
/// with nothing saved.
/// </summary>
public static class SessionOpening
{
    /// <summary>The saved session, or the refusal (Chinese) when the domain or <c>SaveChanges</c> refused it.</summary>
    public static async Task<(ScoringSession? Session, string? Error)> SaveAsync(PortalDbContext db, Rubric rubric, int year, string? title,
        Guid organizationId, Action<ScoringSession> addTargets)
    {
        var scope = db.Scope;
        if (scope.UserId is not { } userId) return (null, "请先登录");
        try
        {
            var session = ScoringSession.Open(rubric, year, title ?? "", organizationId);
            addTargets(session);
            session.AddScorer(userId, scope.UserName);
            db.ScoringSessions.Add(session);
            await db.SaveChangesAsync();
            return (session, null);
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return (null, e.Message);
        }
    }
}
