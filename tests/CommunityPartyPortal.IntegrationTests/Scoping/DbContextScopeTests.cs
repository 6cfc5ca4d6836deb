using CommunityPartyPortal.Domain.Auditing;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Scoping;

/// <summary>
/// The scoping mechanism itself, below HTTP: what each scope kind reads and what it may write, on a real
/// SQLite file and a real PostgreSQL database.
/// </summary>
public abstract class DbContextScopeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private string connectionString = "";
    private SyntheticCounty county = null!;
    private OrgTree tree = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestDatabases.NewMigratedAsync(provider, "scope");
        county = SyntheticCounty.Build(new SyntheticCountyOptions { Members = 1500, Streets = 3, Communities = 9, Units = 20, Seed = 7 });
        await using var db = TestDatabases.Context(provider, connectionString);
        await BulkLoader.LoadAsync(db, county.Organizations, county.Members);
        tree = new OrgTree(county.Organizations.Select(o => new OrgTree.Node(o.Id, o.Name, o.Kind, o.ParentId, o.Code, o.SortOrder, o.IsActive)));
        var member = county.Members[0];
        db.MemberFlowRecords.Add(new MemberFlowRecord { MemberId = member.Id, Direction = FlowDirection.Outflow, OccurredOn = new DateOnly(2026, 3, 1), Place = "西安市", Reason = "务工", Contact = "13800000000", ReceivingOrganization = "某党支部" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private PortalDbContext As(AccessScope scope) =>
        new(PortalDatabase.Options(provider, connectionString), new FixedScopeAccessor(scope), TimeProvider.System);

    private Organization Street => county.Organizations.First(o => o.Kind == OrgKind.Street);
    private Organization Community => county.Organizations.First(o => o.Kind == OrgKind.Community);
    private Organization Department => county.Organizations
        .Where(o => o.Kind == OrgKind.WorkUnit && o.ParentId == county.Organizations.Single(c => c.Kind == OrgKind.County).Id)
        .OrderByDescending(d => county.Organizations.Count(o => o.ParentId == d.Id)).First();

    private AccessScope StreetScope => new() { Kind = ScopeKind.Street, OrganizationId = Street.Id, Role = PortalRole.StreetAdmin, UserName = "street" };
    private AccessScope CommunityScope => new() { Kind = ScopeKind.Community, OrganizationId = Community.Id, Role = PortalRole.CommunitySecretary, UserName = "secretary" };
    private AccessScope UnitScope => new()
    {
        Kind = ScopeKind.Unit, OrganizationId = Department.Id, Role = PortalRole.UnitAdmin, UserName = "unit",
        UnitIds = tree.Subtree(Department.Id).Select(n => n.Id).ToList(),
    };

    [Fact]
    public async Task Each_scope_reads_exactly_its_members()
    {
        var units = UnitScope.UnitIds.ToHashSet();
        units.Count.ShouldBeGreaterThan(1, "the department has subordinate units");
        var cases = new (AccessScope Scope, int Expected)[]
        {
            (AccessScope.System(), county.Members.Count),
            (new AccessScope { Kind = ScopeKind.County, UserName = "county" }, county.Members.Count),
            (StreetScope, county.Members.Count(m => m.StreetId == Street.Id)),
            (CommunityScope, county.Members.Count(m => m.CommunityId == Community.Id)),
            (UnitScope, county.Members.Count(m => m.WorkUnitId is { } u && units.Contains(u))),
            (new AccessScope { Kind = ScopeKind.Member, MemberId = county.Members[5].Id, UserName = "m" }, 1),
            (AccessScope.Anonymous, 0),
        };
        foreach (var (scope, expected) in cases)
        {
            await using var db = As(scope);
            expected.ShouldBeGreaterThan(scope.Kind == ScopeKind.Anonymous ? -1 : 0);
            (await db.Members.CountAsync()).ShouldBe(expected, $"{scope.Kind} members");
        }
    }

    [Fact]
    public async Task Records_owned_by_a_member_follow_the_member()
    {
        var owner = county.Members[0];
        var seeing = new AccessScope { Kind = ScopeKind.Community, OrganizationId = owner.CommunityId, UserName = "s" };
        var other = county.Organizations.First(o => o.Kind == OrgKind.Community && o.Id != owner.CommunityId);
        var blind = new AccessScope { Kind = ScopeKind.Community, OrganizationId = other.Id, UserName = "s2" };
        await using (var db = As(seeing)) (await db.MemberFlowRecords.CountAsync()).ShouldBe(1);
        await using (var db = As(blind)) (await db.MemberFlowRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_write_outside_the_scope_throws_and_writes_nothing()
    {
        var outsider = county.Members.First(m => m.CommunityId != Community.Id);
        await using (var db = As(CommunityScope))
        {
            // Attach a stale copy: the filter would hide it from a query, so try the write directly.
            var copy = await LoadDetachedAsync(outsider.Id);
            db.Members.Attach(copy);
            copy.Name = "越权修改";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());

            db.ChangeTracker.Clear();
            var newcomer = NewMember(outsider.CommunityId, outsider.StreetId);
            db.Members.Add(newcomer);
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());

            db.ChangeTracker.Clear();
            db.MemberFlowRecords.Add(new MemberFlowRecord { MemberId = outsider.Id, Direction = FlowDirection.Inflow, OccurredOn = new DateOnly(2026, 1, 1), Place = "x", Reason = "x", Contact = "x", ReceivingOrganization = "x" });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());

            db.ChangeTracker.Clear();
            db.Organizations.Add(new Organization { Name = "新社区", Code = "X-NEW", Kind = OrgKind.Community, ParentId = Street.Id });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using var check = TestDatabases.Context(provider, connectionString);
        (await check.Members.SingleAsync(m => m.Id == outsider.Id)).Name.ShouldBe(outsider.Name);
        (await check.Members.CountAsync()).ShouldBe(county.Members.Count);
        (await check.MemberFlowRecords.CountAsync()).ShouldBe(1);
        (await check.Organizations.AnyAsync(o => o.Code == "X-NEW")).ShouldBeFalse();
        (await check.AuditEntries.AnyAsync(a => a.UserName == "secretary")).ShouldBeFalse("nothing was written, not even its audit line");
    }

    [Fact]
    public async Task Moving_a_member_out_of_the_scope_is_refused_but_editing_inside_is_audited()
    {
        var insider = county.Members.First(m => m.CommunityId == Community.Id);
        var elsewhere = county.Organizations.First(o => o.Kind == OrgKind.Community && o.Id != Community.Id);
        await using (var db = As(CommunityScope))
        {
            var member = await db.Members.SingleAsync(m => m.Id == insider.Id);
            member.CommunityId = elsewhere.Id;
            member.StreetId = elsewhere.ParentId;
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(CommunityScope))
        {
            var member = await db.Members.SingleAsync(m => m.Id == insider.Id);
            var version = member.Version;
            member.Specialties = "法律咨询";
            await db.SaveChangesAsync();
            member.Version.ShouldNotBe(version);
        }
        await using var check = TestDatabases.Context(provider, connectionString);
        var audit = await check.AuditEntries.SingleAsync(a => a.TargetId == insider.Id.ToString() && a.Action == "Member.update");
        audit.UserName.ShouldBe("secretary");
        audit.Detail!.ShouldContain("Specialties");
        (await check.Members.SingleAsync(m => m.Id == insider.Id)).CommunityId.ShouldBe(Community.Id);
    }

    [Fact]
    public async Task A_unit_admin_writes_only_for_its_unit_subtree()
    {
        var units = UnitScope.UnitIds.ToHashSet();
        var outside = county.Organizations.First(o => o.Kind == OrgKind.WorkUnit && !units.Contains(o.Id));
        await using var db = As(UnitScope);
        db.Members.Add(NewMember(Community.Id, Street.Id, workUnit: outside.Id));
        await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        var mine = NewMember(Community.Id, Street.Id, workUnit: units.Last());
        db.Members.Add(mine);
        await db.SaveChangesAsync();
        (await db.Members.AnyAsync(m => m.Id == mine.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_audit_trail_is_append_only()
    {
        await using var db = TestDatabases.Context(provider, connectionString);
        db.AuditEntries.Add(new AuditEntry { Action = "test", UserName = "t", OccurredAt = DateTime.UtcNow, Success = true });
        await db.SaveChangesAsync();
        var entry = await db.AuditEntries.FirstAsync(a => a.Action == "test");
        entry.Detail = "changed";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync(a => a.Action == "test"));
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_context_refuses_a_scope_that_changes_after_first_use()
    {
        var accessor = new SwitchableAccessor { Current = CommunityScope };
        await using var db = new PortalDbContext(PortalDatabase.Options(provider, connectionString), accessor, TimeProvider.System);
        await db.Members.CountAsync();
        accessor.Current = AccessScope.System();
        await Should.ThrowAsync<InvalidOperationException>(() => db.Members.CountAsync());
    }

    [Fact]
    public async Task The_database_allows_one_open_letter_and_one_active_report_per_member_and_year()
    {
        var member = county.Members.First(m => m.WorkUnitId is not null && m.CommunityId is not null);
        ReportLetter Letter(string serial) => new()
        {
            Serial = serial, Year = 2026, MemberId = member.Id, WorkUnitId = member.WorkUnitId!.Value,
            CommunityId = member.CommunityId!.Value, IssuedOn = new DateOnly(2026, 3, 1), IssuedBy = "单位",
        };
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            db.ReportLetters.Add(Letter("2026-证明信-900001"));
            await db.SaveChangesAsync();
        }
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            db.ReportLetters.Add(Letter("2026-证明信-900002"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            // Once used (or cancelled) the letter no longer blocks a new one: its slot is released.
            var first = await db.ReportLetters.SingleAsync(l => l.Serial == "2026-证明信-900001");
            first.Status = LetterStatus.Used;
            await db.SaveChangesAsync();
            first.ActiveSlot.ShouldBeNull();
            db.ReportLetters.Add(Letter("2026-证明信-900003"));
            await db.SaveChangesAsync();
        }
    }

    private async Task<Member> LoadDetachedAsync(Guid id)
    {
        await using var db = TestDatabases.Context(provider, connectionString);
        return await db.Members.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static Member NewMember(Guid? community, Guid? street, Guid? workUnit = null) => new()
    {
        Name = "测试",
        NationalId = "11010519491231002X",
        Mobile = "13900000001",
        Gender = Gender.Female,
        BirthDate = new DateOnly(1949, 12, 31),
        JoinedPartyOn = new DateOnly(1975, 7, 1),
        Category = MemberCategory.InService,
        Status = MembershipStatus.Full,
        Education = Education.Bachelor,
        CommunityId = community,
        StreetId = street,
        WorkUnitId = workUnit,
    };

    private sealed class SwitchableAccessor : IAccessScopeAccessor
    {
        public AccessScope Current { get; set; } = AccessScope.Anonymous;
    }
}

public sealed class SqliteDbContextScopeTests() : DbContextScopeTests(DatabaseProvider.Sqlite);

public sealed class PostgresDbContextScopeTests() : DbContextScopeTests(DatabaseProvider.PostgreSql);
