using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Accounts.AccountsTestData;

namespace CommunityPartyPortal.IntegrationTests.Accounts;

/// <summary>Who may reach the account pages, unknown accounts, and the list's filters. Runs on SQLite and on PostgreSQL.</summary>
public abstract class AccountsAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Theory]
    [InlineData("street")]
    [InlineData("secretary")]
    [InlineData("unit")]
    [InlineData("member")]
    public async Task Non_county_roles_get_403_on_every_account_route(string userName)
    {
        var client = await portal.ClientFor(userName);
        var target = (await UserAsync(portal, "secretary2")).Id;
        foreach (var url in new[] { "/accounts", "/accounts?role=CountyAdmin", "/accounts/new", $"/accounts/{target}/edit" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        var posts = new Dictionary<string, Dictionary<string, string>>
        {
            ["/accounts/new"] = NewAccount($"forbidden-{userName}", PortalRole.CountyAdmin, (await OrgAsync(portal, OrgKind.County)).Id),
            [$"/accounts/{target}/edit"] = new() { ["DisplayName"] = "改名", ["Role"] = "CountyAdmin" },
            [$"/accounts/{target}/disable"] = [],
            [$"/accounts/{target}/enable"] = [],
            [$"/accounts/{target}/unlock"] = [],
            [$"/accounts/{target}/reset-password"] = [],
        };
        foreach (var (url, fields) in posts)
        {
            // A valid antiforgery token (from the home page), so only the role can be the reason.
            (await client.PostFormAsync(url, fields, formPageUrl: "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        var after = await UserAsync(portal, "secretary2");
        after.IsDisabled.ShouldBeFalse();
        after.Role.ShouldBe(PortalRole.CommunitySecretary);
        after.DisplayName.ShouldNotBe("改名");
        (await ExistsAsync(portal, $"forbidden-{userName}")).ShouldBeFalse();
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await portal.AnonymousClient().GetAsync("/accounts");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldContain("/account/login");
    }

    [Fact]
    public async Task Unknown_account_is_404()
    {
        var county = await portal.ClientFor("county");
        var unknown = Guid.NewGuid();
        (await county.GetAsync($"/accounts/{unknown}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetAsync("/accounts/not-a-guid/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var action in new[] { "edit", "disable", "enable", "unlock", "reset-password" })
        {
            var fields = new Dictionary<string, string> { ["DisplayName"] = "某人", ["Role"] = "StreetAdmin" };
            (await county.PostFormAsync($"/accounts/{unknown}/{action}", fields, formPageUrl: "/accounts/new"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        }
    }

    [Fact]
    public async Task List_shows_the_columns_and_filters_by_role_name_organisation_and_state()
    {
        var county = await portal.ClientFor("county");
        var all = await county.GetDocumentAsync("/accounts");
        all.QuerySelectorAll("#accounts thead th").Select(th => th.TextContent.Trim())
            .ShouldBe(["用户名", "姓名", "角色", "所属组织", "个人信息权限", "状态", "最近登录", "操作"]);
        var countyRow = all.QuerySelector("#accounts tr[data-user=county]")!;
        countyRow.TextContent.ShouldContain("县委组织部管理员");
        countyRow.TextContent.ShouldContain("正常");

        var secretaries = await county.GetDocumentAsync("/accounts?role=CommunitySecretary");
        Users(secretaries).ShouldBe(["secretary", "secretary2"], ignoreOrder: true);

        var byName = await county.GetDocumentAsync("/accounts?q=SECRETARY2");
        Users(byName).ShouldBe(["secretary2"]);

        // The street's name finds the street admin and the secretary of a community below it, not the other street's.
        var street = (await UserAsync(portal, "street")).OrganizationId;
        var streetName = await portal.WithDbAsync(db => Task.FromResult(db.Organizations.Single(o => o.Id == street).Name));
        var byOrg = Users(await county.GetDocumentAsync($"/accounts?org={Uri.EscapeDataString(streetName)}"));
        byOrg.ShouldContain("street");
        byOrg.ShouldContain("secretary");
        byOrg.ShouldContain("member");
        byOrg.ShouldNotContain("secretary2");
        byOrg.ShouldNotContain("county");

        Users(await county.GetDocumentAsync("/accounts?state=Disabled")).ShouldNotContain("county");
        Users(await county.GetDocumentAsync("/accounts?state=Normal")).ShouldContain("county");
        Users(await county.GetDocumentAsync("/accounts?role=UnitAdmin&q=secretary")).ShouldBeEmpty();
    }

    private static List<string> Users(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("#accounts tbody tr[data-user]").Select(tr => tr.GetAttribute("data-user")!).ToList();
}

public sealed class SqliteAccountsAccessTests(SqlitePortal portal) : AccountsAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresAccountsAccessTests(PostgresPortal portal) : AccountsAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
