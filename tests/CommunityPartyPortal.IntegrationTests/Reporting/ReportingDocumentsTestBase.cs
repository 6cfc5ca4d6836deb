using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// The shared part of the 报到 document tests (<see cref="ReportingDocumentsTests{TPortal}"/>,
/// <see cref="ReportingDocumentsAccessTests{TPortal}"/>, <see cref="ReportingDocumentsLinksTests{TPortal}"/>): the
/// world of two reported members, and the helpers that download a PDF and read it back with pdftotext.
/// </summary>
public abstract class ReportingDocumentsTestBase<TPortal> where TPortal : PortalFactory
{
    protected const string Promise = "每月参加一次社区志愿服务，联系一户困难家庭";

    /// <summary>The portal of the test class (its primary-constructor parameter, so the tests read as before).</summary>
    protected abstract TPortal Portal { get; }

    /// <summary>Two members of the secretary's community in the unit admin's department, each with a letter and a confirmed report.</summary>
    protected sealed record World(int Year, Member[] Members, ReportLetter[] Letters, CommunityReport[] Reports);

    protected async Task<World> WorldAsync()
    {
        var year = Today(Portal).Year;
        var added = new[] { await AddMemberAsync(Portal), await AddMemberAsync(Portal) };
        await Portal.WithDbAsync(async db =>
        {
            db.MemberPhotos.Add(new MemberPhoto { MemberId = added[0].Id, ContentType = "image/png", Content = TestImages.Png, UpdatedAt = DateTime.UtcNow });
            (await db.Members.SingleAsync(m => m.Id == added[0].Id)).HasPhoto = true;
            await db.SaveChangesAsync();
        });

        using var unit = await Portal.ClientFor("unit");
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, [.. added.Select(m => m.Id)]))).Flash.ShouldStartWith("已开具2份证明信");
        var letters = new List<ReportLetter>();
        foreach (var m in added) letters.Add((await LettersOfAsync(Portal, m.Id)).ShouldHaveSingleItem());

        using var secretary = await Portal.ClientFor("secretary");
        for (var i = 0; i < added.Length; i++)
        {
            var flash = await ConfirmAsync(Portal, secretary, added[i].Id, year, Today(Portal), letters[i].Id, f =>
            {
                f.With("PostWanted", "党员公益岗").With("ServiceTime", "周六上午").With("Promises", Promise);
                f.Add(new("Categories", nameof(ServiceCategory.LegalAid)));
            });
            flash.ShouldStartWith("已确认报到");
        }
        var reports = new List<CommunityReport>();
        var members = new List<Member>();
        foreach (var m in added)
        {
            reports.Add((await ReportsOfAsync(Portal, m.Id)).ShouldHaveSingleItem());
            members.Add(await MemberAsync(Portal, m.Id));
        }
        return new World(year, [.. members], [.. (await Task.WhenAll(added.Select(m => LettersOfAsync(Portal, m.Id)))).Select(l => l.Single())], [.. reports]);
    }

    protected static List<KeyValuePair<string, string>> Ids(string name, IEnumerable<Guid> ids) =>
        [.. ids.Select(id => new KeyValuePair<string, string>(name, id.ToString()))];

    /// <summary>A single document: 200, inline under its Chinese name, not cached.</summary>
    private protected static async Task<PdfText> SingleAsync(PortalClient client, string url, string fileName, string name)
    {
        var response = await client.GetAsync(url);
        var pdf = await PdfText.ReadAsync(response, name);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("inline");
        disposition.FileNameStar.ShouldBe(fileName);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        return pdf;
    }

    /// <summary>A batch: 200, an attachment under its Chinese name, not cached.</summary>
    private protected static async Task<PdfText> BatchAsync(PortalClient client, string url, List<KeyValuePair<string, string>> fields, string tokenPage, string fileName, string name)
    {
        var response = await client.PostFormAsync(url, fields, tokenPage);
        var pdf = await PdfText.ReadAsync(response, name);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldBe(fileName);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        return pdf;
    }

    private protected static Task<PdfText> ReportsBatchAsync(PortalClient client, World w, string kind, string tokenPage, string fileName, string name,
        params (string Key, string Value)[] extra) =>
        BatchAsync(client, "/reporting/reports/pdf",
            [.. Ids("ReportIds", w.Reports.Select(x => x.Id)), new("Kind", kind), .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))],
            tokenPage, fileName, name);

    /// <summary>The title, the member, the serial, and the ID and phone full or masked (11 stars and the last four).</summary>
    private protected static void ShouldShow(PdfText pdf, string title, Member m, string serial, bool pii, bool hasNationalId = true)
    {
        var text = pdf.Compact;
        text.ShouldContain(title);
        text.ShouldContain(m.Name);
        text.ShouldContain(serial);
        if (pii)
        {
            if (hasNationalId) text.ShouldContain(m.NationalId);
            text.ShouldContain(m.Mobile);
            return;
        }
        if (hasNationalId)
        {
            text.ShouldContain(Masking.NationalId(m.NationalId));
            text.ShouldContain("***********" + m.NationalId[^4..]);
            text.ShouldNotContain(m.NationalId);
        }
        text.ShouldContain(Masking.Mobile(m.Mobile));
        text.ShouldNotContain(m.Mobile);
    }

    protected Task<int> PiiAuditCountAsync() =>
        Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "document.pii"));

    protected async Task ShouldBeAuditedAsync(string user, string targetType, Guid target, string serial)
    {
        var lines = await Portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "document.pii" && a.UserName == user && a.TargetType == targetType && a.TargetId == target.ToString())
            .ToListAsync());
        lines.ShouldContain(a => a.Success && a.Detail != null && a.Detail.Contains(serial), $"{user}: no document.pii line for {serial}");
    }
}
