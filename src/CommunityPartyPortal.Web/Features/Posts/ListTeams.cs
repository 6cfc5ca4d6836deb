using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>志愿者服务队 and 党小组 in the user's scope, with leader, post and member count; dissolved ones on request.</summary>
public sealed class ListTeams(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public const int Limit = 300;

    public sealed record Row(Guid Id, Guid CommunityId, TeamKind Kind, string Name, ServiceCategory Category, string? Leader,
        string? Post, bool IsDissolved, int Members)
    {
        public string Community { get; set; } = "";
    }

    public sealed class Model
    {
        public IReadOnlyList<Row> Rows { get; set; } = [];
        public bool Dissolved { get; set; }
        public bool CanEdit { get; set; }
        public bool ShowCommunity { get; set; }
        public bool Truncated { get; set; }
    }

    public async Task<Model> HandleAsync(bool dissolved)
    {
        var tree = await trees.GetAsync();
        var teams = db.Teams.AsNoTracking();
        if (!dissolved) teams = teams.Where(t => !t.IsDissolved);
        var rows = await teams.OrderBy(t => t.CommunityId).ThenBy(t => t.Kind).ThenBy(t => t.IsDissolved).ThenBy(t => t.Name)
            .Select(t => new Row(t.Id, t.CommunityId, t.Kind, t.Name, t.Category,
                db.Members.Where(m => m.Id == t.LeaderMemberId).Select(m => m.Name).FirstOrDefault(),
                db.ServicePosts.Where(p => p.Id == t.PostId).Select(p => p.Name).FirstOrDefault(),
                t.IsDissolved,
                db.TeamMemberships.Count(m => m.TeamId == t.Id && m.LeftOn == null)))
            .Take(Limit + 1).ToListAsync();
        foreach (var r in rows) r.Community = tree.NameOf(r.CommunityId);
        return new Model
        {
            Rows = [.. rows.Take(Limit)],
            Truncated = rows.Count > Limit,
            Dissolved = dissolved,
            CanEdit = db.Scope.Kind == ScopeKind.Community,
            ShowCommunity = db.Scope.Kind != ScopeKind.Community,
        };
    }
}
