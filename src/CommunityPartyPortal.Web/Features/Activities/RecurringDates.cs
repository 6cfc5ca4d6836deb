using CommunityPartyPortal.Domain.Service;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// The dates of the recurring activities of a year (pure, China calendar dates):
/// <list type="bullet">
/// <item>党员活动日 (seed 000): the first Saturday of each odd month (Jan, Mar, May, Jul, Sep, Nov): 6 a year.</item>
/// <item>志愿服务日 (seed 003, "每季度最后一个周末"): read as the last <em>full</em> weekend of the quarter's last month
/// (Mar, Jun, Sep, Dec) — the Saturday before the month's last Sunday, so that both days lie in the quarter. A month
/// ending on a Sunday gives the Saturday before it (2024-03-30); a month ending on a Saturday gives the Saturday a week
/// earlier (2028-09-23), as its Sunday already belongs to the next quarter. One activity (on the Saturday) per quarter: 4 a year.</item>
/// </list>
/// </summary>
public static class RecurringDates
{
    public static bool IsRecurring(ActivityKind kind) => kind is ActivityKind.MeetingDay or ActivityKind.VolunteerDay;

    public static IReadOnlyList<DateOnly> For(ActivityKind kind, int year) => kind switch
    {
        ActivityKind.MeetingDay => MeetingDays(year),
        ActivityKind.VolunteerDay => VolunteerDays(year),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "只有党员活动日和志愿服务日按规则生成"),
    };

    /// <summary>The first Saturday of January, March, May, July, September and November.</summary>
    public static IReadOnlyList<DateOnly> MeetingDays(int year) =>
        [.. new[] { 1, 3, 5, 7, 9, 11 }.Select(month => FirstSaturday(year, month))];

    /// <summary>The Saturday of the last full weekend of March, June, September and December.</summary>
    public static IReadOnlyList<DateOnly> VolunteerDays(int year) =>
        [.. new[] { 3, 6, 9, 12 }.Select(month => LastFullWeekendSaturday(year, month))];

    public static DateOnly FirstSaturday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
    }

    public static DateOnly LastFullWeekendSaturday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var lastSunday = last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Sunday + 7) % 7));
        return lastSunday.AddDays(-1);
    }
}
