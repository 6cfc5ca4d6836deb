using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 活动签到, the secretary's fastest screen: the activity, its check-in form (search text, hours defaulting from the
/// activity, a fresh idempotency key per page view), the candidates when a search matched several members, and the
/// list of check-ins (every record of the activity, undone ones included) with the count against the capacity.
/// </summary>
public sealed class CheckInScreen(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "党员")] public string? Q { get; set; }
        /// <summary>The member chosen in the search list (checkin.js).</summary>
        public Guid? MemberId { get; set; }
        /// <summary>A candidate button of the no-script flow.</summary>
        public Guid? Pick { get; set; }
        [Display(Name = "本次时长（小时）")] public decimal? Hours { get; set; }
        public string? IdempotencyKey { get; set; }
    }

    public sealed record Entry(Guid RecordId, Guid MemberId, string Name, string Unit, int Minutes, DateTime At, string By,
        RecordStatus Status, RecordSource Source, string? Reason);

    public sealed record Candidate(Guid Id, string Name, string Unit, string MobileTail);

    public sealed class Model
    {
        public required Activity Activity { get; init; }
        public required Form Form { get; init; }
        public IReadOnlyList<Entry> Entries { get; init; } = [];
        public IReadOnlyList<Candidate> Candidates { get; set; } = [];
        /// <summary>Why no check-in is taken now (cancelled, outside the window), or null.</summary>
        public string? Refusal { get; init; }
        public int CheckedIn => Entries.Count(e => e.Status is RecordStatus.Pending or RecordStatus.Confirmed);
        public (DateTime Opens, DateTime Closes) Window => CheckInRules.Window(Activity, self: false);
    }

    /// <summary>The screen; <paramref name="posted"/> keeps what was typed when a POST comes back with a problem.</summary>
    public async Task<Model?> HandleAsync(Guid activityId, Form? posted = null)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null) return null;
        var form = new Form
        {
            Q = posted?.Q,
            Hours = posted?.Hours ?? CheckInRules.HoursValue(activity.DefaultMinutes),
            // A new key for every page view: the next submission is a new check-in.
            IdempotencyKey = Guid.NewGuid().ToString("N"),
        };
        return new Model
        {
            Activity = activity,
            Form = form,
            Entries = await EntriesAsync(activityId),
            Refusal = CheckInRules.Refusal(activity, time.GetUtcNow().UtcDateTime, self: false),
        };
    }

    private async Task<IReadOnlyList<Entry>> EntriesAsync(Guid activityId)
    {
        var records = await db.ServiceRecords.AsNoTracking().Where(r => r.ActivityId == activityId)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.MemberId, r.Minutes, r.CreatedAt, r.RecordedBy, r.ConfirmedBy, r.Status, r.Source, r.StatusReason })
            .ToListAsync();
        var ids = records.Select(r => r.MemberId).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.WorkUnitId }).ToDictionaryAsync(m => m.Id);
        var tree = await trees.GetAsync();
        return [.. records.Select(r =>
        {
            members.TryGetValue(r.MemberId, out var m);
            var by = r.Source == RecordSource.SelfCheckIn ? $"本人扫码{(r.ConfirmedBy is { } c ? $"，{c}确认" : "")}" : r.RecordedBy;
            return new Entry(r.Id, r.MemberId, m?.Name ?? "（不可见）", tree.NameOf(m?.WorkUnitId), r.Minutes, r.CreatedAt, by, r.Status, r.Source, r.StatusReason);
        })];
    }
}
