using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Domain.Service;
using Activity = CommunityPartyPortal.Domain.Service.Activity;
using ActivityKind = CommunityPartyPortal.Domain.Service.ActivityKind;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Issue 4 at county scale (the synthetic county plus a synthetic year of service): the secretary's check-in POST under
/// 32 concurrent clients (each request a real check-in of a distinct member × activity pair), the member search-as-you-type
/// (GET /members/search) under 8 and 32 clients, a member's progress page (GET /requirements/member/{id}) under 8 clients,
/// and the batch of 写实登记卡 (POST /requirements/cards.pdf with all=true, and 1,000 cards through the renderer alone).
/// </summary>
internal static partial class ServiceBenchmark
{
    private const int ServiceRecords = 500_000;
    private const int CardRuns = 3;

    private sealed record Row(string What, RunResult Result, string Target, double TargetMs, bool UseP95, string Load, string Note = "");

    private sealed record CardRun(string What, int Cards, double Ms, long Bytes, string Load, string? Problem);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken outer)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var ct = run.Token;
        if (!Machine.IsRelease)
        {
            Console.Error.WriteLine($"warning: this is a {Machine.BuildConfiguration()} build: run with -c Release, these figures are not comparable.");
        }
        var loadBefore = Machine.LoadAverage();
        var records = options.Records ?? (options.Quick ? 20_000 : ServiceRecords);
        Log($"service on {options.Provider}: {options.Members} members, {records} service records, {options.Requests} requests per load scenario");

        await using var portal = await BenchPortal.CreateDatabaseAsync(options, ct);
        Log(portal.DatabaseDescription);
        var clock = Stopwatch.StartNew();
        await portal.StartAsync(options.QuietLog, ct);
        using var stopping = portal.App.Lifetime.ApplicationStopping.Register(run.Cancel);
        var startTime = clock.Elapsed;
        Log($"portal started on {portal.BaseAddress} (migrations applied) in {startTime.TotalSeconds:0.0} s");

        clock.Restart();
        int orgCount, memberCount;
        await using (var scope = portal.SystemScope(out _))
        {
            var seeder = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DemoCountySeeder>(scope.ServiceProvider);
            (orgCount, memberCount) = await seeder.SeedAsync(new SyntheticCountyOptions { Members = options.Members }, new SyntheticServiceOptions { Records = records });
        }
        var seedTime = clock.Elapsed;
        if (portal.Provider == DatabaseProvider.PostgreSql)
        {
            await using var scope = portal.SystemScope(out var db);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
        }
        var (dbVersion, dbBytes) = await portal.DescribeDatabaseAsync();
        long recordsBefore;
        Guid community;
        List<(Guid Id, string Name, string? Initials, string Mobile)> residents;
        var year = Clock.TodayInChina(TimeProvider.System).Year;
        await using (var scope = portal.SystemScope(out var db))
        {
            recordsBefore = await db.ServiceRecords.LongCountAsync(ct);
            community = await db.Set<PortalUser>().Where(u => u.UserName == "secretary").Select(u => u.OrganizationId).SingleAsync(ct);
            residents = (await db.Members.AsNoTracking()
                    .Where(m => m.CommunityId == community && m.MovedOutOn == null)
                    .OrderBy(m => m.Id)
                    .Select(m => new { m.Id, m.Name, m.NameInitials, m.Mobile })
                    .ToListAsync(ct))
                .Select(m => (m.Id, m.Name, m.NameInitials, m.Mobile)).ToList();
        }
        Log($"seeded {orgCount} organisations, {memberCount} members and {recordsBefore:N0} service records in {seedTime.TotalSeconds:0.0} s; " +
            $"the secretary's community has {residents.Count} active members");

        using var secretary = await PortalSession.SignInAsync(portal.BaseAddress, "secretary", DemoCountySeeder.Password, 32, ct);
        Log("signed in as secretary");
        using var meter = new DbMeter();
        var limit = TimeSpan.FromSeconds(options.Seconds);
        var rows = new List<Row>();
        var cards = new List<CardRun>();
        var notes = new List<string>();
        var interrupted = false;

        try
        {
            // 1. Check-in: activities now running in the secretary's community, one (member, activity) pair per request.
            var warmup = Math.Min(options.Warmup, residents.Count);
            var activityCount = (options.Requests + residents.Count - 1) / residents.Count + 1; // + the warm-up's
            var activities = await CreateActivitiesAsync(portal, community, activityCount, ct);
            var token = await secretary.FormTokenAsync($"/activities/{activities[0]}/checkin", ct);
            (Guid Activity, Guid Member) Pair(int i, int offset) =>
                (activities[offset + i / residents.Count], residents[i % residents.Count].Id);
            HttpRequestMessage CheckIn(int i, int offset)
            {
                var (activity, member) = Pair(i, offset);
                return new HttpRequestMessage(HttpMethod.Post, $"/activities/{activity}/checkin")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
                        ["MemberId"] = member.ToString(),
                        ["Q"] = "",
                        ["Hours"] = "1.5",
                    }),
                };
            }
            string? CheckInAnswer(int i, int offset, HttpResponseMessage response, string _)
            {
                var (activity, _) = Pair(i, offset);
                var location = response.Headers.Location?.OriginalString;
                return response.StatusCode == HttpStatusCode.Redirect && location == $"/activities/{activity}/checkin"
                    ? null
                    : $"answered {(int)response.StatusCode} → '{location}' (a refusal answers 200 with the screen)";
            }
            // Warm-up: the first activity only (its residents), not counted below.
            var warm = await LoadRunner.RunAsync(secretary.Http, i => CheckIn(i, 0), (i, r, b) => CheckInAnswer(i, 0, r, b), warmup, 8, limit, meter, ct);
            if (warm.Failures.Count > 0) Log($"check-in warm-up: {warm.Failures.Count} failures, first: {warm.Failures[0]}");
            var load = Machine.LoadAverage();
            var pairs = residents.Count * (activityCount - 1);
            var closed = Math.Min(options.Requests, pairs / 2);
            var checkIns = await LoadRunner.RunAsync(secretary.Http, i => CheckIn(i, 1), (i, r, b) => CheckInAnswer(i, 1, r, b), closed, 32, limit, meter, ct);
            await AddCheckInRowAsync(portal, activities, rows, "check-in POST /activities/{id}/checkin, 32 clients, closed loop (saturation)", checkIns, 0, load, ct);
            // Paced: 32 secretaries each pressing Enter once a second, on the pairs the closed loop did not use.
            load = Machine.LoadAverage();
            var paced = await LoadRunner.RunAsync(secretary.Http, i => CheckIn(closed + i, 1), (i, r, b) => CheckInAnswer(closed + i, 1, r, b),
                Math.Min(Math.Min(options.Requests, 32 * 30), pairs - closed), 32, limit, meter, ct, pace: TimeSpan.FromSeconds(1));
            await AddCheckInRowAsync(portal, activities, rows, "check-in POST, 32 clients paced at 1 check-in/s each", paced, checkIns.Requests - checkIns.Failures.Count, load, ct);
            notes.Add($"check-in: {activityCount} activities created (system scope) in the secretary's community, each starting 15 minutes ago and ending in 3 hours; " +
                      $"request i checks member i mod {residents.Count} into activity ⌊i/{residents.Count}⌋ (the first activity is the warm-up's, {warmup} requests at 8 clients), " +
                      "`MemberId` as chosen in the list, `Hours=1.5`, a fresh `IdempotencyKey` and the antiforgery token of the check-in screen. " +
                      "Success is the 302 back to the screen (a refusal answers 200); the records written to the measured activities are counted afterwards. " +
                      "Closed loop: each client posts again as soon as its answer is read (the machine saturated; latency ≈ 32 ÷ throughput). " +
                      "Paced: each of the 32 clients posts once a second (a secretary typing a name and pressing Enter is slower), latency timed from the scheduled send.");

            // 2. Member search as you type.
            var random = new Random(20261129);
            var queries = new List<string>();
            foreach (var m in residents.OrderBy(_ => random.Next()).Take(60))
            {
                if (m.Initials is { Length: >= 2 } ini) queries.Add(ini[..Math.Min(ini.Length, 2 + random.Next(2))]);
                queries.Add(m.Name[..Math.Min(m.Name.Length, 1 + random.Next(2))]);
                if (m.Mobile.Length >= 4) queries.Add(m.Mobile[^4..]);
            }
            queries = [.. queries.OrderBy(_ => random.Next())];
            string SearchUrl(int i) => "/members/search?q=" + Uri.EscapeDataString(queries[i % queries.Count]);
            static string? Json(int _, string body) => body.StartsWith('[') ? null : "not a JSON array";
            await LoadRunner.RunAsync(secretary.Http, SearchUrl, Json, options.Warmup, 8, limit, meter, ct);
            foreach (var clients in new[] { 8, 32 })
            {
                load = Machine.LoadAverage();
                var search = await LoadRunner.RunAsync(secretary.Http, SearchUrl, Json, options.Requests, clients, limit, meter, ct);
                rows.Add(new Row($"search GET /members/search, {clients} clients", search, "p95 < 30 ms", 30, true, load));
                Log($"search {clients} clients: p95 {search.Percentile(95):0.0} ms");
            }
            load = Machine.LoadAverage();
            var typing = await LoadRunner.RunAsync(secretary.Http, SearchUrl, Json, Math.Min(options.Requests, 32 * 4 * 20), 32, limit, meter, ct, pace: TimeSpan.FromMilliseconds(250));
            rows.Add(new Row("search, 32 clients paced at 4 searches/s each", typing, "p95 < 30 ms", 30, true, load));
            Log($"search 32 clients paced: p95 {typing.Percentile(95):0.0} ms");
            notes.Add($"search: {queries.Count} queries from 60 random residents of the community, cycled: 2–3 pinyin initials, the first 1–2 Han characters of the name, " +
                      "the last 4 digits of the phone; each answer must be a JSON array. The closed loops saturate the machine; the paced run is 32 people typing " +
                      "continuously (member-picker.js sends one search per 120 ms pause, so 4 a second is a fast typist).");

            // 3. Progress page.
            var progressIds = residents.OrderBy(_ => random.Next()).Take(100).Select(m => m.Id).ToArray();
            string ProgressUrl(int i) => $"/requirements/member/{progressIds[i % progressIds.Length]}";
            static string? Html(int _, string body) => body.Contains("</html>", StringComparison.OrdinalIgnoreCase) ? null : "not a whole page";
            await LoadRunner.RunAsync(secretary.Http, ProgressUrl, Html, options.Warmup, 8, limit, meter, ct);
            load = Machine.LoadAverage();
            var progress = await LoadRunner.RunAsync(secretary.Http, ProgressUrl, Html, Math.Min(options.Requests, 1000), 8, limit, meter, ct);
            rows.Add(new Row("progress GET /requirements/member/{id}, 8 clients", progress, "–", double.NaN, true, load));
            Log($"progress: p50 {progress.Percentile(50):0.0} ms, p95 {progress.Percentile(95):0.0} ms");

            // 4. 写实登记卡: the secretary's whole community over HTTP, and 1,000 cards through the renderer alone.
            var formToken = await secretary.FormTokenAsync("/account/change-password", ct);
            var files = Path.Combine(portal.TempPath, "downloads");
            Directory.CreateDirectory(files);
            for (var n = 0; n <= CardRuns; n++)
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = formToken, ["all"] = "true", ["year"] = year.ToString(CultureInfo.InvariantCulture),
                });
                load = Machine.LoadAverage();
                var start = Stopwatch.GetTimestamp();
                using var response = await secretary.Http.PostAsync("/requirements/cards.pdf", form, ct);
                var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var pages = bytes.Length > 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "%PDF" ? CountPages(bytes) : -1;
                var problem = response.StatusCode != HttpStatusCode.OK ? $"answered {(int)response.StatusCode} → '{response.Headers.Location}'"
                    : pages < 0 ? "not a PDF" : null;
                if (n == 0)
                {
                    Log($"cards warm-up: {ms / 1000:0.00} s, {pages} pages" + (problem is null ? "" : $", FAILED: {problem}"));
                    continue;
                }
                cards.Add(new CardRun("cards.pdf all=true (HTTP)", pages, ms, bytes.Length, load, problem));
                Log($"cards.pdf #{n}: {ms / 1000:0.00} s, {bytes.Length / 1048576.0:0.0} MiB, {pages} pages");
            }

            var cardRecords = await CardRecordsAsync(portal, year, 1000, ct);
            ServiceRecordCardPdf.Render(cardRecords.Take(20).ToList()); // warm-up
            for (var n = 1; n <= CardRuns; n++)
            {
                load = Machine.LoadAverage();
                var start = Stopwatch.GetTimestamp();
                var pdf = ServiceRecordCardPdf.Render(cardRecords);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var pages = CountPages(pdf);
                cards.Add(new CardRun($"ServiceRecordCardPdf.Render, {cardRecords.Count:N0} cards (no HTTP)", pages, ms, pdf.Length, load,
                    pages < cardRecords.Count ? $"{pages} pages for {cardRecords.Count} cards" : null));
                Log($"renderer #{n}: {ms / 1000:0.00} s, {pdf.Length / 1048576.0:0.0} MiB, {pages} pages");
            }
            notes.Add($"cards: the secretary's community has fewer than 1,000 in-service members, so `POST /requirements/cards.pdf` with `all=true&year={year}` " +
                      "prints all of them (the page count is the cards' pages); the 1,000-card figure is `ServiceRecordCardPdf.Render` over 1,000 records built from the " +
                      "seeded data as `PrintServiceRecordCards` builds them (the first 1,000 in-service members by id, their year's service records and requirement progress), " +
                      $"in this process without HTTP. {CardRuns} measured runs each after one warm-up.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log("interrupted: reporting what was measured so far");
            interrupted = true;
        }

        var report = Report(options, portal, rows, cards, notes, dbVersion, dbBytes, orgCount, memberCount, recordsBefore, seedTime, residents.Count, loadBefore);
        if (interrupted) report = "**INTERRUPTED** (time limit or signal): not every scenario was measured.\n\n" + report;
        Console.WriteLine(report);
        if (options.Out is { } path) await File.WriteAllTextAsync(path, report, CancellationToken.None);
        if (interrupted) return 3;
        var failed = rows.SelectMany(r => r.Result.Failures.Take(5)).Concat(cards.Where(c => c.Problem is not null).Select(c => c.Problem!)).ToList();
        foreach (var f in failed) Console.Error.WriteLine(f);
        return failed.Count > 0 ? 1 : 0;
    }

    private static string Report(BenchOptions options, BenchPortal portal, List<Row> rows, List<CardRun> cards, List<string> notes, string dbVersion, long dbBytes,
        int orgs, int members, long records, TimeSpan seedTime, int residents, string loadBefore)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"### service · {options.Provider} · {members:N0} members · {records:N0} service records");
        text.AppendLine();
        text.AppendLine(inv, $"- Command: `{options.SafeCommandLine}`");
        foreach (var line in Machine.Describe()) text.AppendLine("- " + line);
        text.AppendLine(inv, $"- Load average (1/5/15 min) before: {loadBefore}, after: {Machine.LoadAverage()}");
        text.AppendLine(inv, $"- Database: {dbVersion}, {dbBytes / 1048576.0:0.0} MiB after seeding; {portal.DatabaseDescription}");
        text.AppendLine(inv, $"- Seeding (`DemoCountySeeder.SeedAsync` with `SyntheticServiceOptions`): {members:N0} members, {orgs} organisations, {records:N0} service records in {seedTime.TotalSeconds:0.0} s; " +
                             $"the secretary's community: {residents} active members");
        text.AppendLine("- Over HTTP on 127.0.0.1, the portal and this client in one process, all as `secretary`; closed loop (each client sends its next request when the answer is read).");
        foreach (var note in notes) text.AppendLine("- " + note);
        foreach (var row in rows.Where(r => r.Note.Length > 0)) text.AppendLine(inv, $"- {row.What}: {row.Note}");
        text.AppendLine();
        text.AppendLine("| what | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | DB ms/req | failed | target | met? | load avg at start |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var r in rows)
        {
            var x = r.Result;
            var met = double.IsNaN(r.TargetMs) ? "–" : x.Percentile(95) < r.TargetMs && x.Failures.Count == 0 ? "met" : "**missed**";
            text.AppendLine(inv, $"| {r.What} | {x.Requests:N0} | {x.Percentile(50):0.0} | **{x.Percentile(95):0.0}** | {x.Percentile(99):0.0} | {x.Max:0.0} | {x.Throughput:0} | " +
                                 $"{x.DbMsPerRequest:0.0} | {x.Failures.Count} | {r.Target} | {met} | {r.Load} |");
        }
        foreach (var group in cards.GroupBy(c => c.What))
        {
            var ms = group.Select(c => c.Ms).Order().ToList();
            var median = ms[ms.Count / 2];
            var first = group.First();
            var failed = group.Count(c => c.Problem is not null);
            text.AppendLine(inv, $"| {group.Key}: {first.Cards:N0} pages, {first.Bytes / 1048576.0:0.0} MiB | {group.Count()} runs | median **{median / 1000:0.00} s** | " +
                                 $"min {ms[0] / 1000:0.00} s | | max {ms[^1] / 1000:0.00} s | | | {failed} | < 20 s (1,000 cards) | {(median < 20_000 && failed == 0 ? "met" : "**missed**")} | {first.Load} |");
        }
        var problems = rows.SelectMany(r => r.Result.Failures.Take(3)).Concat(cards.Where(c => c.Problem is not null).Select(c => c.Problem!)).ToList();
        if (problems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Failures (first of each):");
            foreach (var p in problems) text.AppendLine("- " + p);
        }
        return text.ToString();
    }

    private static void Log(string message) => MemberListBenchmark.Log(message);
}
