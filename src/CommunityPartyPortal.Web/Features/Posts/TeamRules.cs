using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>Who may join a team (or lead it), with the Chinese messages.</summary>
public static class TeamRules
{
    public const string Dissolved = "该队伍已解散";
    public const string AlreadyIn = "该党员已在该队伍中";
    public const string Stale = "该队伍已被他人修改，请刷新后重新填写";

    /// <summary>An active member of the community, or the problem to show at <paramref name="field"/>.</summary>
    public static async Task<(Member? Member, FieldProblem? Problem)> ActiveMemberAsync(PortalDbContext db, Guid? memberId, Guid community, string field, string what)
    {
        if (memberId is null) return (null, new(field, $"请选择{what}"));
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId && m.CommunityId == community);
        if (member is null) return (null, new(field, "请选择本社区的党员"));
        if (member.MovedOutOn is not null) return (null, new(field, "该党员已迁出本社区"));
        return (member, null);
    }

    public static Task<bool> IsInTeamAsync(PortalDbContext db, Guid teamId, Guid memberId) =>
        db.TeamMemberships.AsNoTracking().AnyAsync(m => m.TeamId == teamId && m.MemberId == memberId && m.LeftOn == null);

    public static TeamMembership Join(Team team, Guid memberId, DateOnly on) =>
        new() { TeamId = team.Id, MemberId = memberId, CommunityId = team.CommunityId, JoinedOn = on };
}
