using System.Diagnostics;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Features.Summaries;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Issue 6's performance suite: the county summary tables (在职党员进社区报到情况汇总表 and 服务群众情况汇总表, each by
/// unit and by community) as .xlsx and as PDF for the whole county, side by side with the physical limit on the same data
/// (the raw SQL aggregate alone, <see cref="SummariesRawSql"/>, plus a bare streaming write of the same rows:
/// <see cref="SummaryWorkbook.WriteBare"/> and <see cref="SummariesBarePdf"/>), with time (median/min/max of
/// <c>--runs</c>), the ratio to the limit and the peak memory of the real export; the dashboard's first paint (GET /)
/// under 32 users as the county and as a street admin; and, with <c>--sizes</c>, the same tables at several sizes on fresh
/// databases for the growth table. Targets: real ≤ 2× the limit, &lt; 3 s and &lt; 300 MB for the county.
/// </summary>
internal static partial class SummariesBenchmark
{
    public static readonly string[] AllScenarios = ["tables", "dashboard"];
    private const double TargetMs = 3_000;
    private const long TargetBytes = 300L * 1024 * 1024;
    private const double TargetRatio = 2;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var scenarios = options.Scenarios ?? AllScenarios;
        var unknown = scenarios.Except(AllScenarios, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; there are {string.Join(", ", AllScenarios)}.");
        if (!Machine.IsRelease) Console.Error.WriteLine($"warning: this is a {Machine.BuildConfiguration()} build: run with -c Release, these figures are not comparable.");
        var loadBefore = Machine.LoadAverage();
        var sizes = options.Sizes ?? [(options.Members, options.Records ?? (options.Quick ? 20_000 : 500_000))];
        var results = new List<SizeResult>();
        foreach (var (members, records) in sizes)
        {
            results.Add(await MeasureSizeAsync(options, members, records, scenarios, ct));
        }

        var report = Report(options, results, loadBefore);
        Console.WriteLine(report);
        if (options.Out is { } path) await File.WriteAllTextAsync(path, report, CancellationToken.None);
        return results.Any(r => r.Problems.Count > 0) ? 1 : 0;
    }

