using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>移出队伍: records the date a member left a team; the membership stays in the history. Not the leader.</summary>
public sealed class RemoveTeamMember(PortalDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Outcome> HandleAsync(Guid membershipId, DateOnly? leftOn)
    {
        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.Id == membershipId);
        if (membership is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == membership.TeamId);
        if (team is null) return Outcome.Missing;
        Outcome Problem(string field, string message) => new(false, [new(field, message)], null, team.Id);
        if (membership.LeftOn is not null) return Problem("", "该党员已不在该队伍中");
        if (team.IsDissolved) return Problem("", TeamRules.Dissolved);
        if (team.LeaderMemberId == membership.MemberId) return Problem("", "队长（组长）不能移出，请先更换队长（组长）");
        if (leftOn is not { } on) return Problem("leftOn", "请填写退出日期");
        if (on > ClaimRules.Today(time)) return Problem("leftOn", "退出日期不能晚于今天");
        if (on < membership.JoinedOn) return Problem("leftOn", $"退出日期不能早于加入日期（{membership.JoinedOn:yyyy-MM-dd}）");
        membership.LeftOn = on;
        await db.SaveChangesAsync();
        return Outcome.Done("已移出队伍", team.Id);
    }
}
