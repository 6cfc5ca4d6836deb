using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 扫码自助签到: the QR code on the activity page opens /checkin/{code} for a signed-in member. Only a member living in
/// the activity's community sees it (the scope: otherwise 404); only from 30 minutes before the start until the end.
/// The record is 待确认 (Pending) with the activity's default hours: the member's own word, confirmed by the secretary
/// on the check-in screen. Idempotent like the secretary's check-in.
/// </summary>
public sealed class SelfCheckIn(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string MovedOut = "您已迁出本社区，不能签到";

    public sealed class Model
    {
        public required Activity Activity { get; init; }
        public string? Refusal { get; init; }
        /// <summary>The member's check-in to this activity that counts, if any.</summary>
        public RecordStatus? Status { get; init; }
        public string IdempotencyKey { get; init; } = Guid.NewGuid().ToString("N");
    }

    public sealed record Outcome(string? Flash, string? Error);

    public async Task<Model?> PageAsync(string code)
    {
        var (activity, memberId) = await FindAsync(code);
        if (activity is null) return null;
        var status = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.ActivityId == activity.Id && r.MemberId == memberId && r.ActiveSlot == 1)
            .Select(r => (RecordStatus?)r.Status).FirstOrDefaultAsync();
        return new Model { Activity = activity, Status = status, Refusal = CheckInRules.Refusal(activity, time.GetUtcNow().UtcDateTime, self: true) };
    }

    /// <summary>Null: not visible (404).</summary>
    public async Task<Outcome?> HandleAsync(string code, string? idempotencyKey, string by)
    {
        var (activity, memberId) = await FindAsync(code);
        if (activity is null) return null;
        var key = CheckInStore.CleanKey(idempotencyKey);
        if (await CheckInStore.FindByKeyAsync(db, key) is { } done) return new(Done(done.Minutes), null);
        var now = time.GetUtcNow().UtcDateTime;
        if (CheckInRules.Refusal(activity, now, self: true) is { } refusal) return new(null, refusal);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId);
        if (member is null) return null;
        if (member.MovedOutOn is not null) return new(null, MovedOut);
        var refused = await CheckInStore.AddAsync(db, activity, member, activity.DefaultMinutes, self: true, by, key, now);
        return refused is null ? new(Done(activity.DefaultMinutes), null) : new(null, refused);
    }

    private static string Done(int minutes) => $"签到成功（{CheckInRules.Hours(minutes)}小时），待社区确认";

    private async Task<(Activity? Activity, Guid MemberId)> FindAsync(string code)
    {
        if (db.Scope is not { Kind: ScopeKind.Member, MemberId: { } memberId } || string.IsNullOrWhiteSpace(code) || code.Length > 32) return (null, Guid.Empty);
        // Scoped: an activity of a community the member does not live in is not found.
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.CheckInCode == code);
        return (activity, memberId);
    }
}
