using System.Diagnostics;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// What issue 6 adds to the synthetic county and its year of service (SyntheticService already makes the activities,
/// service records, posts and claims, households with pairings and monthly visits, wishes, suggestions and recognitions):
/// the year's reporting settings, 报到证明信 and confirmed 报到 of the in-service members, the units' verified counts, and
/// the yearly 反馈卡 drafted by <see cref="FeedbackDrafter"/> and marked sent with grades and vetoes set-based.
/// </summary>
internal static partial class SummariesBenchmark
{
    /// <summary>The reporting threshold of the year (seed 000's 90 %).</summary>
    private const int ThresholdPercent = 90;

    private sealed record YearCounts(int Letters, int Reports, int Verified, int Cards, int Vetoes, TimeSpan Drafting);

    /// <summary>
    /// Adds the year's reporting and feedback data. Every in-service member with a community and a unit, not moved out,
    /// has a letter (issued 20 February); in one unit of seven (the "weak" units) three members in ten never report
    /// (their letters stay issued), everyone else reports: one in ten after the 10 April deadline (late), one in fifty
    /// withdrawn in May, four in five of the receipts acknowledged by the unit. Six units in seven verified their count:
    /// one in five of those verified more members than the portal has (so their rate drops below the threshold), the
    /// others exactly the portal's count. The yearly cycle's cards are drafted, then all sent an hour ago with a grade and
    /// a veto picked by k = 31 × services + 7 × days + minutes / 30 of the card: 不合格 when k mod 100 = 7, 基本合格 when
    /// k mod 20 = 3, 优秀 when k mod 10 = 1, 合格 otherwise (about 1 %, 5 %, 10 %, 84 %); a veto when k mod 50 = 11 (about 2 %).
    /// Then PostgreSQL: VACUUM (ANALYZE), as autovacuum would soon after a bulk load; SQLite: ANALYZE only with --analyze.
    /// </summary>
    private static async Task<YearCounts> AddYearAsync(BenchPortal portal, int year, bool analyze, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        db.ReportingYears.Add(new ReportingYear
        {
            Year = year, Deadline = new DateOnly(year, 4, 10), ThresholdPercent = ThresholdPercent, Preset = "seed000",
        });
        db.FeedbackCycles.AddRange(FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed003, year));
        await db.SaveChangesAsync(ct);

        var members = await db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && m.CommunityId != null && m.WorkUnitId != null && m.MovedOutOn == null)
            .OrderBy(m => m.Id).Select(m => new { m.Id, CommunityId = m.CommunityId!.Value, WorkUnitId = m.WorkUnitId!.Value })
            .ToListAsync(ct);
        var units = members.Select(m => m.WorkUnitId).Distinct().Order().ToList();
        var unitIndex = units.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);

        var letters = new List<ReportLetter>(members.Count);
        var reports = new List<CommunityReport>(members.Count);
        var deadline = new DateOnly(year, 4, 10);
        var receivedAt = new DateTime(year, 4, 20, 2, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var weak = unitIndex[m.WorkUnitId] % 7 == 3;
            var reported = !weak || i % 10 >= 3;
            var letter = new ReportLetter
            {
                Serial = SerialNumbers.Format(year, "报到函", i + 1), Year = year, MemberId = m.Id, WorkUnitId = m.WorkUnitId, CommunityId = m.CommunityId,
                IssuedOn = new DateOnly(year, 2, 20), IssuedBy = "压测单位党组织", Status = reported ? LetterStatus.Used : LetterStatus.Issued,
            };
            letters.Add(letter);
            if (!reported) continue;
            var withdrawn = (i + 1) % 50 == 0;
            var reportedOn = i % 10 == 9 ? deadline.AddDays(1 + i % 30) : new DateOnly(year, 3, 1 + i % 28);
            reports.Add(new CommunityReport
            {
                Year = year, MemberId = m.Id, CommunityId = m.CommunityId, LetterId = letter.Id, ReportedOn = reportedOn, IsLate = reportedOn > deadline,
                ConfirmedBy = "压测书记", Status = withdrawn ? ReportStatus.Withdrawn : ReportStatus.Confirmed,
                WithdrawnOn = withdrawn ? new DateOnly(year, 5, 20) : null, ActiveSlot = withdrawn ? null : 1,
                ReceiptSerial = SerialNumbers.Format(year, "报到", i + 1), InfoCardSerial = SerialNumbers.Format(year, "信息卡", i + 1),
                CommitmentSerial = SerialNumbers.Format(year, "承诺卡", i + 1),
                ReceiptReceivedAt = i % 5 == 4 ? null : receivedAt, ReceiptReceivedBy = i % 5 == 4 ? null : "压测单位党组织",
            });
        }
        await BulkLoader.LoadRowsAsync(db, letters, ct);
        await BulkLoader.LoadRowsAsync(db, reports, ct);

        var perUnit = members.GroupBy(m => m.WorkUnitId).ToDictionary(g => g.Key, g => g.Count());
        var verifications = units.Where((_, i) => i % 7 != 5).Select((u, i) => new UnitVerification
        {
            WorkUnitId = u, Year = year, VerifiedBy = "压测单位党组织",
            VerifiedCount = i % 5 == 1 ? perUnit[u] + perUnit[u] / 5 + 1 : perUnit[u],
        }).ToList();
        await BulkLoader.LoadRowsAsync(db, verifications, ct);

        var label = $"{year}年度";
        var cycleId = await db.FeedbackCycles.Where(c => c.Year == year && c.Label == label).Select(c => c.Id).SingleAsync(ct);
        var clock = Stopwatch.StartNew();
        var cards = await FeedbackDrafter.DraftAsync(db, cycleId, ct);
        var drafting = clock.Elapsed;
        var sentAt = DateTime.UtcNow.AddHours(-1);
        await db.FeedbackCards.Where(c => c.CycleId == cycleId && c.Status == FeedbackCardStatus.Draft).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Grade, c => (FeedbackGrade?)((c.Services * 31 + c.Days * 7 + c.Minutes / 30) % 100 == 7 ? FeedbackGrade.Unqualified
                : (c.Services * 31 + c.Days * 7 + c.Minutes / 30) % 20 == 3 ? FeedbackGrade.BasicallyQualified
                : (c.Services * 31 + c.Days * 7 + c.Minutes / 30) % 10 == 1 ? FeedbackGrade.Excellent
                : FeedbackGrade.Qualified))
            .SetProperty(c => c.Opinion, "该同志积极参加社区组织的各项活动，表现良好。")
            .SetProperty(c => c.Veto, c => (c.Services * 31 + c.Days * 7 + c.Minutes / 30) % 50 == 11)
            .SetProperty(c => c.VetoReason, c => (c.Services * 31 + c.Days * 7 + c.Minutes / 30) % 50 == 11 ? "压测：一票否决" : null)
            .SetProperty(c => c.ReviewedBy, "压测书记")
            .SetProperty(c => c.ReviewedAt, sentAt)
            .SetProperty(c => c.Status, FeedbackCardStatus.Sent)
            .SetProperty(c => c.SentAt, sentAt)
            .SetProperty(c => c.SentBy, "压测书记"), ct);
        var vetoes = await db.FeedbackCards.CountAsync(c => c.CycleId == cycleId && c.Veto, ct);

        if (portal.Provider == DatabaseProvider.PostgreSql) await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
        else if (analyze) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct); // --analyze: the portal itself never does
        return new YearCounts(letters.Count, reports.Count, verifications.Count, cards, vetoes, drafting);
    }
}
