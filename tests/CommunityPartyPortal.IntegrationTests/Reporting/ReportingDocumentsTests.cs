using System.Globalization;
using System.Net;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// The 报到 documents as PDF, read back with pdftotext: the workflow gives a letter and a confirmed report, then
/// every document is downloaded one by one and in batches by the unit (masked), the secretary and the county
/// (full ID, audited), and refused across tenants (404) and to the roles that may not print (403).
/// </summary>
public abstract class ReportingDocumentsTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private const string Promise = "每月参加一次社区志愿服务，联系一户困难家庭";

    /// <summary>Two members of the secretary's community in the unit admin's department, each with a letter and a confirmed report.</summary>
    private sealed record World(int Year, Member[] Members, ReportLetter[] Letters, CommunityReport[] Reports);

    private async Task<World> WorldAsync()
    {
        var year = Today(portal).Year;
        var added = new[] { await AddMemberAsync(portal), await AddMemberAsync(portal) };
        await portal.WithDbAsync(async db =>
        {
            db.MemberPhotos.Add(new MemberPhoto { MemberId = added[0].Id, ContentType = "image/png", Content = TestImages.Png, UpdatedAt = DateTime.UtcNow });
            (await db.Members.SingleAsync(m => m.Id == added[0].Id)).HasPhoto = true;
            await db.SaveChangesAsync();
        });

        using var unit = await portal.ClientFor("unit");
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, [.. added.Select(m => m.Id)]))).Flash.ShouldStartWith("已开具2份证明信");
        var letters = new List<ReportLetter>();
        foreach (var m in added) letters.Add((await LettersOfAsync(portal, m.Id)).ShouldHaveSingleItem());

        using var secretary = await portal.ClientFor("secretary");
        for (var i = 0; i < added.Length; i++)
        {
            var flash = await ConfirmAsync(portal, secretary, added[i].Id, year, Today(portal), letters[i].Id, f =>
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
            reports.Add((await ReportsOfAsync(portal, m.Id)).ShouldHaveSingleItem());
            members.Add(await MemberAsync(portal, m.Id));
        }
        return new World(year, [.. members], [.. (await Task.WhenAll(added.Select(m => LettersOfAsync(portal, m.Id)))).Select(l => l.Single())], [.. reports]);
    }

    [Fact]
    public async Task The_unit_admin_prints_every_document_masked_one_by_one_and_in_batches()
    {
        var w = await WorldAsync();
        var (m, l, r) = (w.Members[0], w.Letters[0], w.Reports[0]);
        using var unit = await portal.ClientFor("unit");
        var auditsBefore = await PiiAuditCountAsync();

        var letter = await SingleAsync(unit, $"/reporting/letters/{l.Id}/pdf", $"报到证明信-{l.Serial}.pdf", "unit-letter");
        ShouldShow(letter, ReportLetterPdf.Title, m, l.Serial, pii: false);
        letter.Pages.ShouldBe(1, "stub and letter on one page");
        letter.Compact.ShouldContain(ReportLetterPdf.StubTitle);
        letter.Compact.ShouldContain("党组织"); // the unit party organisation issues it

        var receipt = await SingleAsync(unit, $"/reporting/reports/{r.Id}/receipt.pdf", $"报到回执-{r.ReceiptSerial}.pdf", "unit-receipt");
        ShouldShow(receipt, ReportReceiptPdf.Title, m, r.ReceiptSerial, pii: false);
        receipt.Compact.ShouldContain($"持编号为{l.Serial}的《在职党员进社区报到证明信》", Case.Sensitive, "the receipt quotes the letter");
        receipt.Pages.ShouldBe(1);

        var info = await SingleAsync(unit, $"/reporting/reports/{r.Id}/info-card.pdf", $"基本情况信息卡-{r.InfoCardSerial}.pdf", "unit-info-card");
        ShouldShow(info, MemberInfoCardPdf.Title, m, r.InfoCardSerial, pii: false);
        info.Pages.ShouldBe(1);
        info.PageSize.ShouldBe("595 x 842");
        info.ImageCount.ShouldBeGreaterThanOrEqualTo(1, "the member's photo is on the card");

        var commitment = await SingleAsync(unit, $"/reporting/reports/{r.Id}/commitment-card.pdf", $"服务承诺卡-{r.CommitmentSerial}.pdf", "unit-commitment");
        ShouldShow(commitment, CommitmentCardPdf.Title, m, r.CommitmentSerial, pii: false, hasNationalId: false);
        commitment.Compact.ShouldContain("党员公益岗");
        commitment.Compact.ShouldContain(Promise);
        commitment.Compact.ShouldContain("周六上午");

        // Both copies on A5.
        var copies = await SingleAsync(unit, $"/reporting/reports/{r.Id}/info-card.pdf?paper=A5&copies=2", $"基本情况信息卡-{r.InfoCardSerial}.pdf", "unit-info-card-a5");
        copies.Pages.ShouldBe(2);
        copies.PageSize.ShouldBe("420 x 595");
        copies.Compact.ShouldContain(CardCopies.Unit);
        copies.Compact.ShouldContain(CardCopies.Community);
        copies.Count(r.InfoCardSerial).ShouldBe(2);

        // Batches: the ticked letters, then every letter of the page.
        var today = Today(portal).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var letters = await BatchAsync(unit, "/reporting/letters/pdf", Ids("LetterIds", w.Letters.Select(x => x.Id)), "/reporting/unit", $"报到证明信-2份-{today}.pdf", "unit-letters");
        letters.Pages.ShouldBe(2);
        for (var i = 0; i < 2; i++) ShouldShow(letters, ReportLetterPdf.Title, w.Members[i], w.Letters[i].Serial, pii: false);
        letters.Compact.IndexOf(w.Letters[0].Serial, StringComparison.Ordinal).ShouldBeLessThan(letters.Compact.IndexOf(w.Letters[1].Serial, StringComparison.Ordinal), "in the order posted");
        var all = await BatchAsync(unit, "/reporting/letters/pdf",
            [.. Ids("AllIds", Enumerable.Reverse(w.Letters).Select(x => x.Id)), new("Selection", "all"), new("LetterIds", w.Letters[0].Id.ToString())],
            "/reporting/unit", $"报到证明信-2份-{today}.pdf", "unit-letters-all");
        all.Pages.ShouldBe(2, "the 'all' button prints the page's letters, not the ticked ones");
        all.Compact.IndexOf(w.Letters[1].Serial, StringComparison.Ordinal).ShouldBeLessThan(all.Compact.IndexOf(w.Letters[0].Serial, StringComparison.Ordinal));

        var receipts = await ReportsBatchAsync(unit, w, "receipt", "/reporting/unit", $"报到回执-2份-{today}.pdf", "unit-receipts");
        receipts.Pages.ShouldBe(2);
        for (var i = 0; i < 2; i++) ShouldShow(receipts, ReportReceiptPdf.Title, w.Members[i], w.Reports[i].ReceiptSerial, pii: false);
        var infos = await ReportsBatchAsync(unit, w, "info-card", "/reporting/unit", $"基本情况信息卡-2份-{today}.pdf", "unit-info-cards", ("Copies", "2"));
        infos.Pages.ShouldBe(4, "two cards, both copies");
        for (var i = 0; i < 2; i++) ShouldShow(infos, MemberInfoCardPdf.Title, w.Members[i], w.Reports[i].InfoCardSerial, pii: false);
        var commitments = await ReportsBatchAsync(unit, w, "commitment-card", "/reporting/unit", $"服务承诺卡-2份-{today}.pdf", "unit-commitments", ("Paper", "A5"));
        commitments.Pages.ShouldBe(2);
        commitments.PageSize.ShouldBe("420 x 595");
        for (var i = 0; i < 2; i++) ShouldShow(commitments, CommitmentCardPdf.Title, w.Members[i], w.Reports[i].CommitmentSerial, pii: false, hasNationalId: false);

        (await PiiAuditCountAsync()).ShouldBe(auditsBefore, "a masked print is not a PII view");
    }

    [Fact]
    public async Task The_secretary_and_the_county_print_the_full_id_and_every_such_print_is_audited()
    {
        var w = await WorldAsync();
        var (m, l, r) = (w.Members[0], w.Letters[0], w.Reports[0]);
        foreach (var user in new[] { "secretary", "county" })
        {
            using var client = await portal.ClientFor(user);
            var letter = await SingleAsync(client, $"/reporting/letters/{l.Id}/pdf", $"报到证明信-{l.Serial}.pdf", $"{user}-letter");
            ShouldShow(letter, ReportLetterPdf.Title, m, l.Serial, pii: true);
            await ShouldBeAuditedAsync(user, nameof(ReportLetter), l.Id, l.Serial);

            var receipt = await SingleAsync(client, $"/reporting/reports/{r.Id}/receipt.pdf", $"报到回执-{r.ReceiptSerial}.pdf", $"{user}-receipt");
            ShouldShow(receipt, ReportReceiptPdf.Title, m, r.ReceiptSerial, pii: true);
            await ShouldBeAuditedAsync(user, nameof(CommunityReport), r.Id, r.ReceiptSerial);

            var info = await SingleAsync(client, $"/reporting/reports/{r.Id}/info-card.pdf", $"基本情况信息卡-{r.InfoCardSerial}.pdf", $"{user}-info-card");
            ShouldShow(info, MemberInfoCardPdf.Title, m, r.InfoCardSerial, pii: true);
            await ShouldBeAuditedAsync(user, nameof(CommunityReport), r.Id, r.InfoCardSerial);

            var commitment = await SingleAsync(client, $"/reporting/reports/{r.Id}/commitment-card.pdf", $"服务承诺卡-{r.CommitmentSerial}.pdf", $"{user}-commitment");
            ShouldShow(commitment, CommitmentCardPdf.Title, m, r.CommitmentSerial, pii: true, hasNationalId: false);
            await ShouldBeAuditedAsync(user, nameof(CommunityReport), r.Id, r.CommitmentSerial);
        }

        // A batch is one audit line naming every serial.
        using var secretary = await portal.ClientFor("secretary");
        var today = Today(portal).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var receipts = await ReportsBatchAsync(secretary, w, "receipt", "/reporting/community", $"报到回执-2份-{today}.pdf", "secretary-receipts");
        receipts.Pages.ShouldBe(2);
        for (var i = 0; i < 2; i++) ShouldShow(receipts, ReportReceiptPdf.Title, w.Members[i], w.Reports[i].ReceiptSerial, pii: true);
        var line = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "document.pii" && a.UserName == "secretary" && a.TargetId == null)
            .OrderByDescending(a => a.OccurredAt).FirstAsync());
        line.Detail.ShouldNotBeNull();
        line.Detail.ShouldContain(w.Reports[0].ReceiptSerial);
        line.Detail.ShouldContain(w.Reports[1].ReceiptSerial);
        line.Detail.ShouldContain(ReportReceiptPdf.Title);

        using var county = await portal.ClientFor("county");
        var letters = await BatchAsync(county, "/reporting/letters/pdf", Ids("LetterIds", w.Letters.Select(x => x.Id)), "/reporting/unit", $"报到证明信-2份-{today}.pdf", "county-letters");
        letters.Pages.ShouldBe(2);
        for (var i = 0; i < 2; i++) ShouldShow(letters, ReportLetterPdf.Title, w.Members[i], w.Letters[i].Serial, pii: true);
    }

    [Fact]
    public async Task Documents_across_tenants_are_404_and_the_roles_that_do_not_print_get_403()
    {
        var w = await WorldAsync();
        var (l, r) = (w.Letters[0], w.Reports[0]);

        // Another tenant: a unit admin bound to a department outside the demo unit's subtree, with its own
        // member in secretary2's community, a letter and a report there.
        var outside = await UnitOutsideAsync(portal);
        var otherUnitName = $"unit-other-{Guid.NewGuid():N}"[..24];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>()
                .CreateAsync(otherUnitName, DemoCountySeeder.Password, "其他单位 管理员", PortalRole.UnitAdmin, outside);
        }
        using var otherUnit = await portal.ClientFor(otherUnitName);
        var foreignMember = await AddMemberAsync(portal, "secretary2", outside);
        (await FlashAfterAsync(otherUnit, await IssueLettersAsync(otherUnit, w.Year, foreignMember.Id))).Flash.ShouldStartWith("已开具1份证明信");
        var foreignLetter = (await LettersOfAsync(portal, foreignMember.Id)).Single();
        using var secretary2 = await portal.ClientFor("secretary2");
        await ConfirmAsync(portal, secretary2, foreignMember.Id, w.Year, Today(portal), foreignLetter.Id);
        var foreignReport = (await ReportsOfAsync(portal, foreignMember.Id)).Single();

        var auditsBefore = await PiiAuditCountAsync();
        var own = Urls(l.Id, r.Id);
        var foreign = Urls(foreignLetter.Id, foreignReport.Id);

        // Each side prints its own (the controls) and gets 404 for the other's, single and in a batch with its own.
        using var unit = await portal.ClientFor("unit");
        using var secretary = await portal.ClientFor("secretary");
        var failures = new List<string>();
        await ExpectAsync(unit, "unit", own, HttpStatusCode.OK);
        await ExpectAsync(unit, "unit", foreign, HttpStatusCode.NotFound);
        await ExpectAsync(otherUnit, "other unit", foreign, HttpStatusCode.OK);
        await ExpectAsync(otherUnit, "other unit", own, HttpStatusCode.NotFound);
        await ExpectAsync(secretary2, "secretary2", foreign, HttpStatusCode.OK);
        await ExpectAsync(secretary2, "secretary2", own, HttpStatusCode.NotFound);
        await ExpectAsync(secretary, "secretary", foreign, HttpStatusCode.NotFound);
        failures.ShouldBeEmpty();

        (await unit.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id, foreignLetter.Id]), "/reporting/unit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherUnit.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/reporting/unit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var kind in new[] { "receipt", "info-card", "commitment-card" })
        {
            (await secretary.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id, foreignReport.Id]), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"secretary {kind} batch with secretary2's report");
            (await secretary2.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id]), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"secretary2 {kind} batch");
            (await otherUnit.PostFormAsync("/reporting/reports/pdf", [.. Ids("AllIds", [r.Id]), new("Selection", "all"), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"other unit {kind} batch");
        }
        (await secretary.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "batch letters are the unit's");

        // The street admin and the member may not print at all.
        foreach (var user in new[] { "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            await ExpectAsync(client, user, own, HttpStatusCode.Forbidden);
            (await client.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} letters batch");
            (await client.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id]), new("Kind", "receipt")], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} reports batch");
        }
        failures.ShouldBeEmpty();

        // The controls of the PII users were audited, the refusals not.
        var audits = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "document.pii").ToListAsync());
        audits.Count(a => a.TargetId == l.Id.ToString() || a.TargetId == r.Id.ToString()).ShouldBe(0, "nobody printed the own tenant's documents with PII here");
        (audits.Count - auditsBefore).ShouldBe(4, "secretary2's four controls");

        async Task ExpectAsync(PortalClient client, string who, IEnumerable<string> urls, HttpStatusCode expected)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode != expected) failures.Add($"{who} GET {url}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected != HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/pdf") failures.Add($"{who} GET {url}: a PDF");
            }
        }
    }

    [Fact]
    public async Task A_cancelled_letter_and_a_withdrawn_report_are_not_printed_and_an_empty_batch_goes_back()
    {
        var w = await WorldAsync();
        var member = await AddMemberAsync(portal);
        using var unit = await portal.ClientFor("unit");
        await IssueLettersAsync(unit, w.Year, member.Id);
        var letter = (await LettersOfAsync(portal, member.Id)).Single();
        (await unit.GetAsync($"/reporting/letters/{letter.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cancelled = await unit.PostFormAsync($"/reporting/letters/{letter.Id}/cancel", new Dictionary<string, string> { ["reason"] = "开错" }, "/reporting/unit");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await unit.GetAsync($"/reporting/letters/{letter.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var secretary = await portal.ClientFor("secretary");
        var r = w.Reports[1];
        var withdrawn = await secretary.PostFormAsync($"/reporting/reports/{r.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = Iso(Today(portal)), ["reason"] = "迁居外地" }, "/reporting/community");
        (await FlashAfterAsync(secretary, withdrawn)).Flash.ShouldContain("已撤回报到");
        foreach (var doc in new[] { "receipt", "info-card", "commitment-card" })
        {
            (await secretary.GetAsync($"/reporting/reports/{r.Id}/{doc}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound, doc);
        }
        (await secretary.GetDocumentAsync($"/reporting/community?year={w.Year}"))
            .QuerySelector($"#roster-list tr[data-report-id='{r.Id}'] a.receipt-pdf").ShouldBeNull("no document links on a withdrawn row");

        // Nothing ticked: back to the page with the message; an unknown kind is a bad request.
        var empty = await unit.PostFormAsync("/reporting/letters/pdf",
            new Dictionary<string, string> { ["Selection"] = "checked", ["Back"] = $"/reporting/unit?year={w.Year}" }, "/reporting/unit");
        empty.StatusCode.ShouldBe(HttpStatusCode.Found);
        empty.Headers.Location!.OriginalString.ShouldBe($"/reporting/unit?year={w.Year}");
        (await FlashAfterAsync(unit, empty)).Error.ShouldBe("请先勾选要打印的证明信");
        var offsite = await secretary.PostFormAsync("/reporting/reports/pdf",
            new Dictionary<string, string> { ["Kind"] = "receipt", ["Back"] = "https://example.com/" }, "/reporting/community");
        offsite.Headers.Location!.OriginalString.ShouldBe("/reporting/community", "only a local page is gone back to");
        (await secretary.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [w.Reports[0].Id]), new("Kind", "roster")], "/reporting/community"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_pages_link_the_documents_and_the_confirmation_offers_the_receipt()
    {
        var w = await WorldAsync();
        var (m, l, r) = (w.Members[0], w.Letters[0], w.Reports[0]);

        using var unit = await portal.ClientFor("unit");
        var dashboard = await unit.GetDocumentAsync($"/reporting/unit?year={w.Year}");
        var row = RowOf(dashboard, m.Id)!;
        row.QuerySelector("a.letter-pdf")!.GetAttribute("href").ShouldBe($"/reporting/letters/{l.Id}/pdf");
        row.QuerySelector("a.receipt-pdf")!.GetAttribute("href").ShouldBe($"/reporting/reports/{r.Id}/receipt.pdf");
        row.QuerySelector("input.letter-check")!.GetAttribute("value").ShouldBe(l.Id.ToString());
        row.QuerySelector("input.letter-check")!.GetAttribute("form").ShouldBe("letters-pdf-form");
        var allLetters = dashboard.QuerySelectorAll("#letters-pdf-form input[name=AllIds]").Select(i => i.GetAttribute("value")).ToList();
        allLetters.ShouldContain(l.Id.ToString());
        allLetters.ShouldContain(w.Letters[1].Id.ToString());
        dashboard.QuerySelectorAll("#receipts-pdf-form input[name=AllIds]").Select(i => i.GetAttribute("value")).ShouldContain(r.Id.ToString());
        var unitMember = await unit.GetDocumentAsync($"/members/{m.Id}");
        unitMember.QuerySelector("#action-info-card")!.GetAttribute("href").ShouldBe($"/reporting/reports/{r.Id}/info-card.pdf");

        using var secretary = await portal.ClientFor("secretary");
        var community = await secretary.GetDocumentAsync($"/reporting/community?year={w.Year}");
        var rosterRow = community.QuerySelector($"#roster-list tr[data-report-id='{r.Id}']")!;
        rosterRow.QuerySelector("a.receipt-pdf")!.GetAttribute("href").ShouldBe($"/reporting/reports/{r.Id}/receipt.pdf");
        rosterRow.QuerySelector("a.info-card-pdf")!.GetAttribute("href").ShouldBe($"/reporting/reports/{r.Id}/info-card.pdf");
        rosterRow.QuerySelector("a.commitment-card-pdf")!.GetAttribute("href").ShouldBe($"/reporting/reports/{r.Id}/commitment-card.pdf");
        rosterRow.QuerySelector("input.report-check")!.GetAttribute("form").ShouldBe("reports-pdf-form");
        community.QuerySelector("#reports-pdf-form select[name=Kind]").ShouldNotBeNull();
        community.QuerySelector("#receipt-download").ShouldBeNull("only right after a confirmation");

        // Confirming offers the new report's receipt under the flash, once.
        var member = await AddMemberAsync(portal);
        var form = await ConfirmFormAsync(secretary, member.Id, w.Year, Today(portal));
        var confirmed = await secretary.PostFormAsync($"/reporting/community/confirm/{member.Id}", form, "/reporting/community");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(confirmed));
        var report = (await ReportsOfAsync(portal, member.Id)).Single();
        var after = await secretary.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        after.QuerySelector(".alert-success")!.TextContent.Trim().ShouldEndWith(report.ReceiptSerial);
        after.QuerySelector("#receipt-download-serial")!.TextContent.ShouldBe(report.ReceiptSerial);
        var link = after.QuerySelector("#receipt-download-link")!;
        link.TextContent.Trim().ShouldBe("下载报到回执");
        link.GetAttribute("href").ShouldBe($"/reporting/reports/{report.Id}/receipt.pdf");
        var downloaded = await PdfText.ReadAsync(await secretary.GetAsync(link.GetAttribute("href")!), "confirmed-receipt");
        downloaded.Compact.ShouldContain(report.ReceiptSerial);
        downloaded.Compact.ShouldContain(member.Name);
        downloaded.Compact.ShouldContain(ReportReceiptRecordNoLetter);
        (await secretary.GetDocumentAsync($"/reporting/community?year={w.Year}")).QuerySelector("#receipt-download").ShouldBeNull("the link is shown once");
    }

    private const string ReportReceiptRecordNoLetter = Documents.Records.ReportReceiptRecord.NoLetter;

    private static IEnumerable<string> Urls(Guid letter, Guid report) =>
    [
        $"/reporting/letters/{letter}/pdf",
        $"/reporting/reports/{report}/receipt.pdf",
        $"/reporting/reports/{report}/info-card.pdf",
        $"/reporting/reports/{report}/commitment-card.pdf?paper=A5&copies=2",
    ];

    private static List<KeyValuePair<string, string>> Ids(string name, IEnumerable<Guid> ids) =>
        [.. ids.Select(id => new KeyValuePair<string, string>(name, id.ToString()))];

    /// <summary>A single document: 200, inline under its Chinese name, not cached.</summary>
    private static async Task<PdfText> SingleAsync(PortalClient client, string url, string fileName, string name)
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
    private static async Task<PdfText> BatchAsync(PortalClient client, string url, List<KeyValuePair<string, string>> fields, string tokenPage, string fileName, string name)
    {
        var response = await client.PostFormAsync(url, fields, tokenPage);
        var pdf = await PdfText.ReadAsync(response, name);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldBe(fileName);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        return pdf;
    }

    private static Task<PdfText> ReportsBatchAsync(PortalClient client, World w, string kind, string tokenPage, string fileName, string name,
        params (string Key, string Value)[] extra) =>
        BatchAsync(client, "/reporting/reports/pdf",
            [.. Ids("ReportIds", w.Reports.Select(x => x.Id)), new("Kind", kind), .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))],
            tokenPage, fileName, name);

    /// <summary>The title, the member, the serial, and the ID and phone full or masked (11 stars and the last four).</summary>
    private static void ShouldShow(PdfText pdf, string title, Member m, string serial, bool pii, bool hasNationalId = true)
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

    private Task<int> PiiAuditCountAsync() =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "document.pii"));

    private async Task ShouldBeAuditedAsync(string user, string targetType, Guid target, string serial)
    {
        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "document.pii" && a.UserName == user && a.TargetType == targetType && a.TargetId == target.ToString())
            .ToListAsync());
        lines.ShouldContain(a => a.Success && a.Detail != null && a.Detail.Contains(serial), $"{user}: no document.pii line for {serial}");
    }
}

public sealed class SqliteReportingDocumentsTests(SqlitePortal portal) : ReportingDocumentsTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingDocumentsTests(PostgresPortal portal) : ReportingDocumentsTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
