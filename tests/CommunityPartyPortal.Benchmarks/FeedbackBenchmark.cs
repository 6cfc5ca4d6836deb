using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Issue 5 at county scale: drafting the yearly feedback cards (FeedbackDrafter.DraftAsync over the synthetic county with
/// its year of service records and a confirmed report for every in-service member; target &lt; 30 s) and the batch PDF of
/// one unit's 500 cards (the covering letter and 500 cards through FeedbackLetterPdf/FeedbackCardPdf; target &lt; 10 s).
/// </summary>
internal static class FeedbackBenchmark
{
    private const int Runs = 3;
    private const int BatchCards = 500;

    private sealed record Measure(string What, int Count, List<double> Ms, string Target, double TargetMs, string Load, string? Problem = null);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var loadBefore = Machine.LoadAverage();
        var records = options.Records ?? (options.Quick ? 20_000 : 500_000);
        var year = Clock.TodayInChina(TimeProvider.System).Year;
        MemberListBenchmark.Log($"feedback on {options.Provider}: {options.Members} members, {records} service records");
        await using var portal = await BenchPortal.CreateDatabaseAsync(options, ct);
        await portal.StartAsync(options.QuietLog, ct);

        var clock = Stopwatch.StartNew();
        int reports;
        await using (var scope = portal.SystemScope(out var db))
        {
            await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>()
                .SeedAsync(new SyntheticCountyOptions { Members = options.Members }, new SyntheticServiceOptions { Records = records });
            reports = await AddReportsAsync(db, year, ct);
            db.FeedbackCycles.AddRange(FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed003, year));
            await db.SaveChangesAsync(ct);
            if (portal.Provider == DatabaseProvider.PostgreSql)
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
            }
        }
        var seedTime = clock.Elapsed;
        MemberListBenchmark.Log($"seeded, with {reports:N0} confirmed reports for {year}, in {seedTime.TotalSeconds:0.0} s");

        var measures = new List<Measure>();
        var label = $"{year}年度";
        Guid cycleId;
        await using (var scope = portal.SystemScope(out var db)) cycleId = await db.FeedbackCycles.Where(c => c.Label == label).Select(c => c.Id).SingleAsync(ct);

        // 1. Drafting: each run starts from no cards (the previous run's are deleted, not timed).
        var drafting = new List<double>();
        var drafted = 0;
        string? problem = null;
        var load = Machine.LoadAverage();
        for (var run = 1; run <= Runs; run++)
        {
            await using (var scope = portal.SystemScope(out var db)) await db.FeedbackCards.Where(c => c.CycleId == cycleId).ExecuteDeleteAsync(ct);
            await using (var scope = portal.SystemScope(out var db))
            {
                var start = Stopwatch.GetTimestamp();
                drafted = await FeedbackDrafter.DraftAsync(db, cycleId, ct);
                drafting.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            MemberListBenchmark.Log($"drafting #{run}: {drafted:N0} cards in {drafting[^1] / 1000:0.00} s");
        }
        await using (var scope = portal.SystemScope(out var db))
        {
            var again = await FeedbackDrafter.DraftAsync(db, cycleId, ct);
            if (again != 0) problem = $"a second run drafted {again} cards (expected none)";
            var expected = await db.CommunityReports.CountAsync(r => r.Year == year && r.ActiveSlot == 1 && r.Member!.WorkUnitId != null, ct);
            if (drafted != expected) problem = $"drafted {drafted} cards for {expected} active reports";
        }
        measures.Add(new Measure($"FeedbackDrafter.DraftAsync, {label} ({drafted:N0} cards)", drafted, drafting, "< 30 s", 30_000, load, problem));

        // 2. One unit's batch: the covering letter and 500 of its cards (the unit with the most cards; topped up from the
        //    next units when no unit has 500), built from the drafted cards and rendered as one PDF.
        var batch = await BatchAsync(portal, cycleId, ct);
        var pdfRuns = new List<double>();
        var pages = 0;
        FeedbackCardPdf.Render(batch.Cards.Take(10).ToList()); // warm-up
        load = Machine.LoadAverage();
        for (var run = 1; run <= Runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            var pdf = Render(batch.Letter, batch.Cards);
            pdfRuns.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            using var stream = new MemoryStream(pdf);
            using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            pages = document.PageCount;
            MemberListBenchmark.Log($"batch #{run}: {pdf.Length / 1048576.0:0.0} MiB, {pages} pages in {pdfRuns[^1] / 1000:0.00} s");
        }
        measures.Add(new Measure($"covering letter + {batch.Cards.Count} cards as one PDF ({pages} pages)", batch.Cards.Count, pdfRuns, "< 10 s", 10_000, load,
            pages < batch.Cards.Count + 1 ? $"{pages} pages for {batch.Cards.Count} cards and a letter" : null));

        var report = Report(options, portal, measures, seedTime, reports, loadBefore);
        Console.WriteLine(report);
        if (options.Out is { } path) await File.WriteAllTextAsync(path, report, CancellationToken.None);
        return measures.Any(m => m.Problem is not null) ? 1 : 0;
    }

    /// <summary>A confirmed report for every in-service member with a community and a unit (one in fifty withdrawn).</summary>
    private static async Task<int> AddReportsAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && m.CommunityId != null && m.WorkUnitId != null && m.MovedOutOn == null)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.CommunityId }).ToListAsync(ct);
        var rows = members.Select((m, i) =>
        {
            var withdrawn = (i + 1) % 50 == 0;
            return new CommunityReport
            {
                Year = year, MemberId = m.Id, CommunityId = m.CommunityId!.Value, ReportedOn = new DateOnly(year, 3, 1), ConfirmedBy = "压测书记",
                Status = withdrawn ? ReportStatus.Withdrawn : ReportStatus.Confirmed, WithdrawnOn = withdrawn ? new DateOnly(year, 5, 1) : null,
                ActiveSlot = withdrawn ? null : 1,
                ReceiptSerial = SerialNumbers.Format(year, "报到", i + 1), InfoCardSerial = SerialNumbers.Format(year, "信息卡", i + 1),
                CommitmentSerial = SerialNumbers.Format(year, "承诺卡", i + 1),
            };
        }).ToList();
        await BulkLoader.LoadRowsAsync(db, rows, ct);
        return rows.Count(r => r.ActiveSlot == 1);
    }

    private static async Task<(FeedbackLetterRecord Letter, List<FeedbackCardRecord> Cards)> BatchAsync(BenchPortal portal, Guid cycleId, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var cycle = await db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Id == cycleId, ct);
        var names = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var units = await db.FeedbackCards.AsNoTracking().Where(c => c.CycleId == cycleId)
            .GroupBy(c => c.WorkUnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).ToListAsync(ct);
        var cards = new List<FeedbackCard>();
        foreach (var unit in units)
        {
            cards.AddRange(await db.FeedbackCards.AsNoTracking().Where(c => c.CycleId == cycleId && c.WorkUnitId == unit)
                .OrderBy(c => c.MemberId).Take(BatchCards - cards.Count).ToListAsync(ct));
            if (cards.Count >= BatchCards) break;
        }
        var ids = cards.Select(c => c.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var grades = new[] { "优秀", "合格", "合格", "合格", "基本合格" };
        var today = Clock.TodayInChina(TimeProvider.System);
        var records = cards.Select((c, i) =>
        {
            var m = members[c.MemberId];
            return new FeedbackCardRecord(SerialNumbers.Format(cycle.Year, FeedbackDocumentTypes.Card, i + 1), names.GetValueOrDefault(c.CommunityId, ""), today,
                cycle.Year, cycle.Label, cycle.StartsOn, cycle.EndsOn, m.Name, m.Gender.Text(), names.GetValueOrDefault(c.WorkUnitId, ""),
                names.GetValueOrDefault(c.CommunityId, ""))
            {
                Post = m.JobTitle, Services = c.Services, Days = c.Days, Minutes = c.Minutes, PostsClaimed = c.PostsClaimed,
                WishesFulfilled = c.WishesFulfilled, HouseholdsPaired = c.HouseholdsPaired, HouseholdVisits = c.HouseholdVisits,
                Suggestions = c.Suggestions, RequirementsMet = c.RequirementsMet, RequirementsTotal = c.RequirementsTotal,
                Grade = grades[i % grades.Length], Opinion = "该同志积极参加社区组织的各项活动，认领服务岗位，热心为居民群众服务，表现良好。",
            };
        }).ToList();
        var letter = new FeedbackLetterRecord(SerialNumbers.Format(cycle.Year, "反馈函", 1), records[0].IssuedBy, records[0].WorkUnit, today,
            cycle.Label, cycle.StartsOn, cycle.EndsOn, [.. records.Select(r => new FeedbackLetterMember(r.Name, r.Grade, r.Veto, r.VetoReason))]);
        return (letter, records);
    }

    private static byte[] Render(FeedbackLetterRecord letter, List<FeedbackCardRecord> cards)
    {
        using var batch = new Documents.Pdf.PdfBatch("在职党员现实表现评议情况反馈卡");
        FeedbackLetterPdf.AddTo(batch, letter);
        foreach (var card in cards) FeedbackCardPdf.AddTo(batch, card);
        using var output = new MemoryStream();
        batch.Save(output);
        return output.ToArray();
    }

    private static string Report(BenchOptions options, BenchPortal portal, List<Measure> measures, TimeSpan seedTime, int reports, string loadBefore)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"### feedback · {options.Provider} · {options.Members:N0} members");
        text.AppendLine();
        text.AppendLine(inv, $"- Command: `{options.SafeCommandLine}`");
        foreach (var line in Machine.Describe()) text.AppendLine("- " + line);
        text.AppendLine(inv, $"- Load average (1/5/15 min) before: {loadBefore}, after: {Machine.LoadAverage()}");
        text.AppendLine(inv, $"- {portal.DatabaseDescription}; seeding (county, a year of service records, {reports:N0} active reports, the seed 003 cycles) took {seedTime.TotalSeconds:0.0} s");
        text.AppendLine("- Drafting runs in this process against the database, system scope, as the county's 关闭周期 does; each run starts with no cards of the cycle. " +
                        "A further run must draft nothing. The batch is rendered in this process (no HTTP) from drafted cards with a grade and an opinion filled in.");
        text.AppendLine();
        text.AppendLine("| what | runs | median | min | max | target | met? | load avg at start |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---|---|");
        foreach (var m in measures)
        {
            var sorted = m.Ms.Order().ToList();
            var median = sorted[sorted.Count / 2];
            var met = m.Problem is null && median < m.TargetMs ? "met" : "**missed**";
            text.AppendLine(inv, $"| {m.What} | {sorted.Count} | **{median / 1000:0.00} s** | {sorted[0] / 1000:0.00} s | {sorted[^1] / 1000:0.00} s | {m.Target} | {met} | {m.Load} |");
        }
        foreach (var m in measures.Where(m => m.Problem is not null)) text.AppendLine(inv, $"\nProblem: {m.What}: {m.Problem}");
        return text.ToString();
    }
}
