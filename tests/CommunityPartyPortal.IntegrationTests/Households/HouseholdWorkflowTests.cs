using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>The secretary's 联系对象 work through HTTP: register, edit, pair, visit, the monthly flag, end a pairing, archive.</summary>
public abstract class HouseholdWorkflowTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_secretary_registers_a_household_with_a_serial_and_edits_it()
    {
        using var secretary = await portal.ClientFor("secretary");
        var id = TestMembers.NewNationalId();
        var phone = TestMembers.NewMobile();
        var location = await RedirectAsync(await secretary.PostFormAsync("/households/new", HouseholdFields("王大爷", id, phone)));
        var householdId = Guid.Parse(location["/households/".Length..]);
        var saved = await HouseholdAsync(portal, householdId);
        saved.Serial.ShouldMatch($@"^{Today(portal).Year}-联系-\d{{6}}$");
        saved.CommunityId.ShouldBe(await CommunityOfAsync(portal, "secretary"));
        saved.NationalId.ShouldBe(id);
        saved.Phone.ShouldBe(phone);
        saved.Kind.ShouldBe(HouseholdKind.LonelyElder);

        var second = await RedirectAsync(await secretary.PostFormAsync("/households/new", HouseholdFields("李奶奶")));
        var next = await HouseholdAsync(portal, Guid.Parse(second["/households/".Length..]));
        int.Parse(next.Serial[^6..]).ShouldBe(int.Parse(saved.Serial[^6..]) + 1);
        next.NationalId.ShouldBeNull();

        var page = await secretary.GetDocumentAsync($"/households/{householdId}/edit");
        var fields = FieldsOf(page, "#household-form", trimTextAreas: true).With("Address", "幸福路9号").With("Kind", nameof(HouseholdKind.PoorFamily));
        await RedirectAsync(await secretary.PostFormAsync($"/households/{householdId}/edit", fields));
        var edited = await HouseholdAsync(portal, householdId);
        edited.Address.ShouldBe("幸福路9号");
        edited.Kind.ShouldBe(HouseholdKind.PoorFamily);
        edited.NationalId.ShouldBe(id, "the full ID was on the PII secretary's form and is kept");

        // The same (now stale) form again: refused, nothing changed.
        var stale = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/households/{householdId}/edit", fields.With("Address", "别处")));
        stale.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("已被他人修改");
        (await HouseholdAsync(portal, householdId)).Address.ShouldBe("幸福路9号");
    }

    [Fact]
    public async Task Members_are_paired_visits_clear_the_monthly_flag_and_pairings_end()
    {
        var household = await AddHouseholdAsync(portal);
        var a = await AddMemberAsync(portal);
        var b = await AddMemberAsync(portal);
        var today = Today(portal);
        using var secretary = await portal.ClientFor("secretary");

        var fields = new List<KeyValuePair<string, string>> { new("MemberIds", a.Id.ToString()), new("MemberIds", b.Id.ToString()), new("MemberIds", ""), new("PairedOn", Iso(today)) };
        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/pair", fields));
        var pairings = await PairingsOfAsync(portal, household.Id);
        pairings.Select(p => p.MemberId).ShouldBe([a.Id, b.Id], ignoreOrder: true);
        pairings.ShouldAllBe(p => p.ActiveSlot == 1 && p.PairedOn == today);

        var unvisited = await secretary.GetDocumentAsync("/households?unvisited=true");
        unvisited.QuerySelector($"tr[data-household-id='{household.Id}'] .unvisited-badge").ShouldNotBeNull();
        var details = await secretary.GetDocumentAsync($"/households/{household.Id}");
        details.QuerySelector("#household-unvisited").ShouldNotBeNull();
        details.QuerySelector($"#household-months td[data-month='{today:yyyy-MM}']")!.GetAttribute("data-status").ShouldBe("Due");

        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/visits/new", new Dictionary<string, string>
        {
            ["MemberId"] = b.Id.ToString(), ["VisitedOn"] = Iso(today), ["Help"] = nameof(HelpKind.Elderly), ["Content"] = "陪老人聊天，检查燃气",
        }));
        var visit = (await VisitsOfAsync(portal, household.Id)).ShouldHaveSingleItem();
        visit.MemberId.ShouldBe(b.Id);
        visit.RecordedBy.ShouldNotBeNullOrWhiteSpace();

        (await secretary.GetDocumentAsync("/households?unvisited=true")).QuerySelector($"tr[data-household-id='{household.Id}']").ShouldBeNull();
        (await secretary.GetDocumentAsync("/households")).QuerySelector($"tr[data-household-id='{household.Id}'] .unvisited-badge").ShouldBeNull();
        details = await secretary.GetDocumentAsync($"/households/{household.Id}");
        details.QuerySelector("#household-unvisited").ShouldBeNull();
        details.QuerySelector($"#household-months td[data-month='{today:yyyy-MM}']")!.GetAttribute("data-status").ShouldBe("Visited");
        details.QuerySelector("#household-visits")!.TextContent.ShouldContain("陪老人聊天");

        var pairingA = pairings.Single(p => p.MemberId == a.Id);
        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/pairings/{pairingA.Id}/end",
            new Dictionary<string, string> { ["endedOn"] = Iso(today), ["version"] = pairingA.Version.ToString() }, $"/households/{household.Id}"));
        var ended = (await PairingsOfAsync(portal, household.Id)).Single(p => p.MemberId == a.Id);
        ended.EndedOn.ShouldBe(today);
        ended.ActiveSlot.ShouldBeNull();

        // Paired again after the end: a new pairing, the old one stays as history.
        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/pair",
            new Dictionary<string, string> { ["MemberIds"] = a.Id.ToString(), ["PairedOn"] = Iso(today) }));
        (await PairingsOfAsync(portal, household.Id)).Count(p => p.MemberId == a.Id).ShouldBe(2);
    }

    [Fact]
    public async Task A_past_month_without_a_visit_is_listed_on_the_household_page()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        var today = Today(portal);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        await AddPairingAsync(portal, household, member, firstOfMonth.AddMonths(-3));
        await AddVisitAsync(portal, household, member, firstOfMonth.AddMonths(-2).AddDays(3));
        using var secretary = await portal.ClientFor("secretary");
        var page = await secretary.GetDocumentAsync($"/households/{household.Id}?year={firstOfMonth.AddMonths(-3).Year}");
        var missed = page.QuerySelector("#household-missed")!.TextContent;
        missed.ShouldContain($"{firstOfMonth.AddMonths(-3):yyyy-MM}");
        missed.ShouldContain($"{firstOfMonth.AddMonths(-1):yyyy-MM}");
        missed.ShouldNotContain($"{firstOfMonth.AddMonths(-2):yyyy-MM}");
    }

    [Fact]
    public async Task An_archived_household_leaves_the_list_and_takes_no_visits_until_restored()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        await AddPairingAsync(portal, household, member, Today(portal));
        using var secretary = await portal.ClientFor("secretary");

        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/archive",
            new Dictionary<string, string> { ["reason"] = "已迁往外地", ["version"] = household.Version.ToString() }, $"/households/{household.Id}"));
        var archived = await HouseholdAsync(portal, household.Id);
        archived.IsArchived.ShouldBeTrue();
        archived.ArchiveReason.ShouldBe("已迁往外地");
        (await secretary.GetDocumentAsync("/households")).QuerySelector($"tr[data-household-id='{household.Id}']").ShouldBeNull();
        (await secretary.GetDocumentAsync("/households?archived=true")).QuerySelector($"tr[data-household-id='{household.Id}']").ShouldNotBeNull();

        var before = await FingerprintAsync(portal);
        var refused = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/households/{household.Id}/visits/new", new Dictionary<string, string>
        {
            ["MemberId"] = member.Id.ToString(), ["VisitedOn"] = Iso(Today(portal)), ["Help"] = nameof(HelpKind.Elderly), ["Content"] = "走访",
        }));
        ErrorMessages(refused.DocumentElement.OuterHtml).ShouldContain("已归档");
        (await FingerprintAsync(portal)).ShouldBe(before);

        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/restore",
            new Dictionary<string, string> { ["version"] = archived.Version.ToString() }, "/households"));
        (await HouseholdAsync(portal, household.Id)).IsArchived.ShouldBeFalse();
    }

    [Fact]
    public async Task The_street_reads_the_list_and_the_page_but_cannot_write()
    {
        var household = await AddHouseholdAsync(portal);
        using var street = await portal.ClientFor("street");
        (await street.GetDocumentAsync("/households")).QuerySelector($"tr[data-household-id='{household.Id}']").ShouldNotBeNull();
        var page = await street.GetDocumentAsync($"/households/{household.Id}");
        page.QuerySelector("#household-actions").ShouldBeNull();
        page.QuerySelector("#archive-form").ShouldBeNull();
        page.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
        (await street.GetAsync("/households/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteHouseholdWorkflowTests(SqlitePortal portal) : HouseholdWorkflowTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresHouseholdWorkflowTests(PostgresPortal portal) : HouseholdWorkflowTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
