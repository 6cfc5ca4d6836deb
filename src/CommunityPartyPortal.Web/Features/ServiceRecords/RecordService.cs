using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// 写实登记 of a service outside activities: the secretary records it for a resident member. With a 证明人 the record
/// is confirmed at once (confirmed by that person), without one it waits for confirmation. The form's idempotency key
/// makes a repeated POST find the first record instead of writing a second one.
/// </summary>
public sealed class RecordService(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string MemberMissing = "请选择本社区的党员";

    public sealed record Result(IReadOnlyList<Problem> Problems, string? Flash)
    {
        public bool Ok => Problems.Count == 0;
    }

    public ServiceRecordForm NewForm(DateOnly? servedOn = null)
    {
        var today = Clock.TodayInChina(time);
        return new ServiceRecordForm
        {
            ServedOn = servedOn ?? today,
            IdempotencyKey = ServiceRecordForm.NewKey(),
            Page = { Today = today },
        };
    }

    /// <summary>Validates and saves. Nothing is written on any problem, nor for a key already used.</summary>
    public async Task<Result> HandleAsync(ServiceRecordForm form, bool bindingValid, string recordedBy)
    {
        var scope = db.Scope;
        if (scope.Kind != ScopeKind.Community || scope.OrganizationId is not { } community) return new([new Problem("", MemberMissing)], null);
        form.Page.Today = Clock.TodayInChina(time);
        if (form.IdempotencyKey is { } key && await ExistingAsync(key) is { } done) return new([], done);

        var problems = form.Validate(form.Page.Today, correction: false);
        var member = form.MemberId is { } memberId
            ? await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.Id, m.Name }).FirstOrDefaultAsync()
            : null;
        if (member is null) problems.Add(new Problem(nameof(form.MemberId), MemberMissing));
        else form.MemberName = member.Name;
        if (problems.Count > 0 || !bindingValid)
        {
            form.IdempotencyKey ??= ServiceRecordForm.NewKey();
            return new(problems, null);
        }

        var record = new ServiceRecord
        {
            MemberId = member!.Id,
            // Always the secretary's own community: the form has no say in it.
            CommunityId = community,
            ServedOn = form.ServedOn!.Value,
            Content = form.Content!,
            Category = form.Category!.Value,
            IsPublicWelfare = form.IsPublicWelfare,
            Minutes = form.Minutes,
            Source = RecordSource.Manual,
            RecordedBy = recordedBy,
            IdempotencyKey = form.IdempotencyKey ?? ServiceRecordForm.NewKey(),
        };
        Confirm(record, form.ConfirmedBy, time);
        db.ServiceRecords.Add(record);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (form.IdempotencyKey is { } k)
        {
            // The same form posted twice at the same moment: the unique key kept the second one out.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(k) is { } first) return new([], first);
            throw;
        }
        return new([], FlashOf(member.Name, record));
    }

    /// <summary>Confirmed by the 证明人 when there is one, else pending.</summary>
    public static void Confirm(ServiceRecord record, string? confirmedBy, TimeProvider time)
    {
        if (confirmedBy is null)
        {
            record.Status = RecordStatus.Pending;
            return;
        }
        record.Status = RecordStatus.Confirmed;
        record.ConfirmedBy = confirmedBy;
        record.ConfirmedAt = time.GetUtcNow().UtcDateTime;
    }

    public static string FlashOf(string memberName, ServiceRecord r) =>
        $"已登记{memberName} {r.ServedOn:yyyy-MM-dd}服务{ServiceRecordForm.HoursText(r.Minutes)}小时（{r.Status.Text()}）";

    private async Task<string?> ExistingAsync(string key)
    {
        var existing = await db.ServiceRecords.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key);
        if (existing is null) return null;
        var names = await ListServiceRecords.NamesAsync(db, [existing.MemberId]);
        return FlashOf(names.GetValueOrDefault(existing.MemberId, ""), existing);
    }
}
