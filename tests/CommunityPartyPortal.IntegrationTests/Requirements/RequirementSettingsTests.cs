using System.Net;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.ServiceRecords.ServiceRecordTestData;

namespace CommunityPartyPortal.IntegrationTests.Requirements;

/// <summary>The county's annual requirement settings: presets, edits, refused values; nobody else may change them.</summary>
public abstract class RequirementSettingsTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<List<RequirementRule>> RulesAsync(int year) =>
        portal.WithDbAsync(db => db.RequirementRules.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.Ordinal).ToListAsync());

    [Fact]
    public async Task The_county_applies_a_preset_then_edits_removes_and_adds_rules()
    {
        const int year = 2031;
        using var county = await portal.ClientFor("county");
        (await county.GetDocumentAsync($"/requirements/{year}")).QuerySelector("#no-rules").ShouldNotBeNull();

        await ShouldRedirectAsync(await county.PostFormAsync($"/requirements/{year}", new Dictionary<string, string> { ["preset"] = RequirementPresets.Seed003 }));
        var rules = await RulesAsync(year);
        rules.Select(r => r.Kind).ShouldBe(RequirementPresets.Find(RequirementPresets.Seed003)!.Rules.Select(t => t.Kind));
        rules[0].AlternativeMinimum.ShouldBe(480);

        // Another preset replaces them.
        await ShouldRedirectAsync(await county.PostFormAsync($"/requirements/{year}", new Dictionary<string, string> { ["preset"] = RequirementPresets.Seed000 }));
        rules = await RulesAsync(year);
        var days = rules.ShouldHaveSingleItem();
        days.Kind.ShouldBe(RequirementKind.DistinctDays);
        days.Minimum.ShouldBe(5);

        // Edit the minimum and label, and add a suggestion rule.
        var page = await county.GetDocumentAsync($"/requirements/{year}");
        var fields = ServiceRecords.ServiceRecordTestData.FieldsOfRules(page);
        fields["Rules[0].Minimum"] = "6";
        fields["Rules[0].Label"] = "全年参加社区活动不少于6天";
        fields["New.Kind"] = ((int)RequirementKind.Suggestion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["New.Minimum"] = "1";
        await ShouldRedirectAsync(await county.PostFormAsync($"/requirements/{year}", fields));
        rules = await RulesAsync(year);
        rules.Select(r => (r.Kind, r.Minimum, r.Ordinal)).ShouldBe([(RequirementKind.DistinctDays, 6, 1), (RequirementKind.Suggestion, 1, 2)]);
        rules[0].Label.ShouldBe("全年参加社区活动不少于6天");
        rules[1].Label.ShouldBe("提出一条建议");

        // Remove the first.
        page = await county.GetDocumentAsync($"/requirements/{year}");
        fields = ServiceRecords.ServiceRecordTestData.FieldsOfRules(page);
        fields["Rules[0].Remove"] = "true";
        await ShouldRedirectAsync(await county.PostFormAsync($"/requirements/{year}", fields));
        (await RulesAsync(year)).ShouldHaveSingleItem().Kind.ShouldBe(RequirementKind.Suggestion);
    }

    [Theory]
    [InlineData("min0", "Rules[0].Minimum", "最低要求不能小于1")]
    [InlineData("unknown", "New.Kind", "未知的要求类型，请从列表中选择")]
    [InlineData("duplicate", "New.Kind", "该年度已有“参加社区活动天数”要求，同一类型不能重复")]
    [InlineData("newmin0", "New.Minimum", "最低要求不能小于1")]
    public async Task Invalid_values_are_refused_in_Chinese_and_nothing_is_written(string bad, string field, string message)
    {
        var year = bad switch { "min0" => 2041, "unknown" => 2042, "duplicate" => 2043, _ => 2044 }; // one year per case
        await SetRulesAsync(portal, year, RequirementPresets.Seed000);
        using var county = await portal.ClientFor("county");
        var fields = ServiceRecords.ServiceRecordTestData.FieldsOfRules(await county.GetDocumentAsync($"/requirements/{year}"));
        switch (bad)
        {
            case "min0": fields["Rules[0].Minimum"] = "0"; break;
            case "unknown": fields["New.Kind"] = "99"; fields["New.Minimum"] = "1"; break;
            case "duplicate": fields["New.Kind"] = "1"; fields["New.Minimum"] = "3"; break;
            case "newmin0": fields["New.Kind"] = "4"; fields["New.Minimum"] = "0"; break;
        }
        var before = await FingerprintAsync(portal);
        var page = await TestForms.ShouldBeFormWithErrorsAsync(await county.PostFormAsync($"/requirements/{year}", fields));
        TestForms.FieldError(page, field).ShouldBe(message);
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task Only_the_county_may_see_or_change_the_settings()
    {
        const int year = 2035;
        await SetRulesAsync(portal, year, RequirementPresets.Seed000);
        var before = await FingerprintAsync(portal);
        foreach (var user in new[] { "street", "secretary", "secretary2", "unit", "member" })
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync($"/requirements/{year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostFormAsync($"/requirements/{year}", new Dictionary<string, string> { ["preset"] = RequirementPresets.Seed003 }, "/"))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
        using var county = await portal.ClientFor("county");
        (await county.GetAsync("/requirements/1999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteRequirementSettingsTests(SqlitePortal portal) : RequirementSettingsTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRequirementSettingsTests(PostgresPortal portal) : RequirementSettingsTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
