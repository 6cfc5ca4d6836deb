using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Browser;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Activities.ActivitiesTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Activities;

/// <summary>The check-in screen in a real browser, by keyboard alone: no mouse, no script error, no CSP violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInBrowserTests(BrowserPortal portal)
{
    [Fact]
    public async Task The_secretary_checks_in_five_members_by_keyboard_one_by_pinyin_initials()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromMinutes(-15));
        var members = new List<Member>();
        for (var i = 0; i < 4; i++) members.Add(await AddMemberAsync(portal));
        var zeng = await MemberAsync(portal, (await AddMemberAsync(portal, surname: "曾")).Id);
        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);
        await portal.SignInAsync(page, "secretary");
        // The member's progress before: no service this year.
        await page.GotoAsync($"/requirements/member/{zeng.Id}");
        (await page.Locator("#total-count").TextContentAsync())!.Trim().ShouldBe("0");
        await page.GotoAsync($"/activities/{activity.Id}/checkin");

        // By what the secretary hears: the full name, a phone tail, the pinyin initials; one with 1.5 hours.
        var typed = new List<(Member Member, string Text)>
        {
            (members[0], members[0].Name),
            (members[1], members[1].Name[..2]),
            (members[2], members[2].Mobile[^4..]),
            (members[3], members[3].Name),
            (zeng, zeng.NameInitials!),
        };
        foreach (var (member, text) in typed)
        {
            (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("checkin-q", "the search box has the focus");
            if (member == members[3])
            {
                // Tab to the hours, change them, Shift+Tab back to the search box.
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.PressAsync("Control+A");
                await page.Keyboard.TypeAsync("1.5");
                await page.Keyboard.PressAsync("Shift+Tab");
            }
            await page.Keyboard.TypeAsync(text);
            var hit = page.Locator($"#checkin-results[data-query='{text}'] [data-member-id='{member.Id}']");
            await hit.WaitForAsync();
            var index = await page.Locator($"#checkin-results[data-query='{text}'] [data-member-id]")
                .EvaluateAllAsync<int>($"(items) => items.findIndex(i => i.dataset.memberId === '{member.Id}')");
            for (var i = 0; i < index; i++) await page.Keyboard.PressAsync("ArrowDown");
            (await hit.GetAttributeAsync("aria-selected")).ShouldBe("true");
            await page.Keyboard.PressAsync("Enter");
            await page.Locator(".alert-success", new() { HasTextString = $"已签到：{member.Name}" }).WaitForAsync();
        }

        var rows = page.Locator("#checked-in-list tbody tr");
        (await rows.CountAsync()).ShouldBe(5);
        foreach (var (member, _) in typed)
        {
            (await page.Locator($"#checked-in-list tr[data-member-id='{member.Id}'] .member-name").TextContentAsync()).ShouldBe(member.Name);
        }
        (await page.Locator("#checkin-count").TextContentAsync())!.ShouldContain("已签到 5 / 30");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("checkin-q");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cpp-checkin.png"), FullPage = true });

        var records = await RecordsOfAsync(portal, activity.Id);
        records.Count.ShouldBe(5);
        records.ShouldAllBe(r => r.Status == RecordStatus.Confirmed && r.Source == RecordSource.CheckIn);
        records.Single(r => r.MemberId == members[3].Id).Minutes.ShouldBe(90);
        records.Where(r => r.MemberId != members[3].Id).ShouldAllBe(r => r.Minutes == 120);

        // The member's progress counts the check-in at once.
        await page.GotoAsync($"/requirements/member/{zeng.Id}");
        (await page.Locator("#total-count").TextContentAsync())!.Trim().ShouldBe("1");
        (await page.Locator("#total-hours").TextContentAsync())!.Trim().ShouldBe("2.0");
        (await page.Locator("#member-records tr[data-status='Confirmed']").CountAsync()).ShouldBe(1);
        problems.ShouldBeEmpty("the browser reported errors (CSP violations show up here)");
    }
}
