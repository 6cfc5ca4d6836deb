using System.Diagnostics;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Features.Home;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>The dashboard's figures and first paint under load, and the checks of what the table runs produced.</summary>
internal static partial class SummariesBenchmark
{
    /// <summary>
    /// The dashboard figures and the home page under load:
    /// <list type="bullet">
    /// <item>the computation itself, <c>--runs</c> times for the county and for the street admin's street: <see cref="AreaFigures.ComputeAsync"/>
    /// on a fresh context, what <see cref="DashboardRefresher"/> runs in the background every few minutes (and what a request
    /// waits for when nothing is cached: the first street request, or any request after the refresher was off for 15 minutes);</item>
    /// <item>GET / as the county admin, then as the street admin (each its own signed-in session): the first request alone
    /// (county: once the refresher has warmed the county's figures for the seeded tree, and how long after the seeding that
    /// was; street: cold, it computes), a warm-up, 32 clients in a closed loop, then 32 clients paced at one page a second
    /// each. Each answer must be 200 and a whole page.</item>
    /// </list>
    /// </summary>
    private static async Task MeasureDashboardAsync(BenchPortal portal, BenchOptions options, SizeResult result, CancellationToken ct)
    {
        var services = portal.App.Services;
        var tree = await services.GetRequiredService<OrgTreeCache>().GetAsync(ct);
        var county = tree.County ?? throw new InvalidOperationException("No county.");
        Guid streetId;
        await using (var scope = portal.SystemScope(out var db))
        {
            streetId = await db.Users.Where(u => u.UserName == "street").Select(u => u.OrganizationId).SingleAsync(ct);
        }
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var (what, root) in new[] { ("the county's figures", county.Id), ($"a street's figures ({tree.NameOf(streetId)})", streetId) })
        {
            var runs = new List<double>();
            for (var run = 0; run < options.SummaryRuns; run++)
            {
                await using var scope = portal.SystemScope(out var db);
                var start = Stopwatch.GetTimestamp();
                await AreaFigures.ComputeAsync(db, tree, root, Clock.TodayInChina(time), time.GetUtcNow());
                runs.Add(MemoryProbe.Ms(start));
            }
            result.Computations.Add((what, runs));
            Log($"dashboard: {what} computed in {runs.Order().ElementAt(runs.Count / 2):0} ms (median of {runs.Count})");
        }

