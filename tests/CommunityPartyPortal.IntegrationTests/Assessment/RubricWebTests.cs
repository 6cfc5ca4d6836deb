using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// 考评细则 through HTTP: the county loads seed 001's preset (23 items, 100 points), publishes it, copies it, changes an
/// item's points on the copy (the page lists the problem and publishing is refused, nothing written); a published rubric
/// refuses edits; bad points are refused; a street admin and a secretary get 403 on every route.
/// </summary>
public abstract class RubricWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static int nextYear = 2060;

    private static int NewYear() => Interlocked.Increment(ref nextYear);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_county_loads_publishes_and_copies_seed_001_and_a_copy_whose_points_do_not_add_up_is_refused()
    {
        var year = NewYear();
        using var county = await portal.ClientFor("county");

        var flash = await FlashAfterAsync(county, await county.PostFormAsync("/rubrics/preset",
            new Dictionary<string, string> { ["preset"] = RubricPresets.Wuzhong2011, ["year"] = Text(year) }, "/rubrics"));
        flash.ShouldContain("已载入");
        var rubric = await portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.Year == year && r.Preset == RubricPresets.Wuzhong2011));
        rubric.Status.ShouldBe(RubricStatus.Draft);

        var row = (await county.GetDocumentAsync("/rubrics")).QuerySelector($"tr[data-rubric-id='{rubric.Id}']")!;
        row.QuerySelector("[data-total]")!.TextContent.Trim().ShouldBe("100");
        row.QuerySelector("[data-categories]")!.TextContent.Trim().ShouldBe("6");
        row.QuerySelector("[data-items]")!.TextContent.Trim().ShouldBe("23");
        row.QuerySelector(".rubric-status")!.TextContent.Trim().ShouldBe("草稿");
        row.TextContent.ShouldContain(Text(year));

        var page = await county.GetDocumentAsync($"/rubrics/{rubric.Id}");
        page.QuerySelector("#rubric-total")!.TextContent.Trim().ShouldBe("100");
        page.QuerySelectorAll("#rubric-items tr[data-item-id]").Select(r => r.GetAttribute("data-item-no")).ShouldBe(Enumerable.Range(1, 23).Select(Text));
        page.QuerySelectorAll("#rubric-items .category-name").Length.ShouldBe(6);
        page.QuerySelector("#rubric-items tr[data-item-no='13']")!.TextContent.ShouldContain(EvidenceKeys.Posts);
        page.QuerySelector("#rubric-problems").ShouldBeNull();
        var shownItemPoints = page.QuerySelectorAll("#rubric-items .item-points input[name=points]")
            .Sum(i => decimal.Parse(i.GetAttribute("value")!, CultureInfo.InvariantCulture));
        shownItemPoints.ShouldBe(100m);

        // Publish: frozen; the page offers no edit form any more.
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{rubric.Id}/publish", null, $"/rubrics/{rubric.Id}"))).ShouldContain("已发布");
        (await RubricAsync(rubric.Id)).Status.ShouldBe(RubricStatus.Published);
        var published = await county.GetDocumentAsync($"/rubrics/{rubric.Id}");
        published.QuerySelector("#rubric-status")!.TextContent.Trim().ShouldBe("已发布");
        published.QuerySelectorAll(".item-form").Length.ShouldBe(0);

        // Editing the published rubric is refused, nothing written; publishing again is refused.
        var item7 = await ItemAsync(rubric.Id, 7);
        var before = await FingerprintAsync();
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{rubric.Id}/items/{item7.Id}",
            new Dictionary<string, string> { ["points"] = "1" }, $"/rubrics/{rubric.Id}"))).ShouldContain("已发布的考评细则不能修改，请复制后修改");
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{rubric.Id}/publish", null, $"/rubrics/{rubric.Id}"))).ShouldContain("已发布");
        (await FingerprintAsync()).ShouldBe(before);

        // Copy: a new draft with the same 23 items, the page it redirects to.
        var location = await RedirectAsync(await county.PostFormAsync($"/rubrics/{rubric.Id}/copy", null, $"/rubrics/{rubric.Id}"));
        var copy = await portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.CopiedFromId == rubric.Id));
        location.ShouldBe($"/rubrics/{copy.Id}");
        copy.Status.ShouldBe(RubricStatus.Draft);
        (await portal.WithDbAsync(db => db.RubricItems.CountAsync(i => i.RubricId == copy.Id))).ShouldBe(23);

        // Change item 7 on the copy: its category no longer adds up; the page lists the problem and publish is refused.
        var copyItem7 = await ItemAsync(copy.Id, 7);
        var category = await portal.WithDbAsync(db => db.RubricCategories.AsNoTracking().SingleAsync(c => c.Id == copyItem7.CategoryId));
        var newPoints = copyItem7.Points + 1.5m;
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{copy.Id}/items/{copyItem7.Id}",
            new Dictionary<string, string> { ["points"] = newPoints.ToString(CultureInfo.InvariantCulture) }, location))).ShouldContain("第7项的分值已改为");
        (await ItemAsync(copy.Id, 7)).Points.ShouldBe(newPoints);
        (await ItemAsync(rubric.Id, 7)).Points.ShouldBe(item7.Points, "the published original is untouched");

        var changed = await county.GetDocumentAsync(location);
        var problems = changed.QuerySelector("#rubric-problems")!.TextContent;
        problems.ShouldContain($"类别{category.No}“{category.Name}”各项分值合计{RubricRules.Points(category.Points + 1.5m)}分，与类别分值{RubricRules.Points(category.Points)}分不符");
        changed.QuerySelector("#publish-form button")!.HasAttribute("disabled").ShouldBeTrue();

        before = await FingerprintAsync();
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{copy.Id}/publish", null, location)))
            .ShouldContain($"考评细则有误，不能发布：类别{category.No}“{category.Name}”各项分值合计");
        (await FingerprintAsync()).ShouldBe(before);
        (await RubricAsync(copy.Id)).Status.ShouldBe(RubricStatus.Draft);

        // Restoring the points makes it publishable again.
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{copy.Id}/items/{copyItem7.Id}",
            new Dictionary<string, string> { ["points"] = RubricRules.Points(item7.Points) }, location));
        var restored = await county.GetDocumentAsync(location);
        restored.QuerySelector("#rubric-problems").ShouldBeNull();
        restored.QuerySelector("#publish-form button")!.HasAttribute("disabled").ShouldBeFalse();
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{copy.Id}/publish", null, location));
        (await RubricAsync(copy.Id)).Status.ShouldBe(RubricStatus.Published);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.25")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task Bad_points_are_refused_and_write_nothing(string points)
    {
        var year = NewYear();
        using var county = await portal.ClientFor("county");
        await RedirectAsync(await county.PostFormAsync("/rubrics/preset",
            new Dictionary<string, string> { ["preset"] = RubricPresets.Wuzhong2011, ["year"] = Text(year) }, "/rubrics"));
        var rubric = await portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.Year == year && r.Preset == RubricPresets.Wuzhong2011));
        var item = await ItemAsync(rubric.Id, 3);
        var before = await FingerprintAsync();
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{rubric.Id}/items/{item.Id}",
            new Dictionary<string, string> { ["points"] = points }, $"/rubrics/{rubric.Id}"))).ShouldContain("第3项的分值应为不小于0的数，最多一位小数");
        (await FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_street_admin_and_a_secretary_get_403_on_every_route()
    {
        var year = NewYear();
        using var county = await portal.ClientFor("county");
        await RedirectAsync(await county.PostFormAsync("/rubrics/preset",
            new Dictionary<string, string> { ["preset"] = RubricPresets.FiveGood, ["year"] = Text(year) }, "/rubrics"));
        var rubric = await portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.Year == year && r.Preset == RubricPresets.FiveGood));
        var item = await portal.WithDbAsync(db => db.RubricItems.AsNoTracking().FirstAsync(i => i.RubricId == rubric.Id));
        var before = await FingerprintAsync();
        foreach (var user in new[] { "street", "secretary" })
        {
            using var client = await portal.ClientFor(user);
            foreach (var url in new[] { "/rubrics", $"/rubrics/{rubric.Id}" })
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
            }
            var posts = new Dictionary<string, Dictionary<string, string>>
            {
                ["/rubrics/preset"] = new() { ["preset"] = RubricPresets.Wuzhong2011, ["year"] = Text(year) },
                [$"/rubrics/{rubric.Id}/publish"] = [],
                [$"/rubrics/{rubric.Id}/copy"] = [],
                [$"/rubrics/{rubric.Id}/items/{item.Id}"] = new() { ["points"] = "1" },
            };
            foreach (var (url, fields) in posts)
            {
                (await client.PostFormAsync(url, fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST {url}");
            }
        }
        (await FingerprintAsync()).ShouldBe(before);
    }

    private Task<Rubric> RubricAsync(Guid id) => portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<RubricItem> ItemAsync(Guid rubricId, int no) =>
        portal.WithDbAsync(db => db.RubricItems.AsNoTracking().SingleAsync(i => i.RubricId == rubricId && i.No == no));

    /// <summary>Every rubric's, category's and item's version, status and points: equal before and after = nothing written.</summary>
    private Task<string> FingerprintAsync() => portal.WithDbAsync(async db =>
        string.Join(",", (await db.Rubrics.AsNoTracking().Select(r => new { r.Id, r.Version, r.Status }).ToListAsync()).OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Version}:{r.Status}")) + "|" +
        string.Join(",", (await db.RubricCategories.AsNoTracking().Select(c => new { c.Id, c.Version }).ToListAsync()).OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Version}")) + "|" +
        string.Join(",", (await db.RubricItems.AsNoTracking().Select(i => new { i.Id, i.Version, i.Points }).ToListAsync()).OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Version}:{i.Points}")));

    /// <summary>The flash or error alert shown on the page a POST redirected to.</summary>
    private static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        var location = await RedirectAsync(response);
        var page = await client.GetDocumentAsync(location);
        return string.Join(" | ", page.QuerySelectorAll("main > .alert-success, main > .alert-danger").Select(a => a.TextContent.Trim()));
    }
}

public sealed class SqliteRubricWebTests(SqlitePortal portal) : RubricWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRubricWebTests(PostgresPortal portal) : RubricWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
