using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>加入队伍: an active member of the community joins a team that is not dissolved, once (unique slot).</summary>
public sealed class AddTeamMember(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string Field = "MemberId";

    public async Task<Outcome> HandleAsync(Guid teamId, Guid? memberId, DateOnly? joinedOn)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId);
        if (team is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        if (team.IsDissolved) return Outcome.Invalid("", TeamRules.Dissolved);
        var problems = new List<FieldProblem>();
        var (member, problem) = await TeamRules.ActiveMemberAsync(db, memberId, team.CommunityId, Field, "加入的党员");
        if (problem is not null) problems.Add(problem);
        else if (await TeamRules.IsInTeamAsync(db, team.Id, member!.Id)) problems.Add(new(Field, TeamRules.AlreadyIn));
        if (joinedOn is not { } on) problems.Add(new("JoinedOn", "请填写加入日期"));
        else if (on > ClaimRules.Today(time)) problems.Add(new("JoinedOn", "加入日期不能晚于今天"));
        if (problems.Count > 0) return new(false, problems, null);

        db.TeamMemberships.Add(TeamRules.Join(team, member!.Id, joinedOn!.Value));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await TeamRules.IsInTeamAsync(db, team.Id, member.Id)) throw;
            return Outcome.Invalid(Field, TeamRules.AlreadyIn);
        }
        return Outcome.Done($"{member.Name} 已加入 {team.Name}", team.Id);
    }
}
