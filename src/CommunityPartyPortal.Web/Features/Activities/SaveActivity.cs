using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 新建/修改活动 in the secretary's own community. Nothing is written on a bad input; an edit carries the
/// version it was opened with ("已被他人修改" when someone saved in between); a cancelled activity is not edited.
/// </summary>
public sealed class SaveActivity(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string Stale = "该活动已被他人修改，请刷新后重新填写";
    public const string CancelledNoEdit = "活动已取消，不能修改";

    public sealed record Result(bool NotFound, IReadOnlyList<Problem> Problems, Guid? Id)
    {
        public bool Ok => !NotFound && Problems.Count == 0 && Id is not null;
    }

    private static readonly Result Missing = new(true, [], null);

    /// <summary>A new form: tomorrow 09:00–11:00 (China time), 2 hours.</summary>
    public ActivityForm NewForm()
    {
        var tomorrow = Clock.TodayInChina(time).AddDays(1).ToDateTime(new TimeOnly(9, 0));
        return new ActivityForm { StartsAt = tomorrow, EndsAt = tomorrow.AddHours(2), DefaultHours = 2 };
    }

    public async Task<ActivityForm?> EditFormAsync(Guid id) =>
        await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) is { } a ? ActivityForm.From(a) : null;

    public async Task<Result> CreateAsync(ActivityForm form, bool bindingValid)
    {
        if (db.Scope is not { Kind: ScopeKind.Community, OrganizationId: { } community }) return Missing;
        var problems = form.Validate();
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);
        var activity = new Activity { Title = "", CommunityId = community, CheckInCode = ActivityForm.NewCheckInCode() };
        form.ApplyTo(activity);
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return new(false, [], activity.Id);
    }

    public async Task<Result> UpdateAsync(Guid id, ActivityForm form, bool bindingValid)
    {
        var activity = await db.Activities.FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return Missing;
        form.Id = id;
        if (activity.IsCancelled) return new(false, [new Problem("", CancelledNoEdit)], null);
        var problems = form.Validate();
        if (problems.Count == 0) problems = await CheckInConflictsAsync(activity, form);
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);
        form.ApplyTo(activity);
        db.Entry(activity).Property(a => a.Version).OriginalValue = form.Version ?? Guid.Empty;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(false, [new Problem("", Stale)], null);
        }
        return new(false, [], id);
    }

    /// <summary>With members checked in, the date stays (their records are served on it) and no check-in may exceed the new length.</summary>
    private async Task<IReadOnlyList<Problem>> CheckInConflictsAsync(Activity activity, ActivityForm form)
    {
        var longest = await db.ServiceRecords.Where(r => r.ActivityId == activity.Id && r.ActiveSlot == 1).MaxAsync(r => (int?)r.Minutes);
        if (longest is null) return [];
        var problems = new List<Problem>();
        if (DateOnly.FromDateTime(form.StartsAt!.Value) != CheckInRules.ServedOn(activity))
            problems.Add(new(nameof(ActivityForm.StartsAt), "已有党员签到，不能改变活动日期（请先撤销签到）"));
        var length = (int)Math.Round((form.EndsAt!.Value - form.StartsAt.Value).TotalMinutes);
        if (length < longest)
            problems.Add(new(nameof(ActivityForm.EndsAt), $"已有签到时长{CheckInRules.Hours(longest.Value)}小时，活动时长不能短于它"));
        return problems;
    }
}
