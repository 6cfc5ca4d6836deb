using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Security;

/// <summary>Idle timeout, security-stamp revalidation and lockout, on the portal's own (movable) clock.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    // A portal of its own: these tests move its clock.
    private readonly SqlitePortal portal = new();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)portal).DisposeAsync();

    private async Task<PortalUser> NewSecretaryAsync(string userName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var community = (await portal.WithDbAsync(db => Task.FromResult(db.Organizations.First(o => o.Kind == Domain.Organizations.OrgKind.Community)))).Id;
        return await scope.ServiceProvider.GetRequiredService<AccountFactory>()
            .CreateAsync(userName, DemoCountySeeder.Password, "测试书记", PortalRole.CommunitySecretary, community);
    }

    private static async Task<bool> IsSignedInAsync(PortalClient client)
    {
        var response = await client.GetAsync("/");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldContain("/account/login");
        return false;
    }

    [Fact]
    public async Task A_disabled_account_is_out_within_a_minute()
    {
        var user = await NewSecretaryAsync("disable-me");
        var client = await portal.ClientFor("disable-me");
        (await IsSignedInAsync(client)).ShouldBeTrue();

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            stored.IsDisabled = true;
            (await users.UpdateAsync(stored)).Succeeded.ShouldBeTrue();
            (await users.UpdateSecurityStampAsync(stored)).Succeeded.ShouldBeTrue();
        }

        portal.Time.Advance(TimeSpan.FromSeconds(61));
        (await IsSignedInAsync(client)).ShouldBeFalse();
        var again = await portal.AnonymousClient().SignInAsync("disable-me", DemoCountySeeder.Password);
        (await again.Content.ReadAsStringAsync()).ShouldContain("该账号已停用");
    }

    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes_and_activity_keeps_it()
    {
        await NewSecretaryAsync("idle-user");
        var busy = await portal.ClientFor("idle-user");
        var idle = await portal.ClientFor("idle-user");
        for (var i = 0; i < 4; i++)
        {
            portal.Time.Advance(TimeSpan.FromMinutes(16));
            (await IsSignedInAsync(busy)).ShouldBeTrue($"active after {16 * (i + 1)} minutes");
        }
        (await IsSignedInAsync(idle)).ShouldBeFalse();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await NewSecretaryAsync("lock-me");
        var client = portal.AnonymousClient();
        for (var i = 0; i < 5; i++) await client.SignInAsync("lock-me", "Wrong-password-" + i);

        var locked = await client.SignInAsync("lock-me", DemoCountySeeder.Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("账号已锁定");
        var end = await portal.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "lock-me").LockoutEnd));
        end.ShouldNotBeNull();
        (end.Value - portal.Time.GetUtcNow()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(14.9));
    }
}
