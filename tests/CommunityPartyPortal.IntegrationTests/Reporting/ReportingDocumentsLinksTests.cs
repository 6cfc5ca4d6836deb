using System.Net;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// The pages link the 报到 documents (the unit's dashboard and member page, the secretary's roster), and a
/// confirmation offers the new report's receipt once.
/// </summary>
public abstract class ReportingDocumentsLinksTests<TPortal>(TPortal portal) : ReportingDocumentsTestBase<TPortal> where TPortal : PortalFactory
{
    protected override TPortal Portal => portal;

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
}

public sealed class SqliteReportingDocumentsLinksTests(SqlitePortal portal) : ReportingDocumentsLinksTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingDocumentsLinksTests(PostgresPortal portal) : ReportingDocumentsLinksTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
