using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>A team's page: leader, post, members now (name, unit, since) and everybody who has left.</summary>
public sealed class TeamDetails(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public sealed record MemberRow(Guid MembershipId, Guid MemberId, string Name, string Unit, DateOnly JoinedOn, DateOnly? LeftOn, bool IsLeader);

    public sealed class Model
    {
        public Team Team { get; set; } = null!;
        public string Community { get; set; } = "";
        public string? Leader { get; set; }
        public string? Post { get; set; }
        public IReadOnlyList<MemberRow> Current { get; set; } = [];
        public IReadOnlyList<MemberRow> Former { get; set; } = [];
        public bool CanEdit { get; set; }
        public DateOnly Today { get; set; }

        // The add-a-member form, posted back on a problem.
        public Guid? MemberId { get; set; }
        public string? MemberName { get; set; }
        public DateOnly? JoinedOn { get; set; }
    }

    public async Task<Model?> HandleAsync(Guid id)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (team is null) return null;
        var tree = await trees.GetAsync();
        var rows = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == id)
            .OrderBy(m => m.Member!.NamePinyin).ThenBy(m => m.JoinedOn)
            .Select(m => new { m.Id, m.MemberId, Name = m.Member!.Name, Unit = m.Member.WorkUnitId, m.JoinedOn, m.LeftOn })
            .Take(500).ToListAsync();
        var all = rows.Select(m => new MemberRow(m.Id, m.MemberId, m.Name ?? "—", PostDetails.UnitName(tree, m.Unit), m.JoinedOn, m.LeftOn,
            m.MemberId == team.LeaderMemberId && m.LeftOn == null)).ToList();
        var today = ClaimRules.Today(time);
        return new Model
        {
            Team = team,
            Community = tree.NameOf(team.CommunityId),
            Leader = await db.Members.AsNoTracking().Where(m => m.Id == team.LeaderMemberId).Select(m => m.Name).FirstOrDefaultAsync(),
            Post = await db.ServicePosts.AsNoTracking().Where(p => p.Id == team.PostId).Select(p => p.Name).FirstOrDefaultAsync(),
            Current = [.. all.Where(m => m.LeftOn is null).OrderByDescending(m => m.IsLeader)],
            Former = [.. all.Where(m => m.LeftOn is not null).OrderByDescending(m => m.LeftOn)],
            CanEdit = db.Scope.Kind == ScopeKind.Community && !team.IsDissolved,
            Today = today,
            JoinedOn = today,
        };
    }
}
