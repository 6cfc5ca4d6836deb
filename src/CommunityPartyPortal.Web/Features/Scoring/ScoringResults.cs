using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// 考评结果 of a community secretary: the locked sessions that scored its community (the scope shows a community the
/// header of a locked session with its own target row), each with the community's rank among all the session's targets,
/// its total and the full marks. Open sessions are not shown: their scores are not final.
/// </summary>
public sealed class ScoringResults(PortalDbContext db, ScoringDocuments documents) : IUseCase
{
    public sealed record Row(Guid SessionId, Guid TargetId, string Title, string RubricName, int Year, string IssuedBy, DateOnly LockedOn,
        int Rank, int RankOf, decimal Total, decimal Points);

    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        var scope = db.Scope;
        if (scope.Kind != ScopeKind.Community || scope.OrganizationId is not { } community) return [];
        var targets = await db.ScoringTargets.AsNoTracking().Where(t => t.OrganizationId == community)
            .Select(t => new { t.Id, t.SessionId }).ToListAsync();
        var sessionIds = targets.Select(t => t.SessionId).Distinct().ToList();
        var locked = await db.ScoringSessions.AsNoTracking()
            .Where(s => sessionIds.Contains(s.Id) && s.Status == ScoringSessionStatus.Locked)
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.LockedAt).Select(s => s.Id).ToListAsync();
        var rows = new List<Row>();
        foreach (var id in locked)
        {
            if (await documents.LoadAsync(id) is not { } data) continue;
            var targetId = targets.First(t => t.SessionId == id).Id;
            var total = data.TotalOf(targetId);
            rows.Add(new Row(id, targetId, data.Session.Title, data.Rubric.Name, data.Session.Year, data.IssuedBy, data.IssuedOn,
                total.Rank, data.Targets.Count, total.Total, data.Rubric.Categories.Sum(c => c.Points)));
        }
        return rows;
    }
}
