using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Issue 3 at county scale, over HTTP against the portal on a freshly seeded synthetic county, one operation at a
/// time (these are one person's downloads, not a crowd): the county admin's roster export (GET /roster/export, every
/// member of the county in one .xlsx), the batch PDF of 报到回执 (POST /reporting/reports/pdf, in batches of the
/// route's limit) and the same receipts rendered in one PDF by the Documents layer without HTTP, and the member import
/// (POST /roster/import) of generated rows as new members and again as updates. Each run reports its wall time, the
/// peak growth of the process's memory, the file size and the load of the machine, and every file is read back.
/// </summary>
internal static partial class DocumentsBenchmark
{
    public static readonly string[] AllScenarios = ["export", "pdf", "pdf-direct", "import"];

    /// <summary>One measured run.</summary>
    private sealed record Run(
        string Scenario, int Number, double Ms, double? FirstByteMs, long Bytes, MemoryProbe.Usage Memory, CpuMeter.Usage Cpu,
        string Load, string? Problem, string Detail = "");

    private sealed record Target(string Text, double Seconds, double? Megabytes = null);

    private static readonly Dictionary<string, Target> Targets = new()
    {
        ["export"] = new("< 1.5 s, < 150 MB", 1.5, 150),
        ["pdf"] = new("< 20 s", 20),
        ["pdf-direct"] = new("< 20 s", 20),
        ["import-new"] = new("< 10 s", 10),
        ["import-update"] = new("–", double.NaN),
    };

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken outer)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var ct = run.Token;
        var scenarios = options.Scenarios ?? AllScenarios;
        var unknown = scenarios.Except(AllScenarios, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; there are {string.Join(", ", AllScenarios)}.");
        bool On(string s) => scenarios.Contains(s, StringComparer.OrdinalIgnoreCase);
        if (!Machine.IsRelease)
        {
            Console.Error.WriteLine($"warning: this is a {Machine.BuildConfiguration()} build: run with -c Release, these figures are not comparable.");
        }
        var loadBefore = Machine.LoadAverage();
        Log($"documents on {options.Provider}: {options.Members} members; {options.Runs} runs of the export and the PDFs, " +
            $"{options.ImportRuns} imports of {options.ImportRows} rows; {options.Receipts} receipts");

        await using var portal = await BenchPortal.CreateDatabaseAsync(options, ct);
        Log(portal.DatabaseDescription);
        var clock = Stopwatch.StartNew();
        await portal.StartAsync(quietLog: options.QuietLog, ct);
        using var stopping = portal.App.Lifetime.ApplicationStopping.Register(run.Cancel);
        var startTime = clock.Elapsed;
        Log($"portal started on {portal.BaseAddress} (migrations applied) in {startTime.TotalSeconds:0.0} s");

        var (seedTime, orgCount, memberCount) = await portal.SeedAsync(new SyntheticCountyOptions { Members = options.Members });
        Log($"seeded {orgCount} organisations and {memberCount} members in {seedTime.TotalSeconds:0.0} s");
        if (portal.Provider == DatabaseProvider.PostgreSql)
        {
            await using var scope = portal.SystemScope(out var db);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
        }
        var (dbVersion, dbBytes) = await portal.DescribeDatabaseAsync();

        using var county = await PortalSession.SignInAsync(portal.BaseAddress, "county", DemoCountySeeder.Password, 2, ct);
        Log("signed in as county");
        var dataDirectory = portal.PostgresDataDirectory;
        var cpu = new CpuMeter(dataDirectory is null ? null : () => CpuMeter.PostgresProcesses(dataDirectory));
        var files = Path.Combine(portal.TempPath, "downloads");
        Directory.CreateDirectory(files);
        var runs = new List<Run>();
        var notes = new List<string>();
        var interrupted = false;

        async Task Measure(string scenario, int number, Func<Task<(long Bytes, double? FirstByteMs, string Detail)>> action, Func<Task<string?>> check)
        {
            var before = options.QuietWait > 0
                ? await cpu.WaitForQuietAsync(QuietCores, TimeSpan.FromSeconds(options.QuietWait), ct)
                : new CpuMeter.Usage(0, 0, 0);
            if (before.Others > QuietCores) Log($"  machine busy: other processes use {before.Others:0.00} cores; measuring anyway");
            var load = Machine.LoadAverage();
            await using var probe = MemoryProbe.Start();
            var start = Stopwatch.GetTimestamp();
            var (result, usage) = await cpu.MeasureAsync(action);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var memory = await probe.StopAsync();
            var problem = await check();
            var r = new Run(scenario, number, ms, result.FirstByteMs, result.Bytes, memory, usage, load, problem, result.Detail);
            runs.Add(r);
            Log($"  {scenario} #{number}: {ms / 1000:0.00} s, {MemoryProbe.Mb(result.Bytes)} MiB, peak RSS +{MemoryProbe.Mb(memory.PeakResidentGrowth)} MiB, " +
                $"heap +{MemoryProbe.Mb(memory.PeakHeapGrowth)} MiB, allocated {MemoryProbe.Mb(memory.Allocated)} MiB, CPU this/PG/others " +
                $"{usage.Own:0.00}/{usage.Server:0.00}/{usage.Others:0.00}, load {load}" + (problem is null ? ", checked" : $", FAILED: {problem}"));
        }

        try
        {
            if (On("export")) await ExportAsync(portal, county, options, files, Measure, notes, ct);
            if (On("pdf") || On("pdf-direct")) await PdfAsync(portal, county, options, files, On("pdf"), On("pdf-direct"), Measure, notes, ct);
            if (On("import")) await ImportAsync(portal, county, options, Measure, notes, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log($"interrupted: reporting the {runs.Count} runs measured so far");
            interrupted = true;
        }

        var report = Report(options, portal, runs, notes, new Facts(dbVersion, dbBytes, orgCount, memberCount, seedTime, startTime, loadBefore, Machine.LoadAverage()));
        if (interrupted) report = "**INTERRUPTED** (time limit or signal): not every scenario was measured.\n\n" + report;
        Console.WriteLine(report);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report, CancellationToken.None);
            Log($"report written to {path}");
        }
        if (interrupted) return 3;
        var failed = runs.Where(r => r.Problem is not null).ToList();
        foreach (var f in failed) Console.Error.WriteLine($"{f.Scenario} #{f.Number}: {f.Problem}");
        return failed.Count > 0 ? 1 : 0;
    }

    private delegate Task Measurer(string scenario, int number, Func<Task<(long Bytes, double? FirstByteMs, string Detail)>> action, Func<Task<string?>> check);

    /// <summary>GET /roster/export as the county admin: every member of the county, streamed to a file and read back.</summary>
    private static async Task ExportAsync(BenchPortal portal, PortalSession county, BenchOptions options, string files, Measurer measure, List<string> notes, CancellationToken ct)
    {
        int expected;
        await using (var scope = portal.SystemScope(out var db))
        {
            expected = await db.Members.CountAsync(m => m.MovedOutOn == null, ct);
        }
        const string url = "/roster/export";
        var warm = Path.Combine(files, "warm-up.xlsx");
        var (_, _, warmMs) = await DownloadAsync(county, HttpMethod.Get, url, null, warm, ct);
        Log($"export warm-up: {warmMs / 1000:0.00} s");
        var check = DocumentsData.ReadRoster(warm, expected);
        if (check.Problem is not null) throw new InvalidOperationException($"The roster downloaded in the warm-up is wrong: {check.Problem}");
        File.Delete(warm);
        notes.Add($"export: `GET {url}` as `county` (县委组织部, sees the full 身份证号 and phone, so each export also writes the `roster.export-pii` audit line); " +
                  $"the warm-up download took {warmMs / 1000:0.00} s. Each file is read back with the OpenXML SDK: the 20 headers, " +
                  $"{expected:N0} data rows numbered 1…{expected:N0}, every row with a name, an 18-character ID and an 11-digit phone, the AutoFilter over all of them.");

        for (var i = 1; i <= options.Runs; i++)
        {
            var path = Path.Combine(files, $"roster-{i}.xlsx");
            await measure("export", i, async () =>
            {
                var (bytes, first, _) = await DownloadAsync(county, HttpMethod.Get, url, null, path, ct);
                return (bytes, first, $"{expected:N0} rows");
            }, () =>
            {
                var result = DocumentsData.ReadRoster(path, expected);
                File.Delete(path);
                return Task.FromResult(result.Problem);
            });
        }
    }

    /// <summary>
    /// 报到回执 of <see cref="BenchOptions.Receipts"/> confirmed reports: through POST /reporting/reports/pdf (the route
    /// takes at most <see cref="ReportingDocuments.MaxBatch"/> a request, so the batch is sent in parts, one after the
    /// other) and rendered in one PDF by <see cref="ReportReceiptPdf.Render(IReadOnlyList{Documents.Records.ReportReceiptRecord})"/>.
    /// </summary>
    private static async Task PdfAsync(BenchPortal portal, PortalSession county, BenchOptions options, string files, bool http, bool direct,
        Measurer measure, List<string> notes, CancellationToken ct)
    {
        var year = Clock.TodayInChina(TimeProvider.System).Year;
        var clock = Stopwatch.StartNew();
        var ids = await DocumentsData.CreateReportsAsync(portal, options.Receipts, year, ct);
        Log($"created {ids.Count} letters and confirmed reports in {clock.Elapsed.TotalSeconds:0.0} s");
        var serials = Enumerable.Range(1, ids.Count).Select(n => SerialNumbers.Format(year, DocumentTypes.Receipt, n)).ToList();
        var batches = ids.Chunk(ReportingDocuments.MaxBatch).ToList();

        if (http)
        {
            var token = await county.FormTokenAsync("/account/change-password", ct);
            HttpContent Form(IEnumerable<Guid> batch)
            {
                var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Kind", ReportingDocumentsController.Kinds.Receipt) };
                fields.AddRange(batch.Select(id => new KeyValuePair<string, string>("ReportIds", id.ToString())));
                return new FormUrlEncodedContent(fields);
            }
            var warm = Path.Combine(files, "warm-up.pdf");
            var (_, _, warmMs) = await DownloadAsync(county, HttpMethod.Post, "/reporting/reports/pdf", Form(ids.Take(20)), warm, ct);
            Log($"pdf warm-up (20 receipts): {warmMs / 1000:0.00} s");
            File.Delete(warm);
            notes.Add($"pdf: {ids.Count:N0} 回执 as `county` through `POST /reporting/reports/pdf` (kind=receipt), in {batches.Count} request{(batches.Count == 1 ? "" : "s")} of " +
                      $"at most {ReportingDocuments.MaxBatch} (the route's limit per PDF), sent one after the other; the time is all of them. " +
                      "Each PDF is read back: its page count (PDFsharp) and, with poppler's pdftotext, the Chinese text with the first and last serial.");
            for (var i = 1; i <= options.Runs; i++)
            {
                var paths = batches.Select((_, b) => Path.Combine(files, $"receipts-{i}-{b + 1}.pdf")).ToList();
                await measure("pdf", i, async () =>
                {
                    long bytes = 0;
                    double? first = null;
                    for (var b = 0; b < batches.Count; b++)
                    {
                        var (size, firstByte, _) = await DownloadAsync(county, HttpMethod.Post, "/reporting/reports/pdf", Form(batches[b]), paths[b], ct);
                        bytes += size;
                        first ??= firstByte;
                    }
                    return (bytes, first, $"{batches.Count} PDFs: " + string.Join(" + ", paths.Select(p => MemoryProbe.Mb(new FileInfo(p).Length) + " MiB")));
                }, async () =>
                {
                    string? problem = null;
                    var offset = 0;
                    for (var b = 0; b < batches.Count && problem is null; b++)
                    {
                        var n = batches[b].Length;
                        problem = await DocumentsData.CheckPdfAsync(paths[b], n, serials[offset], serials[offset + n - 1], ct);
                        offset += n;
                    }
                    foreach (var p in paths) File.Delete(p);
                    return problem;
                });
            }
        }

        if (direct)
        {
            var records = await DocumentsData.ReceiptRecordsAsync(portal, ids, ct);
            ReportReceiptPdf.Render(records.Take(20).ToList()); // warm-up
            notes.Add($"pdf-direct: the same {records.Count:N0} 回执 records (built from the database as `PrintReceipts` builds them, unmasked) " +
                      $"rendered into one PDF by `ReportReceiptPdf.Render` in the portal's process, no HTTP; the PDF is written to a file and read back as above.");
            for (var i = 1; i <= options.Runs; i++)
            {
                var path = Path.Combine(files, $"receipts-direct-{i}.pdf");
                await measure("pdf-direct", i, async () =>
                {
                    var content = ReportReceiptPdf.Render(records);
                    await File.WriteAllBytesAsync(path, content, ct);
                    return (content.LongLength, null, $"{records.Count:N0} pages");
                }, async () =>
                {
                    var problem = await DocumentsData.CheckPdfAsync(path, records.Count, serials[0], serials[records.Count - 1], ct);
                    File.Delete(path);
                    return problem;
                });
            }
        }
    }

    private const double QuietCores = 0.25;

    private sealed record Facts(string DbVersion, long DbBytes, int Organizations, int Members, TimeSpan SeedTime, TimeSpan StartTime, string LoadBefore, string LoadAfter);

    private static string Report(BenchOptions options, BenchPortal portal, List<Run> runs, List<string> notes, Facts facts)
    {
        static string S(double ms) => (ms / 1000).ToString(ms >= 10_000 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        var provider = portal.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### documents · {provider} · {facts.Members:N0} members");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{options.SafeCommandLine}`");
        foreach (var line in Machine.Describe()) text.AppendLine("- " + line);
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min) before: {facts.LoadBefore}, after: {facts.LoadAfter}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Database: {facts.DbVersion}, {facts.DbBytes / 1024.0 / 1024.0:0.0} MiB after seeding; {portal.DatabaseDescription}");
        var vacuum = portal.Provider == DatabaseProvider.PostgreSql ? "; `VACUUM (ANALYZE)` after seeding" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"- Seeding: {facts.Members:N0} members and {facts.Organizations} organisations in {facts.SeedTime.TotalSeconds:0.0} s; start with migrations {facts.StartTime.TotalSeconds:0.0} s{vacuum}");
        text.AppendLine("- One operation at a time over HTTP on 127.0.0.1 (the portal and this client in one process, server GC); before each run the tool waits " +
                        $"(up to {options.QuietWait} s) for other processes to use less than {QuietCores} cores, then collects garbage and resets the peak resident set.");
        foreach (var note in notes) text.AppendLine("- " + note);
        text.AppendLine();
        text.AppendLine("| scenario | runs | median s | min s | max s | median s of the quiet runs (n) | size MiB | peak RSS growth MiB (median / max) | peak heap growth MiB (max) | allocated MiB/run | CPU cores this / PG / others (median) | target |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var group in runs.GroupBy(r => r.Scenario))
        {
            var list = group.ToList();
            var ms = list.Select(r => r.Ms).Order().ToList();
            var rss = list.Select(r => r.Memory.PeakResidentGrowth).Order().ToList();
            var target = Targets.GetValueOrDefault(group.Key);
            var failed = list.Count(r => r.Problem is not null);
            var quiet = list.Where(r => r.Cpu.Others <= QuietCores).Select(r => r.Ms).Order().ToList();
            var quietText = quiet.Count == 0 ? "– (0)" : $"{S(Median(quiet))} ({quiet.Count})";
            // Judged on the quiet runs when there are any (a busy machine's runs measure the other programs too).
            var judged = quiet.Count > 0 ? quiet : ms;
            var verdict = target is null || double.IsNaN(target.Seconds) ? "–"
                : $"{target.Text}: " + (Median(judged) / 1000 < target.Seconds && (target.Megabytes is not { } mb || rss[^1] / 1048576.0 < mb) ? "met" : "**missed**")
                  + (quiet.Count > 0 ? "" : " (no quiet run)");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {list.Count}{(failed > 0 ? $" ({failed} FAILED)" : "")} | **{S(Median(ms))}** | {S(ms[0])} | {S(ms[^1])} | {quietText} | {MemoryProbe.Mb((long)Median(list.Select(r => (double)r.Bytes).Order().ToList()))} | " +
                $"{MemoryProbe.Mb((long)Median(rss.Select(x => (double)x).ToList()))} / {MemoryProbe.Mb(rss[^1])} | {MemoryProbe.Mb(list.Max(r => r.Memory.PeakHeapGrowth))} | " +
                $"{MemoryProbe.Mb((long)Median(list.Select(r => (double)r.Memory.Allocated).Order().ToList()))} | " +
                $"{Median(list.Select(r => r.Cpu.Own).Order().ToList()):0.00} / {(portal.PostgresDataDirectory is null ? "–" : Median(list.Select(r => r.Cpu.Server).Order().ToList()).ToString("0.00", CultureInfo.InvariantCulture))} / {Median(list.Select(r => r.Cpu.Others).Order().ToList()):0.00} | {verdict} |");
        }
        text.AppendLine();
        text.AppendLine("<details><summary>Every run</summary>");
        text.AppendLine();
        text.AppendLine("| scenario | # | s | first byte s | MiB | peak RSS + MiB | heap + MiB | allocated MiB | CPU this / PG / others | load avg at start | |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var r in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Number} | {S(r.Ms)} | {(r.FirstByteMs is { } f ? S(f) : "–")} | {MemoryProbe.Mb(r.Bytes)} | {MemoryProbe.Mb(r.Memory.PeakResidentGrowth)} | " +
                $"{MemoryProbe.Mb(r.Memory.PeakHeapGrowth)} | {MemoryProbe.Mb(r.Memory.Allocated)} | {r.Cpu.Own:0.00} / {r.Cpu.Server:0.00} / {r.Cpu.Others:0.00} | {r.Load} | " +
                $"{r.Detail}{(r.Problem is null ? "" : " **FAILED: " + r.Problem + "**")} |");
        }
        text.AppendLine();
        text.AppendLine("</details>");
        text.AppendLine();
        text.AppendLine("Peak RSS growth: the process's peak resident set during the run (VmHWM, reset before the run" +
                        (runs.All(r => r.Memory.KernelPeak) ? "" : "; sampled every 5 ms where it could not be reset") +
                        ") over the resident set after a full collection just before it; with the server GC most of it is the GC's allocation budget " +
                        "(memory allocated and not yet collected), so it depends on the allocation rate more than on what the operation keeps. " +
                        "Heap growth: the managed heap (GC.GetTotalMemory, sampled every 5 ms) over the one before. Allocated: every byte allocated " +
                        "in the process during the run (portal and client). CPU cores: average use during the run of this process, of the PostgreSQL " +
                        "server when this run started it, and of every other process (noise; above ~0.25 the run was disturbed).");
        return text.ToString();
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    [GeneratedRegex("""<tr[^>]*data-row[^>]*>.*?</tr>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ErrorRow();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    private static void Log(string message) => MemberListBenchmark.Log(message);
}
