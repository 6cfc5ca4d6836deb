using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 认岗 list: the posts in the user's scope grouped by kind, with approved claims against the capacity and
/// the requests waiting. The secretary edits its community's; the street and the county read (filter by community).
/// </summary>
public sealed class ListPosts(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public const int Limit = 300;

    public sealed class Query
    {
        public PostKind? Kind { get; set; }
        public Guid? Community { get; set; }
        public bool Closed { get; set; }
    }

    public sealed record Row(Guid Id, Guid CommunityId, PostKind Kind, ServiceCategory Category, string Name, string? Area,
        int? Capacity, bool IsClosed, int Approved, int Requested)
    {
        public string Community { get; set; } = "";
        public bool IsFull => Capacity is { } c && Approved >= c;
    }

    public sealed record Option(Guid Id, string Name);

    public sealed class Model
    {
        public Query Query { get; set; } = new();
        public IReadOnlyList<IGrouping<PostKind, Row>> Groups { get; set; } = [];
        public bool CanEdit { get; set; }
        public bool ShowCommunity { get; set; }
        public IReadOnlyList<Option> Communities { get; set; } = [];
        public bool Truncated { get; set; }
        public int Total => Groups.Sum(g => g.Count());
    }

    public async Task<Model> HandleAsync(Query query)
    {
        var tree = await trees.GetAsync();
        var scope = db.Scope;
        var posts = db.ServicePosts.AsNoTracking();
        if (query.Kind is { } kind) posts = posts.Where(p => p.Kind == kind);
        if (query.Community is { } community) posts = posts.Where(p => p.CommunityId == community);
        if (!query.Closed) posts = posts.Where(p => !p.IsClosed);
        var rows = await posts
            .OrderBy(p => p.CommunityId).ThenBy(p => p.Kind).ThenBy(p => p.IsClosed).ThenBy(p => p.Name)
            .Select(p => new Row(p.Id, p.CommunityId, p.Kind, p.Category, p.Name, p.Area, p.Capacity, p.IsClosed,
                db.PostClaims.Count(c => c.PostId == p.Id && c.Status == ClaimStatus.Approved),
                db.PostClaims.Count(c => c.PostId == p.Id && c.Status == ClaimStatus.Requested)))
            .Take(Limit + 1)
            .ToListAsync();
        foreach (var row in rows) row.Community = tree.NameOf(row.CommunityId);

        var communities = scope.Kind switch
        {
            ScopeKind.Street => scope.CommunityIds.Select(id => tree.Find(id)).OfType<OrgTree.Node>(),
            ScopeKind.County or ScopeKind.System => tree.OfKind(OrgKind.Community),
            _ => [],
        };
        return new Model
        {
            Query = query,
            Truncated = rows.Count > Limit,
            Groups = [.. rows.Take(Limit).OrderBy(r => r.Kind).GroupBy(r => r.Kind)],
            CanEdit = scope.Kind == ScopeKind.Community,
            ShowCommunity = scope.Kind != ScopeKind.Community,
            Communities = [.. communities.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => new Option(c.Id, c.Name))],
        };
    }
}
