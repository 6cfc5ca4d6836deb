using CommunityPartyPortal.IntegrationTests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>The member pages in a real browser: no CSP violation or script error, and members.js at work.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberPagesBrowserTests(BrowserPortal portal)
{
    [Fact]
    public async Task Member_pages_render_without_csp_violations_and_the_grid_list_follows_the_community()
    {
        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);
        await portal.SignInAsync(page, "county");

        var member = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.MovedOutOn == null).OrderBy(m => m.Id).FirstAsync());
        var urls = new[]
        {
            "/members", "/members?category=Floating", $"/members/{member.Id}", $"/members/{member.Id}?reveal=1",
            "/members/new", $"/members/{member.Id}/edit", $"/members/{member.Id}/move-out", $"/members/{member.Id}/flows/new",
        };
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            response!.Status.ShouldBe(200, url);
            var name = url.Replace('/', '_').Replace('?', '_').Replace('=', '_');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"cpp-members{name}.png"), FullPage = true });
        }
        problems.ShouldBeEmpty("the browser reported errors (CSP violations show up here)");

        // members.js: the grid select offers only the grids of the chosen community.
        await page.GotoAsync("/members/new");
        var communities = await page.Locator("#CommunityId option:not([value=''])").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        communities.Length.ShouldBeGreaterThan(1);
        await page.SelectOptionAsync("#CommunityId", communities[1]);
        var visible = await page.Locator("#GridId option[data-community]").EvaluateAllAsync<string[]>(
            "os => os.filter(o => !o.hidden).map(o => o.getAttribute('data-community'))");
        visible.ShouldNotBeEmpty();
        visible.ShouldAllBe(c => c == communities[1]);

        // The flow form's labels follow the direction.
        await page.GotoAsync($"/members/{member.Id}/flows/new");
        await page.CheckAsync("#direction-Inflow");
        (await page.Locator("label[for=ReceivingOrganization]").TextContentAsync()).ShouldBe("原所在党组织");
        await page.CheckAsync("#direction-Outflow");
        (await page.Locator("label[for=ReceivingOrganization]").TextContentAsync()).ShouldBe("接收党组织");
    }
}
