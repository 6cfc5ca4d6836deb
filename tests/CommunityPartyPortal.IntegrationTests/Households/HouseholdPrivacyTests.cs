using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>The household's ID and phone: masked for users without the PII permission, revealed (audited) on request for the others.</summary>
public abstract class HouseholdPrivacyTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<int> RevealsAsync(Guid id) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "member.view-pii" && a.TargetType == "Household" && a.TargetId == id.ToString()));

    /// <summary>A secretary of the same community without the PII permission.</summary>
    private async Task<PortalClient> SecretaryWithoutPiiAsync()
    {
        var userName = "nopii" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>().CreateAsync(userName, DemoCountySeeder.Password, "无权限书记",
                PortalRole.CommunitySecretary, await CommunityOfAsync(portal, "secretary"), pii: false);
        }
        return await portal.ClientFor(userName);
    }

    [Fact]
    public async Task A_secretary_without_the_pii_permission_sees_masked_values_everywhere_and_keeps_them_on_edit()
    {
        var household = await AddHouseholdAsync(portal);
        using var secretary = await SecretaryWithoutPiiAsync();

        var list = await secretary.GetStringAsync("/households");
        list.ShouldNotContain(household.Phone!);
        PortalClient.Parse(list).QuerySelector($"tr[data-household-id='{household.Id}'] .masked")!.TextContent.ShouldBe(Masking.Mobile(household.Phone));

        var page = await secretary.GetStringAsync($"/households/{household.Id}?reveal=1");
        page.ShouldNotContain(household.NationalId!);
        page.ShouldNotContain(household.Phone!);
        var doc = PortalClient.Parse(page);
        doc.QuerySelector("#household-national-id")!.TextContent.ShouldBe(Masking.NationalId(household.NationalId));
        doc.QuerySelector("#reveal-link").ShouldBeNull();
        (await RevealsAsync(household.Id)).ShouldBe(0);

        var edit = await secretary.GetStringAsync($"/households/{household.Id}/edit");
        edit.ShouldNotContain(household.NationalId!);
        edit.ShouldNotContain(household.Phone!);
        var fields = FieldsOf(PortalClient.Parse(edit), "#household-form", trimTextAreas: true).With("Address", "新地址1号");
        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/edit", fields));
        var saved = await HouseholdAsync(portal, household.Id);
        saved.Address.ShouldBe("新地址1号");
        saved.NationalId.ShouldBe(household.NationalId, "a blank ID from a user who cannot see it keeps the old one");
        saved.Phone.ShouldBe(household.Phone);
    }

    [Fact]
    public async Task The_street_sees_masked_values_and_reveal_does_not_unmask()
    {
        var household = await AddHouseholdAsync(portal);
        using var street = await portal.ClientFor("street");
        var page = await street.GetStringAsync($"/households/{household.Id}?reveal=1");
        page.ShouldNotContain(household.NationalId!);
        page.ShouldNotContain(household.Phone!);
        PortalClient.Parse(page).QuerySelector("#household-phone")!.TextContent.ShouldBe(Masking.Mobile(household.Phone));
        (await RevealsAsync(household.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task The_pii_secretary_reveals_on_request_and_each_reveal_is_audited()
    {
        var household = await AddHouseholdAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var masked = await secretary.GetDocumentAsync($"/households/{household.Id}");
        masked.QuerySelector("#household-national-id")!.TextContent.ShouldBe(Masking.NationalId(household.NationalId));
        masked.QuerySelector("#reveal-link")!.GetAttribute("href").ShouldBe($"/households/{household.Id}?reveal=1");
        (await RevealsAsync(household.Id)).ShouldBe(0);

        var revealed = await secretary.GetDocumentAsync($"/households/{household.Id}?reveal=1");
        revealed.QuerySelector("#household-national-id")!.TextContent.ShouldBe(household.NationalId);
        revealed.QuerySelector("#household-phone")!.TextContent.ShouldBe(household.Phone);
        (await RevealsAsync(household.Id)).ShouldBe(1);
    }
}

public sealed class SqliteHouseholdPrivacyTests(SqlitePortal portal) : HouseholdPrivacyTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresHouseholdPrivacyTests(PostgresPortal portal) : HouseholdPrivacyTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
