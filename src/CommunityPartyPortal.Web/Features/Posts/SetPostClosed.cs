using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>关闭 / 重新开放 a post: a closed post takes no new claims; its holders keep it until they release it.</summary>
public sealed class SetPostClosed(PortalDbContext db) : IUseCase
{
    public async Task<Outcome> HandleAsync(Guid id, bool closed)
    {
        var post = await db.ServicePosts.FirstOrDefaultAsync(p => p.Id == id);
        if (post is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        if (post.IsClosed == closed) return Outcome.Invalid("", closed ? "该岗位已关闭" : "该岗位未关闭");
        post.IsClosed = closed;
        await db.SaveChangesAsync();
        return Outcome.Done(closed ? $"已关闭岗位：{post.Name}" : $"已重新开放岗位：{post.Name}", post.Id);
    }
}
