using System.Globalization;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Browser;

/// <summary>
/// The secretary's 报到 in a real browser, down to the paper: open 报到管理, 登记报到 for a member who brought a
/// letter, fill the 服务承诺卡, confirm, and download the 报到回执 from the link under the flash.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecretaryReceiptDownloadTests(BrowserPortal portal)
{
    public const string Screenshot = "/tmp/cpp-browser-receipt.png";
    public const string RosterScreenshot = "/tmp/cpp-browser-receipt-roster.png";
    public const string UnitScreenshot = "/tmp/cpp-browser-receipt-unit.png";

    [Fact]
    public async Task Secretary_confirms_a_report_and_downloads_the_receipt_pdf()
    {
        // Last year: the other browser tests of the shared portal work in the current year's roster.
        var year = Today(portal).Year - 1;
        var member = await AddMemberAsync(portal);
        var letter = await portal.WithDbAsync(async db =>
        {
            var l = new ReportLetter
            {
                Serial = await SerialNumbers.TakeOneAsync(db, DocumentTypes.Letter, year),
                Year = year,
                MemberId = member.Id,
                WorkUnitId = member.WorkUnitId!.Value,
                CommunityId = member.CommunityId!.Value,
                IssuedOn = new DateOnly(year, 3, 1),
                IssuedBy = "单位 测试员",
            };
            db.ReportLetters.Add(l);
            await db.SaveChangesAsync();
            return l;
        });

        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);

        await portal.SignInAsync(page, "secretary");
        await page.ClickAsync("#nav-reporting");
        await page.WaitForURLAsync(url => url.Contains("/reporting/community", StringComparison.Ordinal));
        await page.SelectOptionAsync("#filter-year", year.ToString(CultureInfo.InvariantCulture));
        await page.WaitForURLAsync(url => url.Contains($"year={year}", StringComparison.Ordinal));

        await page.ClickAsync($"#pending-list tr[data-letter-id='{letter.Id}'] a.confirm-link");
        await page.WaitForURLAsync(url => url.Contains($"/reporting/community/confirm/{member.Id}", StringComparison.Ordinal));
        (await page.InputValueAsync("#LetterId")).ShouldBe(letter.Id.ToString(), "the letter the member brought is chosen");
        await page.FillAsync("#ReportedOn", $"{year}-03-10");
        await page.FillAsync("#PostWanted", "党员公益岗");
        await page.CheckAsync("#cat-LegalAid");
        await page.FillAsync("#ServiceTime", "周六上午");
        await page.FillAsync("#Promises", "每月参加一次社区志愿服务");
        await page.ClickAsync("#confirm-save");

        await page.WaitForSelectorAsync("#receipt-download");
        var report = await portal.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync(r => r.MemberId == member.Id));
        (await page.Locator(".alert-success").TextContentAsync())!.ShouldContain($"回执编号 {report.ReceiptSerial}");
        (await page.Locator("#receipt-download-serial").TextContentAsync()).ShouldBe(report.ReceiptSerial);
        // The top of the page (flash and the receipt link) and the roster with its print buttons.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot });
        await page.Locator("#roster").ScreenshotAsync(new LocatorScreenshotOptions { Path = RosterScreenshot });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#receipt-download-link"));
        download.SuggestedFilename.ShouldBe($"报到回执-{report.ReceiptSerial}.pdf");
        var saved = Path.Combine(Path.GetTempPath(), $"cpp-browser-receipt-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        try
        {
            var pdf = PdfText.FromBytes(await File.ReadAllBytesAsync(saved), "browser-receipt");
            pdf.Pages.ShouldBe(1);
            pdf.Compact.ShouldContain("在职党员进社区报到回执");
            pdf.Compact.ShouldContain(report.ReceiptSerial);
            pdf.Compact.ShouldContain(member.Name);
            pdf.Compact.ShouldContain(letter.Serial, Case.Sensitive, "the receipt quotes the letter");
            pdf.Compact.ShouldContain(member.NationalId, Case.Sensitive, "the secretary may see personal data");
            pdf.Compact.ShouldContain($"已于{year}年3月10日到我社区报到");
        }
        finally
        {
            File.Delete(saved);
        }

        // The unit sees the report at once and prints the page's receipts in one file (masked: no PII permission).
        var unit = await portal.NewPageAsync();
        unit.PageError += (_, error) => problems.Add(error);
        await portal.SignInAsync(unit, "unit");
        await unit.GotoAsync($"/reporting/unit?year={year}");
        var row = unit.Locator($"#report-list tr[data-member-id='{member.Id}']");
        (await row.Locator("a.letter-pdf").GetAttributeAsync("href")).ShouldBe($"/reporting/letters/{letter.Id}/pdf");
        (await row.Locator("a.receipt-pdf").GetAttributeAsync("href")).ShouldBe($"/reporting/reports/{report.Id}/receipt.pdf");
        await unit.Locator("#print-forms").ScrollIntoViewIfNeededAsync();
        await unit.ScreenshotAsync(new PageScreenshotOptions { Path = UnitScreenshot });
        var receipts = await unit.Locator("#receipts-pdf-form input[name=AllIds]").CountAsync();
        var batch = await unit.RunAndWaitForDownloadAsync(() => unit.ClickAsync("#print-receipts-all"));
        // A batch of one is named by its serial like a single receipt.
        batch.SuggestedFilename.ShouldStartWith(receipts == 1 ? $"报到回执-{report.ReceiptSerial}.pdf" : $"报到回执-{receipts}份-");
        var batchPath = Path.Combine(Path.GetTempPath(), $"cpp-browser-receipts-{Guid.NewGuid():N}.pdf");
        await batch.SaveAsAsync(batchPath);
        try
        {
            var pdf = PdfText.FromBytes(await File.ReadAllBytesAsync(batchPath), "browser-unit-receipts");
            pdf.Pages.ShouldBe(receipts);
            pdf.Compact.ShouldContain(report.ReceiptSerial);
            pdf.Compact.ShouldContain(member.Name);
            pdf.Compact.ShouldNotContain(member.NationalId);
            pdf.Compact.ShouldContain("***********" + member.NationalId[^4..]);
        }
        finally
        {
            File.Delete(batchPath);
        }

        (await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
                .AnyAsync(a => a.Action == "document.pii" && a.UserName == "secretary" && a.TargetId == report.Id.ToString())))
            .ShouldBeTrue("the unmasked receipt is audited");
        problems.ShouldBeEmpty("the browser reported errors (CSP violations show up here)");
    }
}
