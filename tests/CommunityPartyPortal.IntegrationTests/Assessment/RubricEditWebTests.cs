using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Assessment.RubricEditTestData;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// The editor of a draft 考评细则 (<c>/rubrics/{id}/edit</c>) through HTTP: header, categories and items, adding and deleting
/// with item numbers renumbered 1..n through the rubric, field errors in Chinese that write nothing, stale versions refused,
/// a published rubric refused on every route, a copy made consistent again and published, a street admin 403.
/// </summary>
public abstract class RubricEditWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static int nextYear = 2070;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private Task<Guid> LoadDraftAsync(PortalClient county, string preset) => portal.LoadDraftAsync(county, preset, Interlocked.Increment(ref nextYear));

    [Fact]
    public async Task The_county_edits_the_header_a_category_and_an_item()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.Wuzhong2011);
        var edit = $"/rubrics/{id}/edit";
        var page = await county.GetDocumentAsync(edit);
        page.QuerySelector("#weights-readonly")!.TextContent.ShouldContain("组织点评 100%");
        page.QuerySelector("input[name=PeersWeight]").ShouldBeNull();
        page.QuerySelectorAll(".item-edit-form").Select(f => f.GetAttribute("data-item-no")).ShouldBe(Enumerable.Range(1, 23).Select(n => n.ToString(CultureInfo.InvariantCulture)));

        (await FlashAfterAsync(county, await county.PostFormAsync($"{edit}/header", new Dictionary<string, string>
        {
            ["Name"] = " 2081年社区党建考评细则 ", ["Issuer"] = "中共某县委组织部", ["Year"] = "2099", ["Source"] = "县委组织部2099年1号文",
            ["TotalPoints"] = "100", ["PeersWeight"] = "50", ["Version"] = await VersionAsync(county, edit, "#header-form"),
        }, edit))).ShouldContain("已保存考评细则的基本信息");
        var rubric = await portal.RubricAsync(id);
        (rubric.Name, rubric.Issuer, rubric.Year, rubric.Source, rubric.TotalPoints).ShouldBe(("2081年社区党建考评细则", "中共某县委组织部", 2099, "县委组织部2099年1号文", 100m));
        (rubric.OrganisationWeight, rubric.PeersWeight, rubric.PublicWeight).ShouldBe((100, 0, 0), "a community rubric keeps 100/0/0");

        var category = (await portal.CategoriesAsync(id))[0];
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/categories/{category.Id}", new Dictionary<string, string>
        {
            ["Name"] = "组织建设（修订）", ["Points"] = "12.5", ["Version"] = category.Version.ToString(),
        }, edit))).ShouldContain("已保存类别1“组织建设（修订）”");
        var changed = (await portal.CategoriesAsync(id))[0];
        (changed.Name, changed.Points).ShouldBe(("组织建设（修订）", 12.5m));

        var item = (await portal.ItemsAsync(id))[2];
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/items/{item.Id}/edit", new Dictionary<string, string>
        {
            ["Text"] = "按时召开组织生活会", ["Points"] = "2.5", ["Formula"] = "每少一次扣1分", ["EvidenceKey"] = EvidenceKeys.Activities, ["Version"] = item.Version.ToString(),
        }, edit))).ShouldContain("已保存第3项");
        var saved = (await portal.ItemsAsync(id))[2];
        (saved.Id, saved.No, saved.Text, saved.Points, saved.Formula, saved.EvidenceKey).ShouldBe((item.Id, 3, "按时召开组织生活会", 2.5m, "每少一次扣1分", EvidenceKeys.Activities));

        var shown = (await county.GetDocumentAsync($"/rubrics/{id}")).QuerySelector("#rubric-items tr[data-item-no='3']")!.TextContent;
        shown.ShouldContain("按时召开组织生活会");
        shown.ShouldContain("每少一次扣1分");
        shown.ShouldContain("活动及签到记录");
        var editor = await county.GetDocumentAsync(edit);
        editor.QuerySelector("#rubric-problems")!.TextContent.ShouldContain("类别1“组织建设（修订）”各项分值合计");
        editor.QuerySelector($".item-edit-form[data-item-id='{item.Id}'] select[name=EvidenceKey] option[selected]")!.TextContent.ShouldBe("活动及签到记录");
    }

    [Fact]
    public async Task A_member_rubric_edits_its_weights_and_refuses_weights_that_do_not_add_up()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.FiveLead);
        var edit = $"/rubrics/{id}/edit";
        var rubric = await portal.RubricAsync(id);
        var fields = new Dictionary<string, string>
        {
            ["Name"] = rubric.Name, ["Issuer"] = rubric.Issuer, ["Year"] = rubric.Year.ToString(CultureInfo.InvariantCulture), ["Source"] = rubric.Source ?? "",
            ["TotalPoints"] = Text(rubric.TotalPoints), ["OrganisationWeight"] = "60", ["PeersWeight"] = "20", ["PublicWeight"] = "30",
            ["Version"] = rubric.Version.ToString(),
        };
        var before = await portal.FingerprintAsync();
        var refused = await FormErrorsAsync(await county.PostFormAsync($"{edit}/header", fields, edit), "#header-form");
        refused["OrganisationWeight"].ShouldBe("组织点评、党员互评、群众评议的权重合计应为100");
        (await portal.FingerprintAsync()).ShouldBe(before);

        fields["PublicWeight"] = "20";
        await RedirectAsync(await county.PostFormAsync($"{edit}/header", fields, edit));
        var saved = await portal.RubricAsync(id);
        (saved.OrganisationWeight, saved.PeersWeight, saved.PublicWeight).ShouldBe((60, 20, 20));
    }

    [Fact]
    public async Task Adding_and_deleting_items_and_categories_keeps_the_numbers_running_1_to_n()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.Wuzhong2011);
        var edit = $"/rubrics/{id}/edit";
        var categories = await portal.CategoriesAsync(id);
        var second = categories[1];
        var lastOfSecond = (await portal.ItemsAsync(id)).Where(i => i.CategoryId == second.Id).Max(i => i.No);

        // Add an item at the end of category 2: it takes the next number, every later item moves down by one.
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/categories/{second.Id}/items", new Dictionary<string, string>
        {
            ["Text"] = "新增考评内容", ["Points"] = "1", ["Formula"] = "", ["EvidenceKey"] = "", ["Version"] = second.Version.ToString(),
        }, edit))).ShouldContain($"中添加第{lastOfSecond + 1}项");
        var items = await portal.ItemsAsync(id);
        items.Select(i => i.No).ShouldBe(Enumerable.Range(1, 24));
        var added = items.Single(i => i.Text == "新增考评内容");
        (added.No, added.CategoryId, added.Points, added.EvidenceKey, added.Formula).ShouldBe((lastOfSecond + 1, second.Id, 1m, (string?)null, (string?)null));
        ShouldRunInCategoryOrder(items, await portal.CategoriesAsync(id));

        // Delete item 1: the others move up.
        var first = items[0];
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/items/{first.Id}/delete",
            new Dictionary<string, string> { ["version"] = first.Version.ToString() }, edit))).ShouldContain("已删除第1项");
        items = await portal.ItemsAsync(id);
        items.Select(i => i.No).ShouldBe(Enumerable.Range(1, 23));
        items.ShouldNotContain(i => i.Id == first.Id);
        items.Single(i => i.Id == added.Id).No.ShouldBe(lastOfSecond);

        // Add a category at the end, then an item to it.
        var rubric = await portal.RubricAsync(id);
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/categories", new Dictionary<string, string>
        {
            ["Name"] = "创新工作", ["Points"] = "5", ["Version"] = rubric.Version.ToString(),
        }, edit))).ShouldContain("已添加类别7“创新工作”");
        var seventh = (await portal.CategoriesAsync(id)).Single(c => c.No == 7);
        (await county.GetDocumentAsync(edit)).QuerySelector("#rubric-problems")!.TextContent.ShouldContain("类别7“创新工作”没有考评内容");
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/categories/{seventh.Id}/items", new Dictionary<string, string>
        {
            ["Text"] = "创新项目", ["Points"] = "5", ["EvidenceKey"] = EvidenceKeys.Rosters, ["Version"] = seventh.Version.ToString(),
        }, edit));
        (await portal.ItemsAsync(id)).Last().ShouldSatisfyAllConditions(i => i.No.ShouldBe(24), i => i.CategoryId.ShouldBe(seventh.Id));

        // Deleting category 1 with its items needs the confirmation; then categories and items are renumbered.
        var one = (await portal.CategoriesAsync(id))[0];
        var ofOne = (await portal.ItemsAsync(id)).Count(i => i.CategoryId == one.Id);
        var before = await portal.FingerprintAsync();
        var errors = await FormErrorsAsync(await county.PostFormAsync($"/rubrics/{id}/categories/{one.Id}/delete",
            new Dictionary<string, string> { ["Version"] = one.Version.ToString() }, edit), $"[data-category-id='{one.Id}']");
        errors["WithItems"].ShouldContain($"类别1下还有{ofOne}项考评内容");
        (await portal.FingerprintAsync()).ShouldBe(before);
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/categories/{one.Id}/delete",
            new Dictionary<string, string> { ["Version"] = one.Version.ToString(), ["WithItems"] = "true" }, edit))).ShouldContain($"及其{ofOne}项考评内容");
        categories = await portal.CategoriesAsync(id);
        categories.Select(c => c.No).ShouldBe(Enumerable.Range(1, 6));
        categories.ShouldNotContain(c => c.Id == one.Id);
        items = await portal.ItemsAsync(id);
        items.Select(i => i.No).ShouldBe(Enumerable.Range(1, 24 - ofOne));
        ShouldRunInCategoryOrder(items, categories);

        // An empty category is deleted without confirmation.
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/categories", new Dictionary<string, string>
        {
            ["Name"] = "临时类别", ["Points"] = "1", ["Version"] = (await portal.RubricAsync(id)).Version.ToString(),
        }, edit));
        var empty = (await portal.CategoriesAsync(id)).Single(c => c.Name == "临时类别");
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/categories/{empty.Id}/delete",
            new Dictionary<string, string> { ["Version"] = empty.Version.ToString() }, edit))).ShouldContain("已删除类别7“临时类别”");
        (await portal.CategoriesAsync(id)).Count.ShouldBe(6);

        var page = await county.GetDocumentAsync(edit);
        page.QuerySelectorAll(".item-edit-form").Select(f => f.GetAttribute("data-item-no")).ShouldBe(Enumerable.Range(1, 24 - ofOne).Select(n => n.ToString(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(BadValues), MemberType = typeof(RubricEditTestData))]
    public async Task A_bad_value_shows_its_message_next_to_the_field_and_writes_nothing(string form, string field, string value, string message)
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.Wuzhong2011);
        var edit = $"/rubrics/{id}/edit";
        var rubric = await portal.RubricAsync(id);
        var category = (await portal.CategoriesAsync(id))[1];
        var item = (await portal.ItemsAsync(id))[4];
        var (url, fields, scope) = form switch
        {
            "header" => ($"{edit}/header", new Dictionary<string, string>
            {
                ["Name"] = rubric.Name, ["Issuer"] = rubric.Issuer, ["Year"] = "2090", ["TotalPoints"] = "100", ["Version"] = rubric.Version.ToString(),
            }, "#header-form"),
            "category" => ($"/rubrics/{id}/categories/{category.Id}", new Dictionary<string, string>
            {
                ["Name"] = category.Name, ["Points"] = "10", ["Version"] = category.Version.ToString(),
            }, $"[data-category-id='{category.Id}'] .category-form"),
            "item" => ($"/rubrics/{id}/items/{item.Id}/edit", ItemFields(item.Version), $".item-edit-form[data-item-id='{item.Id}']"),
            "add-item" => ($"/rubrics/{id}/categories/{category.Id}/items", ItemFields(category.Version), $"[data-category-id='{category.Id}'] .add-item-form"),
            _ => ($"/rubrics/{id}/categories", new Dictionary<string, string> { ["Name"] = "x", ["Points"] = "1", ["Version"] = rubric.Version.ToString() }, "#add-category-form"),
        };
        fields[field] = value;
        var before = await portal.FingerprintAsync();
        var response = await county.PostFormAsync(url, fields, edit);
        var errors = await FormErrorsAsync(response, scope);
        errors[field].ShouldBe(message);
        (await portal.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Every_edit_of_a_published_rubric_is_refused_and_writes_nothing()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.FiveGood);
        var show = $"/rubrics/{id}";
        await RedirectAsync(await county.PostFormAsync($"{show}/publish", null, show));
        var rubric = await portal.RubricAsync(id);
        rubric.Status.ShouldBe(RubricStatus.Published);
        var category = (await portal.CategoriesAsync(id))[0];
        var item = (await portal.ItemsAsync(id))[0];

        var page = await county.GetDocumentAsync(show);
        page.QuerySelector("#edit-link").ShouldBeNull();
        (await RedirectAsync(await county.GetAsync($"{show}/edit"))).ShouldBe(show);

        var before = await portal.FingerprintAsync();
        foreach (var (url, fields) in EditRoutes(id, category.Id, item.Id, rubric.Version, category.Version, item.Version))
        {
            (await FlashAfterAsync(county, await county.PostFormAsync(url, fields, show))).ShouldContain("已发布的考评细则不能修改，请复制后修改", customMessage: url);
        }
        (await portal.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_writes_nothing()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.Wuzhong2011);
        var edit = $"/rubrics/{id}/edit";
        var rubric = await portal.RubricAsync(id);
        var category = (await portal.CategoriesAsync(id))[0];
        var item = (await portal.ItemsAsync(id))[0];
        var staleItem = ItemFields(item.Version);
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/items/{item.Id}/edit", ItemFields(item.Version), edit));
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/categories/{category.Id}",
            new Dictionary<string, string> { ["Name"] = "改过的类别", ["Points"] = "20", ["Version"] = category.Version.ToString() }, edit));
        await RedirectAsync(await county.PostFormAsync($"{edit}/header", new Dictionary<string, string>
        {
            ["Name"] = "改过的名称", ["Issuer"] = rubric.Issuer, ["Year"] = "2090", ["TotalPoints"] = "100", ["Version"] = rubric.Version.ToString(),
        }, edit));

        var before = await portal.FingerprintAsync();
        staleItem["Text"] = "他人的修改";
        var stale = new (string Url, Dictionary<string, string> Fields, string Scope)[]
        {
            ($"/rubrics/{id}/items/{item.Id}/edit", staleItem, $".item-edit-form[data-item-id='{item.Id}']"),
            ($"/rubrics/{id}/items/{item.Id}/delete", new() { ["version"] = item.Version.ToString() }, $".item-edit-form[data-item-id='{item.Id}']"),
            ($"/rubrics/{id}/categories/{category.Id}", new() { ["Name"] = "他人的类别", ["Points"] = "1", ["Version"] = category.Version.ToString() }, $"[data-category-id='{category.Id}'] .category-form"),
            ($"/rubrics/{id}/categories/{category.Id}/items", ItemFields(category.Version), $"[data-category-id='{category.Id}'] .add-item-form"),
            ($"/rubrics/{id}/categories/{category.Id}/delete", new() { ["Version"] = category.Version.ToString(), ["WithItems"] = "true" }, $"[data-category-id='{category.Id}'] .category-form"),
            ($"/rubrics/{id}/categories", new() { ["Name"] = "他人的类别", ["Points"] = "1", ["Version"] = rubric.Version.ToString() }, "#add-category-form"),
            ($"{edit}/header", new() { ["Name"] = "他人的名称", ["Issuer"] = rubric.Issuer, ["Year"] = "2090", ["TotalPoints"] = "100", ["Version"] = rubric.Version.ToString() }, "#header-form"),
        };
        foreach (var (url, fields, scope) in stale)
        {
            (await FormErrorsAsync(await county.PostFormAsync(url, fields, edit), scope))[""].ShouldBe("该考评细则已被他人修改，请刷新后重试", url);
        }
        (await portal.FingerprintAsync()).ShouldBe(before);
        (await portal.RubricAsync(id)).Name.ShouldBe("改过的名称");
    }

    [Fact]
    public async Task A_copy_made_consistent_again_is_published()
    {
        using var county = await portal.ClientFor("county");
        var original = await LoadDraftAsync(county, RubricPresets.Wuzhong2011);
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{original}/publish", null, $"/rubrics/{original}"));
        var id = Guid.Parse((await RedirectAsync(await county.PostFormAsync($"/rubrics/{original}/copy", null, $"/rubrics/{original}")))["/rubrics/".Length..]);
        var edit = $"/rubrics/{id}/edit";
        var third = (await portal.CategoriesAsync(id))[2];

        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/categories/{third.Id}/items", new Dictionary<string, string>
        {
            ["Text"] = "新增：网格党建", ["Points"] = "2", ["Formula"] = "未建立扣2分", ["Version"] = third.Version.ToString(),
        }, edit));
        var problems = (await county.GetDocumentAsync($"/rubrics/{id}")).QuerySelector("#rubric-problems")!.TextContent;
        problems.ShouldContain($"类别3“{third.Name}”各项分值合计{RubricRules.Points(third.Points + 2)}分，与类别分值{RubricRules.Points(third.Points)}分不符");
        var before = await portal.FingerprintAsync();
        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/publish", null, $"/rubrics/{id}"))).ShouldContain("考评细则有误，不能发布");
        (await portal.FingerprintAsync()).ShouldBe(before);

        third = (await portal.CategoriesAsync(id))[2];
        await RedirectAsync(await county.PostFormAsync($"/rubrics/{id}/categories/{third.Id}",
            new Dictionary<string, string> { ["Name"] = third.Name, ["Points"] = Text(third.Points + 2), ["Version"] = third.Version.ToString() }, edit));
        (await county.GetDocumentAsync(edit)).QuerySelector("#rubric-problems")!.TextContent.ShouldContain("各类别分值合计102分，与总分100分不符");
        var rubric = await portal.RubricAsync(id);
        await RedirectAsync(await county.PostFormAsync($"{edit}/header", new Dictionary<string, string>
        {
            ["Name"] = rubric.Name + "（修订）", ["Issuer"] = rubric.Issuer, ["Year"] = rubric.Year.ToString(CultureInfo.InvariantCulture),
            ["Source"] = rubric.Source ?? "", ["TotalPoints"] = "102", ["Version"] = rubric.Version.ToString(),
        }, edit));
        (await county.GetDocumentAsync($"/rubrics/{id}")).QuerySelector("#rubric-problems").ShouldBeNull();

        (await FlashAfterAsync(county, await county.PostFormAsync($"/rubrics/{id}/publish", null, $"/rubrics/{id}"))).ShouldContain("已发布");
        var published = await portal.RubricAsync(id);
        (published.Status, published.TotalPoints, published.CopiedFromId).ShouldBe((RubricStatus.Published, 102m, (Guid?)original));
        (await portal.ItemsAsync(id)).Select(i => i.No).ShouldBe(Enumerable.Range(1, 24));
        (await portal.ItemsAsync(original)).Count.ShouldBe(23, "the original is untouched");
    }

    [Fact]
    public async Task A_street_admin_gets_403_on_every_editor_route()
    {
        using var county = await portal.ClientFor("county");
        var id = await LoadDraftAsync(county, RubricPresets.FiveGood);
        var rubric = await portal.RubricAsync(id);
        var category = (await portal.CategoriesAsync(id))[0];
        var item = (await portal.ItemsAsync(id))[0];
        using var street = await portal.ClientFor("street");
        var before = await portal.FingerprintAsync();
        (await street.GetAsync($"/rubrics/{id}/edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var (url, fields) in EditRoutes(id, category.Id, item.Id, rubric.Version, category.Version, item.Version))
        {
            (await street.PostFormAsync(url, fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }
        (await portal.FingerprintAsync()).ShouldBe(before);
    }

}

public sealed class SqliteRubricEditWebTests(SqlitePortal portal) : RubricEditWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRubricEditWebTests(PostgresPortal portal) : RubricEditWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
