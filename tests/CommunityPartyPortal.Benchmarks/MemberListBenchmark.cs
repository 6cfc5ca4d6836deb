using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Issue 2 at county scale: GET /members (list, paging, sorting, the one search box) as the county
/// admin (sees every member) and as a community secretary (one community), over HTTP against the
/// portal running on a freshly seeded synthetic county.
/// </summary>
internal static partial class MemberListBenchmark
{
    private sealed record Sample(string Name, string Mobile, string NationalId, Guid? CommunityId, MemberCategory Category);

    private sealed record Scenario(string Id, string Title, PortalSession Session, Func<int, string> Url, Func<int, int?> ExpectedPage, bool IsMemberList = true)
    {
        /// <summary>Totals the pages reported (共 N 名), for the report.</summary>
        public ConcurrentBag<int> Totals { get; } = [];
    }

    private sealed record Outcome(Scenario Scenario, RunResult Result, CpuMeter.Usage Cpu, CpuMeter.Usage Before)
    {
        public int Attempts { get; init; } = 1;
        /// <summary>The totals the pages of this attempt reported.</summary>
        public int[] Totals { get; init; } = [];
    }

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken outer)
    {
        // Also stop when the host stops (SIGTERM is taken by the portal's host, which then stops itself).
        using var run = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var ct = run.Token;
        if (!Machine.IsRelease)
        {
            Console.Error.WriteLine($"warning: this is a {Machine.BuildConfiguration()} build: run with -c Release, these figures are not comparable.");
        }
        var loadBefore = Machine.LoadAverage();
        Log($"member-list on {options.Provider}: {options.Members} members, {options.Requests} requests × {options.Concurrency} clients per scenario");

        await using var portal = await BenchPortal.CreateDatabaseAsync(options, ct);
        Log(portal.DatabaseDescription);
        var clock = Stopwatch.StartNew();
        await portal.StartAsync(options.QuietLog, ct);
        using var stopping = portal.App.Lifetime.ApplicationStopping.Register(run.Cancel);
        var startTime = clock.Elapsed;
        Log($"portal started on {portal.BaseAddress} (migrations applied) in {startTime.TotalSeconds:0.0} s");

        var county = new SyntheticCountyOptions { Members = options.Members };
        clock.Restart();
        _ = SyntheticCounty.Build(county); // timed apart only to tell generating from loading; the seeder builds its own
        var generateTime = clock.Elapsed;
        var (seedTime, orgCount, memberCount) = await portal.SeedAsync(county);
        Log($"seeded {orgCount} organisations and {memberCount} members in {seedTime.TotalSeconds:0.0} s");

        var whatIf = await RunWhatIfSqlAsync(portal, options, ct);
        var statistics = await UpdateStatisticsAsync(portal, options, ct);
        var (dbVersion, dbBytes) = await portal.DescribeDatabaseAsync();

        // Sample values from the data itself (the system scope sees everything).
        List<Sample> members;
        Guid secretaryCommunity;
        await using (var scope = portal.SystemScope(out var db))
        {
            members = await db.Members.AsNoTracking()
                .Where(m => m.MovedOutOn == null)
                .Select(m => new Sample(m.Name, m.Mobile, m.NationalId, m.CommunityId, m.Category))
                .ToListAsync(ct);
            secretaryCommunity = await db.Set<PortalUser>().Where(u => u.UserName == "secretary").Select(u => u.OrganizationId).SingleAsync(ct);
        }
        var random = new Random(20261122);
        var picked = Enumerable.Range(0, 100).Select(_ => members[random.Next(members.Count)]).ToArray();
        var communityMembers = members.Where(m => m.CommunityId == secretaryCommunity).ToList();
        var countyNames = CommonPrefixes(members, 5);
        var secretaryNames = CommonPrefixes(communityMembers, 5);
        var pageCount = Math.Max(1, (members.Count + 19) / 20);
        var deepPage = Math.Min(1000, Math.Max(1, pageCount / 3));
        var middlePage = Math.Max(1, (pageCount + 1) / 2);

        using var countySession = await PortalSession.SignInAsync(portal.BaseAddress, "county", DemoCountySeeder.Password, options.Concurrency, ct);
        using var secretarySession = await PortalSession.SignInAsync(portal.BaseAddress, "secretary", DemoCountySeeder.Password, options.Concurrency, ct);
        Log("signed in as county and secretary");

        static string Q(string value) => "/members?q=" + Uri.EscapeDataString(value);
        static int? NoPage(int _) => null;
        string[] phone4 = [.. picked.Select(m => m.Mobile[^4..])];
        string[] phone8 = [.. picked.Select(m => m.Mobile[^8..])];
        string[] id6 = [.. picked.Select(m => m.NationalId[^6..])];
        var scenarios = new List<Scenario>
        {
            // Baseline: an MVC page with the layout, signed in, without any query of its own.
            new("0", "baseline: county, GET /account/change-password (layout only, no query)", countySession, _ => "/account/change-password", NoPage, IsMemberList: false),
            new("a", "county: list, page 1, default sort (name)", countySession, _ => "/members", _ => 1),
            new("b", $"county: deep page {deepPage} (of {pageCount})", countySession, _ => $"/members?page={deepPage}", _ => deepPage),
            new("b2", $"county: middle page {middlePage} (largest offset)", countySession, _ => $"/members?page={middlePage}", _ => middlePage),
            new("c", "county: 在职党员, sorted by 入党日期 desc", countySession, _ => "/members?category=InService&sort=joined&dir=desc", _ => 1),
            new("d", $"county: name contains ({string.Join("/", countyNames)})", countySession, i => Q(countyNames[i % countyNames.Length]), NoPage),
            new("e4", "county: phone tail, last 4 digits", countySession, i => Q(phone4[i % phone4.Length]), NoPage),
            new("e8", "county: phone tail, last 8 digits", countySession, i => Q(phone8[i % phone8.Length]), NoPage),
            new("f", "county: ID tail, last 6", countySession, i => Q(id6[i % id6.Length]), NoPage),
            new("g", $"secretary: list, page 1 ({communityMembers.Count} members)", secretarySession, _ => "/members", _ => 1),
            new("h", $"secretary: name contains ({string.Join("/", secretaryNames)})", secretarySession, i => Q(secretaryNames[i % secretaryNames.Length]), NoPage),
        };

        if (options.Scenarios is { } only)
        {
            var unknown = only.Except(scenarios.Select(s => s.Id), StringComparer.OrdinalIgnoreCase).ToList();
            if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; there are {string.Join(", ", scenarios.Select(s => s.Id))}.");
            scenarios.RemoveAll(s => !only.Contains(s.Id, StringComparer.OrdinalIgnoreCase));
        }

        using var meter = new DbMeter();
        var dataDirectory = portal.PostgresDataDirectory;
        var cpu = new CpuMeter(dataDirectory is null ? null : () => CpuMeter.PostgresProcesses(dataDirectory));
        var outcomes = new List<Outcome>();
        var limit = TimeSpan.FromSeconds(options.Seconds);
        // Warm-up first for every scenario (JIT tiering, query plans, caches), so that the scenarios
        // measured later do not profit from the ones measured before them.
        var warmFailures = new List<string>();
        if (options.Warmup > 0)
        {
            foreach (var scenario in scenarios)
            {
                var warm = await LoadRunner.RunAsync(scenario.Session.Http, scenario.Url, (i, body) => CheckPage(scenario, i, body),
                    options.Warmup, options.Concurrency, limit, meter, ct);
                if (warm.Failures.Count > 0) Log($"  {scenario.Id}: {warm.Failures.Count} warm-up failures, first: {warm.Failures[0]}");
                warmFailures.AddRange(warm.Failures);
                scenario.Totals.Clear();
            }
            Log($"warm-up done: {options.Warmup} requests per scenario, {warmFailures.Count} failures");
        }
        if (options.ShowSql)
        {
            foreach (var scenario in scenarios.Where(s => s.IsMemberList))
            {
                meter.Capture(10);
                using var response = await scenario.Session.Http.GetAsync(scenario.Url(0), ct);
                Console.Error.WriteLine($"---- {scenario.Id} {scenario.Title}: GET {scenario.Url(0)}");
                foreach (var sql in meter.TakeCaptured()) Console.Error.WriteLine(sql + "\n");
            }
        }
        var interrupted = false;
        foreach (var scenario in scenarios)
        {
            try
            {
                var outcome = await MeasureAsync(scenario, options, cpu, meter, ct);
                outcomes.Add(outcome);
                var (r, usage) = (outcome.Result, outcome.Cpu);
                Log($"  {scenario.Id} {scenario.Title}: {r.Requests} requests, {r.Throughput:0.0} req/s, p50 {r.Percentile(50):0.0} ms, " +
                    $"p95 {r.Percentile(95):0.0} ms, CPU this/server/others {usage.Own:0.00}/{usage.Server:0.00}/{usage.Others:0.00}" +
                    $", CPU {CpuMsPerRequest(r, usage):0.0} ms/req" + (r.Failures.Count > 0 ? $", {r.Failures.Count} FAILED" : ""));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Log($"interrupted during scenario {scenario.Id}: reporting the {outcomes.Count} scenarios measured so far");
                interrupted = true;
                break;
            }
        }

        var report = Report(options, portal, outcomes, new ReportFacts(
            dbVersion, dbBytes, orgCount, memberCount, seedTime, generateTime, startTime, statistics, loadBefore, Machine.LoadAverage(), whatIf));
        if (interrupted) report = "**INTERRUPTED** (time limit or signal): not every scenario was measured.\n\n" + report;
        Console.WriteLine(report);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report, CancellationToken.None);
            Log($"report written to {path}");
        }
        if (interrupted) return 3;

        var failures = warmFailures.Concat(outcomes.SelectMany(o => o.Result.Failures)).ToList();
        if (failures.Count > 0)
        {
            Console.Error.WriteLine($"{failures.Count} requests failed (warm-up included); the first ones:");
            foreach (var f in failures.Take(10)) Console.Error.WriteLine("  " + f);
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// Waits for a quiet machine (up to --quiet-wait), then the measured run of one scenario. When other
    /// processes took more than a quarter of a core during the run, measures again (up to --retries
    /// times) and keeps the least disturbed attempt.
    /// </summary>
    private static async Task<Outcome> MeasureAsync(Scenario scenario, BenchOptions options, CpuMeter cpu, DbMeter meter, CancellationToken ct)
    {
        Outcome? best = null;
        for (var attempt = 0; attempt <= options.Retries; attempt++)
        {
            var before = options.QuietWait > 0
                ? await cpu.WaitForQuietAsync(QuietCores, TimeSpan.FromSeconds(options.QuietWait), ct)
                : new CpuMeter.Usage(0, 0, 0);
            if (before.Others > QuietCores) Log($"  machine busy: other processes use {before.Others:0.00} cores; measuring anyway");
            scenario.Totals.Clear();
            var (result, usage) = await cpu.MeasureAsync(() => LoadRunner.RunAsync(scenario.Session.Http, scenario.Url,
                (i, body) => CheckPage(scenario, i, body), options.Requests, options.Concurrency, TimeSpan.FromSeconds(options.Seconds), meter, ct));
            var outcome = new Outcome(scenario, result, usage, before) { Attempts = attempt + 1 };
            if (best is null || usage.Others < best.Cpu.Others) best = outcome with { Totals = [.. scenario.Totals] };
            else best = best with { Attempts = attempt + 1 };
            if (usage.Others <= QuietCores || result.Failures.Count > 0) break;
            if (attempt < options.Retries)
            {
                Log($"  {scenario.Id}: other processes took {usage.Others:0.00} cores during the run ({result.Throughput:0.0} req/s, p50 {result.Percentile(50):0.0} ms); measuring again");
            }
        }
        return best!;
    }

    /// <summary>Other processes using less than this many cores count as a quiet machine.</summary>
    private const double QuietCores = 0.25;

    private sealed record ReportFacts(
        string DbVersion, long DbBytes, int Organizations, int Members, TimeSpan SeedTime, TimeSpan GenerateTime, TimeSpan StartTime,
        string Statistics, string LoadBefore, string LoadAfter, string? WhatIf);

    /// <summary>--sql: a what-if change of the database (an index, say), run after seeding and before the statistics.</summary>
    private static async Task<string?> RunWhatIfSqlAsync(BenchPortal portal, BenchOptions options, CancellationToken ct)
    {
        if (options.SqlFile is not { } file) return null;
        var sql = await File.ReadAllTextAsync(file, ct);
        await using var scope = portal.SystemScope(out var db);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var clock = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync(sql, ct);
        Log($"what-if SQL from {file} in {clock.Elapsed.TotalSeconds:0.0} s");
        return sql.Trim();
    }

    /// <summary>PostgreSQL: VACUUM (ANALYZE), what autovacuum does within a minute or so of a bulk load. SQLite: ANALYZE only with --analyze.</summary>
    private static async Task<string> UpdateStatisticsAsync(BenchPortal portal, BenchOptions options, CancellationToken ct)
    {
        string sql;
        if (portal.Provider == DatabaseProvider.PostgreSql) sql = "VACUUM (ANALYZE)";
        else if (options.Analyze) sql = "ANALYZE";
        else return "none (the portal never runs ANALYZE on SQLite, so neither does this run; see --analyze)";
        await using var scope = portal.SystemScope(out var db);
        var clock = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await db.Database.ExecuteSqlRawAsync(sql, ct);
        Log($"{sql} in {clock.Elapsed.TotalSeconds:0.0} s");
        return portal.Provider == DatabaseProvider.PostgreSql
            ? $"`{sql}` after seeding ({clock.Elapsed.TotalSeconds:0.0} s), as autovacuum would do shortly after a bulk load"
            : $"`{sql}` after seeding ({clock.Elapsed.TotalSeconds:0.0} s, --analyze)";
    }

    /// <summary>The most frequent surname + first given character among the names (a common search).</summary>
    private static string[] CommonPrefixes(IEnumerable<Sample> members, int count) =>
        [.. members.Where(m => m.Name.Length >= 2)
            .GroupBy(m => m.Name[..2], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(g => g.Key)];

    [GeneratedRegex("""id="member-total">(?<n>\d+)<""", RegexOptions.CultureInvariant)]
    private static partial Regex TotalPattern();

    [GeneratedRegex("""id="member-page">(?<n>\d+)<""", RegexOptions.CultureInvariant)]
    private static partial Regex PagePattern();

    /// <summary>The page must be the member list, show at least one member (every value is taken from a real member), and be the page asked for.</summary>
    private static string? CheckPage(Scenario scenario, int i, string body)
    {
        if (!scenario.IsMemberList) return body.Contains("</html>", StringComparison.OrdinalIgnoreCase) ? null : "not a complete page";
        if (TotalPattern().Match(body) is not { Success: true } total) return "not the member list (no member-total)";
        var n = int.Parse(total.Groups["n"].ValueSpan, CultureInfo.InvariantCulture);
        scenario.Totals.Add(n);
        if (n == 0) return "no members found";
        if (!body.Contains("data-member-id=", StringComparison.Ordinal)) return "no rows on the page";
        if (scenario.ExpectedPage(i) is { } expected and > 1)
        {
            if (PagePattern().Match(body) is not { Success: true } page) return "no page number";
            var shown = int.Parse(page.Groups["n"].ValueSpan, CultureInfo.InvariantCulture);
            if (shown != expected) return $"page {shown} shown instead of {expected}";
        }
        return null;
    }

    private static string Report(BenchOptions options, BenchPortal portal, List<Outcome> outcomes, ReportFacts facts)
    {
        static string Ms(double v) => v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        var provider = portal.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### member-list · {provider} · {facts.Members:N0} members");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{options.SafeCommandLine}`");
        foreach (var line in Machine.Describe()) text.AppendLine("- " + line);
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min) before: {facts.LoadBefore}, after: {facts.LoadAfter}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Database: {facts.DbVersion}, {facts.DbBytes / 1024.0 / 1024.0:0.0} MiB after seeding; {portal.DatabaseDescription}");
        text.Append(CultureInfo.InvariantCulture, $"- Seeding: {facts.Members:N0} members and {facts.Organizations} organisations (20 streets, 150 communities, 400 units) in ")
            .Append(CultureInfo.InvariantCulture, $"**{facts.SeedTime.TotalSeconds:0.0} s** through `DemoCountySeeder.SeedAsync` (of which about {facts.GenerateTime.TotalSeconds:0.0} s ")
            .AppendLine(CultureInfo.InvariantCulture, $"generating the county in memory, the rest `BulkLoader` and 6 accounts); start with migrations {facts.StartTime.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Statistics: {facts.Statistics}");
        if (facts.WhatIf is { } whatIf)
        {
            text.AppendLine("- **What-if**: this SQL ran after seeding (not part of the portal's schema):");
            text.AppendLine();
            text.AppendLine("  ```sql");
            foreach (var line in whatIf.Split('\n')) text.AppendLine("  " + line.TrimEnd());
            text.AppendLine("  ```");
        }
        text.Append(CultureInfo.InvariantCulture, $"- Load: {options.Warmup} warm-up requests per scenario (all scenarios warmed up first), then per scenario {options.Requests} measured GETs from {options.Concurrency} concurrent ")
            .Append(CultureInfo.InvariantCulture, $"clients (closed loop, limit {options.Seconds} s), over HTTP on 127.0.0.1 in the same process; logging: ")
            .AppendLine(options.QuietLog ? "warnings only" : "production levels (a line per request to the log file)");
        text.AppendLine();
        text.AppendLine("| | scenario | matches | requests | req/s | mean ms | p50 ms | p95 ms | p99 ms | max ms | DB ms/req | queries/req | KiB/page | CPU ms/req | CPU cores: this / PG / others |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var outcome in outcomes)
        {
            var (scenario, r, usage, _) = outcome;
            var totals = outcome.Totals;
            var matches = totals.Length == 0 ? "–"
                : totals.Min() == totals.Max() ? totals[0].ToString("N0", CultureInfo.InvariantCulture)
                : $"{totals.Min()}–{totals.Max()}";
            var failed = (r.Failures.Count > 0 ? $" ({r.Failures.Count} failed)" : "") + (outcome.Attempts > 1 ? $" (best of {outcome.Attempts})" : "");
            text.Append(CultureInfo.InvariantCulture, $"| {scenario.Id} | {scenario.Title} | {matches} | {r.Requests}{failed} | {r.Throughput:0.0} | {Ms(r.Mean)} | {Ms(r.Percentile(50))} | ")
                .AppendLine(CultureInfo.InvariantCulture, $"{Ms(r.Percentile(95))} | {Ms(r.Percentile(99))} | {Ms(r.Max)} | {Ms(r.DbMsPerRequest)} | {r.DbCommandsPerRequest:0.0} | {r.KilobytesPerResponse:0} | {Ms(CpuMsPerRequest(r, usage))} | {usage.Own:0.00} / {(portal.PostgresDataDirectory is null ? "–" : usage.Server.ToString("0.00", CultureInfo.InvariantCulture))} / {usage.Others:0.00} |");
        }
        text.AppendLine();
        text.AppendLine("DB ms/req: time inside the portal's SQL per request (EF Core data readers, from execution to the last row read), " +
                        "summed over the queries of the request; with more clients than cores it includes waiting for a CPU. " +
                        "CPU cores: average CPU use during the measured run, of this process (portal and load generator together), " +
                        "of the PostgreSQL server when this run started it, and of every other process on the machine (noise). " +
                        "CPU ms/req: CPU time per request of this process plus the PostgreSQL server (the cost of a request, " +
                        "little affected by other processes; a dedicated machine serves about cores × 1000 / CPU ms/req requests a second). " +
                        "\"best of n\": the machine was busy, the scenario was measured n times and the least disturbed run is shown.");
        return text.ToString();
    }

    private static double CpuMsPerRequest(RunResult r, CpuMeter.Usage usage) =>
        r.Requests == 0 ? 0 : (usage.Own + usage.Server) * r.Elapsed.TotalMilliseconds / r.Requests;

    internal static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
