using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>退出岗位: the secretary records the date a member left a post; the place is free again. Only a held post.</summary>
public sealed class ReleaseClaim(PortalDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Outcome> HandleAsync(Guid claimId, DateOnly? releasedOn, string? note)
    {
        var claim = await db.PostClaims.FirstOrDefaultAsync(c => c.Id == claimId);
        if (claim is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        Outcome Problem(string field, string message) => new(false, [new(field, message)], null, claim.PostId);
        if (claim.Status != ClaimStatus.Approved) return Problem("", $"只有已认领的岗位可以退出（当前状态：{claim.Status.Text()}）");
        if (releasedOn is not { } on) return Problem("releasedOn", "请填写退出日期");
        if (on > ClaimRules.Today(time)) return Problem("releasedOn", "退出日期不能晚于今天");
        if (claim.ApprovedOn is { } approved && on < approved) return Problem("releasedOn", $"退出日期不能早于认领日期（{approved:yyyy-MM-dd}）");
        var text = ClaimRules.Clean(note);
        if (text is { Length: > ClaimRules.NoteMax }) return Problem("note", $"备注不能超过{ClaimRules.NoteMax}个字");
        claim.Status = ClaimStatus.Released;
        claim.ReleasedOn = on;
        if (text is not null) claim.Note = text;
        await db.SaveChangesAsync();
        return Outcome.Done("已登记退出岗位", claim.PostId);
    }
}
