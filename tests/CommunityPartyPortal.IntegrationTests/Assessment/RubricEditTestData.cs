using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>Routes, form fields, database reads and page readers of <see cref="RubricEditWebTests{TPortal}"/>.</summary>
public static class RubricEditTestData
{
    public static TheoryData<string, string, string, string> BadValues() => new()
    {
        { "header", "Name", "", "请填写考评细则名称" },
        { "header", "Year", "1999", "年度应在2000至2100之间" },
        { "header", "TotalPoints", "-5", "总分应为不小于0的数，最多一位小数" },
        { "category", "Name", new string('类', 101), "类别名称不能超过100个字" },
        { "category", "Points", "3.25", "类别分值应为不小于0的数，最多一位小数" },
        { "item", "Text", " ", "请填写考评内容" },
        { "item", "Points", "abc", "分值应为不小于0的数，最多一位小数" },
        { "item", "Formula", new string('扣', 301), "评分方法不能超过300个字" },
        { "item", "EvidenceKey", "bogus", "请选择有效的数据依据" },
        { "add-item", "Points", "", "分值应为不小于0的数，最多一位小数" },
        { "add-category", "Name", "", "请填写类别名称" },
    };

    public static IEnumerable<(string Url, Dictionary<string, string> Fields)> EditRoutes(Guid id, Guid categoryId, Guid itemId, Guid rubricVersion, Guid categoryVersion, Guid itemVersion) =>
    [
        ($"/rubrics/{id}/edit/header", new() { ["Name"] = "改名", ["Issuer"] = "某县", ["Year"] = "2090", ["TotalPoints"] = "100", ["Version"] = rubricVersion.ToString() }),
        ($"/rubrics/{id}/categories", new() { ["Name"] = "新类别", ["Points"] = "1", ["Version"] = rubricVersion.ToString() }),
        ($"/rubrics/{id}/categories/{categoryId}", new() { ["Name"] = "改名", ["Points"] = "1", ["Version"] = categoryVersion.ToString() }),
        ($"/rubrics/{id}/categories/{categoryId}/delete", new() { ["Version"] = categoryVersion.ToString(), ["WithItems"] = "true" }),
        ($"/rubrics/{id}/categories/{categoryId}/items", ItemFields(categoryVersion)),
        ($"/rubrics/{id}/items/{itemId}/edit", ItemFields(itemVersion)),
        ($"/rubrics/{id}/items/{itemId}/delete", new() { ["version"] = itemVersion.ToString() }),
    ];

    public static Dictionary<string, string> ItemFields(Guid version) => new()
    {
        ["Text"] = "改过的考评内容", ["Points"] = "3", ["Formula"] = "每缺一项扣1分", ["EvidenceKey"] = EvidenceKeys.Posts, ["Version"] = version.ToString(),
    };

    public static void ShouldRunInCategoryOrder(List<RubricItem> items, List<RubricCategory> categories)
    {
        var order = categories.ToDictionary(c => c.Id, c => c.No);
        items.Select(i => order[i.CategoryId]).ShouldBeInOrder(SortDirection.Ascending);
    }

    /// <summary>Loads the preset into a draft of <paramref name="year"/> through HTTP; the new rubric's id.</summary>
    public static async Task<Guid> LoadDraftAsync(this PortalFactory portal, PortalClient county, string preset, int year)
    {
        var location = await RedirectAsync(await county.PostFormAsync("/rubrics/preset",
            new Dictionary<string, string> { ["preset"] = preset, ["year"] = year.ToString(CultureInfo.InvariantCulture) }, "/rubrics"));
        var id = Guid.Parse(location["/rubrics/".Length..]);
        var rubric = await portal.RubricAsync(id);
        (rubric.Year, rubric.Preset, rubric.Status).ShouldBe((year, preset, RubricStatus.Draft));
        return id;
    }

    public static async Task<string> VersionAsync(PortalClient client, string url, string form) =>
        (await client.GetDocumentAsync(url)).QuerySelector($"{form} input[name=Version]")!.GetAttribute("value")!;

    public static Task<Rubric> RubricAsync(this PortalFactory portal, Guid id) => portal.WithDbAsync(db => db.Rubrics.AsNoTracking().SingleAsync(r => r.Id == id));

    public static Task<List<RubricCategory>> CategoriesAsync(this PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.RubricCategories.AsNoTracking().Where(c => c.RubricId == id).OrderBy(c => c.No).ToListAsync());

    public static Task<List<RubricItem>> ItemsAsync(this PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.RubricItems.AsNoTracking().Where(i => i.RubricId == id).OrderBy(i => i.No).ToListAsync());

    /// <summary>Every rubric's, category's and item's id and version: equal before and after = nothing written.</summary>
    public static Task<string> FingerprintAsync(this PortalFactory portal) => portal.WithDbAsync(async db =>
        string.Join(",", (await db.Rubrics.AsNoTracking().Select(r => r.Id + ":" + r.Version).ToListAsync()).Order()) + "|" +
        string.Join(",", (await db.RubricCategories.AsNoTracking().Select(c => c.Id + ":" + c.Version).ToListAsync()).Order()) + "|" +
        string.Join(",", (await db.RubricItems.AsNoTracking().Select(i => i.Id + ":" + i.Version).ToListAsync()).Order()));

    /// <summary>The refused form re-shown (200): its errors by field ("" = the form's own alert), read from the form <paramref name="scope"/>.</summary>
    public static async Task<Dictionary<string, string>> FormErrorsAsync(HttpResponseMessage response, string scope)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.Length > 300 ? body[..300] : body);
        var form = PortalClient.Parse(body).QuerySelector(scope).ShouldNotBeNull(scope);
        var errors = form.QuerySelectorAll(".field-validation-error[data-field]").Where(e => e.TextContent.Trim().Length > 0)
            .ToDictionary(e => e.GetAttribute("data-field")!, e => e.TextContent.Trim());
        if (form.QuerySelector(".form-error") is IElement alert) errors[""] = alert.TextContent.Trim();
        return errors;
    }

    /// <summary>The flash or error alert shown on the page a POST redirected to.</summary>
    public static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        var location = await RedirectAsync(response);
        var page = await client.GetDocumentAsync(location);
        return string.Join(" | ", page.QuerySelectorAll("main > .alert-success, main > .alert-danger").Select(a => a.TextContent.Trim()));
    }
}
