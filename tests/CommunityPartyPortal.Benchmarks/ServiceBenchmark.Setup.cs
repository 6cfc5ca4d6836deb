using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Service;
using Activity = CommunityPartyPortal.Domain.Service.Activity;
using ActivityKind = CommunityPartyPortal.Domain.Service.ActivityKind;
using CommunityPartyPortal.Domain.Service.Requirements;
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

    /// <summary>
    /// The check-in run's row: the records written to the measured activities (all but the warm-up's first) are counted and
    /// must equal the successful requests of this run plus <paramref name="before"/> (those of the earlier runs).
    /// </summary>
    private static async Task AddCheckInRowAsync(BenchPortal portal, List<Guid> activities, List<Row> rows, string what, RunResult run, int before,
        string load, CancellationToken ct)
    {
        long written;
        await using (var scope = portal.SystemScope(out var db))
        {
            var measured = activities.Skip(1).ToList();
            written = await db.ServiceRecords.LongCountAsync(r => r.ActivityId != null && measured.Contains(r.ActivityId.Value)
                && r.Source == RecordSource.CheckIn, ct) - before;
        }
        var ok = run.Requests - run.Failures.Count;
        var note = $"{written:N0} check-in records written for {run.Requests:N0} requests ({run.Failures.Count} failed)";
        var failures = run.Failures.ToList();
        if (written != ok) failures.Add($"records written {written} ≠ successful requests {ok}");
        rows.Add(new Row(what, run with { Failures = failures }, "p95 < 50 ms", 50, true, load, note));
        Log($"{what}: p95 {run.Percentile(95):0.0} ms, {note}");
    }
}
