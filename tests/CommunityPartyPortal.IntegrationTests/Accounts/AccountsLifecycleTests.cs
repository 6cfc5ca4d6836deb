using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Accounts.AccountsTestData;

namespace CommunityPartyPortal.IntegrationTests.Accounts;

/// <summary>The county admin creates and edits accounts; every change is audited without passwords. Runs on SQLite and on PostgreSQL.</summary>
public abstract class AccountsLifecycleTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Theory]
    [InlineData("Ab1!", "密码至少需要10个字符")]
    [InlineData("abcdefghijkl", "密码需包含大写字母、小写字母、数字、符号中的至少三类")]
    public async Task A_weak_password_is_refused_in_chinese_and_nothing_is_created(string password, string message)
    {
        var county = await portal.ClientFor("county");
        var community = await OrgAsync(portal, OrgKind.Community);
        var userName = $"weak-{password.Length}";

        var response = await county.PostFormAsync("/accounts/new", NewAccount(userName, PortalRole.CommunitySecretary, community.Id, password));

        (await ErrorsAsync(response)).ShouldContain(message);
        (await ExistsAsync(portal, userName)).ShouldBeFalse();
    }

    [Fact]
    public async Task Role_and_organisation_must_match_and_member_accounts_are_not_made_here()
    {
        var county = await portal.ClientFor("county");
        var community = await OrgAsync(portal, OrgKind.Community);
        var unit = await OrgAsync(portal, OrgKind.WorkUnit);

        var streetOnCommunity = await county.PostFormAsync("/accounts/new", NewAccount("mismatch1", PortalRole.StreetAdmin, community.Id));
        (await ErrorsAsync(streetOnCommunity)).ShouldContain("所属组织与角色不匹配");
        var secretaryOnUnit = await county.PostFormAsync("/accounts/new", NewAccount("mismatch2", PortalRole.CommunitySecretary, unit.Id));
        (await ErrorsAsync(secretaryOnUnit)).ShouldContain("所属组织与角色不匹配");
        var member = await county.PostFormAsync("/accounts/new", NewAccount("mismatch3", PortalRole.Member, community.Id));
        (await ErrorsAsync(member)).ShouldContain("党员账号请在党员信息页开通");
        var taken = await county.PostFormAsync("/accounts/new", NewAccount("Secretary", PortalRole.CommunitySecretary, community.Id));
        (await ErrorsAsync(taken)).ShouldContain("用户名已被使用");
        var badName = await county.PostFormAsync("/accounts/new", NewAccount("张三", PortalRole.CommunitySecretary, community.Id));
        (await ErrorsAsync(badName)).ShouldContain("用户名只能包含字母、数字和 -._@");

        foreach (var name in new[] { "mismatch1", "mismatch2", "mismatch3" }) (await ExistsAsync(portal, name)).ShouldBeFalse();
    }

    [Fact]
    public async Task The_new_page_offers_the_staff_roles_and_the_organisations_by_kind()
    {
        var county = await portal.ClientFor("county");
        var doc = await county.GetDocumentAsync("/accounts/new");
        doc.QuerySelectorAll("select[name=Role] option[data-org-kind]").Select(o => o.GetAttribute("value"))
            .ShouldBe(["CountyAdmin", "StreetAdmin", "CommunitySecretary", "UnitAdmin"]);
        var kinds = doc.QuerySelectorAll("select[name=OrganizationId] optgroup").Select(g => g.GetAttribute("data-kind")).Distinct().ToList();
        kinds.ShouldBe(["County", "Street", "Community", "WorkUnit"]);
        var community = await OrgAsync(portal, OrgKind.Community);
        doc.QuerySelector($"optgroup[data-kind=Community] option[value='{community.Id}']").ShouldNotBeNull();
        doc.QuerySelector($"optgroup[data-kind=Street] option[value='{community.Id}']").ShouldBeNull();
    }

    [Fact]
    public async Task A_new_secretary_signs_in_must_change_the_password_and_then_reaches_home()
    {
        var county = await portal.ClientFor("county");
        var community = await OrgAsync(portal, OrgKind.Community, 1);
        var response = await county.PostFormAsync("/accounts/new", NewAccount("new-secretary", PortalRole.CommunitySecretary, community.Id, pii: true));
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await county.GetStringAsync("/accounts")).ShouldContain("已创建账号 new-secretary");

        var created = await UserAsync(portal, "new-secretary");
        created.Role.ShouldBe(PortalRole.CommunitySecretary);
        created.OrganizationId.ShouldBe(community.Id);
        created.CanViewPersonalData.ShouldBeTrue();
        created.MustChangePassword.ShouldBeTrue();
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "account.create" && a.TargetId == created.Id.ToString()));
        audit.Success.ShouldBeTrue();
        audit.UserName.ShouldBe("county");
        audit.Detail!.ShouldNotContain(InitialPassword);

        var user = portal.AnonymousClient();
        var signIn = await user.SignInAsync("new-secretary", InitialPassword);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        signIn.Headers.Location!.OriginalString.ShouldBe("/account/change-password");
        var home = await user.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Found);
        home.Headers.Location!.OriginalString.ShouldContain("/account/change-password");

        var changed = await user.PostFormAsync("/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = InitialPassword, ["NewPassword"] = "Mine#2026secret", ["ConfirmPassword"] = "Mine#2026secret",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await user.GetDocumentAsync("/")).QuerySelector("h1")!.TextContent.ShouldContain(community.Name);
    }

    [Fact]
    public async Task Editing_role_organisation_or_permission_renews_the_stamp_and_is_audited()
    {
        var county = await portal.ClientFor("county");
        var street = await OrgAsync(portal, OrgKind.Street);
        var community = await OrgAsync(portal, OrgKind.Community);
        var id = await CreateAsync(portal, county, "edit-me", PortalRole.StreetAdmin, street.Id);
        var before = await UserAsync(portal, "edit-me");

        // Only the name: saved, the stamp stays.
        var renamed = await county.PostFormAsync($"/accounts/{id}/edit", await EditFormAsync(county, id, f => f["DisplayName"] = "新名字"));
        renamed.StatusCode.ShouldBe(HttpStatusCode.Found);
        var afterRename = await UserAsync(portal, "edit-me");
        afterRename.DisplayName.ShouldBe("新名字");
        afterRename.SecurityStamp.ShouldBe(before.SecurityStamp);

        // A role without the organisation of its kind is refused.
        var mismatch = await county.PostFormAsync($"/accounts/{id}/edit", await EditFormAsync(county, id, f => f["Role"] = "CommunitySecretary"));
        (await ErrorsAsync(mismatch)).ShouldContain("所属组织与角色不匹配");
        (await UserAsync(portal, "edit-me")).Role.ShouldBe(PortalRole.StreetAdmin);

        var moved = await county.PostFormAsync($"/accounts/{id}/edit", await EditFormAsync(county, id, f =>
        {
            f["Role"] = "CommunitySecretary";
            f["OrganizationId"] = community.Id.ToString();
            f["CanViewPersonalData"] = "true";
        }));
        moved.StatusCode.ShouldBe(HttpStatusCode.Found);
        var after = await UserAsync(portal, "edit-me");
        after.Role.ShouldBe(PortalRole.CommunitySecretary);
        after.OrganizationId.ShouldBe(community.Id);
        after.CanViewPersonalData.ShouldBeTrue();
        after.SecurityStamp.ShouldNotBe(afterRename.SecurityStamp);

        var audits = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "account.update" && a.TargetId == id.ToString()).OrderBy(a => a.OccurredAt).ToListAsync());
        audits.Select(a => a.Success).ShouldBe([true, false, true]);
        audits[^1].Detail!.ShouldContain("角色：街道/镇管理员 → 社区书记/专干");
    }

    [Fact]
    public async Task An_edit_over_someone_elses_change_is_refused()
    {
        var county = await portal.ClientFor("county");
        var id = await CreateAsync(portal, county, "edit-race", PortalRole.StreetAdmin, (await OrgAsync(portal, OrgKind.Street)).Id);
        var stale = await EditFormAsync(county, id, f => f["DisplayName"] = "第二个");
        (await county.PostFormAsync($"/accounts/{id}/edit", await EditFormAsync(county, id, f => f["DisplayName"] = "第一个"))).StatusCode.ShouldBe(HttpStatusCode.Found);

        var refused = await county.PostFormAsync($"/accounts/{id}/edit", stale, formPageUrl: $"/accounts/{id}/edit");
        (await ErrorsAsync(refused)).ShouldContain("该账号已被他人修改，请刷新后重试");
        (await UserAsync(portal, "edit-race")).DisplayName.ShouldBe("第一个");
    }

    [Fact]
    public async Task The_county_admin_cannot_demote_or_disable_the_own_account()
    {
        var county = await portal.ClientFor("county");
        var self = await UserAsync(portal, "county");
        var street = await OrgAsync(portal, OrgKind.Street);

        var demote = await county.PostFormAsync($"/accounts/{self.Id}/edit", await EditFormAsync(county, self.Id, f =>
        {
            f["Role"] = "StreetAdmin";
            f["OrganizationId"] = street.Id.ToString();
        }));
        (await ErrorsAsync(demote)).ShouldContain("不能停用或降级自己的账号");

        var disable = await county.PostFormAsync($"/accounts/{self.Id}/disable", new Dictionary<string, string>(), $"/accounts/{self.Id}/edit");
        disable.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await county.GetStringAsync(disable.Headers.Location!.OriginalString)).ShouldContain("不能停用或降级自己的账号");

        var after = await UserAsync(portal, "county");
        after.Role.ShouldBe(PortalRole.CountyAdmin);
        after.IsDisabled.ShouldBeFalse();

        // A change of the own permission renews the stamp, and the admin's own session is renewed with it.
        var withoutPii = await county.PostFormAsync($"/accounts/{self.Id}/edit", await EditFormAsync(county, self.Id, f => f["CanViewPersonalData"] = "false"));
        withoutPii.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await UserAsync(portal, "county")).SecurityStamp.ShouldNotBe(self.SecurityStamp);
        portal.Time.Advance(TimeSpan.FromMinutes(2));
        (await county.GetAsync("/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var withPii = await county.PostFormAsync($"/accounts/{self.Id}/edit", await EditFormAsync(county, self.Id, f => f["CanViewPersonalData"] = "true"));
        withPii.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await UserAsync(portal, "county")).CanViewPersonalData.ShouldBeTrue();
    }
}

public sealed class SqliteAccountsLifecycleTests(SqlitePortal portal) : AccountsLifecycleTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresAccountsLifecycleTests(PostgresPortal portal) : AccountsLifecycleTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
