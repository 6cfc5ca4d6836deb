using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// Confirms or rejects a pending record (a self check-in, a service recorded without 证明人). Only pending records
/// move: a confirmed record is corrected, never rejected; nothing is ever deleted.
/// </summary>
public sealed class DecideServiceRecord(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string NotPending = "只有待确认的记录可以确认或不通过；已确认的记录如有错误请更正";
    public const string ReasonMissing = "请填写不通过的原因";
    public const string Stale = "该记录已被他人修改，请刷新后重试";

    /// <param name="Error">Why nothing was changed, or null when done.</param>
    public sealed record Result(string? Error, string Flash);

    /// <summary>Null when the record is not the user's (404).</summary>
    public Task<Result?> ConfirmAsync(Guid id, Guid? version, string? confirmedBy, string userName) =>
        DecideAsync(id, version, r =>
        {
            r.Status = RecordStatus.Confirmed;
            r.ConfirmedBy = ServiceRecordForm.Clean(confirmedBy) is { Length: <= 50 } who ? who : userName;
            r.ConfirmedAt = time.GetUtcNow().UtcDateTime;
            return null;
        }, "已确认");

    public Task<Result?> RejectAsync(Guid id, Guid? version, string? reason) =>
        DecideAsync(id, version, r =>
        {
            var why = ServiceRecordForm.Clean(reason);
            if (why is null) return ReasonMissing;
            if (why.Length > 200) return "原因不能超过200个字";
            r.Status = RecordStatus.Rejected;
            r.StatusReason = why;
            return null;
        }, "已标记为未通过");

    private async Task<Result?> DecideAsync(Guid id, Guid? version, Func<ServiceRecord, string?> change, string done)
    {
        var record = await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == id);
        if (record is null) return null;
        var what = $"{record.ServedOn:yyyy-MM-dd} {record.Content}";
        if (record.Status != RecordStatus.Pending) return new(NotPending + $"（当前状态：{record.Status.Text()}）", what);
        if (version is { } v && v != record.Version) return new(Stale, what);
        if (change(record) is { } error) return new(error, what);
        if (version is { } original) db.Entry(record).Property(r => r.Version).OriginalValue = original;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(Stale, what);
        }
        return new(null, $"{what}：{done}");
    }
}
