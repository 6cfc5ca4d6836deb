namespace CommunityPartyPortal.Domain.Service.Requirements;

/// <summary>
/// What one member did in one year, as <see cref="RequirementEvaluator"/> needs it. Computed by a query
/// elsewhere; only confirmed service counts (<see cref="ServiceRecord.Counts"/>). The counts are taken as
/// given (the query limits them to <see cref="Year"/>); the dates are checked again: dates outside
/// <see cref="Year"/> are ignored by the evaluator.
/// </summary>
public sealed record MemberYearFacts
{
    /// <summary>The calendar year (1 January to 31 December, dates as in the records, i.e. China time).</summary>
    public required int Year { get; init; }

    /// <summary>For the caller's convenience (which member the facts are about); not used by the evaluator.</summary>
    public Guid MemberId { get; init; }

    /// <summary>
    /// <see cref="ServiceRecord.ServedOn"/> of the member's confirmed records. Duplicates are allowed: two
    /// records on the same day are one day.
    /// </summary>
    public IReadOnlyCollection<DateOnly> ServiceDates { get; init; } = [];

    /// <summary>
    /// The distinct days of service in the year when the query counted them itself (a county-wide grouping by member does, to
    /// avoid loading every date); the evaluator then uses it instead of <see cref="ServiceDates"/>. Null: count
    /// <see cref="ServiceDates"/>.
    /// </summary>
    public int? DistinctServiceDays { get; init; }

    /// <summary>Confirmed service records in the year.</summary>
    public int ServiceCount { get; init; }

    /// <summary>Sum of <see cref="ServiceRecord.Minutes"/> of the confirmed records in the year.</summary>
    public int ServiceMinutes { get; init; }

    /// <summary>Posts the member held under an approved claim at any time in the year.</summary>
    public int PostsClaimed { get; init; }

    /// <summary>Suggestions submitted in the year.</summary>
    public int Suggestions { get; init; }

    /// <summary>Confirmed public-welfare services (<see cref="ServiceRecord.IsPublicWelfare"/>) in the year.</summary>
    public int PublicWelfareActivities { get; init; }

    /// <summary>Recognitions (服务标兵 and the like) of the year.</summary>
    public int Recognitions { get; init; }

    /// <summary>The member's household pairings active at some time in the year, with their visits.</summary>
    public IReadOnlyList<PairingFacts> Pairings { get; init; } = [];
}

/// <summary>One pairing of the member with a household and the member's visits to that household.</summary>
/// <param name="PairedOn">First day of the pairing.</param>
/// <param name="EndedOn">Last day of the pairing (inclusive); null while paired.</param>
/// <param name="VisitDates">
/// <see cref="HouseholdVisit.VisitedOn"/> of the member's visits to the household (any number per month;
/// dates of other years are ignored). A visit in a month marks the month as visited.
/// </param>
public sealed record PairingFacts(DateOnly PairedOn, DateOnly? EndedOn, IReadOnlyCollection<DateOnly> VisitDates)
{
    /// <summary>For the caller's convenience; not used by the evaluator.</summary>
    public Guid HouseholdId { get; init; }
}
