using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 取消活动 with a reason. Refused when members are checked in (undo their check-ins first: their service
/// records must not point at a cancelled activity) or when already cancelled. Nothing is deleted.
/// </summary>
public sealed class CancelActivity(PortalDbContext db) : IUseCase
{
    public const string ReasonRequired = "请填写取消原因";
    public const string HasCheckIns = "已有党员签到，请先撤销签到再取消活动";
    public const string AlreadyCancelled = "活动已取消";

    /// <summary>Null: not visible (404). Otherwise the error, or null error when cancelled.</summary>
    public sealed record Outcome(string? Error);

    public async Task<Outcome?> HandleAsync(Guid id, string? reason)
    {
        var activity = await db.Activities.FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        reason = ActivityForm.Clean(reason);
        if (activity.IsCancelled) return new(AlreadyCancelled);
        if (reason is null) return new(ReasonRequired);
        if (reason.Length > 200) return new("取消原因不能超过200个字");
        var active = await db.ServiceRecords.AnyAsync(r => r.ActivityId == id && r.ActiveSlot == 1);
        if (active) return new(HasCheckIns);
        activity.IsCancelled = true;
        activity.CancelReason = reason;
        await db.SaveChangesAsync();
        return new(null);
    }
}
