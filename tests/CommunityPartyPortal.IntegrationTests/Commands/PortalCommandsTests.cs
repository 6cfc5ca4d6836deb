using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Commands;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Commands;

/// <summary>The commands of the portal's executable, run against real databases.</summary>
public sealed class PortalCommandsTests
{
    private static string[] Settings(DatabaseProvider provider, string cs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cpp-cmd-" + Guid.NewGuid().ToString("N"));
        return
        [
            "--Database:Provider", provider.ToString(), "--ConnectionStrings:Portal", cs, "--Portal:DataFolder", folder,
            "--Serilog:WriteTo:1:Args:path", Path.Combine(folder, "logs", "portal-.log"), "--Serilog:MinimumLevel:Default", "Warning",
        ];
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Create_admin_makes_the_first_county_admin_on_an_empty_database(DatabaseProvider provider)
    {
        var cs = await TestDatabases.NewAsync(provider, "cmd");
        var code = await PortalCommands.RunAsync(
            ["create-admin", "--user", "zzb-admin", "--password", "Zzb@2026first", "--name", "组织部管理员", "--county", "凤翔县", .. Settings(provider, cs)]);
        code.ShouldBe(0);

        await using var db = TestDatabases.Context(provider, cs);
        var county = await db.Organizations.SingleAsync();
        county.Kind.ShouldBe(OrgKind.County);
        county.Name.ShouldBe("凤翔县");
        var admin = await db.Users.SingleAsync();
        admin.UserName.ShouldBe("zzb-admin");
        admin.Role.ShouldBe(PortalRole.CountyAdmin);
        admin.OrganizationId.ShouldBe(county.Id);
        admin.MustChangePassword.ShouldBeTrue();
        admin.CanViewPersonalData.ShouldBeTrue();
        new PasswordHasher<PortalUser>().VerifyHashedPassword(admin, admin.PasswordHash!, "Zzb@2026first")
            .ShouldNotBe(PasswordVerificationResult.Failed);
        (await db.Members.AnyAsync()).ShouldBeFalse("no demo data outside Development");
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password_and_writes_no_account()
    {
        var cs = SqliteFiles.NewDatabase("cmd-weak");
        var code = await PortalCommands.RunAsync(
            ["create-admin", "--user", "weak", "--password", "short", "--county", "凤翔县", .. Settings(DatabaseProvider.Sqlite, cs)]);
        code.ShouldBe(1);
        await using var db = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        (await db.Users.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Seed_scale_fills_an_empty_database_with_a_synthetic_county()
    {
        var cs = SqliteFiles.NewDatabase("cmd-scale");
        var code = await PortalCommands.RunAsync(
            ["seed-scale", "--members", "3000", "--streets", "3", "--communities", "12", "--units", "30", .. Settings(DatabaseProvider.Sqlite, cs)]);
        code.ShouldBe(0);
        await using var db = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        (await db.Members.CountAsync()).ShouldBe(3000);
        (await db.Organizations.CountAsync(o => o.Kind == OrgKind.Community)).ShouldBe(12);
        (await db.Users.CountAsync()).ShouldBeGreaterThanOrEqualTo(5);

        var again = await PortalCommands.RunAsync(["seed-scale", "--members", "10", .. Settings(DatabaseProvider.Sqlite, cs)]);
        again.ShouldBe(1, "seed-scale refuses a database that has data");
    }
}
