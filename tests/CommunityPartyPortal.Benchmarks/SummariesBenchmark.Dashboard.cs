using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Seeding;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>The dashboard's first paint under load, and the checks of what the table runs produced.</summary>
internal static partial class SummariesBenchmark
{
    /// <summary>
    /// GET / as the county admin, then as the street admin (each its own signed-in session): the first request alone
    /// (cold: the dashboard computes and caches its figures), a warm-up, 32 clients in a closed loop, then 32 clients
    /// paced at one page a second each. Each answer must be 200 and a whole page.
    /// </summary>
    private static async Task MeasureDashboardAsync(BenchPortal portal, BenchOptions options, SizeResult result, CancellationToken ct)
    {
        using var meter = new DbMeter();
        var limit = TimeSpan.FromSeconds(options.Seconds);
        static string? Page(int _, string body) => body.Contains("</html>", StringComparison.OrdinalIgnoreCase) ? null : "not a whole page";
        foreach (var (user, role) in new[] { ("county", "county admin"), ("street", "street admin") })
        {
            using var session = await PortalSession.SignInAsync(portal.BaseAddress, user, DemoCountySeeder.Password, 32, ct);
            var load = Machine.LoadAverage();
            var cold = await LoadRunner.RunAsync(session.Http, _ => "/", Page, 1, 1, limit, meter, ct);
            result.Dashboard.Add(new DashboardRow($"GET / as {role}: the first request (cold)", cold, load));
            Log($"dashboard {role}: cold {cold.Max:0} ms");
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
