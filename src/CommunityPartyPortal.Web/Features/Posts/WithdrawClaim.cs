using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 撤回申请: a member withdraws his or her own request while it still waits for the secretary (待审核). The scope shows a
/// member only his or her own claims, so another member's claim is simply not found; a decided claim is refused.
/// </summary>
public sealed class WithdrawClaim(PortalDbContext db) : IUseCase
{
    public const string NotRequested = "只能撤回待审核的申请";

    public async Task<Outcome> HandleAsync(Guid claimId)
    {
        var claim = await db.PostClaims.FirstOrDefaultAsync(c => c.Id == claimId);
        if (claim is null || db.Scope.MemberId is not { } me || claim.MemberId != me) return Outcome.Missing;
        if (claim.Status != ClaimStatus.Requested) return Outcome.Invalid("", $"{NotRequested}（当前状态：{claim.Status.Text()}）");
        claim.Status = ClaimStatus.Withdrawn;
        await db.SaveChangesAsync();
        var post = await db.ServicePosts.AsNoTracking().Where(p => p.Id == claim.PostId).Select(p => p.Name).FirstOrDefaultAsync();
        return Outcome.Done($"已撤回认领申请：{post}", claim.PostId);
    }
}
