using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>
/// Nobody reaches across tenants: secretary2 (a community of the other street) gets 404 on every route with
/// this community's household, pairing, visit or suggestion and writes nothing; the unit, the street and the
/// member may not write at all.
/// </summary>
public abstract class HouseholdAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private sealed record World(Household Household, HouseholdPairing Pairing, Suggestion Suggestion, Guid MemberId);

    private async Task<World> WorldAsync()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        var pairing = await AddPairingAsync(portal, household, member, Today(portal).AddDays(-2));
        await AddVisitAsync(portal, household, member, Today(portal).AddDays(-1));
        var suggestion = await AddSuggestionAsync(portal, member, Today(portal));
        return new World(household, pairing, suggestion, member.Id);
    }

    private static string[] GetRoutes(World w) =>
    [
        $"/households/{w.Household.Id}", $"/households/{w.Household.Id}?reveal=1", $"/households/{w.Household.Id}/edit",
        $"/households/{w.Household.Id}/pair", $"/households/{w.Household.Id}/visits/new", $"/suggestions/{w.Suggestion.Id}",
    ];

    private static (string Url, Dictionary<string, string> Fields)[] PostRoutes(World w, DateOnly today) =>
    [
        ($"/households/{w.Household.Id}/edit", new(HouseholdFields("改名")) { ["Version"] = w.Household.Version.ToString() }),
        ($"/households/{w.Household.Id}/archive", new() { ["reason"] = "越权", ["version"] = w.Household.Version.ToString() }),
        ($"/households/{w.Household.Id}/restore", new() { ["version"] = w.Household.Version.ToString() }),
        ($"/households/{w.Household.Id}/pair", new() { ["MemberIds"] = w.MemberId.ToString(), ["PairedOn"] = Iso(today) }),
        ($"/households/{w.Household.Id}/pairings/{w.Pairing.Id}/end", new() { ["endedOn"] = Iso(today), ["version"] = w.Pairing.Version.ToString() }),
        ($"/households/{w.Household.Id}/visits/new", new()
        {
            ["MemberId"] = w.MemberId.ToString(), ["VisitedOn"] = Iso(today), ["Help"] = nameof(HelpKind.Poverty), ["Content"] = "越权",
        }),
        ($"/suggestions/{w.Suggestion.Id}/answer", new()
        {
            ["Status"] = nameof(SuggestionStatus.Adopted), ["Answer"] = "越权", ["AnsweredOn"] = Iso(today), ["Version"] = w.Suggestion.Version.ToString(),
        }),
    ];

    [Fact]
    public async Task Secretary2_gets_404_on_every_route_with_this_communitys_records_and_writes_nothing()
    {
        var w = await WorldAsync();
        using var secretary2 = await portal.ClientFor("secretary2");
        var before = await FingerprintAsync(portal);
        foreach (var url in GetRoutes(w))
        {
            (await secretary2.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"GET {url}");
        }
        foreach (var (url, fields) in PostRoutes(w, Today(portal)))
        {
            (await secretary2.PostFormAsync(url, fields, "/households")).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"POST {url}");
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await secretary2.GetDocumentAsync("/households")).QuerySelector($"tr[data-household-id='{w.Household.Id}']").ShouldBeNull();
        (await secretary2.GetDocumentAsync("/suggestions")).QuerySelector($"tr[data-suggestion-id='{w.Suggestion.Id}']").ShouldBeNull();
    }

    [Fact]
    public async Task Secretary2_cannot_pair_record_a_suggestion_or_a_recognition_for_a_member_of_this_community()
    {
        var member = await AddMemberAsync(portal);
        var own = await AddHouseholdAsync(portal, "secretary2");
        using var secretary2 = await portal.ClientFor("secretary2");
        var today = Iso(Today(portal));
        var before = await FingerprintAsync(portal);
        var attempts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/households/{own.Id}/pair", new() { ["MemberIds"] = member.Id.ToString(), ["PairedOn"] = today }),
            ("/suggestions/new", new() { ["MemberId"] = member.Id.ToString(), ["SubmittedOn"] = today, ["Title"] = "越权", ["Content"] = "越权" }),
            ("/recognitions", new() { ["Form.MemberId"] = member.Id.ToString(), ["Form.Title"] = "服务标兵", ["Form.AwardedOn"] = today, ["Form.AwardedBy"] = "越权" }),
        };
        foreach (var (url, fields) in attempts)
        {
            var response = await secretary2.PostFormAsync(url, fields, "/households");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"POST {url}: refused with the form");
            TestForms.ErrorMessages(await response.Content.ReadAsStringAsync()).ShouldContain("本社区的党员");
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_unit_the_street_and_the_member_cannot_post_and_only_readers_see_the_lists()
    {
        var w = await WorldAsync();
        foreach (var user in new[] { "unit", "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            var before = await FingerprintAsync(portal);
            var routes = PostRoutes(w, Today(portal)).Append(("/households/new", HouseholdFields())).Append(("/suggestions/new", new Dictionary<string, string>
            {
                ["MemberId"] = w.MemberId.ToString(), ["SubmittedOn"] = Iso(Today(portal)), ["Title"] = "t", ["Content"] = "c",
            })).Append(("/recognitions", new Dictionary<string, string> { ["Form.MemberId"] = w.MemberId.ToString(), ["Form.Title"] = "t", ["Form.AwardedOn"] = Iso(Today(portal)), ["Form.AwardedBy"] = "b" }));
            foreach (var (url, fields) in routes)
            {
                (await client.PostFormAsync(url, fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST {url}");
            }
            (await FingerprintAsync(portal)).ShouldBe(before);
        }
        foreach (var user in new[] { "unit", "member" })
        {
            using var client = await portal.ClientFor(user);
            foreach (var url in new[] { "/households", $"/households/{w.Household.Id}", "/suggestions", $"/suggestions/{w.Suggestion.Id}", "/recognitions" })
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
            }
        }
        using var street = await portal.ClientFor("street");
        (await street.GetAsync($"/suggestions/{w.Suggestion.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var foreign = await AddHouseholdAsync(portal, "secretary2");
        (await street.GetAsync($"/households/{foreign.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the other street's household");
        (await street.GetAsync("/suggestions/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteHouseholdAccessTests(SqlitePortal portal) : HouseholdAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresHouseholdAccessTests(PostgresPortal portal) : HouseholdAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
