using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 撤销签到 (the record becomes 已撤销, never deleted; the member may be checked in again) and 确认 of a member's own
/// QR check-in (待确认 → 已确认, confirmed by the secretary).
/// </summary>
public sealed class UndoCheckIn(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string NotActive = "该签到已撤销或已处理";
    public const string NotPending = "该签到不是待确认状态";

    /// <summary>Null: not visible (404). Otherwise the flash or the error.</summary>
    public sealed record Outcome(string? Flash, string? Error);

    public async Task<Outcome?> UndoAsync(Guid activityId, Guid recordId, string? reason)
    {
        var record = await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == recordId && r.ActivityId == activityId);
        if (record is null) return null;
        if (record.Status is not (RecordStatus.Pending or RecordStatus.Confirmed)) return new(null, NotActive);
        reason = ActivityForm.Clean(reason);
        if (reason?.Length > 200) return new(null, "撤销原因不能超过200个字");
        record.Status = RecordStatus.Undone;
        record.StatusReason = reason ?? "撤销签到";
        await db.SaveChangesAsync();
        return new($"已撤销签到：{await NameAsync(record.MemberId)}", null);
    }

    public async Task<Outcome?> ConfirmAsync(Guid activityId, Guid recordId, string confirmedBy)
    {
        var record = await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == recordId && r.ActivityId == activityId);
        if (record is null) return null;
        if (record.Status != RecordStatus.Pending) return new(null, NotPending);
        record.Status = RecordStatus.Confirmed;
        record.ConfirmedBy = confirmedBy.Length > 50 ? confirmedBy[..50] : confirmedBy;
        record.ConfirmedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return new($"已确认签到：{await NameAsync(record.MemberId)}", null);
    }

    private async Task<string> NameAsync(Guid memberId) =>
        await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Name).FirstOrDefaultAsync() ?? "";
}
