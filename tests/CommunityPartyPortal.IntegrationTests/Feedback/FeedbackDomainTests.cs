using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// A small known county for the feedback domain tests, in a fresh database of the provider per test: two streets, three
/// communities (A1 and A2 in street A, B in street B), three units, and members with and without reports of
/// <see cref="Year"/>. Seed 000's rule (5 days a year) is set for the year. Service data is added by each test.
/// </summary>
public abstract class FeedbackDomainTests(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>A past year, so its cycles can be closed.</summary>
    protected const int Year = 2025;

    protected DatabaseProvider Provider { get; } = provider;
    protected string ConnectionString { get; private set; } = "";

    protected Organization StreetA { get; } = Org("城关街道", "S01", OrgKind.Street);
    protected Organization StreetB { get; } = Org("东关街道", "S02", OrgKind.Street);
    protected Organization CommunityA1 { get; private set; } = null!;
    protected Organization CommunityA2 { get; private set; } = null!;
    protected Organization CommunityB { get; private set; } = null!;
    protected Organization Unit1 { get; } = Org("县教育局", "U01", OrgKind.WorkUnit);
    protected Organization Unit2 { get; } = Org("县卫健局", "U02", OrgKind.WorkUnit);
    protected Organization Unit3 { get; } = Org("县财政局", "U03", OrgKind.WorkUnit);

    /// <summary>Lives in A1, works in unit 1, reported on 1 March (the member whose figures the drafter tests check).</summary>
    protected Member Active { get; private set; } = null!;
    /// <summary>Lives in A1, works in unit 1, reported on 1 February.</summary>
    protected Member Busy { get; private set; } = null!;
    /// <summary>Lives in A2, works in unit 2, reported; withdrawn on 15 July (after Q2's end): still gets a Q2 card.</summary>
    protected Member WithdrawnLate { get; private set; } = null!;
    /// <summary>Lives in B, works in unit 2, reported; withdrawn on 15 June (before Q2's end): no Q2 card.</summary>
    protected Member WithdrawnEarly { get; private set; } = null!;
    /// <summary>Lives in A1, works in unit 1, reported on 5 July (after Q2's end): no Q2 card.</summary>
    protected Member ReportedLate { get; private set; } = null!;
    /// <summary>Lives in A1, works in unit 1, never reported.</summary>
    protected Member NotReported { get; private set; } = null!;
    /// <summary>Lives in B, works in unit 2, reported in the year before only.</summary>
    protected Member LastYearOnly { get; private set; } = null!;

    protected static DateOnly D(int month, int day) => new(Year, month, day);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabases.NewMigratedAsync(Provider, "feedback");
        var county = Org("示范县", "C", OrgKind.County);
        StreetA.ParentId = StreetB.ParentId = Unit1.ParentId = Unit2.ParentId = Unit3.ParentId = county.Id;
        CommunityA1 = Org("东风社区", "S01-C01", OrgKind.Community, StreetA);
        CommunityA2 = Org("西街社区", "S01-C02", OrgKind.Community, StreetA);
        CommunityB = Org("南关社区", "S02-C01", OrgKind.Community, StreetB);

        Active = NewMember("张积极", CommunityA1, Unit1, StreetA);
        Busy = NewMember("李勤快", CommunityA1, Unit1, StreetA);
        WithdrawnLate = NewMember("王迁出", CommunityA2, Unit2, StreetA);
        WithdrawnEarly = NewMember("赵早迁", CommunityB, Unit2, StreetB);
        ReportedLate = NewMember("钱晚报", CommunityA1, Unit1, StreetA);
        NotReported = NewMember("孙未报", CommunityA1, Unit1, StreetA);
        LastYearOnly = NewMember("周去年", CommunityB, Unit2, StreetB);

        await using var db = System();
        db.Organizations.AddRange(county, StreetA, StreetB, CommunityA1, CommunityA2, CommunityB, Unit1, Unit2, Unit3);
        db.Members.AddRange(Active, Busy, WithdrawnLate, WithdrawnEarly, ReportedLate, NotReported, LastYearOnly);
        db.RequirementRules.AddRange(RequirementPresets.Create(RequirementPresets.Seed000, Year));
        db.CommunityReports.AddRange(
            Report(Active, D(3, 1)),
            Report(Busy, D(2, 1)),
            Report(WithdrawnLate, D(3, 10), withdrawnOn: D(7, 15)),
            Report(WithdrawnEarly, D(3, 10), withdrawnOn: D(6, 15)),
            Report(ReportedLate, D(7, 5)),
            Report(LastYearOnly, new DateOnly(Year - 1, 4, 1), year: Year - 1));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A system-scope context (drafting, setting up data, reading back).</summary>
    protected PortalDbContext System() => TestDatabases.Context(Provider, ConnectionString);

    protected PortalDbContext As(AccessScope scope) =>
        new(PortalDatabase.Options(Provider, ConnectionString), new FixedScopeAccessor(scope), TimeProvider.System);

    protected static AccessScope County => new() { Kind = ScopeKind.County, UserName = "county", Role = PortalRole.CountyAdmin };

    protected AccessScope Street(Organization street) => new()
    {
        Kind = ScopeKind.Street, OrganizationId = street.Id, Role = PortalRole.StreetAdmin, UserName = "street",
        CommunityIds = street == StreetA ? [CommunityA1.Id, CommunityA2.Id] : [CommunityB.Id],
    };

    protected static AccessScope Secretary(Organization community) =>
        new() { Kind = ScopeKind.Community, OrganizationId = community.Id, Role = PortalRole.CommunitySecretary, UserName = "secretary" };

    protected static AccessScope UnitAdmin(Organization unit) =>
        new() { Kind = ScopeKind.Unit, OrganizationId = unit.Id, UnitIds = [unit.Id], Role = PortalRole.UnitAdmin, UserName = "unit" };

    protected static AccessScope MemberScope(Member member) =>
        new() { Kind = ScopeKind.Member, MemberId = member.Id, Role = PortalRole.Member, UserName = "member" };

    /// <summary>The year's second quarter (1 April – 30 June), saved.</summary>
    protected async Task<FeedbackCycle> SecondQuarterAsync()
    {
        var cycle = FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 2);
        await using var db = System();
        db.FeedbackCycles.Add(cycle);
        await db.SaveChangesAsync();
        return cycle;
    }

    private static Organization Org(string name, string code, OrgKind kind, Organization? parent = null) =>
        new() { Name = name, Code = code, Kind = kind, ParentId = parent?.Id };

    private static Member NewMember(string name, Organization community, Organization unit, Organization street)
    {
        var id = TestMembers.NewNationalId();
        return new Member
        {
            Name = name, NationalId = id, Mobile = TestMembers.NewMobile(), Gender = NationalId.IsMale(id) == true ? Gender.Male : Gender.Female,
            BirthDate = NationalId.BirthDate(id)!.Value, Education = Education.Bachelor, JoinedPartyOn = new DateOnly(2005, 7, 1),
            Status = MembershipStatus.Full, Category = MemberCategory.InService,
            WorkUnitId = unit.Id, CommunityId = community.Id, StreetId = street.Id,
        };
    }

    private static int serial;

    private static CommunityReport Report(Member member, DateOnly reportedOn, DateOnly? withdrawnOn = null, int year = Year)
    {
        var n = Interlocked.Increment(ref serial);
        return new CommunityReport
        {
            Year = year, MemberId = member.Id, CommunityId = member.CommunityId!.Value, ReportedOn = reportedOn, ConfirmedBy = "社区书记",
            Status = withdrawnOn is null ? ReportStatus.Confirmed : ReportStatus.Withdrawn, WithdrawnOn = withdrawnOn,
            WithdrawReason = withdrawnOn is null ? null : "搬离社区",
            ReceiptSerial = $"{year}-报到-F{Guid.NewGuid():N}"[..24], InfoCardSerial = $"{year}-信息卡-{n:D6}", CommitmentSerial = $"{year}-承诺卡-{n:D6}",
        };
    }

    /// <summary>A confirmed (or other) service record of the member in the member's community, outside activities.</summary>
    protected static ServiceRecord Record(Member member, DateOnly on, int minutes, RecordStatus status = RecordStatus.Confirmed) => new()
    {
        MemberId = member.Id, CommunityId = member.CommunityId!.Value, ServedOn = on, Content = "环境卫生整治", Minutes = minutes,
        Source = RecordSource.Manual, Status = status, RecordedBy = "社区书记", ConfirmedBy = status == RecordStatus.Confirmed ? "网格员" : null,
    };
}
