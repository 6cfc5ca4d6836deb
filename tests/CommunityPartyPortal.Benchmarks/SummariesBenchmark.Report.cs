using System.Globalization;
using System.Text;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>What the summaries benchmark measured, and its Markdown report.</summary>
internal static partial class SummariesBenchmark
{
    private sealed record DashboardRow(string What, RunResult Result, string Load);

    /// <summary>One size of the county (one fresh database) and what was measured on it.</summary>
    private sealed record SizeResult(int Members, long Records, int Organizations, TimeSpan CountySeed, TimeSpan ExtraSeed, YearCounts Year,
        string Database, string DbVersion, long DbBytes)
    {
        public List<TableResult> Tables { get; } = [];
        public List<DashboardRow> Dashboard { get; } = [];
        /// <summary>The dashboard figures computed directly (what the refresher runs), ms per run.</summary>
        public List<(string What, List<double> Ms)> Computations { get; } = [];
        public List<string> Problems { get; } = [];
    }

    /// <summary>One table (both its views) at one size.</summary>
    private sealed class TableResult(string name)
    {
        public string Name { get; } = name;
        public List<double> RawSql { get; } = [];
        public List<double> Query { get; } = [];
        public List<double> BareXlsx { get; } = [];
        public List<double> BarePdf { get; } = [];
        public List<double> RealXlsx { get; } = [];
        public List<double> RealPdf { get; } = [];
        public List<MemoryProbe.Usage> XlsxMemory { get; } = [];
        public List<MemoryProbe.Usage> PdfMemory { get; } = [];
        public int RawRows { get; set; }
        public int Lines { get; set; }
        public int Pages { get; set; }
        public int BarePages { get; set; }
        public long XlsxBytes { get; set; }
        public long PdfBytes { get; set; }
        public string Agreement { get; set; } = "";
    }

    private static double Median(List<double> ms) => ms.Count == 0 ? double.NaN : ms.Order().ElementAt(ms.Count / 2);

    private static string Seconds(double ms) => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Stat(List<double> ms) => ms.Count == 0 ? "–" : $"**{Seconds(Median(ms))}** ({Seconds(ms.Min())}–{Seconds(ms.Max())})";

    private static long PeakRss(List<MemoryProbe.Usage> usage) => usage.Count == 0 ? 0 : usage.Max(u => u.PeakResidentGrowth);

    private static long PeakHeap(List<MemoryProbe.Usage> usage) => usage.Count == 0 ? 0 : usage.Max(u => u.PeakHeapGrowth);

