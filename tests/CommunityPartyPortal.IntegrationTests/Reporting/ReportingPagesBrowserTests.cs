using CommunityPartyPortal.IntegrationTests.Browser;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>The 报到 pages in a real browser: no CSP violation or script error, and reporting.js at work.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportingPagesBrowserTests(BrowserPortal portal)
{
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var problems = BrowserPortal.WatchProblems(page);
        await Task.CompletedTask;
        return problems;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"cpp-reporting-{name}.png"), FullPage = true });

    [Fact]
    public async Task The_county_fills_the_year_form_from_a_preset_in_the_browser()
    {
        var page = await portal.NewPageAsync();
        var problems = await WatchAsync(page);
        await portal.SignInAsync(page, "county");
        await page.GotoAsync("/settings/reporting-years");
        await page.ClickAsync("#nav-settings");
        await page.ClickAsync("#nav-reporting-years");
        await page.ClickAsync("#year-new");
        // A year no other test of the shared browser portal sets.
        var year = 2090 + Random.Shared.Next(0, 10);
        await page.FillAsync("#Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#preset-seed000");
        (await page.InputValueAsync("#Deadline")).ShouldBe($"{year}-04-10", "the preset fills the form without posting");
        (await page.InputValueAsync("#ThresholdPercent")).ShouldBe("90");
        (await page.Locator("#preset-applied").TextContentAsync())!.ShouldContain("4月10日");
        await ShotAsync(page, "year-form");
        await page.ClickAsync("#year-save");
        await page.WaitForURLAsync(url => url.EndsWith("/settings/reporting-years", StringComparison.Ordinal));
        (await page.Locator($"#years-list tr[data-year='{year}']").TextContentAsync())!.ShouldContain("90%");
        await ShotAsync(page, "years");
        await page.GotoAsync("/reporting/unit");
        await ShotAsync(page, "county-unit");
        problems.ShouldBeEmpty("the browser reported errors (CSP violations show up here)");
    }

    [Fact]
    public async Task The_unit_and_the_secretary_pages_work_in_the_browser()
    {
        var year = Today(portal).Year;
        var members = new[] { await AddMemberAsync(portal), await AddMemberAsync(portal) };
        var page = await portal.NewPageAsync();
        var problems = await WatchAsync(page);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await portal.SignInAsync(page, "unit");
        await page.ClickAsync("#nav-reporting");
        await page.WaitForURLAsync(url => url.Contains("/reporting/unit", StringComparison.Ordinal));
        await page.GotoAsync($"/reporting/unit?year={year}&state=missing");

        // 全选 ticks every row, then the two new members alone are issued letters.
        await page.CheckAsync("#select-all");
        var boxes = page.Locator("input.member-check");
        (await boxes.EvaluateAllAsync<bool[]>("bs => bs.map(b => b.checked)")).ShouldAllBe(c => c);
        await page.UncheckAsync("#select-all");
        foreach (var m in members) await page.CheckAsync($"input.member-check[value='{m.Id}']");
        await page.ClickAsync("#issue-letters");
        await page.WaitForSelectorAsync(".alert-success");
        (await page.Locator(".alert-success").TextContentAsync())!.ShouldContain("已开具2份证明信");
        await ShotAsync(page, "unit");

        var secretary = await portal.NewPageAsync();
        var secretaryProblems = await WatchAsync(secretary);
        await portal.SignInAsync(secretary, "secretary");
        await secretary.ClickAsync("#nav-reporting");
        await secretary.WaitForURLAsync(url => url.Contains("/reporting/community", StringComparison.Ordinal));
        await secretary.ClickAsync($"#pending-list tr[data-member-id='{members[0].Id}'] a.confirm-link");
        await secretary.FillAsync("#Promises", "每月参加一次社区志愿服务");
        await secretary.CheckAsync("#cat-LegalAid");
        await ShotAsync(secretary, "confirm");
        await secretary.ClickAsync("#confirm-save");
        await secretary.WaitForSelectorAsync(".alert-success");
        (await secretary.Locator(".alert-success").TextContentAsync())!.ShouldContain("已确认报到，回执编号");
        await secretary.ClickAsync("#roster-list details.withdraw-report summary");
        await ShotAsync(secretary, "community");

        problems.Concat(secretaryProblems).ShouldBeEmpty("the browser reported errors (CSP violations show up here)");
    }
}
