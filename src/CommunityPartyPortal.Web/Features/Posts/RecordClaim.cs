using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 登记认岗: the secretary records that a member of the community took the post; approved at once
/// (today, by the secretary). Refused: a closed or full post, a member who already holds or asked for it,
/// a member who moved out. Two submits at once: the unique open-claim slot refuses the second.
/// </summary>
public sealed class RecordClaim(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string Field = "MemberId";

    public async Task<Outcome> HandleAsync(Guid postId, Guid? memberId, string? note, string decidedBy)
    {
        var post = await db.ServicePosts.FirstOrDefaultAsync(p => p.Id == postId);
        if (post is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        if (memberId is null) return Outcome.Invalid(Field, "请选择认岗的党员");
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId && m.CommunityId == post.CommunityId);
        if (member is null) return Outcome.Invalid(Field, "请选择本社区的党员");
        var problems = await ClaimRules.CheckAsync(db, post, member, Field);
        if (ClaimRules.Clean(note) is { Length: > ClaimRules.NoteMax }) problems.Add(new("Note", $"备注不能超过{ClaimRules.NoteMax}个字"));
        if (problems.Count > 0) return new(false, problems, null);

        var today = ClaimRules.Today(time);
        db.PostClaims.Add(new PostClaim
        {
            PostId = post.Id, MemberId = member.Id, CommunityId = post.CommunityId, Status = ClaimStatus.Approved,
            RequestedOn = today, ApprovedOn = today, DecidedBy = decidedBy, Note = ClaimRules.Clean(note),
        });
        ClaimRules.HoldSeat(db, post);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(Field, ClaimRules.SeatChanged);
        }
        catch (DbUpdateException)
        {
            if (!await RaceLostAsync(post.Id, member.Id)) throw;
            return Outcome.Invalid(Field, ClaimRules.Duplicate);
        }
        return Outcome.Done($"已登记 {member.Name} 认领岗位：{post.Name}", post.Id);
    }

    /// <summary>After a refused insert: true when another open claim of the member now exists (the race), else rethrow.</summary>
    private async Task<bool> RaceLostAsync(Guid postId, Guid memberId)
    {
        db.ChangeTracker.Clear();
        return await ClaimRules.HasOpenClaimAsync(db, postId, memberId);
    }
}
