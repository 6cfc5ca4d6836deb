using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 申请认领: a member asks for an open post of the community he or she lives in; the secretary approves or
/// rejects it. The claim is always the signed-in member's own: no member id is taken from the form.
/// </summary>
public sealed class RequestClaim(PortalDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Outcome> HandleAsync(Guid postId)
    {
        var post = await db.ServicePosts.FirstOrDefaultAsync(p => p.Id == postId);
        var memberId = db.Scope.MemberId;
        var member = memberId is null ? null : await db.Members.FirstOrDefaultAsync(m => m.Id == memberId);
        if (post is null || member is null) return Outcome.Missing;
        var problems = await ClaimRules.CheckAsync(db, post, member, "");
        if (problems.Count > 0)
        {
            // Addressed to the member, not about "the member".
            return new(false, [.. problems.Select(p => p with { Message = p.Message.Replace("该党员", "您", StringComparison.Ordinal) })], null);
        }
        db.PostClaims.Add(new PostClaim
        {
            PostId = post.Id, MemberId = member.Id, CommunityId = post.CommunityId, Status = ClaimStatus.Requested,
            RequestedOn = ClaimRules.Today(time),
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            if (!await RaceLostAsync(post.Id, member.Id)) throw;
            return Outcome.Invalid("", "您已认领或申请了该岗位");
        }
        return Outcome.Done($"已提交认领申请：{post.Name}，请等待社区审核", post.Id);
    }

    private async Task<bool> RaceLostAsync(Guid postId, Guid memberId)
    {
        db.ChangeTracker.Clear();
        return await ClaimRules.HasOpenClaimAsync(db, postId, memberId);
    }
}
