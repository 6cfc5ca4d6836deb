using System.Globalization;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// The 报到 documents as PDF, read back with pdftotext: the workflow gives a letter and a confirmed report, then
/// every document is downloaded one by one and in batches by the unit (masked), the secretary and the county
/// (full ID, audited). Refusals are in <see cref="ReportingDocumentsAccessTests{TPortal}"/>, the links on the pages
/// in <see cref="ReportingDocumentsLinksTests{TPortal}"/>.
/// </summary>
public abstract class ReportingDocumentsTests<TPortal>(TPortal portal) : ReportingDocumentsTestBase<TPortal> where TPortal : PortalFactory
{
    protected override TPortal Portal => portal;

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
}

public sealed class SqliteReportingDocumentsTests(SqlitePortal portal) : ReportingDocumentsTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingDocumentsTests(PostgresPortal portal) : ReportingDocumentsTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
