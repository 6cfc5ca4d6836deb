using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Reporting;

/// <summary>Where an in-service member stands in the year's 报到, as the unit sees it.</summary>
public enum MemberReportState
{
    [Display(Name = "未报到")] NotReported = 1,
    [Display(Name = "已开证明信")] LetterIssued = 2,
    [Display(Name = "已报到")] Reported = 3,
    [Display(Name = "已收回执")] ReceiptReceived = 4,
    [Display(Name = "已撤回")] Withdrawn = 5,
}

public sealed record MemberReportRow(
    Guid MemberId,
    string Name,
    string Mobile,
    Guid? WorkUnitId,
    Guid? CommunityId,
    MemberReportState State,
    Guid? LetterId,
    string? LetterSerial,
    Guid? ReportId,
    string? ReceiptSerial,
    DateOnly? ReportedOn,
    bool IsLate,
    bool LetterMissing,
    DateOnly? WithdrawnOn)
{
    /// <summary>Counts toward the reporting rate: an active, confirmed report.</summary>
    public bool Counts => State is MemberReportState.Reported or MemberReportState.ReceiptReceived;
}

/// <summary>A unit's reporting rate = confirmed reports / the in-service members it verified.</summary>
public sealed record UnitReportingRate(int Year, int? VerifiedCount, int MembersInPortal, int Confirmed, int ThresholdPercent)
{
    /// <summary>The denominator: the verified count, or the portal's count while the unit has not verified.</summary>
    public int Denominator => VerifiedCount ?? MembersInPortal;

    public decimal? RatePercent => Denominator == 0 ? null : Math.Round(100m * Confirmed / Denominator, 1);

    /// <summary>Met when confirmed × 100 ≥ threshold × denominator (exact, no rounding: 90% of 10 is 9).</summary>
    public bool Met => Denominator > 0 && Confirmed * 100 >= ThresholdPercent * Denominator;
}

/// <summary>The report queries of 报到. They run on the caller's (scoped) context.</summary>
public static class ReportingQueries
{
    /// <summary>The in-service members of the given units (active in the year) with their 报到 state.</summary>
    public static async Task<IReadOnlyList<MemberReportRow>> UnitMembersAsync(PortalDbContext db, IReadOnlyCollection<Guid> unitIds, int year, CancellationToken ct = default)
    {
        var ids = unitIds.ToList();
        var yearStart = new DateOnly(year, 1, 1);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.WorkUnitId != null && ids.Contains(m.WorkUnitId.Value) && m.Category == MemberCategory.InService
                        && (m.MovedOutOn == null || m.MovedOutOn >= yearStart))
            .Select(m => new { m.Id, m.Name, m.Mobile, m.WorkUnitId, m.CommunityId })
            .ToListAsync(ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var letters = await db.ReportLetters.AsNoTracking()
            .Where(l => l.Year == year && l.Status != LetterStatus.Cancelled && memberIds.Contains(l.MemberId))
            .Select(l => new { l.Id, l.MemberId, l.Serial, l.IssuedOn })
            .ToListAsync(ct);
        var reports = await db.CommunityReports.AsNoTracking()
            .Where(r => r.Year == year && memberIds.Contains(r.MemberId))
            .Select(r => new { r.Id, r.MemberId, r.Status, r.ReceiptSerial, r.ReportedOn, r.IsLate, r.LetterId, r.ReceiptReceivedAt, r.WithdrawnOn, r.CreatedAt })
            .ToListAsync(ct);
        var letterBy = letters.GroupBy(l => l.MemberId).ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.IssuedOn).First());
        var reportBy = reports.GroupBy(r => r.MemberId).ToDictionary(g => g.Key,
            g => g.OrderBy(r => r.Status == ReportStatus.Confirmed ? 0 : 1).ThenByDescending(r => r.CreatedAt).First());

        return members.Select(m =>
        {
            letterBy.TryGetValue(m.Id, out var letter);
            reportBy.TryGetValue(m.Id, out var report);
            var state = report switch
            {
                { Status: ReportStatus.Confirmed, ReceiptReceivedAt: not null } => MemberReportState.ReceiptReceived,
                { Status: ReportStatus.Confirmed } => MemberReportState.Reported,
                { Status: ReportStatus.Withdrawn } => MemberReportState.Withdrawn,
                _ => letter is not null ? MemberReportState.LetterIssued : MemberReportState.NotReported,
            };
            return new MemberReportRow(m.Id, m.Name, m.Mobile, m.WorkUnitId, m.CommunityId, state,
                letter?.Id, letter?.Serial, report?.Id, report?.ReceiptSerial, report?.ReportedOn, report?.IsLate ?? false,
                report is { Status: ReportStatus.Confirmed, LetterId: null }, report?.WithdrawnOn);
        }).ToList();
    }

    /// <summary>The rate of a unit (and the units below it) for a year.</summary>
    public static async Task<UnitReportingRate> UnitRateAsync(PortalDbContext db, Guid unitId, IReadOnlyCollection<Guid> subtree, int year,
        IReadOnlyList<MemberReportRow> rows, CancellationToken ct = default)
    {
        var ids = subtree.ToList();
        var verified = await db.UnitVerifications.AsNoTracking()
            .Where(v => v.Year == year && ids.Contains(v.WorkUnitId))
            .Select(v => new { v.WorkUnitId, v.VerifiedCount })
            .ToListAsync(ct);
        // The unit's own verified figure covers its subtree; otherwise add up what the units below verified.
        int? count = verified.FirstOrDefault(v => v.WorkUnitId == unitId)?.VerifiedCount
                     ?? (verified.Count > 0 ? verified.Sum(v => v.VerifiedCount) : null);
        var threshold = await db.ReportingYears.AsNoTracking().Where(y => y.Year == year).Select(y => (int?)y.ThresholdPercent).FirstOrDefaultAsync(ct) ?? 100;
        return new UnitReportingRate(year, count, rows.Count, rows.Count(r => r.Counts), threshold);
    }
}
