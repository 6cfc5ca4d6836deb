using System.Globalization;

namespace CommunityPartyPortal.Domain.Service.Requirements;

/// <summary>A member's standing against one rule of the year.</summary>
/// <param name="RuleId">The rule's <c>Id</c>.</param>
/// <param name="Ordinal">The rule's display order.</param>
/// <param name="Kind">What the rule measures.</param>
/// <param name="Label">The rule's label.</param>
/// <param name="Required">What the rule asks, short (e.g. "≥5天", "≥2次或≥8小时").</param>
/// <param name="Achieved">What the member has, short (e.g. "3天", "1次/6.5小时"; hours are rounded down to 0.1).</param>
/// <param name="Progress">0 to 1; 1 when met.</param>
/// <param name="Met">The rule is satisfied (for <see cref="RequirementKind.HouseholdVisitedMonthly"/>: so far, see <see cref="RequirementEvaluator"/>).</param>
/// <param name="Behind">Not met and behind the year's pace at the evaluation date; see <see cref="RequirementEvaluator"/>.</param>
/// <param name="Detail">Extra information, if any (e.g. the months without a household visit: "未走访：3月、5月").</param>
public sealed record RuleProgress(
    Guid RuleId,
    int Ordinal,
    RequirementKind Kind,
    string Label,
    string Required,
    string Achieved,
    double Progress,
    bool Met,
    bool Behind,
    string? Detail = null);

/// <summary>A member's standing against all rules of a year.</summary>
public sealed record MemberYearSummary(Guid MemberId, int Year, DateOnly AsOf, IReadOnlyList<RuleProgress> Rules)
{
    /// <summary>Every rule is met. False when the year has no rules (nothing to have met).</summary>
    public bool AllMet => Rules.Count > 0 && Rules.All(r => r.Met);

    public int MetCount => Rules.Count(r => r.Met);

    public int BehindCount => Rules.Count(r => r.Behind);
}

