using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.IntegrationTests.Reporting;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Feedback.FeedbackInboxTestData;

namespace CommunityPartyPortal.IntegrationTests.Browser;

/// <summary>
/// Issue 5's unit journey in a real browser: the unit admin opens an unread 反馈卡 from the inbox, 签收 it with 民主评议
/// ticked by keyboard, sees the flash and the card no longer unread, and downloads the cycle's batch PDF.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnitFeedbackJourneyTests(BrowserPortal portal)
{
    public const string Screenshot = "/tmp/cpp-browser-unit-feedback.png";

    [Fact]
    public async Task Unit_admin_opens_an_unread_card_acknowledges_it_and_downloads_the_batch_pdf()
    {
        // A past quarter no other card uses (the browser tests share one portal), one sent card of a member of the demo unit.
        var cycle = await FreshQuarterAsync(portal);
        var member = await UnitMemberAsync(portal, "浏览");
        var card = await CardAsync(portal, member, cycle);
        card.Serial.ShouldNotBeNullOrWhiteSpace("a sent card has its serial");

        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);

        await portal.SignInAsync(page, "unit");
        await page.ClickAsync("#nav-feedback-inbox");
        await page.WaitForURLAsync(url => url.Contains("/feedback/inbox", StringComparison.Ordinal));

        // Unread: bold, badged, and among the first rows.
        var row = page.Locator($"#inbox-table tr[data-card-id='{card.Id}']");
        (await row.GetAttributeAsync("data-unread")).ShouldBe("true");
        (await row.Locator(".unread-badge").TextContentAsync())!.Trim().ShouldBe("未读");

        await row.Locator($"a[href='/feedback/inbox/{card.Id}']").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/feedback/inbox/{card.Id}", StringComparison.Ordinal));
        (await page.Locator("#card-serial").TextContentAsync()).ShouldBe(card.Serial);
        (await page.Locator("#card-member").TextContentAsync()).ShouldBe(member.Name);
        (await page.Locator("#card-receipt").TextContentAsync())!.ShouldContain("未签收");

        // 民主评议 ticked from the keyboard, then 签收.
        var appraisal = page.Locator($"#use-{nameof(FeedbackUse.DemocraticAppraisal)}");
        (await appraisal.IsCheckedAsync()).ShouldBeFalse();
        await appraisal.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        (await appraisal.IsCheckedAsync()).ShouldBeTrue("Space on the focused checkbox ticks it");
        await page.FillAsync("#UsageNote", "用于年度民主评议");
        await page.ClickAsync("#acknowledge-save");

        var flash = page.Locator(".alert-success");
        await flash.WaitForAsync();
        (await flash.TextContentAsync())!.ShouldContain("反馈卡已签收，使用情况已保存");
        page.Url.ShouldEndWith($"/feedback/inbox/{card.Id}");
        (await page.Locator("#card-receipt").TextContentAsync())!.ShouldContain("已签收");
        (await page.Locator("#card-receipt").TextContentAsync())!.ShouldContain("民主评议");
        (await page.Locator("#acknowledge-save").TextContentAsync())!.Trim().ShouldBe("保存");

        var saved = await ReloadAsync(portal, card.Id);
        saved.ReadAt.ShouldNotBeNull();
        saved.AcknowledgedAt.ShouldNotBeNull();
        saved.AcknowledgedBy.ShouldNotBeNullOrWhiteSpace();
        saved.Uses.HasFlag(FeedbackUse.DemocraticAppraisal).ShouldBeTrue($"Uses is {saved.Uses}");
        saved.Uses.ShouldBe(FeedbackUse.DemocraticAppraisal);
        saved.UsageNote.ShouldBe("用于年度民主评议");

        // Back to the inbox, filtered to the cycle: the card is read and acknowledged, and the batch link shows.
        await page.ClickAsync("#nav-feedback-inbox");
        await page.WaitForURLAsync(url => url.EndsWith("/feedback/inbox", StringComparison.Ordinal));
        await page.SelectOptionAsync("#filter-cycle", card.CycleId.ToString());
        await page.ClickAsync("#inbox-filter button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains($"cycle={card.CycleId}", StringComparison.Ordinal));
        (await page.Locator("#inbox-table tbody tr[data-card-id]").CountAsync()).ShouldBe(1, "the fresh cycle holds this card only");
        (await row.GetAttributeAsync("data-unread")).ShouldBe("false");
        (await row.Locator(".unread-badge").CountAsync()).ShouldBe(0);
        (await row.Locator(".receipt").TextContentAsync())!.Trim().ShouldBe("已签收（民主评议）");
        (await page.Locator("#inbox-batch-pdf").GetAttributeAsync("href")).ShouldBe($"/feedback/inbox/cycles/{card.CycleId}/batch.pdf");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#inbox-batch-pdf"));
        download.SuggestedFilename.ShouldEndWith(".pdf");
        var path = Path.Combine(Path.GetTempPath(), $"cpp-browser-unit-batch-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path);
            System.Text.Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("%PDF");
            var pdf = PdfText.FromBytes(bytes, "browser-unit-batch");
            pdf.Pages.ShouldBe(2, "the community's covering letter, then the card");
            pdf.Compact.ShouldContain("社区党员表现情况反馈函");
            pdf.Compact.ShouldContain(card.Serial!);
            pdf.Compact.ShouldContain(member.Name);
        }
        finally
        {
            File.Delete(path);
        }

        problems.ShouldBeEmpty("the browser reported errors (CSP violations show up here)");
    }
}
