using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// The write path shared by the secretary's check-in and the member's own: one service record per member and
/// activity (the ActiveSlot unique index backs it), a repeated submission (same idempotency key) finds the first
/// record and writes nothing.
/// </summary>
internal static class CheckInStore
{
    public const int MaxKeyLength = 64;

    /// <summary>The record a submission with this key already created, if any.</summary>
    public static async Task<(Guid ActivityId, string Name, int Minutes)?> FindByKeyAsync(PortalDbContext db, string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var hit = await db.ServiceRecords.AsNoTracking().Where(r => r.IdempotencyKey == key)
            .Select(r => new { r.ActivityId, r.MemberId, r.Minutes }).FirstOrDefaultAsync();
        if (hit is null) return null;
        var name = await db.Members.AsNoTracking().Where(m => m.Id == hit.MemberId).Select(m => m.Name).FirstOrDefaultAsync();
        return (hit.ActivityId ?? Guid.Empty, name ?? "", hit.Minutes);
    }

    public static Task<bool> IsCheckedInAsync(PortalDbContext db, Guid activityId, Guid memberId) =>
        db.ServiceRecords.AsNoTracking().AnyAsync(r => r.ActivityId == activityId && r.MemberId == memberId && r.ActiveSlot == 1);

    /// <summary>
    /// Adds the check-in. Returns null when written (or when the same key had already written it), else the
    /// reason nothing was written (already checked in).
    /// </summary>
    public static async Task<string?> AddAsync(PortalDbContext db, Activity activity, Member member, int minutes, bool self, string by, string? key, DateTime nowUtc)
    {
        if (await IsCheckedInAsync(db, activity.Id, member.Id)) return CheckInRules.AlreadyCheckedIn;
        var record = new ServiceRecord
        {
            MemberId = member.Id,
            // The activity's community, whatever community the member record says.
            CommunityId = activity.CommunityId,
            ActivityId = activity.Id,
            ServedOn = CheckInRules.ServedOn(activity),
            Content = activity.Title,
            Category = activity.Category,
            IsPublicWelfare = activity.IsPublicWelfare,
            Minutes = minutes,
            Source = self ? RecordSource.SelfCheckIn : RecordSource.CheckIn,
            Status = self ? RecordStatus.Pending : RecordStatus.Confirmed,
            RecordedBy = Shorten(by),
            ConfirmedBy = self ? null : Shorten(by),
            ConfirmedAt = self ? null : nowUtc,
            IdempotencyKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim(),
        };
        db.ServiceRecords.Add(record);
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            // A double submission or a second screen raced past the checks: the unique indexes refused it.
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(db, record.IdempotencyKey) is not null) return null;
            if (await IsCheckedInAsync(db, activity.Id, member.Id)) return CheckInRules.AlreadyCheckedIn;
            throw;
        }
    }

    /// <summary>A usable key from the form (at most 64 characters), or null.</summary>
    public static string? CleanKey(string? key) =>
        string.IsNullOrWhiteSpace(key) ? null : key.Trim() is { Length: <= MaxKeyLength } k ? k : null;

    private static string Shorten(string s) => s.Length > 50 ? s[..50] : s;
}