    private static string Report(BenchOptions options, List<SizeResult> results, string loadBefore)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var sizes = string.Join(" / ", results.Select(r => string.Create(inv, $"{r.Members:N0} members, {r.Records:N0} records")));
        text.AppendLine(inv, $"### summaries · {options.Provider} · {sizes}");
        text.AppendLine();
        text.AppendLine(inv, $"- Command: `{options.SafeCommandLine}`");
        foreach (var line in Machine.Describe()) text.AppendLine("- " + line);
        text.AppendLine(inv, $"- Load average (1/5/15 min) before: {loadBefore}, after: {Machine.LoadAverage()}");
        text.Append(inv, $"- Runs: {options.SummaryRuns} measured runs of each operation after one warm-up of each; median (min–max). ");
        text.AppendLine("Real = `SummaryQueries` " +
                             "via the web's `SummaryData` (fresh context, system scope = what the county sees) + the web's mapping `SummaryDocuments` + `SummaryWorkbook.Write` / " +
                             "`SummaryTablePdf.Render` to a file in the temp folder. Limit = the raw SQL aggregate (SummariesRawSql.cs, DbCommand, every row read) + " +
                             "the bare write of the same rows (`SummaryWorkbook.WriteBare`; SummariesBarePdf.cs: the same lines in the same font, no layout). " +
                             "Memory: peak growth of the working set (VmHWM reset before) and of the managed heap over the idle portal process, worst of the runs.");
        foreach (var r in results)
        {
            text.AppendLine();
            text.AppendLine(inv, $"#### {r.Members:N0} members, {r.Records:N0} service records");
            text.AppendLine();
            text.AppendLine(inv, $"- Database: {r.DbVersion}, {r.DbBytes / 1048576.0:0.0} MiB after seeding; {r.Database}");
            text.AppendLine(inv, $"- Seeding: county ({r.Organizations} organisations) and its year of service (`DemoCountySeeder` + `SyntheticService`, BulkLoader: " +
                                 $"{(options.Provider == Domain.Data.DatabaseProvider.PostgreSql ? "binary COPY" : "one prepared INSERT in one transaction")}) " +
                                 $"**{r.CountySeed.TotalSeconds:0.0} s**; the year's reporting and feedback {r.ExtraSeed.TotalSeconds:0.0} s: {r.Year.Letters:N0} letters, " +
                                 $"{r.Year.Reports:N0} reports, {r.Year.Verified} unit verifications, {r.Year.Cards:N0} yearly cards drafted by `FeedbackDrafter` in " +
                                 $"{r.Year.Drafting.TotalSeconds:0.0} s and sent set-based ({r.Year.Vetoes:N0} vetoes). No scoring session (the tables do not read scores).");
            foreach (var t in r.Tables)
            {
                text.AppendLine(inv, $"- {t.Name}: {t.Lines:N0} lines in two views; xlsx {t.XlsxBytes / 1024.0:0} KiB, PDF {t.Pages} pages {t.PdfBytes / 1024.0:0} KiB " +
                                     $"(bare PDF {t.BarePages} pages); raw SQL reads {t.RawRows:N0} rows; {t.Agreement}");
            }
            if (r.Tables.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| table | format | raw SQL | bare write | limit | SummaryQueries | real export | × limit | peak WS / heap MB | target | met? |");
                text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
                foreach (var t in r.Tables)
                {
                    Row(text, t.Name, "xlsx", t.RawSql, t.BareXlsx, t.Query, t.RealXlsx, t.XlsxMemory);
                    Row(text, t.Name, "PDF", t.RawSql, t.BarePdf, t.Query, t.RealPdf, t.PdfMemory);
                }
            }
            if (r.Computations.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| dashboard figures computed (AreaFigures.ComputeAsync on a fresh context: the refresher's background work) | runs | median s | min–max s |");
                text.AppendLine("|---|---:|---:|---|");
                foreach (var (what, ms) in r.Computations)
                {
                    var sorted = ms.Order().ToList();
                    text.AppendLine(inv, $"| {what} | {ms.Count} | **{sorted[sorted.Count / 2] / 1000:0.00}** | {sorted[0] / 1000:0.00}–{sorted[^1] / 1000:0.00} |");
                }
            }
            if (r.Dashboard.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| dashboard | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | DB ms/req | failed | target | met? | load avg at start |");
                text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
                foreach (var d in r.Dashboard)
                {
                    var x = d.Result;
                    var paced = d.What.Contains("paced", StringComparison.Ordinal);
                    var met = !paced ? "–" : x.Percentile(95) < 1000 && x.Failures.Count == 0 ? "met" : "**missed**";
                    text.AppendLine(inv, $"| {d.What} | {x.Requests:N0} | {x.Percentile(50):0.0} | **{x.Percentile(95):0.0}** | {x.Percentile(99):0.0} | {x.Max:0.0} | " +
                                         $"{x.Throughput:0} | {x.DbMsPerRequest:0.0} | {x.Failures.Count} | {(paced ? "p95 < 1 s" : "–")} | {met} | {d.Load} |");
                }
            }
            foreach (var p in r.Problems) text.AppendLine(inv, $"\nProblem: {p}");
        }

        if (results.Any(r => r.Tables.Count > 0))
        {
            text.AppendLine();
            text.AppendLine("Growth (medians; seeding = the county, its records and the year's reporting and feedback, all bulk; peak = the worst working-set growth of the real exports):");
            text.AppendLine();
            text.AppendLine("| members | records | seeding s | table | query s | xlsx s | pdf s | peak MB |");
            text.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                foreach (var t in r.Tables)
                {
                    var peak = Math.Max(PeakRss(t.XlsxMemory), PeakRss(t.PdfMemory));
                    text.AppendLine(inv, $"| {r.Members:N0} | {r.Records:N0} | {r.CountySeed.TotalSeconds + r.ExtraSeed.TotalSeconds:0} | {t.Name} | {Median(t.Query) / 1000:0.00} | {Median(t.RealXlsx) / 1000:0.00} | " +
                                         $"{Median(t.RealPdf) / 1000:0.00} | {MemoryProbe.Mb(peak)} |");
                }
            }
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string table, string format, List<double> raw, List<double> bare, List<double> query, List<double> real,
        List<MemoryProbe.Usage> memory)
    {
        var inv = CultureInfo.InvariantCulture;
        var limit = Median(raw) + Median(bare);
        var ratio = Median(real) / limit;
        var rss = PeakRss(memory);
        var met = Median(real) < TargetMs && ratio <= TargetRatio && rss < TargetBytes ? "met" : "**missed**";
        text.AppendLine(inv, $"| {table} | {format} | {Stat(raw)} | {Stat(bare)} | {Seconds(limit)} | {Stat(query)} | {Stat(real)} | **{ratio:0.0}×** | " +
                             $"{MemoryProbe.Mb(rss)} / {MemoryProbe.Mb(PeakHeap(memory))} | ≤ 2× limit, < 3 s, < 300 MB | {met} |");
    }
}
