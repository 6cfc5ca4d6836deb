using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 审核认领申请: the secretary approves a member's request (the post must still be open and not full, the
/// member still in the community) or rejects it with a reason. Only a request (待审核) can be decided.
/// </summary>
public sealed class DecideClaim(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string NotRequested = "只能审核待审核的申请";

    public async Task<Outcome> ApproveAsync(Guid claimId, string decidedBy)
    {
        var (claim, post) = await LoadAsync(claimId);
        if (claim is null || post is null) return Outcome.Missing;
        if (claim.Status != ClaimStatus.Requested) return new(false, [new("", $"{NotRequested}（当前状态：{claim.Status.Text()}）")], null, post.Id);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == claim.MemberId);
        if (member is null) return Outcome.Missing;
        var problems = await ClaimRules.CheckAsync(db, post, member, "", claim);
        if (problems.Count > 0) return new(false, problems, null, post.Id);
        claim.Status = ClaimStatus.Approved;
        claim.ApprovedOn = ClaimRules.Today(time);
        claim.DecidedBy = decidedBy;
        ClaimRules.HoldSeat(db, post);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(false, [new("", ClaimRules.SeatChanged)], null, post.Id);
        }
        return Outcome.Done($"已同意 {member.Name} 认领岗位：{post.Name}", post.Id);
    }

    public async Task<Outcome> RejectAsync(Guid claimId, string? reason, string decidedBy)
    {
        var (claim, post) = await LoadAsync(claimId);
        if (claim is null || post is null) return Outcome.Missing;
        if (claim.Status != ClaimStatus.Requested) return new(false, [new("", $"{NotRequested}（当前状态：{claim.Status.Text()}）")], null, post.Id);
        var text = ClaimRules.Clean(reason);
        if (text is null) return new(false, [new("reason", "请填写不同意的理由")], null, post.Id);
        if (text.Length > ClaimRules.NoteMax) return new(false, [new("reason", $"理由不能超过{ClaimRules.NoteMax}个字")], null, post.Id);
        claim.Status = ClaimStatus.Rejected;
        claim.DecidedBy = decidedBy;
        claim.Note = text;
        await db.SaveChangesAsync();
        return Outcome.Done("已退回该认领申请", post.Id);
    }

    private async Task<(PostClaim? Claim, ServicePost? Post)> LoadAsync(Guid claimId)
    {
        var claim = await db.PostClaims.FirstOrDefaultAsync(c => c.Id == claimId);
        if (claim is null || ClaimRules.SecretaryCommunity(db) is null) return (null, null);
        return (claim, await db.ServicePosts.FirstOrDefaultAsync(p => p.Id == claim.PostId));
    }
}
