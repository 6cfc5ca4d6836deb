namespace CommunityPartyPortal.Domain.Common;

/// <summary>Time for the portal: stored in UTC, shown and reasoned about in China Standard Time.</summary>
public static class Clock
{
    private static readonly TimeZoneInfo ChinaZone = FindChinaZone();

    public static TimeZoneInfo China => ChinaZone;

    public static DateTime ToChina(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), ChinaZone);

    public static DateOnly TodayInChina(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ChinaZone).DateTime);

    private static TimeZoneInfo FindChinaZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