/// <summary>
/// Measures a member's year (<see cref="MemberYearFacts"/>) against the year's <see cref="RequirementRule"/>s,
/// as of a date (normally today in China time). Pure: no database, no clock.
/// </summary>
/// <remarks>
/// <para><b>The year.</b> 1 January to 31 December of <see cref="MemberYearFacts.Year"/>, both inclusive. Service
/// and visit dates outside it are ignored. An evaluation date after the year treats the whole year as
/// elapsed (use it, e.g. 1 January of the next year or today, to judge a closed year); a date before the year
/// treats none of it as elapsed.</para>
/// <para><b>Met.</b> <see cref="RequirementKind.DistinctDays"/>: distinct service dates ≥ Minimum.
/// <see cref="RequirementKind.ServicesOrHours"/>: services ≥ Minimum, or minutes ≥ AlternativeMinimum.
/// <see cref="RequirementKind.PostClaimed"/>, <see cref="RequirementKind.Suggestion"/>,
/// <see cref="RequirementKind.PublicWelfareActivity"/>, <see cref="RequirementKind.ServiceModel"/>: the count
/// ≥ Minimum. A Minimum of 0 or less is always met.
/// <see cref="RequirementKind.HouseholdVisitedMonthly"/>: at least max(Minimum, 1) pairings active in the year
/// up to the evaluation date, and every <i>due</i> month of every such pairing has a visit to that household.
/// A month is due when the pairing was active on at least one day of it (from the month of PairedOn, or
/// January, to the month of EndedOn, or December) and the month is over at the evaluation date, i.e. the
/// evaluation date falls in a later month. The current month is never missed while it lasts (on 31 January,
/// January is not yet due), and a visit in it is not needed yet. This rule is "met so far": a later missed month
/// makes it unmet again.</para>
/// <para><b>Behind</b> is always false for a met rule. Otherwise:
/// <list type="bullet">
/// <item>Counted rules (<see cref="RequirementKind.DistinctDays"/>, <see cref="RequirementKind.ServicesOrHours"/>):
/// behind when the achieved amount is below the pro-rata expectation Minimum × e, where e is the share of the
/// year's days completed before the evaluation date ((day of year − 1) / days in year; 0 on 1 January, 181/365 on
/// 1 July, 1 after the year). So on 1 July a member needs 2.48 of 5 days: 2 days is behind, 3 is not. For
/// <see cref="RequirementKind.ServicesOrHours"/> the member is behind only when both the services and the
/// minutes are below their expectation. The comparison is exact (integer arithmetic).</item>
/// <item>Yes/no rules (<see cref="RequirementKind.PostClaimed"/>, <see cref="RequirementKind.Suggestion"/>,
/// <see cref="RequirementKind.PublicWelfareActivity"/>, <see cref="RequirementKind.ServiceModel"/>): behind from
/// 1 July of the year (see <see cref="MidYear"/>).</item>
/// <item><see cref="RequirementKind.HouseholdVisitedMonthly"/>: behind at once when a due month has no visit (it
/// cannot be made up), and from 1 July when the member has too few pairings.</item>
/// </list></para>
/// </remarks>
public static class RequirementEvaluator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The date from which unmet yes/no rules count as behind: 1 July.</summary>
    public static DateOnly MidYear(int year) => new(year, 7, 1);

    /// <summary>The member's progress on each rule, in the rules' order (<see cref="RequirementRule.Ordinal"/>).</summary>
    /// <exception cref="ArgumentException">A rule belongs to another year than the facts.</exception>
    public static IReadOnlyList<RuleProgress> Evaluate(IEnumerable<RequirementRule> rules, MemberYearFacts facts, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var clock = new YearClock(facts.Year, asOf);
        var result = new List<RuleProgress>();
        foreach (var rule in rules.OrderBy(r => r.Ordinal).ThenBy(r => r.Kind))
        {
            if (rule.Year != facts.Year)
            {
                throw new ArgumentException(
                    $"Rule {rule.Id} is for {rule.Year}, the facts are for {facts.Year}.", nameof(rules));
            }
            result.Add(rule.Kind switch
            {
                RequirementKind.DistinctDays => DistinctDays(rule, facts, clock),
                RequirementKind.ServicesOrHours => ServicesOrHours(rule, facts, clock),
                RequirementKind.PostClaimed => YesNo(rule, facts.PostsClaimed, "个", clock),
                RequirementKind.Suggestion => YesNo(rule, facts.Suggestions, "条", clock),
                RequirementKind.PublicWelfareActivity => YesNo(rule, facts.PublicWelfareActivities, "次", clock),
                RequirementKind.ServiceModel => YesNo(rule, facts.Recognitions, "次", clock),
                RequirementKind.HouseholdVisitedMonthly => HouseholdVisitedMonthly(rule, facts, clock),
                _ => throw new ArgumentOutOfRangeException(nameof(rules), rule.Kind, "Unknown requirement kind."),
            });
        }
        return result;
    }

    /// <summary>
    /// How many of the rules the member meets: the number of <see cref="RuleProgress.Met"/> in <see cref="Evaluate"/>'s
    /// result, without describing each rule (no texts), for counts over a whole county.
    /// </summary>
    /// <exception cref="ArgumentException">A rule belongs to another year than the facts.</exception>
    public static int CountMet(IEnumerable<RequirementRule> rules, MemberYearFacts facts, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var clock = new YearClock(facts.Year, asOf);
        var met = 0;
        foreach (var rule in rules)
        {
            if (rule.Year != facts.Year)
            {
                throw new ArgumentException(
                    $"Rule {rule.Id} is for {rule.Year}, the facts are for {facts.Year}.", nameof(rules));
            }
            var ok = rule.Kind switch
            {
                RequirementKind.DistinctDays => Days(facts, clock) >= rule.Minimum,
                RequirementKind.ServicesOrHours => ServicesOrHoursMet(rule, facts),
                RequirementKind.PostClaimed => facts.PostsClaimed >= rule.Minimum,
                RequirementKind.Suggestion => facts.Suggestions >= rule.Minimum,
                RequirementKind.PublicWelfareActivity => facts.PublicWelfareActivities >= rule.Minimum,
                RequirementKind.ServiceModel => facts.Recognitions >= rule.Minimum,
                RequirementKind.HouseholdVisitedMonthly => Visits.Of(rule, facts, clock).Met,
                _ => throw new ArgumentOutOfRangeException(nameof(rules), rule.Kind, "Unknown requirement kind."),
            };
            if (ok) met++;
        }
        return met;
    }

    /// <summary><see cref="Evaluate"/> with the totals.</summary>
    public static MemberYearSummary Summarize(IEnumerable<RequirementRule> rules, MemberYearFacts facts, DateOnly asOf) =>
        new(facts.MemberId, facts.Year, asOf, Evaluate(rules, facts, asOf));

    private static RuleProgress DistinctDays(RequirementRule rule, MemberYearFacts facts, YearClock clock)
    {
        var days = Days(facts, clock);
        var met = days >= rule.Minimum;
        return Progress(rule,
            Text($"≥{rule.Minimum}天"),
            Text($"{days}天"),
            Fraction(days, rule.Minimum),
            met,
            behind: !met && !clock.OnPace(days, rule.Minimum));
    }

    private static RuleProgress ServicesOrHours(RequirementRule rule, MemberYearFacts facts, YearClock clock)
    {
        var count = facts.ServiceCount;
        var minutes = facts.ServiceMinutes;
        var alternative = rule.AlternativeMinimum;
        var met = ServicesOrHoursMet(rule, facts);
        var progress = Math.Max(Fraction(count, rule.Minimum), alternative is { } b ? Fraction(minutes, b) : 0);
        var behind = !met
            && !clock.OnPace(count, rule.Minimum)
            && (alternative is not { } c || !clock.OnPace(minutes, c));
        var required = alternative is { } d
            ? Text($"≥{rule.Minimum}次或≥{(d / 60m).ToString("0.##", Invariant)}小时")
            : Text($"≥{rule.Minimum}次");
        var achieved = Text($"{count}次/{(Math.Floor(minutes / 6m) / 10m).ToString("0.#", Invariant)}小时");
        return Progress(rule, required, achieved, progress, met, behind);
    }

    private static RuleProgress YesNo(RequirementRule rule, int count, string unit, YearClock clock)
    {
        var met = count >= rule.Minimum;
        return Progress(rule,
            Text($"≥{rule.Minimum}{unit}"),
            Text($"{count}{unit}"),
            Fraction(count, rule.Minimum),
            met,
            behind: !met && clock.PastMidYear);
    }

    private static RuleProgress HouseholdVisitedMonthly(RequirementRule rule, MemberYearFacts facts, YearClock clock)
    {
        var v = Visits.Of(rule, facts, clock);
        var (requiredPairings, pairings, due, visited, met) = (v.RequiredPairings, v.Pairings, v.Due, v.Visited, v.Met);
        var missed = v.MissedMonths().ToList();
        var progress = Fraction(pairings, requiredPairings) * (due == 0 ? 1.0 : (double)visited / due);
        var achieved = pairings == 0 ? "未结对"
            : due == 0 ? Text($"结对{pairings}户")
            : Text($"结对{pairings}户，走访{visited}/{due}个月");
        var detail = missed.Count == 0 ? null
            : "未走访：" + string.Join("、", missed.Select(m => Text($"{m}月")));
        return Progress(rule,
            Text($"结对≥{requiredPairings}户，每月走访"),
            achieved,
            progress,
            met,
            behind: !met && (missed.Count > 0 || clock.PastMidYear),
            detail);
    }

    private static int Days(MemberYearFacts facts, YearClock clock) =>
        facts.DistinctServiceDays ?? facts.ServiceDates.Where(d => d.Year == clock.Year).Distinct().Count();

    private static bool ServicesOrHoursMet(RequirementRule rule, MemberYearFacts facts) =>
        facts.ServiceCount >= rule.Minimum || (rule.AlternativeMinimum is { } a && facts.ServiceMinutes >= a);

    /// <summary>
    /// The standing of <see cref="RequirementKind.HouseholdVisitedMonthly"/>: the pairings active in the year up to the
    /// evaluation date, their due months (over at the date), those with a visit, and the months missed (bit m for month m).
    /// </summary>
    private readonly record struct Visits(int RequiredPairings, int Pairings, int Due, int Visited, int Missed)
    {
        public bool Met => Pairings >= RequiredPairings && Missed == 0;

        public IEnumerable<int> MissedMonths()
        {
            for (var month = 1; month <= 12; month++)
            {
                if ((Missed & (1 << month)) != 0) yield return month;
            }
        }

        public static Visits Of(RequirementRule rule, MemberYearFacts facts, YearClock clock)
        {
            var pairings = 0;
            var due = 0;
            var visited = 0;
            var missed = 0;
            foreach (var pairing in facts.Pairings)
            {
                // The pairing's days within the year and up to the evaluation date.
                var from = Max(pairing.PairedOn, clock.First);
                var to = Min(Min(pairing.EndedOn ?? clock.Last, clock.Last), clock.AsOf);
                if (from > to)
                {
                    continue;
                }
                pairings++;
                var visitMonths = 0;
                foreach (var v in pairing.VisitDates)
                {
                    if (v.Year == clock.Year) visitMonths |= 1 << v.Month;
                }
                for (var month = from.Month; month <= to.Month; month++)
                {
                    if (!clock.IsMonthOver(month))
                    {
                        continue;
                    }
                    due++;
                    if ((visitMonths & (1 << month)) != 0)
                    {
                        visited++;
                    }
                    else
                    {
                        missed |= 1 << month;
                    }
                }
            }
            return new Visits(Math.Max(rule.Minimum, 1), pairings, due, visited, missed);
        }
    }

    private static RuleProgress Progress(RequirementRule rule, string required, string achieved, double progress,
        bool met, bool behind, string? detail = null) =>
        new(rule.Id, rule.Ordinal, rule.Kind, rule.Label, required, achieved,
            met ? 1.0 : Math.Clamp(progress, 0.0, 1.0), met, behind, detail);

    private static double Fraction(int achieved, int required) =>
        required <= 0 ? 1.0 : Math.Clamp((double)achieved / required, 0.0, 1.0);

    private static string Text(FormattableString text) => text.ToString(Invariant);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>How much of the year has passed at <see cref="AsOf"/>.</summary>
    private readonly record struct YearClock(int Year, DateOnly AsOf)
    {
        public DateOnly First => new(Year, 1, 1);

        public DateOnly Last => new(Year, 12, 31);

        private int DaysInYear => DateTime.IsLeapYear(Year) ? 366 : 365;

        /// <summary>Days of the year completed before <see cref="AsOf"/>.</summary>
        private int ElapsedDays => AsOf < First ? 0 : AsOf > Last ? DaysInYear : AsOf.DayOfYear - 1;

        public bool PastMidYear => AsOf >= MidYear(Year);

        /// <summary>achieved ≥ required × elapsed / days in year, exactly.</summary>
        public bool OnPace(int achieved, int required) =>
            (long)achieved * DaysInYear >= (long)required * ElapsedDays;

        /// <summary>The whole month has passed: <see cref="AsOf"/> is after its last day.</summary>
        public bool IsMonthOver(int month) => AsOf > new DateOnly(Year, month, DateTime.DaysInMonth(Year, month));
    }
}
