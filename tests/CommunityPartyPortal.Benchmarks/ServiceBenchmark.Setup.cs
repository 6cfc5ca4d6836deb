using System.Collections.Concurrent;
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

/// <summary>The service benchmark's data (activities, card records) and its POST load loop.</summary>
internal static partial class ServiceBenchmark
{
    /// <summary>Activities of the community that are running now (system scope).</summary>
    private static async Task<List<Guid>> CreateActivitiesAsync(BenchPortal portal, Guid community, int count, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var now = DateTime.UtcNow;
        var list = Enumerable.Range(1, count).Select(n => new Activity
        {
            CommunityId = community, Title = $"压测签到活动 {n}", Kind = ActivityKind.Regular, Category = ServiceCategory.Environment, IsPublicWelfare = true,
            Place = "社区党群服务中心", StartsAt = now.AddMinutes(-15), EndsAt = now.AddHours(3), Organiser = "社区党委", DefaultMinutes = 120,
            CheckInCode = Guid.NewGuid().ToString("N"),
        }).ToList();
        db.Activities.AddRange(list);
        await db.SaveChangesAsync(ct);
        return [.. list.Select(a => a.Id)];
    }

    /// <summary>写实登记卡 records of the first <paramref name="count"/> in-service members, built as PrintServiceRecordCards builds them.</summary>
    private static async Task<List<ServiceRecordCardRecord>> CardRecordsAsync(BenchPortal portal, int year, int count, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var members = await db.Members.AsNoTracking().Where(m => m.Category == MemberCategory.InService && m.MovedOutOn == null)
            .OrderBy(m => m.Id).Take(count).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var names = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rules = await RequirementQueries.RulesAsync(db, year, ct);
        var facts = await RequirementQueries.ForMembersAsync(db, ids, year, ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var services = (await db.ServiceRecords.AsNoTracking()
                .Where(r => ids.Contains(r.MemberId) && r.ServedOn >= first && r.ServedOn <= last)
                .Select(r => new { r.MemberId, r.ServedOn, r.CreatedAt, r.Content, r.Category, r.Minutes, r.ConfirmedBy, r.Status })
                .ToListAsync(ct))
            .ToLookup(r => r.MemberId);
        var today = Clock.TodayInChina(TimeProvider.System);
        return [.. members.Select((m, i) => new ServiceRecordCardRecord(
            SerialNumbers.Format(year, "写实", i + 1), names.GetValueOrDefault(m.CommunityId ?? Guid.Empty, ""), year, m.Name, m.Gender.Text(),
            m.WorkUnitId is { } u ? names.GetValueOrDefault(u, "") : "", m.Mobile, today,
            [.. services[m.Id].OrderBy(r => r.ServedOn).ThenBy(r => r.CreatedAt)
                .Select(r => new ServiceEntry(r.ServedOn, r.Content, r.Category.Text(), r.Minutes, r.ConfirmedBy, r.Status.Text())
                {
                    CountsTowardTotals = r.Status == RecordStatus.Confirmed,
                })])
        {
            Post = m.JobTitle,
            Requirements = [.. RequirementEvaluator.Evaluate(rules, facts[m.Id], today).Select(p => new RequirementProgress(p.Label, p.Required, p.Achieved, p.Met))],
        })];
    }

    private static int CountPages(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    /// <summary>Closed-loop POSTs, as <see cref="LoadRunner"/> does GETs: timed from sending to the last byte; <paramref name="check"/> judges the answer.</summary>
    private static async Task<RunResult> PostLoadAsync(HttpClient http, Func<int, HttpRequestMessage> request, Func<int, HttpResponseMessage, string?> check,
        int requests, int concurrency, TimeSpan limit, DbMeter meter, CancellationToken ct)
    {
        var failures = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double[]>();
        var next = -1;
        long bytes = 0;
        meter.Reset();
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            var mine = new List<double>();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= requests || clock.Elapsed >= limit) break;
                    using var message = request(i);
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
                        var body = await response.Content.ReadAsByteArrayAsync(ct);
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        Interlocked.Add(ref bytes, body.Length);
                        if (check(i, response) is { } problem) failures.Enqueue($"POST {message.RequestUri}: {problem}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        failures.Enqueue($"POST {message.RequestUri} failed: {e.Message}");
                    }
                }
            }
            finally
            {
                latencies.Add([.. mine]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, CancellationToken.None)));
        var elapsed = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        var (dbTime, dbCommands) = meter.Read();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new RunResult(all.Length, elapsed, all, [.. failures], dbTime, dbCommands, Interlocked.Read(ref bytes));
    }
}
