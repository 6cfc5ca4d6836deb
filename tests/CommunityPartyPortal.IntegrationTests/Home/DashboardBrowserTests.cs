using CommunityPartyPortal.IntegrationTests.Browser;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>The county's dashboard in a real browser: each chart table drawn as a chart above it, its table folded, no CSP or script error.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserPortal portal)
{
    [Fact]
    public async Task The_county_dashboard_draws_a_chart_above_each_data_table()
    {
        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);

        await portal.SignInAsync(page, "county");
        await page.WaitForSelectorAsync("#dashboard .dashboard-chart canvas");
        var tables = await page.Locator("#dashboard table[data-chart]").CountAsync();
        tables.ShouldBe(3, "by street, by department, by month");
        (await page.Locator("#dashboard .dashboard-chart canvas").CountAsync()).ShouldBe(tables);
        (await page.Locator("#dashboard details.chart-data[open]").CountAsync()).ShouldBe(0, "the tables fold once drawn");
        foreach (var canvas in await page.Locator("#dashboard .dashboard-chart canvas").AllAsync())
        {
            var box = (await canvas.BoundingBoxAsync()).ShouldNotBeNull();
            (box.Width > 100 && box.Height > 100).ShouldBeTrue($"{box.Width}x{box.Height}");
        }
        await page.ScreenshotAsync(new() { Path = "/tmp/cpp-browser-dashboard.png", FullPage = true });
        problems.ShouldBeEmpty();
    }
}
