using CommunityPartyPortal.Domain.Rules;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Browser;

/// <summary>The secretary's first journey: sign in, open the roster, add a member, get the ID wrong, fix it, find the member by phone tail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecretaryMemberJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Secretary_adds_a_member_after_fixing_the_id_and_finds_it_by_phone_tail()
    {
        var page = await portal.NewPageAsync();
        await portal.SignInAsync(page, "secretary");

        await page.GotoAsync("/members");
        (await page.Locator("#member-list tbody tr").CountAsync()).ShouldBeGreaterThan(0);

        await page.GotoAsync("/members/new");
        await page.FillAsync("#Name", "欧阳明");
        var goodId = "11010519491231002X";
        await page.FillAsync("#NationalId", goodId[..17] + "1");
        await page.FillAsync("#Mobile", "13900007788");
        await page.FillAsync("#JoinedPartyOn", "1975-07-01");
        await page.SelectOptionAsync("#Category", new SelectOptionValue { Label = "在职党员" });
        await SelectFirstAsync(page, "#Status", null);
        await SelectFirstAsync(page, "#Education", null);
        await SelectFirstAsync(page, "#WorkUnitId", null);
        await page.ClickAsync("#member-form button[type=submit]");

        var idError = page.Locator("[data-valmsg-for=NationalId]");
        (await idError.TextContentAsync())!.ShouldContain("身份证号校验位不正确");
        NationalId.IsValid(goodId, new DateOnly(2026, 11, 22)).ShouldBeTrue();

        await page.FillAsync("#NationalId", goodId);
        await page.ClickAsync("#member-form button[type=submit]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/members/[0-9a-f-]{36}$"));
        (await page.Locator("body").TextContentAsync())!.ShouldContain("欧阳明");

        await page.GotoAsync("/members");
        await page.FillAsync("input[name=q]", "07788");
        await page.PressAsync("input[name=q]", "Enter");
        await page.WaitForURLAsync(url => url.Contains("q=07788", StringComparison.Ordinal));
        var rows = page.Locator("#member-list tbody tr[data-member-id]");
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.TextContentAsync())!.ShouldContain("欧阳明");
        (await rows.First.TextContentAsync())!.ShouldContain("139****7788");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "cpp-secretary-journey.png"), FullPage = true });
    }

    /// <summary>Selects the first option that has a value.</summary>
    private static async Task SelectFirstAsync(IPage page, string selector, string? value)
    {
        value ??= await page.Locator($"{selector} option:not([value=''])").First.GetAttributeAsync("value");
        await page.SelectOptionAsync(selector, value!);
    }
}
