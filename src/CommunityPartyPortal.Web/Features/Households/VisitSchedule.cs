using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 每月走访: which months a household had to be visited and whether it was. Pure (no database, no clock of its
/// own): give it the household's pairings, its visit dates and today's date in China time.
/// <para>
/// The rule: a month needs a visit when some pairing is in force on the month's reference day — its last day,
/// or today for the current month (so the month of the pairing counts, a pairing that ended before the month's
/// end does not). The current month is not over: without a visit yet it is <see cref="MonthStatus.Due"/>
/// (本月未走访), never <see cref="MonthStatus.Missed"/>.
/// </para>
/// </summary>
public sealed class VisitSchedule
{
    public enum MonthStatus
    {
        /// <summary>No pairing in force: no visit required.</summary>
        NotRequired,
        Visited,
        /// <summary>A past month that needed a visit and had none.</summary>
        Missed,
        /// <summary>The current month, paired, not visited yet.</summary>
        Due,
        /// <summary>After the current month.</summary>
        Future,
    }

    public sealed record Pairing(DateOnly PairedOn, DateOnly? EndedOn);

    public sealed record Month(int Year, int Number, MonthStatus Status, int Visits)
    {
        public string Label => $"{Year}-{Number:00}";
    }

    private readonly IReadOnlyList<Pairing> pairings;
    private readonly Dictionary<(int, int), int> visitsByMonth;

    public DateOnly Today { get; }

    public VisitSchedule(IEnumerable<Pairing> pairings, IEnumerable<DateOnly> visits, DateOnly today)
    {
        this.pairings = [.. pairings];
        visitsByMonth = visits.Where(v => v <= today).GroupBy(v => (v.Year, v.Month)).ToDictionary(g => g.Key, g => g.Count());
        Today = today;
    }

    /// <summary>The schedule as of today in China time (the month boundaries are China's).</summary>
    public VisitSchedule(IEnumerable<Pairing> pairings, IEnumerable<DateOnly> visits, TimeProvider time)
        : this(pairings, visits, Clock.TodayInChina(time))
    {
    }

    /// <summary>Paired today and not visited yet this month: the 本月未走访 flag.</summary>
    public bool NotVisitedThisMonth => StatusOf(Today.Year, Today.Month).Status == MonthStatus.Due;

    public bool VisitedThisMonth => Visits(Today.Year, Today.Month) > 0;

    /// <summary>Whether some pairing is in force today.</summary>
    public bool PairedToday => InForce(Today);

    /// <summary>The past months, from the first pairing up to last month, that needed a visit and had none (oldest first).</summary>
    public IReadOnlyList<Month> MissedMonths()
    {
        if (pairings.Count == 0) return [];
        var first = pairings.Min(p => p.PairedOn);
        var missed = new List<Month>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m < FirstOfMonth(Today); m = m.AddMonths(1))
        {
            var month = StatusOf(m.Year, m.Month);
            if (month.Status == MonthStatus.Missed) missed.Add(month);
        }
        return missed;
    }

    /// <summary>The twelve months of a year, for the month-by-month grid.</summary>
    public IReadOnlyList<Month> YearGrid(int year) => [.. Enumerable.Range(1, 12).Select(m => StatusOf(year, m))];

    public Month StatusOf(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var visits = Visits(year, month);
        if (first > Today) return new(year, month, MonthStatus.Future, 0);
        var last = first.AddMonths(1).AddDays(-1);
        var current = last >= Today;
        var reference = current ? Today : last;
        var status = visits > 0 ? MonthStatus.Visited
            : !InForce(reference) ? MonthStatus.NotRequired
            : current ? MonthStatus.Due
            : MonthStatus.Missed;
        return new(year, month, status, visits);
    }

    private int Visits(int year, int month) => visitsByMonth.GetValueOrDefault((year, month));

    private bool InForce(DateOnly day) => pairings.Any(p => p.PairedOn <= day && (p.EndedOn is null || p.EndedOn >= day));

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);
}
