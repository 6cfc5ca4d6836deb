using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>
/// The figures of the county summary tables (汇总表, seed 003 attachments 6 and 7) for a year, as of a date of the year,
/// for a root (the county, a street or a work unit; see <see cref="SummaryRoot"/> for what each lists).
/// </summary>
/// <remarks>
/// <para><b>Set-based.</b> One query per source over the year (members, reports, letters, verifications; for the service
/// table the grouped queries of <c>FeedbackFigures</c> and one of the cards), keyed by member and bucketed in memory by the
/// member's unit and community; never one query per unit or member and never a list of member ids sent to the database.</para>
/// <para><b>As of a date.</b> A record dated after <c>asOf</c> does not count; a withdrawal or a receipt acknowledged
/// after it has not happened yet. A member who moved out (<see cref="Member.MovedOutOn"/>) on or before <c>asOf</c> is not
/// an active member at that date (not in the members, not reported) but the service done before counts in the
/// year-to-date figures. Members who moved out before the year are left out altogether. A cancellation of a letter has no
/// date: a letter cancelled now is left out whatever the date.</para>
/// <para><b>Where a member counts.</b> In the unit view under the member's (current) work unit; in the community view
/// of the reporting table under the community reported to, in that of the service table under the member's residential
/// community.</para>
/// <para>The queries run on the caller's context, so a scope counts what it may see: use the county's context for the
/// county's tables (a street's context sees no unit verifications, for instance).</para>
/// </remarks>
public static partial class SummaryQueries
{
    private sealed record MemberFacts(Guid Id, MemberCategory Category, Guid? WorkUnitId, Guid? CommunityId, Guid? StreetId, DateOnly? MovedOutOn)
    {
        public bool ActiveAt(DateOnly date) => MovedOutOn is not { } moved || moved > date;

        public bool InService => Category == MemberCategory.InService && WorkUnitId is not null;
    }

    private sealed record ReportFacts(Guid MemberId, Guid CommunityId, ReportStatus Status, DateOnly ReportedOn, DateOnly? WithdrawnOn, bool IsLate,
        DateTime? ReceiptReceivedAt)
    {
        /// <summary>Confirmed at the date: confirmed now, or withdrawn only after the date.</summary>
        public bool ActiveAt(DateOnly date) => Status == ReportStatus.Confirmed || (WithdrawnOn is { } w && w > date);

        public bool WithdrawnBy(DateOnly date) => Status == ReportStatus.Withdrawn && (WithdrawnOn is not { } w || w <= date);

        public bool ReceiptBy(DateTime endUtc) => ReceiptReceivedAt is { } at && at < endUtc;
    }

    private sealed class UnitCounts
    {
        public int InPortal, Letters, Reported, Receipts, Withdrawn, Late;
    }

    private sealed class CommunityCounts
    {
        public int InService, SelfManaged, Floating, Letters, Reported, ReceiptsSent, ReceiptsReceived, Withdrawn, Late;
    }

