using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>解散队伍: the team is marked dissolved and everyone in it leaves on that day (history kept).</summary>
public sealed class DissolveTeam(PortalDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Outcome> HandleAsync(Guid teamId)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId);
        if (team is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        if (team.IsDissolved) return new(false, [new("", TeamRules.Dissolved)], null, team.Id);
        var today = ClaimRules.Today(time);
        foreach (var m in await db.TeamMemberships.Where(m => m.TeamId == teamId && m.LeftOn == null).ToListAsync())
        {
            m.LeftOn = m.JoinedOn > today ? m.JoinedOn : today;
        }
        team.IsDissolved = true;
        await db.SaveChangesAsync();
        return Outcome.Done($"已解散：{team.Name}", team.Id);
    }
}
