namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>
/// A unit's 报到 figures as of a date. <see cref="Reported"/>: members with a confirmed report of the year made by the date
/// and not withdrawn by it, still living in the county at the date (not moved out by then). <see cref="Receipts"/> and
/// <see cref="Late"/> count among them. <see cref="Withdrawn"/>: members whose reports of the year were all withdrawn by
/// the date (moved-out members included). The rate's denominator is the unit's own verified count (核实单位党员数, the
/// verification of exactly this organisation) or, when it has not verified, <see cref="MembersInPortal"/> (in-service
/// members of the unit active at the date): <see cref="VerifiedCount"/> says which.
/// </summary>
/// <remarks>
/// In a subtotal or total the counts are sums: <see cref="Denominator"/> is the sum of the rows' denominators,
/// <see cref="VerifiedCount"/> the sum of the verified rows' counts (null when no row verified) and
/// <see cref="UnverifiedRows"/> how many rows used the portal's count instead; the rate is recomputed from the sums.
/// </remarks>
public sealed record UnitReportingFigures(
    int? VerifiedCount,
    int MembersInPortal,
    int Denominator,
    int UnverifiedRows,
    int LettersIssued,
    int Reported,
    int Receipts,
    int Withdrawn,
    int Late,
    int ThresholdPercent) : ISummaryFigures<UnitReportingFigures>
{
    public static UnitReportingFigures Zero(int threshold) => new(null, 0, 0, 0, 0, 0, 0, 0, 0, threshold);

    public bool DenominatorIsVerified => VerifiedCount is not null && UnverifiedRows == 0;

    /// <summary>Reported / denominator in percent, one decimal; null when the denominator is 0.</summary>
    public decimal? RatePercent => Denominator == 0 ? null : Math.Round(100m * Reported / Denominator, 1);

    /// <summary>reported × 100 ≥ threshold × denominator, exactly (as <see cref="Reporting.UnitReportingRate.Met"/>).</summary>
    public bool Met => Denominator > 0 && Reported * 100 >= ThresholdPercent * Denominator;

    public bool BelowThreshold => Denominator > 0 && !Met;

    public bool IsEmpty => VerifiedCount is null && MembersInPortal == 0 && LettersIssued == 0 && Reported == 0 && Receipts == 0 && Withdrawn == 0;

    public UnitReportingFigures Plus(UnitReportingFigures other) => new(
        VerifiedCount is null && other.VerifiedCount is null ? null : (VerifiedCount ?? 0) + (other.VerifiedCount ?? 0),
        MembersInPortal + other.MembersInPortal,
        Denominator + other.Denominator,
        UnverifiedRows + other.UnverifiedRows,
        LettersIssued + other.LettersIssued,
        Reported + other.Reported,
        Receipts + other.Receipts,
        Withdrawn + other.Withdrawn,
        Late + other.Late,
        ThresholdPercent);
}

/// <summary>
/// A community's 报到 figures as of a date, counted per report made to the community (a member who withdrew from one
/// community and reported to another counts in both, withdrawn in the first). <see cref="Reported"/>: confirmed reports
/// of the year made by the date, not withdrawn by it, of members not moved out by then; <see cref="Late"/> among them.
/// <see cref="ReceiptsSent"/>: every report made by the date (each issued its 回执), withdrawn ones included;
/// <see cref="ReceiptsReceived"/>: of those, acknowledged by the unit by the end of the date. <see cref="Withdrawn"/>:
/// reports withdrawn by the date. The rate is <see cref="Reported"/> / <see cref="InServiceResidents"/> (in-service
/// members living in the community at the date). Residents by category are members living there at the date.
/// </summary>
public sealed record CommunityReportingFigures(
    int InServiceResidents,
    int SelfManagedResidents,
    int FloatingResidents,
    int LettersReceived,
    int Reported,
    int ReceiptsSent,
    int ReceiptsReceived,
    int Withdrawn,
    int Late,
    int ThresholdPercent) : ISummaryFigures<CommunityReportingFigures>
{
    public static CommunityReportingFigures Zero(int threshold) => new(0, 0, 0, 0, 0, 0, 0, 0, 0, threshold);

    public decimal? RatePercent => InServiceResidents == 0 ? null : Math.Round(100m * Reported / InServiceResidents, 1);

    public bool Met => InServiceResidents > 0 && Reported * 100 >= ThresholdPercent * InServiceResidents;

    public bool BelowThreshold => InServiceResidents > 0 && !Met;

    public bool IsEmpty => InServiceResidents == 0 && SelfManagedResidents == 0 && FloatingResidents == 0 && LettersReceived == 0
                           && ReceiptsSent == 0 && Withdrawn == 0;

    public CommunityReportingFigures Plus(CommunityReportingFigures other) => new(
        InServiceResidents + other.InServiceResidents,
        SelfManagedResidents + other.SelfManagedResidents,
        FloatingResidents + other.FloatingResidents,
        LettersReceived + other.LettersReceived,
        Reported + other.Reported,
        ReceiptsSent + other.ReceiptsSent,
        ReceiptsReceived + other.ReceiptsReceived,
        Withdrawn + other.Withdrawn,
        Late + other.Late,
        ThresholdPercent);
}