    /// <summary>在职党员进社区报到情况汇总表 as of <paramref name="asOf"/> (clamped to 31 December of the year).</summary>
    /// <exception cref="ArgumentException">The root is not the county, a street or a work unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the year.</exception>
    public static async Task<ReportingSummary> ReportingAsync(PortalDbContext db, int year, DateOnly asOf, Guid root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        asOf = Clamp(year, asOf);
        var scope = SummaryRoot.Of(await OrgTree.LoadAsync(db, ct), root);
        var header = await HeaderAsync(db, year, asOf, scope, ct);
        var threshold = header.ThresholdPercent;
        var members = await MembersAsync(db, year, scope, ct);
        var reports = await ReportsAsync(db, year, asOf, ct);
        var letters = await db.ReportLetters.AsNoTracking()
            .Where(l => l.Year == year && l.Status != LetterStatus.Cancelled && l.IssuedOn <= asOf)
            .Select(l => new { l.MemberId, l.WorkUnitId, l.CommunityId })
            .ToListAsync(ct);
        // A verification covers the whole unit: it does not apply to the part of a unit living in one street.
        var verified = scope.StreetId is not null
            ? []
            : await db.UnitVerifications.AsNoTracking().Where(v => v.Year == year)
                .Select(v => new { v.WorkUnitId, v.VerifiedCount })
                .ToDictionaryAsync(v => v.WorkUnitId, v => v.VerifiedCount, ct);
        var receiptsBy = EndOfDayUtc(asOf);

        var units = new Dictionary<Guid, UnitCounts>();
        var communities = new Dictionary<Guid, CommunityCounts>();
        UnitCounts UnitOf(Guid id) => units.TryGetValue(id, out var c) ? c : units[id] = new UnitCounts();
        CommunityCounts CommunityOf(Guid id) => communities.TryGetValue(id, out var c) ? c : communities[id] = new CommunityCounts();

        foreach (var m in members.Values)
        {
            if (!m.ActiveAt(asOf)) continue;
            if (m.InService) UnitOf(m.WorkUnitId!.Value).InPortal++;
            if (m.CommunityId is not { } home) continue;
            var c = CommunityOf(home);
            switch (m.Category)
            {
                case MemberCategory.InService: c.InService++; break;
                case MemberCategory.SelfManaged: c.SelfManaged++; break;
                case MemberCategory.Floating: c.Floating++; break;
            }
        }

        foreach (var l in letters)
        {
            if (!members.ContainsKey(l.MemberId)) continue;
            UnitOf(l.WorkUnitId).Letters++;
            CommunityOf(l.CommunityId).Letters++;
        }

        foreach (var byMember in reports.GroupBy(r => r.MemberId))
        {
            if (!members.TryGetValue(byMember.Key, out var m)) continue;
            var active = m.ActiveAt(asOf) ? byMember.Where(r => r.ActiveAt(asOf)).OrderByDescending(r => r.ReportedOn).FirstOrDefault() : null;
            foreach (var r in byMember)
            {
                var c = CommunityOf(r.CommunityId);
                c.ReceiptsSent++;
                if (r.ReceiptBy(receiptsBy)) c.ReceiptsReceived++;
                if (r.WithdrawnBy(asOf)) c.Withdrawn++;
                else if (m.ActiveAt(asOf) && r.ActiveAt(asOf))
                {
                    c.Reported++;
                    if (r.IsLate) c.Late++;
                }
            }
            if (!m.InService) continue;
            var u = UnitOf(m.WorkUnitId!.Value);
            if (active is not null)
            {
                u.Reported++;
                if (active.ReceiptBy(receiptsBy)) u.Receipts++;
                if (active.IsLate) u.Late++;
            }
            else if (byMember.Any(r => r.WithdrawnBy(asOf)) && !byMember.Any(r => r.ActiveAt(asOf)))
            {
                u.Withdrawn++;
            }
        }

        var unitLayout = scope.UnitGroups();
        var unitFigures = unitLayout.SelectMany(g => g.Rows).ToDictionary(r => r.Node.Id, r =>
        {
            var c = units.GetValueOrDefault(r.Node.Id) ?? new UnitCounts();
            int? v = verified.TryGetValue(r.Node.Id, out var count) ? count : null;
            return new UnitReportingFigures(v, c.InPortal, v ?? c.InPortal, v is null ? 1 : 0, c.Letters, c.Reported, c.Receipts, c.Withdrawn, c.Late, threshold);
        });
        var communityLayout = scope.CommunityGroups();
        var communityFigures = communityLayout.SelectMany(g => g.Rows).ToDictionary(r => r.Node.Id, r =>
        {
            var c = communities.GetValueOrDefault(r.Node.Id) ?? new CommunityCounts();
            return new CommunityReportingFigures(c.InService, c.SelfManaged, c.Floating, c.Letters, c.Reported, c.ReceiptsSent, c.ReceiptsReceived,
                c.Withdrawn, c.Late, threshold);
        });
        return new ReportingSummary(header,
            SummaryRoot.Build(unitLayout, unitFigures, UnitReportingFigures.Zero(threshold)),
            SummaryRoot.Build(communityLayout, communityFigures, CommunityReportingFigures.Zero(threshold)));
    }

    private static DateOnly Clamp(int year, DateOnly asOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(asOf, new DateOnly(year, 1, 1));
        var last = new DateOnly(year, 12, 31);
        return asOf > last ? last : asOf;
    }

    /// <summary>The end of the date in China time, as UTC (times are stored in UTC, dates are China dates).</summary>
    private static DateTime EndOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Clock.China);

    private static async Task<SummaryHeader> HeaderAsync(PortalDbContext db, int year, DateOnly asOf, SummaryRoot scope, CancellationToken ct)
    {
        var threshold = await db.ReportingYears.AsNoTracking().Where(y => y.Year == year).Select(y => (int?)y.ThresholdPercent).FirstOrDefaultAsync(ct) ?? 100;
        return new SummaryHeader(year, asOf, scope.Node.Id, scope.Node.Name, scope.Node.Kind, threshold);
    }

    /// <summary>The members under the root not moved out before the year, by id (one query; a work-unit root is filtered in memory).</summary>
    private static async Task<Dictionary<Guid, MemberFacts>> MembersAsync(PortalDbContext db, int year, SummaryRoot scope, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var query = db.Members.AsNoTracking().Where(m => m.MovedOutOn == null || m.MovedOutOn >= first);
        if (scope.StreetId is { } street) query = query.Where(m => m.StreetId == street);
        var result = new Dictionary<Guid, MemberFacts>();
        await foreach (var m in query
                           .Select(m => new MemberFacts(m.Id, m.Category, m.WorkUnitId, m.CommunityId, m.StreetId, m.MovedOutOn))
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (scope.Includes(m.WorkUnitId, m.StreetId)) result[m.Id] = m;
        }
        return result;
    }

    /// <summary>The year's reports made on or before the date.</summary>
    private static Task<List<ReportFacts>> ReportsAsync(PortalDbContext db, int year, DateOnly asOf, CancellationToken ct) =>
        db.CommunityReports.AsNoTracking()
            .Where(r => r.Year == year && r.ReportedOn <= asOf)
            .Select(r => new ReportFacts(r.MemberId, r.CommunityId, r.Status, r.ReportedOn, r.WithdrawnOn, r.IsLate, r.ReceiptReceivedAt))
            .ToListAsync(ct);
}
