using System.Reflection;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Database;

/// <summary>
/// The hand-written migrations must build exactly the schema of the EF model on every provider, the
/// committed SQL scripts must match the migrations, and a migrated database must store what the
/// model writes (including the optimistic concurrency check).
/// </summary>
public sealed class SchemaTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrated_schema_equals_the_model(DatabaseProvider provider)
    {
        var migrated = await TestDatabases.NewAsync(provider, "schema_migrated");
        await using (var db = TestDatabases.Context(provider, migrated))
        {
            await db.Database.MigrateAsync();
        }

        var created = await TestDatabases.NewAsync(provider, "schema_model");
        await using (var db = TestDatabases.Context(provider, created))
        {
            // EnsureCreated only creates tables when the database has none; on PostgreSQL it exists already.
            (await db.Database.EnsureCreatedAsync()).ShouldBeTrue();
        }

        IReadOnlyList<string> fromMigrations, fromModel;
        await using (var db = TestDatabases.Context(provider, migrated)) fromMigrations = await DatabaseSchema.ReadAsync(db);
        await using (var db = TestDatabases.Context(provider, created)) fromModel = await DatabaseSchema.ReadAsync(db);

        fromModel.ShouldNotBeEmpty();
        var diff = DatabaseSchema.Diff(fromModel, fromMigrations, "model (EnsureCreated)", "migrations (Migrate)");
        diff.ShouldBeEmpty($"{provider}: the migrations do not build the model's schema.\n{diff}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migration_history_lists_every_migration(DatabaseProvider provider)
    {
        var connectionString = await TestDatabases.NewMigratedAsync(provider, "history");
        await using var db = TestDatabases.Context(provider, connectionString);

        var inAssembly = typeof(PortalDbContext).Assembly.GetTypes()
            .Where(t => typeof(Migration).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        inAssembly.ShouldNotBeEmpty();
        db.Database.GetMigrations().Order(StringComparer.Ordinal).ShouldBe(inAssembly);

        var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
        history.Order(StringComparer.Ordinal).ShouldBe(inAssembly);
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Committed_schema_script_is_current(DatabaseProvider provider)
    {
        var relative = SchemaScripts.PathFor(provider);
        var path = Path.Combine(RepositoryRoot.Path, relative);
        var stale = $"{relative} is stale: run {SchemaScripts.Command}";

        File.Exists(path).ShouldBeTrue(stale);
        var committed = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        (committed == SchemaScripts.Generate(provider)).ShouldBeTrue(stale);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrated_database_round_trips_organizations_and_members(DatabaseProvider provider)
    {
        var connectionString = await TestDatabases.NewMigratedAsync(provider, "roundtrip");
        var county = new Organization { Name = "示范县", Code = "C", Kind = OrgKind.County };
        var street = new Organization { Name = "城关街道", Code = "S01", Kind = OrgKind.Street, ParentId = county.Id, SortOrder = 1 };
        var community = new Organization { Name = "东风社区", Code = "S01-C01", Kind = OrgKind.Community, ParentId = street.Id };
        var unit = new Organization { Name = "县教育局", Code = "U001", Kind = OrgKind.WorkUnit, ParentId = county.Id, IsActive = false };
        var member = new Member
        {
            Name = "欧阳明",
            Gender = Gender.Female,
            BirthDate = new DateOnly(1980, 2, 29),
            Ethnicity = "回族",
            Education = Education.Postgraduate,
            JoinedPartyOn = new DateOnly(2001, 7, 1),
            Status = MembershipStatus.Probationary,
            Category = MemberCategory.InService,
            NationalId = "61032219800229002X",
            Mobile = "13912345678",
            WorkUnitId = unit.Id,
            CommunityId = community.Id,
            StreetId = street.Id,
            Specialties = "法律咨询、心理疏导",
            ServiceIntentions = ServiceCategory.LegalAid | ServiceCategory.Environment,
        };

        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            db.Organizations.AddRange(county, street, community, unit);
            db.Members.Add(member);
            await db.SaveChangesAsync();
        }
        member.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);

        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            var read = await db.Members.AsNoTracking().SingleAsync(m => m.NationalId == member.NationalId);
            read.Id.ShouldBe(member.Id);
            read.Name.ShouldBe("欧阳明");
            read.Gender.ShouldBe(Gender.Female);
            read.BirthDate.ShouldBe(new DateOnly(1980, 2, 29));
            read.JoinedPartyOn.ShouldBe(new DateOnly(2001, 7, 1));
            read.MovedOutOn.ShouldBeNull();
            read.Education.ShouldBe(Education.Postgraduate);
            read.Status.ShouldBe(MembershipStatus.Probationary);
            read.Category.ShouldBe(MemberCategory.InService);
            read.ServiceIntentions.ShouldBe(ServiceCategory.LegalAid | ServiceCategory.Environment);
            read.WorkUnitId.ShouldBe(unit.Id);
            read.CommunityId.ShouldBe(community.Id);
            read.StreetId.ShouldBe(street.Id);
            read.GridId.ShouldBeNull();
            read.Version.ShouldBe(member.Version);
            // PostgreSQL keeps microseconds; the instant must survive (SQLite gives the kind back as Unspecified).
            TruncateToMicroseconds(DateTime.SpecifyKind(read.CreatedAt, DateTimeKind.Utc)).ShouldBe(TruncateToMicroseconds(member.CreatedAt));
            if (provider == DatabaseProvider.PostgreSql) read.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);

            (await db.Members.CountAsync(m => m.Category == MemberCategory.InService && m.BirthDate < new DateOnly(1990, 1, 1))).ShouldBe(1);
            (await db.Members.CountAsync(m => m.StreetId == street.Id)).ShouldBe(1);

            var orgs = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).ToListAsync();
            orgs.Select(o => o.Code).ShouldBe(["C", "S01", "S01-C01", "U001"]);
            orgs.Single(o => o.Code == "U001").IsActive.ShouldBeFalse();
            orgs.Single(o => o.Code == "S01-C01").ParentId.ShouldBe(street.Id);
            orgs.Single(o => o.Code == "S01").Kind.ShouldBe(OrgKind.Street);
            (await db.AuditEntries.CountAsync()).ShouldBe(5);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stale_member_edit_throws_a_concurrency_exception(DatabaseProvider provider)
    {
        var connectionString = await TestDatabases.NewMigratedAsync(provider, "concurrency");
        var community = new Organization { Name = "幸福社区", Code = "S01-C01", Kind = OrgKind.Community };
        var member = new Member { Name = "张伟", NationalId = "610322198501010011", Mobile = "13800000000", CommunityId = community.Id };
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            db.Organizations.Add(community);
            db.Members.Add(member);
            await db.SaveChangesAsync();
        }

        await using var first = TestDatabases.Context(provider, connectionString);
        await using var second = TestDatabases.Context(provider, connectionString);
        var a = await first.Members.SingleAsync(m => m.Id == member.Id);
        var b = await second.Members.SingleAsync(m => m.Id == member.Id);
        a.Version.ShouldBe(b.Version);

        a.Name = "张伟一";
        await first.SaveChangesAsync();
        a.Version.ShouldNotBe(b.Version);

        b.Name = "张伟二";
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = TestDatabases.Context(provider, connectionString);
        (await check.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id)).Name.ShouldBe("张伟一");
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, value.Kind);
}
