using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// A post's page: who holds it (name, unit, since), the requests to decide, the history of every claim,
/// the teams on it and, for the secretary, the record-a-claim form and 按特长推荐 (up to ten members of the
/// community whose service intentions include the post's category and who hold or asked for no post yet).
/// </summary>
public sealed class PostDetails(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int Suggestions = 10;
    public const int HistoryLimit = 200;

    public sealed record ClaimRow(Guid Id, Guid MemberId, string Name, string Unit, ClaimStatus Status, DateOnly RequestedOn,
        DateOnly? ApprovedOn, DateOnly? ReleasedOn, string? DecidedBy, string? Note);

    public sealed record MemberRow(Guid Id, string Name, string Unit, string? Specialties);

    public sealed record TeamRow(Guid Id, string Name, TeamKind Kind, bool IsDissolved);

    public sealed class Model
    {
        public ServicePost Post { get; set; } = null!;
        public string Community { get; set; } = "";
        public IReadOnlyList<ClaimRow> Holders { get; set; } = [];
        public IReadOnlyList<ClaimRow> Requests { get; set; } = [];
        public IReadOnlyList<ClaimRow> History { get; set; } = [];
        public IReadOnlyList<MemberRow> Suggested { get; set; } = [];
        public IReadOnlyList<TeamRow> Teams { get; set; } = [];
        public bool CanEdit { get; set; }
        public DateOnly Today { get; set; }
        public bool IsFull => Post.Capacity is { } c && Holders.Count >= c;

        // The record-a-claim form, posted back on a problem.
        public Guid? MemberId { get; set; }
        public string? MemberName { get; set; }
        public string? Note { get; set; }
    }

    public async Task<Model?> HandleAsync(Guid id)
    {
        var post = await db.ServicePosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (post is null) return null;
        var tree = await trees.GetAsync();
        var claims = await db.PostClaims.AsNoTracking().Where(c => c.PostId == id)
            .OrderByDescending(c => c.RequestedOn).ThenByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.MemberId, Name = c.Member!.Name, Unit = c.Member.WorkUnitId, c.Status, c.RequestedOn, c.ApprovedOn,
                c.ReleasedOn, c.DecidedBy, c.Note,
            })
            .Take(HistoryLimit).ToListAsync();
        var rows = claims.Select(c => new ClaimRow(c.Id, c.MemberId, c.Name ?? "—", UnitName(tree, c.Unit), c.Status, c.RequestedOn,
            c.ApprovedOn, c.ReleasedOn, c.DecidedBy, c.Note)).ToList();
        var canEdit = db.Scope.Kind == ScopeKind.Community;
        return new Model
        {
            Post = post,
            Community = tree.NameOf(post.CommunityId),
            Holders = [.. rows.Where(r => r.Status == ClaimStatus.Approved).OrderBy(r => r.ApprovedOn)],
            Requests = [.. rows.Where(r => r.Status == ClaimStatus.Requested).OrderBy(r => r.RequestedOn)],
            History = rows,
            Teams = await db.Teams.AsNoTracking().Where(t => t.PostId == id).OrderBy(t => t.IsDissolved).ThenBy(t => t.Name)
                .Select(t => new TeamRow(t.Id, t.Name, t.Kind, t.IsDissolved)).ToListAsync(),
            Suggested = canEdit && !post.IsClosed ? await SuggestAsync(post, tree) : [],
            CanEdit = canEdit,
            Today = ClaimRules.Today(time),
        };
    }

    /// <summary>按特长推荐: the community's active members who offered the post's category and hold or asked for no post.</summary>
    private async Task<IReadOnlyList<MemberRow>> SuggestAsync(ServicePost post, OrgTree tree)
    {
        var category = post.Category;
        var members = await db.Members.AsNoTracking()
            .Where(m => m.CommunityId == post.CommunityId && m.MovedOutOn == null && (m.ServiceIntentions & category) == category)
            .Where(m => !db.PostClaims.Any(c => c.MemberId == m.Id && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Requested)))
            .OrderBy(m => m.NamePinyin).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.WorkUnitId, m.Specialties })
            .Take(Suggestions).ToListAsync();
        return [.. members.Select(m => new MemberRow(m.Id, m.Name, UnitName(tree, m.WorkUnitId), m.Specialties))];
    }

    public static string UnitName(OrgTree tree, Guid? unit) => unit is null ? "（自管党员）" : tree.NameOf(unit);
}