    private static async Task<SizeResult> MeasureSizeAsync(BenchOptions options, int members, int records, IReadOnlyList<string> scenarios, CancellationToken ct)
    {
        Log($"summaries on {options.Provider}: {members:N0} members, {records:N0} service records");
        await using var portal = await BenchPortal.CreateDatabaseAsync(options, ct);
        await portal.StartAsync(options.QuietLog, ct);

        var clock = Stopwatch.StartNew();
        int orgs;
        await using (var scope = portal.SystemScope(out _))
        {
            (orgs, members) = await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>()
                .SeedAsync(new SyntheticCountyOptions { Members = members }, new SyntheticServiceOptions { Records = records });
        }
        var countySeed = clock.Elapsed;
        Log($"county and its year of service seeded in {countySeed.TotalSeconds:0.0} s");
        clock.Restart();
        var year = Clock.TodayInChina(TimeProvider.System).Year;
        var extra = await AddYearAsync(portal, year, options.Analyze, ct);
        var extraSeed = clock.Elapsed;
        Log($"reporting and feedback of {year} added in {extraSeed.TotalSeconds:0.0} s ({extra.Reports:N0} reports, {extra.Cards:N0} cards sent)");
        var (dbVersion, dbBytes) = await portal.DescribeDatabaseAsync();
        long serviceRecords;
        Guid countyId;
        string countyName;
        await using (var scope = portal.SystemScope(out var db))
        {
            serviceRecords = await db.ServiceRecords.LongCountAsync(ct);
            var county = await db.Organizations.Where(o => o.Kind == OrgKind.County).Select(o => new { o.Id, o.Name }).SingleAsync(ct);
            (countyId, countyName) = (county.Id, county.Name);
        }

        var result = new SizeResult(members, serviceRecords, orgs, countySeed, extraSeed, extra, portal.DatabaseDescription, dbVersion, dbBytes);
        var asOf = Clock.TodayInChina(TimeProvider.System);
        try
        {
            if (scenarios.Contains("tables", StringComparer.OrdinalIgnoreCase))
            {
                foreach (var kind in new[] { TableKind.Reporting, TableKind.Service })
                {
                    result.Tables.Add(await MeasureTableAsync(portal, options, kind, year, asOf, countyId, countyName, result.Problems, ct));
                }
            }
            if (scenarios.Contains("dashboard", StringComparer.OrdinalIgnoreCase))
            {
                await MeasureDashboardAsync(portal, options, result, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result.Problems.Add("interrupted (time limit or signal): not every scenario was measured");
        }
        return result;
    }

    private enum TableKind
    {
        Reporting,
        Service,
    }

    private static string Name(TableKind kind) => kind == TableKind.Reporting ? "报到情况汇总表" : "服务群众情况汇总表";

    /// <summary>One table (both views) of the county: the limit, the real export as .xlsx and as PDF, each <c>--runs</c> times after a warm-up.</summary>
    private static async Task<TableResult> MeasureTableAsync(BenchPortal portal, BenchOptions options, TableKind kind, int year, DateOnly asOf, Guid county,
        string countyName, List<string> problems, CancellationToken ct)
    {
        var runs = options.SummaryRuns;
        var issuedBy = $"中共{countyName}委组织部";
        var files = Path.Combine(portal.TempPath, "summaries");
        Directory.CreateDirectory(files);
        var xlsxPath = Path.Combine(files, $"{kind}.xlsx");
        var pdfPath = Path.Combine(files, $"{kind}.pdf");
        var table = new TableResult(Name(kind));

        // The real thing, as the web's download runs it (SummaryExports): SummaryData (SummaryQueries) on a fresh context (the county
        // sees everything; this is the system scope), the web's mapping SummaryDocuments, then the writer.
        var filter = await FilterAsync(portal, year, asOf, county, issuedBy, ct);
        async Task<(object Summary, IReadOnlyList<SummaryTableRecord> Records)> QueryAsync()
        {
            await using var scope = portal.SystemScope(out var db);
            if (kind == TableKind.Reporting)
            {
                var s = await SummaryData.ReportingAsync(db, filter, ct);
                return (s, SummaryDocuments.Records(SummaryDocuments.Reporting(s), "报到", filter).ToList());
            }
            var v = await SummaryData.ServiceAsync(db, filter, ct);
            return (v, SummaryDocuments.Records(SummaryDocuments.Service(v), "服务", filter).ToList());
        }
        async Task<SummariesRawSql.Result> RawAsync()
        {
            await using var scope = portal.SystemScope(out var db);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                // --show-sql: each statement of the raw aggregate with its time, to stderr.
                var sql = new SummariesRawSql(db.Database.GetDbConnection(), portal.Provider, year, asOf, options.ShowSql ? Console.Error.WriteLine : null);
                return kind == TableKind.Reporting ? await sql.ReportingAsync(ct) : await sql.ServiceAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // Warm-up of every path (JIT, the query caches, the fonts), untimed.
        var (summary, records) = await QueryAsync();
        var raw = await RawAsync();
        await using (var f = File.Create(xlsxPath)) SummaryWorkbook.WriteBare(f, records);
        await using (var f = File.Create(pdfPath)) SummariesBarePdf.Render(records, f);
        await using (var f = File.Create(xlsxPath)) SummaryWorkbook.Write(f, records);
        await using (var f = File.Create(pdfPath)) SummaryTablePdf.Render(records, f);
        Log($"{table.Name}: warmed up");

        for (var run = 1; run <= runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            raw = await RawAsync();
            table.RawSql.Add(MemoryProbe.Ms(start));
            table.RawRows = raw.Rows;
            start = Stopwatch.GetTimestamp();
            (summary, records) = await QueryAsync();
            table.Query.Add(MemoryProbe.Ms(start));
            await using (var f = File.Create(xlsxPath))
            {
                start = Stopwatch.GetTimestamp();
                SummaryWorkbook.WriteBare(f, records);
                table.BareXlsx.Add(MemoryProbe.Ms(start));
            }
            await using (var f = File.Create(pdfPath))
            {
                start = Stopwatch.GetTimestamp();
                table.BarePages = SummariesBarePdf.Render(records, f);
                table.BarePdf.Add(MemoryProbe.Ms(start));
            }
            Log($"{table.Name} #{run}: raw SQL {table.RawSql[^1]:0} ms ({raw.Rows} rows), SummaryQueries {table.Query[^1]:0} ms, " +
                $"bare xlsx {table.BareXlsx[^1]:0} ms, bare PDF {table.BarePdf[^1]:0} ms");
        }
        for (var run = 1; run <= runs; run++)
        {
            await using (var probe = MemoryProbe.Start())
            {
                var start = Stopwatch.GetTimestamp();
                var (_, real) = await QueryAsync();
                await using (var f = File.Create(xlsxPath)) table.Lines = SummaryWorkbook.Write(f, real).Sum();
                table.RealXlsx.Add(MemoryProbe.Ms(start));
                table.XlsxMemory.Add(await probe.StopAsync());
            }
            await using (var probe = MemoryProbe.Start())
            {
                var start = Stopwatch.GetTimestamp();
                var (_, real) = await QueryAsync();
                await using (var f = File.Create(pdfPath)) SummaryTablePdf.Render(real, f);
                table.RealPdf.Add(MemoryProbe.Ms(start));
                table.PdfMemory.Add(await probe.StopAsync());
            }
            Log($"{table.Name} #{run}: xlsx {table.RealXlsx[^1]:0} ms (peak +{MemoryProbe.Mb(table.XlsxMemory[^1].PeakResidentGrowth)} MB), " +
                $"PDF {table.RealPdf[^1]:0} ms (peak +{MemoryProbe.Mb(table.PdfMemory[^1].PeakResidentGrowth)} MB)");
        }

        table.XlsxBytes = new FileInfo(xlsxPath).Length;
        table.PdfBytes = new FileInfo(pdfPath).Length;
        Check(table, summary, raw, xlsxPath, pdfPath, problems);
        return table;
    }

    /// <summary>The web's resolved filter of the county admin's download: the county, the year, the date, 全县.</summary>
    private static async Task<SummaryFilter.Resolved> FilterAsync(BenchPortal portal, int year, DateOnly asOf, Guid county, string issuedBy, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var node = (await OrgTree.LoadAsync(db, ct)).Find(county) ?? throw new InvalidOperationException("The county is not in the tree.");
        return new SummaryFilter.Resolved(year, asOf, node, county, null, issuedBy, "全县", [], null);
    }

    private static void Log(string message) => MemberListBenchmark.Log(message);
}
