using System.Globalization;

namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// Service time as the documents show it: minutes in the records, hours with one decimal on paper and in Excel.
/// Hours are rounded down to 0.1 (as the annual requirement progress is), so 7 h 59 min never shows as 8.0.
/// </summary>
public static class ServiceHours
{
    /// <summary>Hours rounded down to one decimal: 150 → 2.5, 479 → 7.9.</summary>
    public static decimal FromMinutes(int minutes) => Math.Floor(minutes / 6m) / 10m;

    /// <summary>Hours with one decimal as text: 150 → "2.5", 60 → "1.0".</summary>
    public static string Format(int minutes) => FromMinutes(minutes).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The totals of a set of services: how many, on how many distinct days, how long.</summary>
/// <param name="Services">服务次数.</param>
/// <param name="Days">服务天数 (distinct dates).</param>
/// <param name="Minutes">Total minutes (shown as hours, see <see cref="ServiceHours"/>).</param>
public readonly record struct ServiceTotals(int Services, int Days, int Minutes)
{
    /// <summary>累计时长 in hours with one decimal.</summary>
    public string HoursText => ServiceHours.Format(Minutes);

    /// <summary>The totals of the entries that count (<see cref="ServiceEntry.CountsTowardTotals"/>).</summary>
    public static ServiceTotals Of(IEnumerable<ServiceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var counted = entries.Where(e => e.CountsTowardTotals).ToList();
        return new ServiceTotals(counted.Count, counted.Select(e => e.Date).Distinct().Count(), counted.Sum(e => e.Minutes));
    }
}
