using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Browser;

/// <summary>
/// Issue 6's county journey in a real browser: the county admin sees the units below the reporting threshold on the
/// dashboard, opens 汇总表, picks one department, sees its units below the threshold highlighted, and downloads that
/// department's 报到情况汇总表 as .xlsx (at once, or through the export's status page when it takes longer than a second).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CountySummaryJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task County_admin_sees_units_below_the_threshold_and_downloads_one_departments_reporting_table()
    {
        // The demo unit admin's department, its units, and a unit of another department.
        var (department, units, elsewhere) = await portal.WithDbAsync(async db =>
        {
            var unitUser = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "unit");
            var orgs = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.WorkUnit).ToListAsync();
            var dept = orgs.Single(o => o.Id == unitUser.OrganizationId);
            var mine = orgs.Where(o => o.ParentId == dept.Id).Select(o => o.Name).ToList();
            // A unit under another department (a department is a work unit whose parent is not a work unit).
            var departments = orgs.Where(o => orgs.All(p => p.Id != o.ParentId)).Select(o => o.Id).ToHashSet();
            var other = orgs.First(o => o.ParentId is { } parent && parent != dept.Id && departments.Contains(parent)).Name;
            return (dept, mine, other);
        });
        units.ShouldNotBeEmpty();

        var page = await portal.NewPageAsync();
        var problems = BrowserPortal.WatchProblems(page);

        // The dashboard lists the units below the threshold (the demo county's units have members who have not reported).
        await portal.SignInAsync(page, "county");
        await page.WaitForSelectorAsync("#dashboard");
        int.Parse((await page.Locator("#below-threshold-count").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(0);
        (await page.Locator("#below-threshold li[data-org-id]").CountAsync()).ShouldBeGreaterThan(0);

        // 汇总表 from the menu, one department picked: its units, those below the threshold highlighted and badged.
        await page.ClickAsync("#nav-summaries");
        await page.ClickAsync("#nav-summary-tables");
        await page.WaitForURLAsync(url => url.Contains("/summaries", StringComparison.Ordinal));
        await page.SelectOptionAsync("#root", department.Id.ToString());
        await page.ClickAsync("#summary-filter button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains($"root={department.Id}", StringComparison.Ordinal));
        var highlighted = page.Locator("#section-reporting tr.table-danger");
        (await highlighted.CountAsync()).ShouldBeGreaterThan(0);
        (await highlighted.First.Locator(".below-threshold").TextContentAsync())!.Trim().ShouldBe("未达标");
        var reportingText = (await page.Locator("#section-reporting").TextContentAsync())!;
        reportingText.ShouldContain(units[0]);
        reportingText.ShouldNotContain(elsewhere);

        // The department's reporting table as .xlsx: straight away, or from the export's status page.
        var download = page.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await page.ClickAsync("#download-reporting-xlsx");
        var statusPage = page.WaitForURLAsync(url => url.Contains("/exports/", StringComparison.Ordinal), new() { Timeout = 120_000 });
        if (await Task.WhenAny(download, statusPage) == statusPage && statusPage.IsCompletedSuccessfully)
        {
            await page.ClickAsync("#export-download:not(.d-none)", new() { Timeout = 120_000 });
        }
        var file = await download;
        file.SuggestedFilename.ShouldEndWith(".xlsx");
        var sheet = RosterTestData.Read(await File.ReadAllBytesAsync((await file.PathAsync())!));
        var cells = sheet.Rows.Values.SelectMany(r => r.Values).Select(c => c.Text).ToList();
        cells.ShouldContain(c => c.StartsWith("在职党员进社区报到情况汇总表", StringComparison.Ordinal));
        cells.ShouldContain(units[0]);
        cells.ShouldNotContain(elsewhere);
        await page.ScreenshotAsync(new() { Path = "/tmp/cpp-browser-county-summary.png", FullPage = true });
        problems.ShouldBeEmpty();
    }
}
