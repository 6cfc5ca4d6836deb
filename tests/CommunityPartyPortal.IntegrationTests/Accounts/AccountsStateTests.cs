using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Accounts.AccountsTestData;

namespace CommunityPartyPortal.IntegrationTests.Accounts;

/// <summary>Disable and enable, reset password, lockout and unlock. Runs on SQLite and on PostgreSQL.</summary>
public abstract class AccountsStateTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task Disabling_ends_the_session_refuses_sign_in_and_enabling_restores_it()
    {
        var county = await portal.ClientFor("county");
        var id = await CreateAsync(portal, county, "to-disable", PortalRole.UnitAdmin, (await OrgAsync(portal, OrgKind.WorkUnit)).Id);
        var user = portal.AnonymousClient();
        (await user.SignInAsync("to-disable", InitialPassword)).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await user.GetAsync("/account/change-password")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stamp = (await UserAsync(portal, "to-disable")).SecurityStamp;

        var disabled = await county.PostFormAsync($"/accounts/{id}/disable", new Dictionary<string, string>(), $"/accounts/{id}/edit");
        disabled.StatusCode.ShouldBe(HttpStatusCode.Found);
        disabled.Headers.Location!.OriginalString.ShouldBe($"/accounts/{id}/edit");
        var after = await UserAsync(portal, "to-disable");
        after.IsDisabled.ShouldBeTrue();
        after.SecurityStamp.ShouldNotBe(stamp);
        (await county.GetStringAsync($"/accounts/{id}/edit")).ShouldContain("已停用");

        // The open session fails its next stamp check (at most a minute later).
        portal.Time.Advance(TimeSpan.FromMinutes(2));
        var again = await user.GetAsync("/account/change-password");
        again.StatusCode.ShouldBe(HttpStatusCode.Found);
        again.Headers.Location!.OriginalString.ShouldContain("/account/login");

        var refused = await portal.AnonymousClient().SignInAsync("to-disable", InitialPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("该账号已停用，请联系管理员");
        (await county.GetDocumentAsync("/accounts?state=Disabled")).QuerySelector("tr[data-user=to-disable]").ShouldNotBeNull();

        // Enabling from the list returns to the list.
        var enabled = await county.PostFormAsync($"/accounts/{id}/enable",
            new Dictionary<string, string> { ["returnUrl"] = "/accounts?state=Disabled" }, "/accounts?state=Disabled");
        enabled.Headers.Location!.OriginalString.ShouldBe("/accounts?state=Disabled");
        (await UserAsync(portal, "to-disable")).IsDisabled.ShouldBeFalse();
        var signIn = await portal.AnonymousClient().SignInAsync("to-disable", InitialPassword);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        signIn.Headers.Location!.OriginalString.ShouldBe("/account/change-password");

        var actions = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetId == id.ToString() && a.Action.StartsWith("account.")).OrderBy(a => a.OccurredAt).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["account.create", "account.disable", "account.enable"]);
    }

    [Fact]
    public async Task Reset_password_shows_a_temporary_password_once_and_it_signs_in()
    {
        var county = await portal.ClientFor("county");
        var id = await CreateAsync(portal, county, "to-reset", PortalRole.StreetAdmin, (await OrgAsync(portal, OrgKind.Street)).Id);
        var stamp = (await UserAsync(portal, "to-reset")).SecurityStamp;

        var reset = await county.PostFormAsync($"/accounts/{id}/reset-password", new Dictionary<string, string>(), $"/accounts/{id}/edit");
        reset.StatusCode.ShouldBe(HttpStatusCode.Found);
        var page = await county.GetDocumentAsync(reset.Headers.Location!.OriginalString);
        var shown = page.QuerySelector("#temporary-password")!;
        shown.TextContent.ShouldContain("请告知本人，首次登录须修改密码");
        var password = shown.QuerySelector("code")!.TextContent.Trim();
        password.Length.ShouldBe(10);
        password.ShouldContain(c => char.IsAsciiLetterUpper(c));
        password.ShouldContain(c => char.IsAsciiLetterLower(c));
        password.ShouldContain(c => char.IsAsciiDigit(c));
        password.ShouldContain(c => !char.IsAsciiLetterOrDigit(c));
        (await county.GetDocumentAsync($"/accounts/{id}/edit")).QuerySelector("#temporary-password").ShouldBeNull();

        var user = await UserAsync(portal, "to-reset");
        user.MustChangePassword.ShouldBeTrue();
        user.SecurityStamp.ShouldNotBe(stamp);
        (await portal.AnonymousClient().SignInAsync("to-reset", InitialPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signIn = await portal.AnonymousClient().SignInAsync("to-reset", password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        signIn.Headers.Location!.OriginalString.ShouldBe("/account/change-password");

        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "account.reset-password" && a.TargetId == id.ToString()));
        audit.Success.ShouldBeTrue();
        audit.Detail!.ShouldNotContain(password);
    }

    [Fact]
    public async Task The_fifth_wrong_password_locks_for_15_minutes_and_unlock_frees_the_account()
    {
        var county = await portal.ClientFor("county");
        var id = await CreateAsync(portal, county, "to-lock", PortalRole.CommunitySecretary, (await OrgAsync(portal, OrgKind.Community, 2)).Id);
        var anonymous = portal.AnonymousClient();
        for (var i = 0; i < 5; i++) await anonymous.SignInAsync("to-lock", "Wrong#password1");

        var locked = await UserAsync(portal, "to-lock");
        locked.LockoutEnd.ShouldNotBeNull();
        locked.LockoutEnd!.Value.ShouldBeGreaterThanOrEqualTo(DateTimeOffset.UtcNow.Add(new TimeSpan(0, 14, 59)));
        var refused = await anonymous.SignInAsync("to-lock", InitialPassword);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("账号已锁定");

        var row = (await county.GetDocumentAsync("/accounts?state=Locked")).QuerySelector("tr[data-user=to-lock]");
        row.ShouldNotBeNull();
        row.TextContent.ShouldContain("锁定至");
        (await county.GetDocumentAsync("/accounts?state=Normal")).QuerySelector("tr[data-user=to-lock]").ShouldBeNull();

        var unlock = await county.PostFormAsync($"/accounts/{id}/unlock", new Dictionary<string, string> { ["returnUrl"] = "/accounts?state=Locked" }, "/accounts?state=Locked");
        unlock.Headers.Location!.OriginalString.ShouldBe("/accounts?state=Locked");
        var unlocked = await UserAsync(portal, "to-lock");
        unlocked.LockoutEnd.ShouldBeNull();
        unlocked.AccessFailedCount.ShouldBe(0);
        (await anonymous.SignInAsync("to-lock", InitialPassword)).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.unlock" && a.TargetId == id.ToString() && a.Success))).ShouldBeTrue();
    }

    [Fact]
    public async Task The_county_admin_cannot_reset_the_own_password_here()
    {
        var county = await portal.ClientFor("county");
        var self = await UserAsync(portal, "county");
        var reset = await county.PostFormAsync($"/accounts/{self.Id}/reset-password", new Dictionary<string, string>(), "/accounts");
        (await county.GetStringAsync(reset.Headers.Location!.OriginalString)).ShouldContain("不能重置自己的密码");
        (await UserAsync(portal, "county")).PasswordHash.ShouldBe(self.PasswordHash);
    }
}

public sealed class SqliteAccountsStateTests(SqlitePortal portal) : AccountsStateTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresAccountsStateTests(PostgresPortal portal) : AccountsStateTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
