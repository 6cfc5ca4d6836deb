using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// 更正: a pending or confirmed record is replaced by a NEW record (same member, activity and source) that points back
/// at it (<see cref="ServiceRecord.CorrectsId"/>); the old record becomes 已更正 with the reason. Nothing is deleted.
/// </summary>
public sealed class CorrectServiceRecord(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string NotCorrectable = "只有待确认或已确认的记录可以更正";
    public const string Stale = "该记录已被他人修改，请刷新后重新更正";

    public sealed record Result(bool NotFound, IReadOnlyList<Problem> Problems, string? Flash)
    {
        public bool Ok => !NotFound && Problems.Count == 0;
    }

    /// <summary>The form filled with the record's values; null when the record is not the user's (404).</summary>
    public async Task<ServiceRecordForm?> FormAsync(Guid id)
    {
        var record = await db.ServiceRecords.AsNoTracking().Include(r => r.Activity).FirstOrDefaultAsync(r => r.Id == id);
        if (record is null) return null;
        var form = new ServiceRecordForm
        {
            MemberId = record.MemberId,
            ServedOn = record.ServedOn,
            Content = record.Content,
            Category = record.Category,
            IsPublicWelfare = record.IsPublicWelfare,
            Hours = Math.Round(record.Minutes / 60m, 2),
            ConfirmedBy = record.ConfirmedBy,
            Version = record.Version,
        };
        await PrepareAsync(form, record);
        return form;
    }

    /// <summary>Validates and corrects; nothing is written on any problem.</summary>
    public async Task<Result> HandleAsync(Guid id, ServiceRecordForm form, bool bindingValid, string recordedBy)
    {
        var record = await db.ServiceRecords.Include(r => r.Activity).FirstOrDefaultAsync(r => r.Id == id);
        if (record is null) return new(true, [], null);
        await PrepareAsync(form, record);
        form.MemberId = record.MemberId;
        var problems = form.Validate(form.Page.Today, correction: true);
        if (record.Status is not (RecordStatus.Pending or RecordStatus.Confirmed)) problems.Insert(0, new Problem("", NotCorrectable + $"（当前状态：{record.Status.Text()}）"));
        else if (problems.Count == 0 && form.Version != record.Version) problems.Add(new Problem("", Stale));
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);

        var correction = new ServiceRecord
        {
            MemberId = record.MemberId,
            CommunityId = record.CommunityId,
            ActivityId = record.ActivityId,
            ServedOn = form.ServedOn!.Value,
            Content = form.Content!,
            Category = form.Category!.Value,
            IsPublicWelfare = form.IsPublicWelfare,
            Minutes = form.Minutes,
            Source = record.Source,
            RecordedBy = recordedBy,
            CorrectsId = record.Id,
        };
        RecordService.Confirm(correction, form.ConfirmedBy, time);

        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            // Two steps: the old record gives up its check-in slot before the new one takes it (unique index).
            record.Status = RecordStatus.Corrected;
            record.StatusReason = form.Reason;
            db.Entry(record).Property(r => r.Version).OriginalValue = form.Version!.Value;
            await db.SaveChangesAsync();
            db.ServiceRecords.Add(correction);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return new(false, [new Problem("", Stale)], null);
        }
        return new(false, [], $"已更正：{RecordService.FlashOf(form.MemberName ?? "", correction)}");
    }

    private async Task PrepareAsync(ServiceRecordForm form, ServiceRecord record)
    {
        form.MemberName = (await ListServiceRecords.NamesAsync(db, [record.MemberId])).GetValueOrDefault(record.MemberId);
        form.Page.CorrectsId = record.Id;
        form.Page.Today = Clock.TodayInChina(time);
        form.Page.Activity = record.Activity?.Title;
        form.Page.MaxMinutes = record.Activity is { } a && a.LengthMinutes > 0 ? Math.Min(a.LengthMinutes, 24 * 60) : 24 * 60;
        form.Page.OriginalText = $"{record.ServedOn:yyyy-MM-dd} {record.Content} {ServiceRecordForm.HoursText(record.Minutes)}小时"
                                 + $"（{record.Source.Text()}，{record.Status.Text()}{(record.ConfirmedBy is { } c ? "，证明人" + c : "")}）";
    }
}
