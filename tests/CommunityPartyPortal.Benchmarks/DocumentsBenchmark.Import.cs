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

/// <summary>The documents benchmark's import scenario and the timed download.</summary>
internal static partial class DocumentsBenchmark
{
    /// <summary>
    /// POST /roster/import as the county admin into the secretary's community: <see cref="BenchOptions.ImportRows"/> new
    /// members, then the same rows again with another 职务 (every row an UPDATE). Each import must redirect to /members,
    /// and the database must then hold the rows.
    /// </summary>
    private static async Task ImportAsync(BenchPortal portal, PortalSession county, BenchOptions options, Measurer measure, List<string> notes, CancellationToken ct)
    {
        Guid community;
        await using (var scope = portal.SystemScope(out var db))
        {
            community = await db.Set<PortalUser>().Where(u => u.UserName == "secretary").Select(u => u.OrganizationId).SingleAsync(ct);
        }
        var context = await DocumentsData.ImportContextAsync(portal, community, ct);
        var today = Clock.TodayInChina(TimeProvider.System);
        var importUrl = $"/roster/import?community={community}";

        async Task<long> MembersAsync()
        {
            await using var scope = portal.SystemScope(out var db);
            return await db.Members.LongCountAsync(ct);
        }

        async Task<(HttpStatusCode Status, string? Location, string Body)> PostAsync(byte[] file)
        {
            var token = await county.FormTokenAsync(importUrl, ct);
            using var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(RosterXlsx);
            content.Add(part, "file", "党员信息.xlsx");
            content.Add(new StringContent(community.ToString()), "community");
            content.Add(new StringContent(token), "__RequestVerificationToken");
            using var response = await county.Http.PostAsync("/roster/import", content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode, response.Headers.Location?.OriginalString, body);
        }

        static string? Refused((HttpStatusCode Status, string? Location, string Body) r)
        {
            if (r.Status == HttpStatusCode.Redirect && r.Location == "/members") return null;
            var errors = ErrorRow().Matches(r.Body).Take(5).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Value, " ")).Trim());
            return $"import answered {(int)r.Status} → '{r.Location}': " + string.Join(" | ", errors.Select(e => WhiteSpace().Replace(e, " ")));
        }

        // Warm-up (JIT, EF model, the tree cache) with a small file of its own.
        var warm = await PostAsync(DocumentsData.ImportFile(DocumentsData.ImportRows(context, 20, 1, today)));
        if (Refused(warm) is { } refused) throw new InvalidOperationException("The warm-up import failed: " + refused);

        notes.Add($"import: `POST /roster/import` as `county` into {context.CommunityName} (the secretary's community), a filled-in template of " +
                  $"{options.ImportRows:N0} generated rows (all 19 columns; 性别 and 出生日期 left to the ID, half of the rows with a grid; " +
                  $"valid IDs and phones not in the county yet), then the same file with another 职务 (every row an UPDATE). " +
                  "The time is the POST until the redirect to /members; each import must add (or change) exactly its rows.");

        for (var i = 1; i <= options.ImportRuns; i++)
        {
            var rows = DocumentsData.ImportRows(context, options.ImportRows, 1000 + i, today);
            var file = DocumentsData.ImportFile(rows);
            var before = await MembersAsync();
            (HttpStatusCode Status, string? Location, string Body) answer = default;
            await measure("import-new", i, async () =>
            {
                answer = await PostAsync(file);
                return (file.LongLength, null, $"{rows.Count:N0} rows, file {file.Length / 1024.0:0} KiB");
            }, async () => Refused(answer) ?? ((await MembersAsync()) - before == rows.Count ? null : $"members {before} → {await MembersAsync()}"));

            var title = $"调研员{i}";
            foreach (var row in rows) row[MemberImportColumns.JobTitle] = title;
            var changed = DocumentsData.ImportFile(rows);
            var lastId = rows[^1][MemberImportColumns.NationalId];
            await measure("import-update", i, async () =>
            {
                answer = await PostAsync(changed);
                return (changed.LongLength, null, $"{rows.Count:N0} rows, file {changed.Length / 1024.0:0} KiB");
            }, async () =>
            {
                if (Refused(answer) is { } problem) return problem;
                await using var scope = portal.SystemScope(out var db);
                var job = await db.Members.AsNoTracking().Where(m => m.NationalId == lastId).Select(m => m.JobTitle).SingleAsync(ct);
                var count = await db.Members.LongCountAsync(ct);
                return job != title ? $"职务 of the last row is '{job}'" : count != before + rows.Count ? $"members {count} after the update" : null;
            });
        }
    }

    private const string RosterXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Sends the request and streams a 200 answer to <paramref name="path"/>; returns the bytes, the time to the headers and in all.</summary>
    private static async Task<(long Bytes, double FirstByteMs, double Ms)> DownloadAsync(
        PortalSession session, HttpMethod method, string url, HttpContent? content, string path, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode} → '{response.Headers.Location}': {(body.Length > 300 ? body[..300] : body)}");
        }
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await response.Content.CopyToAsync(file, ct);
        }
        return (new FileInfo(path).Length, first, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
