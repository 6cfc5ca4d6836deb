using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>A validation message for a form field ("" for the whole form).</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>What a write use case answers: 404, problems (nothing written), or done with a flash message.</summary>
public sealed record Outcome(bool NotFound, IReadOnlyList<FieldProblem> Problems, string? Flash, Guid? Id = null)
{
    /// <summary>Done: every done outcome carries its flash (an outcome without problems or flash was refused by binding).</summary>
    public bool Ok => !NotFound && Problems.Count == 0 && Flash is not null;
    public static readonly Outcome Missing = new(true, [], null);
    public static Outcome Done(string flash, Guid? id = null) => new(false, [], flash, id);
    public static Outcome Invalid(params FieldProblem[] problems) => new(false, problems, null);
    public static Outcome Invalid(string field, string message) => new(false, [new FieldProblem(field, message)], null);
    public string ErrorText => string.Join("；", Problems.Select(p => p.Message));
}

/// <summary>The roles that read the 认岗 pages (the unit reads its members' claims on the member's page only).</summary>
public static class PostRoles
{
    public const string Readers = PortalRoles.CountyAdmin + "," + PortalRoles.StreetAdmin + "," + PortalRoles.CommunitySecretary;
    public const string StaffWithUnit = Readers + "," + PortalRoles.UnitAdmin;
}

/// <summary>The rules every claim must pass (recorded, requested or approved), with their Chinese messages.</summary>
public static class ClaimRules
{
    public const string Closed = "该岗位已关闭，不能认领";
    public const string Duplicate = "该党员已认领或申请了该岗位";
    public const string MovedOut = "该党员已迁出本社区，不能认岗";
    public const string Stale = "该岗位已被他人修改，请刷新后重新填写";
    public const int NoteMax = 200;

    public static string Full(int capacity) => $"该岗位名额已满（{capacity}人）";

    public const string SeatChanged = "该岗位的名额刚刚发生变化，请刷新后重试";

    /// <summary>
    /// A post with a capacity: the save that approves a claim also bumps the post's Version (its concurrency token), so two
    /// approvals that both counted a free seat cannot both commit; the later one fails with DbUpdateConcurrencyException,
    /// writes nothing, and its user sees <see cref="SeatChanged"/>. A post without a capacity is not touched.
    /// </summary>
    public static void HoldSeat(PortalDbContext db, ServicePost post)
    {
        if (post.Capacity is not null) db.Entry(post).Property(p => p.UpdatedAt).IsModified = true;
    }

    /// <summary>
    /// Approved claims of a post, counted over every member: a member account sees only its own claims, but
    /// "full" must count everybody's. Only the count leaves this query, and the post was loaded through the scope.
    /// </summary>
    public static Task<int> ApprovedCountAsync(PortalDbContext db, Guid postId) =>
        db.PostClaims.IgnoreQueryFilters().CountAsync(c => c.PostId == postId && c.Status == ClaimStatus.Approved);

    /// <summary>Problems of a new claim (or a request being approved: <paramref name="existing"/>) of the post by the member.</summary>
    public static async Task<List<FieldProblem>> CheckAsync(PortalDbContext db, ServicePost post, Member member, string field, PostClaim? existing = null)
    {
        var problems = new List<FieldProblem>();
        if (post.IsClosed) problems.Add(new(field, Closed));
        if (member.MovedOutOn is not null || member.CommunityId != post.CommunityId) problems.Add(new(field, MovedOut));
        if (post.Capacity is { } capacity && await ApprovedCountAsync(db, post.Id) >= capacity) problems.Add(new(field, Full(capacity)));
        if (existing is null && await HasOpenClaimAsync(db, post.Id, member.Id)) problems.Add(new(field, Duplicate));
        return problems;
    }

    public static Task<bool> HasOpenClaimAsync(PortalDbContext db, Guid postId, Guid memberId) =>
        db.PostClaims.AsNoTracking().AnyAsync(c => c.PostId == postId && c.MemberId == memberId
                                                   && (c.Status == ClaimStatus.Requested || c.Status == ClaimStatus.Approved));

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The secretary's community, or null when the signed-in user is not a community secretary.</summary>
    public static Guid? SecretaryCommunity(PortalDbContext db) =>
        db.Scope is { Kind: ScopeKind.Community, OrganizationId: { } org } ? org : null;

    public static DateOnly Today(TimeProvider time) => Clock.TodayInChina(time);
}
