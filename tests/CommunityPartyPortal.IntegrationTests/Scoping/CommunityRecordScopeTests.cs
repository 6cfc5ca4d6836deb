using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Scoping;

/// <summary>
/// The one scoping rule of the community's records (activities, service records, households, wishes …):
/// what each scope kind reads and writes, below HTTP, on a real SQLite file and a real PostgreSQL database.
/// </summary>
public abstract class CommunityRecordScopeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private string connectionString = "";
    private SyntheticCounty county = null!;
    private Organization streetA = null!, communityA = null!, communityB = null!;
    private Member residentA = null!, residentB = null!;
    private Activity activityA = null!, activityB = null!;
    private Household householdA = null!;
    private Wish wishA = null!;
    private List<Guid> unitIds = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestDatabases.NewMigratedAsync(provider, "cscope");
        county = SyntheticCounty.Build(new SyntheticCountyOptions { Members = 600, Streets = 2, Communities = 4, Units = 10, Seed = 11 });
        await using var db = TestDatabases.Context(provider, connectionString);
        await BulkLoader.LoadAsync(db, county.Organizations, county.Members);
        var streets = county.Organizations.Where(o => o.Kind == OrgKind.Street).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        streetA = streets[0];
        communityA = county.Organizations.First(o => o.Kind == OrgKind.Community && o.ParentId == streetA.Id);
        communityB = county.Organizations.First(o => o.Kind == OrgKind.Community && o.ParentId == streets[1].Id);
        residentA = county.Members.First(m => m.CommunityId == communityA.Id && m.WorkUnitId is not null);
        residentB = county.Members.First(m => m.CommunityId == communityB.Id && m.WorkUnitId != residentA.WorkUnitId);
        unitIds = [residentA.WorkUnitId!.Value];

        activityA = NewActivity(communityA.Id, "A社区活动");
        activityB = NewActivity(communityB.Id, "B社区活动");
        householdA = new Household { CommunityId = communityA.Id, Serial = "2026-联系-900001", HeadName = "困难户", Address = "1号楼", Kind = HouseholdKind.LonelyElder };
        wishA = new Wish { CommunityId = communityA.Id, Serial = "2026-心愿-900001", Title = "修水龙头", ResidentName = "居民", Status = WishStatus.Published };
        db.AddRange(activityA, activityB, householdA, wishA);
        db.AddRange(NewRecord(residentA, activityA), NewRecord(residentB, activityB));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Activity NewActivity(Guid community, string title) => new()
    {
        CommunityId = community, Title = title, StartsAt = new DateTime(2026, 5, 2, 1, 0, 0, DateTimeKind.Utc),
        EndsAt = new DateTime(2026, 5, 2, 3, 0, 0, DateTimeKind.Utc), DefaultMinutes = 120, CheckInCode = Guid.NewGuid().ToString("N"),
    };

    private static ServiceRecord NewRecord(Member member, Activity activity) => new()
    {
        MemberId = member.Id, CommunityId = activity.CommunityId, ActivityId = activity.Id, ServedOn = new DateOnly(2026, 5, 2),
        Content = activity.Title, Minutes = 120, Source = RecordSource.CheckIn, Status = RecordStatus.Confirmed, RecordedBy = "书记",
    };

    private PortalDbContext As(AccessScope scope) =>
        new(PortalDatabase.Options(provider, connectionString), new FixedScopeAccessor(scope), TimeProvider.System);

    private AccessScope Street => new()
    {
        Kind = ScopeKind.Street, OrganizationId = streetA.Id, Role = PortalRole.StreetAdmin, UserName = "street",
        CommunityIds = county.Organizations.Where(o => o.ParentId == streetA.Id && o.Kind == OrgKind.Community).Select(o => o.Id).ToList(),
    };
    private AccessScope SecretaryA => new() { Kind = ScopeKind.Community, OrganizationId = communityA.Id, Role = PortalRole.CommunitySecretary, UserName = "secretary" };
    private AccessScope Unit => new() { Kind = ScopeKind.Unit, OrganizationId = unitIds[0], UnitIds = unitIds, Role = PortalRole.UnitAdmin, UserName = "unit" };
    private AccessScope MemberA => new() { Kind = ScopeKind.Member, MemberId = residentA.Id, Role = PortalRole.Member, UserName = "member" };

    [Fact]
    public async Task Each_scope_reads_exactly_its_community_records()
    {
        var cases = new (AccessScope Scope, string[] Activities, Guid[] RecordsOf, int Households, int Wishes)[]
        {
            (new AccessScope { Kind = ScopeKind.County, UserName = "county" }, ["A社区活动", "B社区活动"], [residentA.Id, residentB.Id], 1, 1),
            (Street, ["A社区活动"], [residentA.Id], 1, 1),
            (SecretaryA, ["A社区活动"], [residentA.Id], 1, 1),
            (Unit, [], [residentA.Id], 0, 0),
            (MemberA, ["A社区活动"], [residentA.Id], 0, 1),
            (AccessScope.Anonymous, [], [], 0, 0),
        };
        foreach (var (scope, activities, recordsOf, households, wishes) in cases)
        {
            await using var db = As(scope);
            string.Join("、", await db.Activities.Select(a => a.Title).OrderBy(t => t).ToListAsync()).ShouldBe(string.Join("、", activities), $"{scope.Kind} activities");
            (await db.ServiceRecords.Select(r => r.MemberId).ToListAsync()).Order().ToArray().ShouldBe(recordsOf.Order().ToArray(), $"{scope.Kind} records");
            (await db.Households.CountAsync()).ShouldBe(households, $"{scope.Kind} households");
            (await db.Wishes.CountAsync()).ShouldBe(wishes, $"{scope.Kind} wishes");
        }
    }

    [Fact]
    public async Task A_secretary_writes_only_into_its_own_community_and_for_its_residents()
    {
        await using (var db = As(SecretaryA))
        {
            db.Activities.Add(NewActivity(communityB.Id, "越权活动"));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(SecretaryA))
        {
            // The activity is the secretary's, the member lives elsewhere.
            db.ServiceRecords.Add(NewRecord(residentB, activityA));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(SecretaryA))
        {
            var own = NewActivity(communityA.Id, "本社区活动");
            db.Activities.Add(own);
            db.ServiceRecords.Add(NewRecord(residentA, own));
            await db.SaveChangesAsync();
        }
        await using var check = TestDatabases.Context(provider, connectionString);
        (await check.Activities.CountAsync(a => a.Title == "越权活动")).ShouldBe(0);
        (await check.ServiceRecords.CountAsync(r => r.MemberId == residentB.Id)).ShouldBe(1);
        (await check.ServiceRecords.CountAsync(r => r.MemberId == residentA.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Streets_and_units_read_but_do_not_write_community_records()
    {
        foreach (var scope in new[] { Street, Unit })
        {
            await using var db = As(scope);
            db.Activities.Add(NewActivity(communityA.Id, "街道或单位的活动"));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(Unit))
        {
            db.ServiceRecords.Add(NewRecord(residentA, activityA));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task A_member_writes_own_records_and_claims_wishes_where_he_lives_only()
    {
        await using (var db = As(MemberA))
        {
            db.ServiceRecords.Add(NewRecord(residentB, activityA));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(MemberA))
        {
            db.Activities.Add(NewActivity(communityA.Id, "党员自建活动"));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(MemberA))
        {
            var wish = await db.Wishes.SingleAsync();
            wish.Status = WishStatus.Claimed;
            wish.ClaimedByMemberId = residentA.Id;
            db.Suggestions.Add(new Suggestion { MemberId = residentA.Id, CommunityId = communityA.Id, Title = "建议", Content = "增设路灯" });
            await db.SaveChangesAsync();
        }
        await using (var db = As(MemberA))
        {
            db.Suggestions.Add(new Suggestion { MemberId = residentA.Id, CommunityId = communityB.Id, Title = "建议", Content = "别的社区" });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using var check = TestDatabases.Context(provider, connectionString);
        (await check.Wishes.SingleAsync()).ClaimedByMemberId.ShouldBe(residentA.Id);
        (await check.Suggestions.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Service_records_are_never_deleted_and_one_check_in_counts_per_activity()
    {
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            var record = await db.ServiceRecords.FirstAsync(r => r.MemberId == residentA.Id);
            db.ServiceRecords.Remove(record);
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            db.ServiceRecords.Add(NewRecord(residentA, activityA));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            // Undone, the first check-in releases its slot and the member can be checked in again.
            var record = await db.ServiceRecords.FirstAsync(r => r.MemberId == residentA.Id && r.ActivityId == activityA.Id);
            record.Status = RecordStatus.Undone;
            await db.SaveChangesAsync();
            record.ActiveSlot.ShouldBeNull();
            db.ServiceRecords.Add(NewRecord(residentA, activityA));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Members_get_their_pinyin_when_saved()
    {
        await using var db = TestDatabases.Context(provider, connectionString);
        var member = await db.Members.FirstAsync(m => m.Id == residentA.Id);
        member.Name = "单雄信";
        await db.SaveChangesAsync();
        var saved = await TestDatabases.Context(provider, connectionString).Members.AsNoTracking().SingleAsync(m => m.Id == residentA.Id);
        saved.NamePinyin.ShouldBe("shan xiong xin");
        saved.NameInitials.ShouldBe("sxx");
        (await db.Members.CountAsync(m => m.NameInitials == null)).ShouldBe(0, "the synthetic county fills the pinyin too");
    }
}

public sealed class SqliteCommunityRecordScopeTests() : CommunityRecordScopeTests(DatabaseProvider.Sqlite);

public sealed class PostgresCommunityRecordScopeTests() : CommunityRecordScopeTests(DatabaseProvider.PostgreSql);