        // The county's figures for the seeded tree, computed by the refresher (its pass runs every minute).
        var cache = services.GetRequiredService<DashboardCache>();
        var countyScope = DashboardRefresher.CountyAdminScope(county.Id);
        var waited = Stopwatch.StartNew();
        while (cache.Peek<AreaFigures>(CountyDashboard.Part, countyScope) is null && waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200, ct);
        }
        var warm = cache.Peek<AreaFigures>(CountyDashboard.Part, countyScope) is not null;
        result.Problems.AddRange(warm ? [] : ["the refresher did not warm the county's dashboard figures within 3 minutes"]);
        Log($"dashboard: the county's figures {(warm ? "warmed by the refresher" : "NOT warmed")} after {waited.Elapsed.TotalSeconds:0.0} s of waiting");

        using var meter = new DbMeter();
        var limit = TimeSpan.FromSeconds(options.Seconds);
        static string? Page(int _, string body) => body.Contains("</html>", StringComparison.OrdinalIgnoreCase) ? null : "not a whole page";
        foreach (var (user, role, first) in new[]
                 {
                     ("county", "county admin", $"the first request (figures warmed by the refresher, {waited.Elapsed.TotalSeconds:0} s after the benchmark's data was in)"),
                     ("street", "street admin", "the first request (cold: it computes the street's figures)"),
                 })
        {
            using var session = await PortalSession.SignInAsync(portal.BaseAddress, user, DemoCountySeeder.Password, 32, ct);
            var load = Machine.LoadAverage();
            var cold = await LoadRunner.RunAsync(session.Http, _ => "/", Page, 1, 1, limit, meter, ct);
            result.Dashboard.Add(new DashboardRow($"GET / as {role}: {first}", cold, load));
            Log($"dashboard {role}: first request {cold.Max:0} ms");
            await LoadRunner.RunAsync(session.Http, _ => "/", Page, options.Warmup, 8, limit, meter, ct);
            load = Machine.LoadAverage();
            var closed = await LoadRunner.RunAsync(session.Http, _ => "/", Page, options.Requests, 32, limit, meter, ct);
            result.Dashboard.Add(new DashboardRow($"GET / as {role}, 32 clients, closed loop (saturation)", closed, load));
            Log($"dashboard {role} closed loop: p95 {closed.Percentile(95):0.0} ms, {closed.Throughput:0} req/s");
            load = Machine.LoadAverage();
            var paced = await LoadRunner.RunAsync(session.Http, _ => "/", Page, Math.Min(options.Requests, 32 * 30), 32, limit, meter, ct,
                pace: TimeSpan.FromSeconds(1));
            result.Dashboard.Add(new DashboardRow($"GET / as {role}, 32 clients paced at 1 page/s each", paced, load));
            Log($"dashboard {role} paced: p95 {paced.Percentile(95):0.0} ms");
            foreach (var row in result.Dashboard.Where(r => r.Result.Failures.Count > 0).TakeLast(3))
            {
                result.Problems.Add($"{row.What}: {row.Result.Failures.Count} failed, first: {row.Result.Failures[0]}");
            }
        }
    }

    /// <summary>
    /// What the runs produced must be right: the workbook has the two sheets and as many lines as the summary (each group's
    /// heading, rows and subtotal, the total), the PDF at least a page per view, and the raw SQL's totals equal the domain's.
    /// </summary>
    private static void Check(TableResult table, object summary, SummariesRawSql.Result raw, string xlsxPath, string pdfPath, List<string> problems)
    {
        var (expectedLines, pairs) = summary switch
        {
            ReportingSummary r => (Lines(r.ByUnit) + Lines(r.ByCommunity), new (string, long)[]
            {
                ("unit.portal", r.ByUnit.Total.MembersInPortal), ("letters", r.ByUnit.Total.LettersIssued), ("unit.reported", r.ByUnit.Total.Reported),
                ("unit.receipts", r.ByUnit.Total.Receipts), ("unit.withdrawn", r.ByUnit.Total.Withdrawn), ("unit.late", r.ByUnit.Total.Late),
                ("community.inservice", r.ByCommunity.Total.InServiceResidents), ("community.reported", r.ByCommunity.Total.Reported),
                ("community.sent", r.ByCommunity.Total.ReceiptsSent), ("community.received", r.ByCommunity.Total.ReceiptsReceived),
                ("community.withdrawn", r.ByCommunity.Total.Withdrawn),
            }),
            ServiceSummary s => (Lines(s.ByUnit) + Lines(s.ByCommunity), new (string, long)[]
            {
                ("members", s.ByUnit.Total.Members), ("services", s.ByUnit.Total.Services), ("days", s.ByUnit.Total.Days),
                ("minutes", s.ByUnit.Total.Minutes), ("posts", s.ByUnit.Total.PostsClaimed), ("wishes", s.ByUnit.Total.WishesFulfilled),
                ("paired", s.ByUnit.Total.HouseholdsPaired), ("visited", s.ByUnit.Total.HouseholdsVisited), ("visits", s.ByUnit.Total.Visits),
                ("suggestions", s.ByUnit.Total.Suggestions), ("excellent", s.ByUnit.Total.Excellent), ("qualified", s.ByUnit.Total.Qualified),
                ("vetoes", s.ByUnit.Total.Vetoes),
            }),
            _ => throw new InvalidOperationException("Unknown summary."),
        };
        if (table.Lines != expectedLines) problems.Add($"{table.Name}: the workbook has {table.Lines} lines, the summary {expectedLines}");
        using (var xlsx = SpreadsheetDocument.Open(xlsxPath, false))
        {
            var sheets = xlsx.WorkbookPart?.Workbook.Sheets?.Elements<Sheet>().Count() ?? 0;
            if (sheets != 2) problems.Add($"{table.Name}: the workbook has {sheets} sheets, not 2");
        }
        using (var pdf = PdfSharp.Pdf.IO.PdfReader.Open(pdfPath, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            table.Pages = pdf.PageCount;
            if (pdf.PageCount < 2) problems.Add($"{table.Name}: the PDF has {pdf.PageCount} pages");
        }
        var differences = pairs.Where(p => raw.Totals.GetValueOrDefault(p.Item1) != p.Item2)
            .Select(p => $"{p.Item1} SQL {raw.Totals.GetValueOrDefault(p.Item1):N0} ≠ SummaryQueries {p.Item2:N0}").ToList();
        table.Agreement = differences.Count == 0
            ? $"the raw SQL's totals equal SummaryQueries' ({string.Join(", ", pairs.Select(p => $"{p.Item1} {p.Item2:N0}"))})"
            : "**the raw SQL differs**: " + string.Join("; ", differences);
        if (differences.Count > 0) problems.Add($"{table.Name}: {table.Agreement}");
    }

    /// <summary>The printed lines of a view: each group's heading, rows and subtotal, and the total.</summary>
    private static int Lines<T>(SummaryTable<T> table) where T : ISummaryFigures<T> => table.Groups.Sum(g => g.Rows.Count + 2) + 1;
}
