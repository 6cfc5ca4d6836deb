using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// A member's posts and teams (for the member's page, <c>_MemberServiceRoles.cshtml</c>): every claim and team
/// membership the user's scope shows. The unit reads its members' claims (IMemberOwned) but not the community's
/// posts and teams themselves, so their names are looked up by the ids of the claims it may already read.
/// </summary>
public sealed class MemberServiceRoles(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public sealed record ClaimRow(Guid Id, Guid PostId, string Post, string Kind, string Community, ClaimStatus Status,
        DateOnly RequestedOn, DateOnly? ApprovedOn, DateOnly? ReleasedOn, string? Note);

    public sealed record TeamRow(Guid TeamId, string Team, string Kind, string Community, bool IsLeader, DateOnly JoinedOn, DateOnly? LeftOn, bool IsDissolved);

    public sealed class Model
    {
        public Guid MemberId { get; set; }
        public string Name { get; set; } = "";
        public IReadOnlyList<ClaimRow> Claims { get; set; } = [];
        public IReadOnlyList<TeamRow> Teams { get; set; } = [];
        /// <summary>Links to the post and team pages (not for the unit, which cannot open them).</summary>
        public bool LinkRecords { get; set; }
    }

    public async Task<Model?> HandleAsync(Guid memberId)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.Id, m.Name }).FirstOrDefaultAsync();
        if (member is null) return null;
        var tree = await trees.GetAsync();
        var claims = await db.PostClaims.AsNoTracking().Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.RequestedOn).ThenByDescending(c => c.CreatedAt).Take(200)
            .Select(c => new { c.Id, c.PostId, c.CommunityId, c.Status, c.RequestedOn, c.ApprovedOn, c.ReleasedOn, c.Note })
            .ToListAsync();
        var memberships = await db.TeamMemberships.AsNoTracking().Where(m => m.MemberId == memberId)
            .OrderBy(m => m.LeftOn != null).ThenByDescending(m => m.JoinedOn).Take(200)
            .Select(m => new { m.TeamId, m.CommunityId, m.JoinedOn, m.LeftOn })
            .ToListAsync();

        // Only the ids of records this user reads already: the names, not the records, are looked up unscoped.
        var postIds = claims.Select(c => c.PostId).Distinct().ToList();
        var posts = await db.ServicePosts.IgnoreQueryFilters().AsNoTracking().Where(p => postIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Name, p.Kind });
        var teamIds = memberships.Select(m => m.TeamId).Distinct().ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new { t.Name, t.Kind, t.LeaderMemberId, t.IsDissolved });

        return new Model
        {
            MemberId = member.Id,
            Name = member.Name,
            LinkRecords = db.Scope.Kind is ScopeKind.Community or ScopeKind.Street or ScopeKind.County,
            Claims = [.. claims.Select(c => new ClaimRow(c.Id, c.PostId, posts[c.PostId].Name, posts[c.PostId].Kind.Text(),
                tree.NameOf(c.CommunityId), c.Status, c.RequestedOn, c.ApprovedOn, c.ReleasedOn, c.Note))],
            Teams = [.. memberships.Select(m => new TeamRow(m.TeamId, teams[m.TeamId].Name, teams[m.TeamId].Kind.Text(), tree.NameOf(m.CommunityId),
                teams[m.TeamId].LeaderMemberId == memberId, m.JoinedOn, m.LeftOn, teams[m.TeamId].IsDissolved))],
        };
    }
}
