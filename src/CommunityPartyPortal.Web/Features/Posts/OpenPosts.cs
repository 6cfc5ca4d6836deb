using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// The member's 认岗 page: the open posts of the community the member lives in (申请认领 on each), and the
/// member's own claims. The scope shows a member only those posts and only the member's own claims.
/// </summary>
public sealed class OpenPosts(PortalDbContext db) : IUseCase
{
    public sealed record Post(Guid Id, PostKind Kind, ServiceCategory Category, string Name, string? Duties, string? Area, int? Capacity)
    {
        public int Approved { get; set; }
        public ClaimStatus? Mine { get; set; }
        public bool IsFull => Capacity is { } c && Approved >= c;
    }

    public sealed record Claim(Guid Id, string Post, PostKind Kind, ClaimStatus Status, DateOnly RequestedOn, DateOnly? ApprovedOn, DateOnly? ReleasedOn, string? Note);

    public sealed class Model
    {
        public IReadOnlyList<Post> Posts { get; set; } = [];
        public IReadOnlyList<Claim> Mine { get; set; } = [];
        public bool MovedOut { get; set; }
    }

    public async Task<Model> HandleAsync()
    {
        var memberId = db.Scope.MemberId;
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId);
        var posts = await db.ServicePosts.AsNoTracking().Where(p => !p.IsClosed)
            .OrderBy(p => p.Kind).ThenBy(p => p.Name)
            .Select(p => new Post(p.Id, p.Kind, p.Category, p.Name, p.Duties, p.Area, p.Capacity))
            .Take(ListPosts.Limit).ToListAsync();
        var ids = posts.Select(p => p.Id).ToList();
        // Counts over everybody's claims (the scope would count only the member's own): numbers only.
        var approved = await db.PostClaims.IgnoreQueryFilters()
            .Where(c => ids.Contains(c.PostId) && c.Status == ClaimStatus.Approved)
            .GroupBy(c => c.PostId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var mine = await db.PostClaims.AsNoTracking().OrderByDescending(c => c.RequestedOn).ThenByDescending(c => c.CreatedAt)
            .Select(c => new { c.Id, c.PostId, c.Status, c.RequestedOn, c.ApprovedOn, c.ReleasedOn, c.Note })
            .Take(100).ToListAsync();
        var minePostIds = mine.Select(c => c.PostId).Distinct().ToList();
        var postNames = await db.ServicePosts.AsNoTracking().Where(p => minePostIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Name, p.Kind));
        foreach (var p in posts)
        {
            p.Approved = approved.FirstOrDefault(a => a.Key == p.Id)?.Count ?? 0;
            p.Mine = mine.FirstOrDefault(c => c.PostId == p.Id && c.Status is ClaimStatus.Requested or ClaimStatus.Approved)?.Status;
        }
        return new Model
        {
            Posts = posts,
            MovedOut = member?.MovedOutOn is not null,
            Mine = [.. mine.Select(c => new Claim(c.Id, postNames.TryGetValue(c.PostId, out var n) ? n.Name : "（已不在本社区）",
                postNames.TryGetValue(c.PostId, out var k) ? k.Kind : default, c.Status, c.RequestedOn, c.ApprovedOn, c.ReleasedOn, c.Note))],
        };
    }
}
