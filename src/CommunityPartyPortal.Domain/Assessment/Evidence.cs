using System.Globalization;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>One figure of an evidence, as shown beside the item (e.g. 服务岗位 5个).</summary>
public sealed record EvidenceFigure(string Label, decimal Value, string Unit);

/// <summary>
/// What the portal's own records say about one community for one evidence key (<see cref="EvidenceKeys"/>): the figures, the
/// share of the item's points they suggest (0–1), and a one-line explanation in Chinese.
/// </summary>
public sealed record Evidence(Guid CommunityId, string Key, IReadOnlyList<EvidenceFigure> Figures, decimal Fraction, string Explanation)
{
    /// <summary>The suggested score for an item of <paramref name="itemPoints"/>: the fraction of them, to one decimal (half away from zero).</summary>
    public decimal SuggestedScore(decimal itemPoints) =>
        Math.Clamp(Math.Round(itemPoints * Fraction, 1, MidpointRounding.AwayFromZero), 0m, itemPoints);
}

/// <summary>The evidence of several communities, by community and key.</summary>
public sealed class EvidenceSet(IEnumerable<Evidence> evidence)
{
    private readonly Dictionary<(Guid, string), Evidence> byKey = evidence.ToDictionary(e => (e.CommunityId, e.Key));

    public IReadOnlyCollection<Evidence> All => byKey.Values;

    /// <summary>The evidence of <paramref name="communityId"/> for <paramref name="key"/>, or null.</summary>
    public Evidence? For(Guid communityId, string? key) => key is not null && byKey.TryGetValue((communityId, key), out var e) ? e : null;
}

/// <summary>
/// The two-month periods of a year (1–2月, 3–4月, …) that are due by a date: a period is due once it has ended, or earlier
/// when it already has what is looked for (so the period in progress never counts against a community, but counts for it).
/// </summary>
public static class TwoMonthPeriods
{
    /// <summary>1 for January–February … 6 for November–December.</summary>
    public static int Of(DateOnly date) => (date.Month + 1) / 2;

    public static (DateOnly Start, DateOnly End) Dates(int year, int period)
    {
        var start = new DateOnly(year, period * 2 - 1, 1);
        return (start, start.AddMonths(2).AddDays(-1));
    }

    public static string Label(int period) => $"{period * 2 - 1}—{period * 2}月";

    /// <summary>The due periods and which of them are covered (<paramref name="covered"/>: the periods that have one).</summary>
    public static (IReadOnlyList<int> Due, IReadOnlyList<int> Missing) Check(int year, DateOnly asOf, IReadOnlySet<int> covered)
    {
        ArgumentNullException.ThrowIfNull(covered);
        var due = Enumerable.Range(1, 6)
            .Where(p => Dates(year, p).End <= asOf || (Dates(year, p).Start <= asOf && covered.Contains(p)))
            .ToList();
        return (due, due.Where(p => !covered.Contains(p)).ToList());
    }
}

internal static class EvidenceText
{
    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100m * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Periods(IEnumerable<int> periods) => string.Join("、", periods.Select(TwoMonthPeriods.Label));

    public static string Suggestion(decimal fraction) => fraction switch
    {
        1m => "建议满分",
        0.5m => "建议得一半分",
        0m => "建议0分",
        _ => $"建议按比例得{(fraction * 100).ToString("0.#", CultureInfo.InvariantCulture)}%的分",
    };

    public static decimal Ratio(int part, int whole) => whole == 0 ? 0m : Math.Min(1m, (decimal)part / whole);
}
