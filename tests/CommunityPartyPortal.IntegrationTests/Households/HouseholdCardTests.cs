using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>
/// 联系对象档案卡 PDFs read back with pdftotext: the single card (masked for a user without the PII permission, full
/// and audited for the PII secretary), the batch (ticked or the whole filter, in list order, one card per page set),
/// the empty selection, and other tenants / roles refused on both routes.
/// </summary>
public abstract class HouseholdCardTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static string NewSerial() => "LX-" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);

    private Task<Household> HouseholdAsync(string secretary = "secretary", HouseholdKind kind = HouseholdKind.LonelyElder) =>
        AddHouseholdAsync(portal, secretary, h =>
        {
            h.Serial = NewSerial();
            h.Kind = kind;
            h.Gender = Gender.Female;
            h.BirthYear = 1946;
            h.Situation = "独居老人，子女在外地";
            h.Needs = "每周探望";
        });

    private Task<int> PiiPrintsAsync(Guid id) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "document.pii" && a.TargetType == "Household" && a.TargetId == id.ToString()));

    private async Task<PortalClient> SecretaryWithoutPiiAsync()
    {
        var userName = "cardnopii" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>().CreateAsync(userName, DemoCountySeeder.Password, "无权限书记",
                PortalRole.CommunitySecretary, await CommunityOfAsync(portal, "secretary"), pii: false);
        }
        return await portal.ClientFor(userName);
    }

    /// <summary>A household with a current and an ended pairing and two visits.</summary>
    private async Task<(Household Household, Member Current, Member Past)> PairedAndVisitedAsync()
    {
        var household = await HouseholdAsync();
        var current = await AddMemberAsync(portal);
        var past = await AddMemberAsync(portal);
        var today = Today(portal);
        await AddPairingAsync(portal, household, current, today.AddDays(-40));
        await portal.WithDbAsync(async db =>
        {
            db.HouseholdPairings.Add(new HouseholdPairing
            {
                HouseholdId = household.Id, MemberId = past.Id, CommunityId = household.CommunityId, PairedOn = today.AddDays(-90), EndedOn = today.AddDays(-50),
            });
            db.HouseholdVisits.Add(new HouseholdVisit
            {
                HouseholdId = household.Id, MemberId = past.Id, CommunityId = household.CommunityId, VisitedOn = today.AddDays(-60),
                Help = HelpKind.Poverty, Content = "送去米面油", RecordedBy = "测试",
            });
            db.HouseholdVisits.Add(new HouseholdVisit
            {
                HouseholdId = household.Id, MemberId = current.Id, CommunityId = household.CommunityId, VisitedOn = today.AddDays(-3),
                Help = HelpKind.Elderly, Content = "陪同就医取药", RecordedBy = "测试",
            });
            await db.SaveChangesAsync();
        });
        return (household, current, past);
    }

    [Fact]
    public async Task The_pii_secretary_prints_the_full_card_and_the_print_is_audited()
    {
        var (household, current, past) = await PairedAndVisitedAsync();
        using var secretary = await portal.ClientFor("secretary");
        (await PiiPrintsAsync(household.Id)).ShouldBe(0);

        var response = await secretary.GetAsync($"/households/{household.Id}/card.pdf");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        var pdf = await PdfText.ReadAsync(response, "household-card");
        pdf.Compact.ShouldContain("在职党员进社区联系对象档案卡");
        pdf.Compact.ShouldContain(household.HeadName);
        pdf.Compact.ShouldContain(household.Serial);
        pdf.Compact.ShouldContain(household.NationalId!);
        pdf.Compact.ShouldContain(household.Phone!);
        pdf.Compact.ShouldContain("独居老人，子女在外地");
        pdf.Compact.ShouldContain($"1946年（{Today(portal).Year - 1946}岁）");
        pdf.Compact.ShouldContain(current.Name);
        pdf.Compact.ShouldContain(past.Name, customMessage: "past pairings are printed too");
        pdf.Compact.ShouldContain($"{Iso(Today(portal).AddDays(-50))}结束结对");
        pdf.Compact.ShouldContain("陪同就医取药");
        pdf.Compact.ShouldContain("助老");
        pdf.Compact.IndexOf("送去米面油", StringComparison.Ordinal).ShouldBeLessThan(pdf.Compact.IndexOf("陪同就医取药", StringComparison.Ordinal), "newest visit last");
        (await PiiPrintsAsync(household.Id)).ShouldBe(1, "an unmasked print is audited");
    }

    [Fact]
    public async Task A_secretary_without_pii_and_the_street_get_the_masked_card_and_no_audit_line()
    {
        var (household, current, _) = await PairedAndVisitedAsync();
        using var noPii = await SecretaryWithoutPiiAsync();
        using var street = await portal.ClientFor("street");
        foreach (var (client, name) in new[] { (noPii, "nopii"), (street, "street") })
        {
            var pdf = await PdfText.ReadAsync(await client.GetAsync($"/households/{household.Id}/card.pdf"), $"household-card-{name}");
            pdf.Compact.ShouldContain(household.HeadName);
            pdf.Compact.ShouldContain(household.Serial);
            pdf.Compact.ShouldContain(Masking.NationalId(household.NationalId), customMessage: name);
            pdf.Compact.ShouldNotContain(household.NationalId!, customMessage: name);
            pdf.Compact.ShouldNotContain(household.Phone!, customMessage: name);
            pdf.Compact.ShouldNotContain(current.Mobile, customMessage: name);
            pdf.Compact.ShouldContain("陪同就医取药");
        }
        (await PiiPrintsAsync(household.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_batch_prints_the_ticked_households_in_order_or_the_whole_filter_and_never_another_communitys()
    {
        var a = await HouseholdAsync(kind: HouseholdKind.PoorStudent);
        var b = await HouseholdAsync(kind: HouseholdKind.PoorStudent);
        var other = await HouseholdAsync("secretary2", HouseholdKind.PoorStudent);
        using var secretary = await portal.ClientFor("secretary");
        var ticked = new List<KeyValuePair<string, string>> { new("HouseholdIds", b.Id.ToString()), new("HouseholdIds", a.Id.ToString()) };

        var response = await secretary.PostFormAsync("/households/cards.pdf", ticked, "/households");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var batch = await PdfText.ReadAsync(response, "household-card-batch");
        batch.Compact.ShouldContain(a.Serial);
        batch.Compact.ShouldContain(b.Serial);
        batch.Compact.ShouldContain(a.HeadName);
        batch.Pages.ShouldBeGreaterThanOrEqualTo(2);
        batch.Compact.IndexOf(b.Serial, StringComparison.Ordinal).ShouldBeLessThan(batch.Compact.IndexOf(a.Serial, StringComparison.Ordinal), "in the order ticked");
        batch.Compact.ShouldNotContain(other.Serial);
        var batchLine = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "document.pii" && e.TargetType == "Household" && e.Detail!.Contains(a.Serial)).Select(e => e.Detail ?? "").ToListAsync());
        batchLine.ShouldHaveSingleItem().ShouldContain(b.Serial, customMessage: "the unmasked batch is audited with every serial");

        var all = await PdfText.ReadAsync(await secretary.PostFormAsync("/households/cards.pdf",
            [new("All", "true"), new("filter.Kind", nameof(HouseholdKind.PoorStudent))], "/households"), "household-card-all");
        all.Compact.ShouldContain(a.Serial);
        all.Compact.ShouldContain(b.Serial);
        all.Compact.ShouldNotContain(other.Serial);

        // Another community's id in the selection: the whole print is 404, nothing of it is served.
        ticked.Add(new("HouseholdIds", other.Id.ToString()));
        var foreign = await secretary.PostFormAsync("/households/cards.pdf", ticked, "/households");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).ShouldNotContain(other.Serial);
    }

    [Fact]
    public async Task An_empty_selection_goes_back_to_the_list_with_a_chinese_message()
    {
        await HouseholdAsync(kind: HouseholdKind.Disabled);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        var location = await RedirectAsync(await secretary.PostFormAsync("/households/cards.pdf", new Dictionary<string, string>(), "/households"));
        location.ShouldBe("/households");
        (await secretary.GetStringAsync(location)).ShouldContain("请先勾选要打印档案卡的联系对象");

        var emptyFilter = await RedirectAsync(await secretary.PostFormAsync("/households/cards.pdf",
            new Dictionary<string, string> { ["All"] = "true", ["filter.Kind"] = nameof(HouseholdKind.Disabled), ["filter.Archived"] = "true" }, "/households"));
        emptyFilter.ShouldBe("/households?kind=Disabled&archived=true");
        (await secretary.GetStringAsync(emptyFilter)).ShouldContain("当前筛选条件下没有联系对象");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_pages_offer_the_print_buttons()
    {
        var household = await HouseholdAsync();
        using var secretary = await portal.ClientFor("secretary");
        var page = await secretary.GetDocumentAsync($"/households/{household.Id}");
        page.QuerySelector("#action-card")!.GetAttribute("href").ShouldBe($"/households/{household.Id}/card.pdf");
        var list = await secretary.GetDocumentAsync("/households");
        list.QuerySelector("#cards-form")!.GetAttribute("action").ShouldBe("/households/cards.pdf");
        list.QuerySelector($"tr[data-household-id='{household.Id}'] input[name='HouseholdIds']")!.GetAttribute("value").ShouldBe(household.Id.ToString());
        list.QuerySelector("#cards-selected")!.TextContent.ShouldContain("打印档案卡");
        list.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
        using var street = await portal.ClientFor("street");
        (await street.GetDocumentAsync($"/households/{household.Id}")).QuerySelector("#action-card").ShouldNotBeNull();
    }

    [Fact]
    public async Task Other_tenants_get_404_and_other_roles_403_on_both_routes()
    {
        var (household, _, _) = await PairedAndVisitedAsync();
        var fields = new Dictionary<string, string> { ["HouseholdIds"] = household.Id.ToString() };
        using (var secretary2 = await portal.ClientFor("secretary2"))
        {
            (await secretary2.GetAsync($"/households/{household.Id}/card.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await secretary2.PostFormAsync("/households/cards.pdf", fields, "/households")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var all = await secretary2.PostFormAsync("/households/cards.pdf", new Dictionary<string, string> { ["All"] = "true" }, "/households");
            if (all.StatusCode == HttpStatusCode.OK)
            {
                (await PdfText.ReadAsync(all, "household-card-secretary2-all")).Compact.ShouldNotContain(household.Serial);
            }
            else
            {
                (await RedirectAsync(all)).ShouldStartWith("/households");
            }
        }
        foreach (var user in new[] { "unit", "member" })
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync($"/households/{household.Id}/card.pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostFormAsync("/households/cards.pdf", fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        var foreign = await HouseholdAsync("secretary2");
        using var street = await portal.ClientFor("street");
        (await street.GetAsync($"/households/{foreign.Id}/card.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the other street's household");
        (await PiiPrintsAsync(household.Id)).ShouldBe(0);
    }
}

public sealed class SqliteHouseholdCardTests(SqlitePortal portal) : HouseholdCardTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresHouseholdCardTests(PostgresPortal portal) : HouseholdCardTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
