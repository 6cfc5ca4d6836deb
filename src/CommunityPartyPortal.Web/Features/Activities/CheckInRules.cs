using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Service;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// The rules of a check-in (pure): when an activity takes check-ins and how many hours a check-in may get.
/// Staff may check members in from 30 minutes before the start until 24 hours after the end (late logging);
/// a member's own QR check-in only from 30 minutes before the start until the end.
/// </summary>
public static class CheckInRules
{
    public static readonly TimeSpan OpensBeforeStart = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan StaffLateLogging = TimeSpan.FromHours(24);

    public const string AlreadyCheckedIn = "该党员已签到";
    public const string Cancelled = "活动已取消，不能签到";
    public const string HoursRequired = "请填写服务时长";
    public const string HoursPositive = "服务时长必须大于0";

    /// <summary>The window in UTC: [start − 30 min, end (+ 24 h for staff)].</summary>
    public static (DateTime Opens, DateTime Closes) Window(Activity activity, bool self) =>
        (activity.StartsAt - OpensBeforeStart, self ? activity.EndsAt : activity.EndsAt + StaffLateLogging);

    /// <summary>Why the activity takes no check-in now (cancelled, not yet open, closed), or null.</summary>
    public static string? Refusal(Activity activity, DateTime nowUtc, bool self)
    {
        if (activity.IsCancelled) return Cancelled;
        var (opens, closes) = Window(activity, self);
        var span = $"签到时间 {Show(opens)} 至 {Show(closes)}";
        if (nowUtc < opens) return $"不在活动签到时间内（活动尚未开始，{span}）";
        if (nowUtc > closes) return $"不在活动签到时间内（{(self ? "活动已结束" : "活动结束已超过24小时")}，{span}）";
        return null;
    }

    /// <summary>Hours as entered → minutes, or the reason they are refused (not positive, longer than the activity).</summary>
    public static (int Minutes, string? Problem) Minutes(decimal? hours, int lengthMinutes)
    {
        if (hours is null) return (0, HoursRequired);
        var minutes = ToMinutes(hours.Value);
        if (minutes <= 0) return (0, HoursPositive);
        if (minutes > lengthMinutes) return (0, $"服务时长不能超过活动时长（{Hours(lengthMinutes)}小时）");
        return (minutes, null);
    }

    public static int ToMinutes(decimal hours) => (int)Math.Round(hours * 60m, MidpointRounding.AwayFromZero);

    /// <summary>Minutes shown as hours with one decimal ("1.5").</summary>
    public static string Hours(int minutes) => (minutes / 60m).ToString("0.0", CultureInfo.InvariantCulture);

    public static decimal HoursValue(int minutes) => Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero);

    /// <summary>A UTC time in China time, "yyyy-MM-dd HH:mm".</summary>
    public static string Show(DateTime utc) => Clock.ToChina(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>China local time (as entered in a form) → UTC.</summary>
    public static DateTime ToUtc(DateTime chinaLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chinaLocal, DateTimeKind.Unspecified), Clock.China);

    /// <summary>The China date an activity is served on (its start's date).</summary>
    public static DateOnly ServedOn(Activity activity) => DateOnly.FromDateTime(Clock.ToChina(activity.StartsAt));
}
