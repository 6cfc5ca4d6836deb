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

namespace CommunityPartyPortal.IntegrationTests.Summaries;

/// <summary>
/// A small known county for the summary tables, in a fresh database of the provider per test: streets A (communities A1,
/// A2) and B (B1, B2); department D1 (县教育局) with units U11 and U12, department D2 (县卫健局) with unit U21. The year's
/// threshold is 50%; the rule is seed 003's basic one (2 services or 8 hours). Who is who (all in-service unless said):
/// <list type="bullet">
/// <item>M1 D1/A1: reported 3-1, receipt 3-5; services, a post, a wish, a household with visits; cards Q2 合格, Q4 基本合格, yearly 优秀.</item>
/// <item>M2 D1/A1: reported 4-1; 8 hours in one record; a draft card only.</item>
/// <item>M3 U11/A2: reported late 5-20, receipt 6-1; 30 minutes; a suggestion; card Q2 不合格.</item>
/// <item>M4 U11/B1: moved out 6-30, report withdrawn 6-30 (receipt 3-12); served in March and April.</item>
/// <item>M5 U11/B1: report withdrawn 8-1 (still lives there); letter cancelled; served 5-5.</item>
/// <item>M6 U12/A1: letter 10-1 and report 10-15 (after 30 September); served 9-1.</item>
/// <item>M7 U12/B2: letter 9-1, never reported.</item>
/// <item>M8 U21/B2: reported 2-1, receipt at 23:00 China time on 30 September; household paired, no visit; a suggestion;
/// cards Q1 合格, Q2 基本合格 with veto, corrected on 10-10 to 合格 without veto.</item>
/// <item>M9 U21/A2: reported 2-2, receipt at 00:30 China time on 1 October; card Q2 优秀 sent 10-10.</item>
/// <item>M10 U21/B1: reported only in the year before.</item>
/// <item>M11 self-managed in A1, M12 floating in B2 (no unit).</item>
/// </list>
/// Verified counts: U11 3, U21 4 (U21 is exactly at 50%, U11 below at 1/3).
/// </summary>
public abstract class SummaryTestData(DatabaseProvider provider) : IAsyncLifetime
{
    protected const int Year = 2025;

    protected DatabaseProvider Provider { get; } = provider;
    protected string ConnectionString { get; private set; } = "";

    protected Organization County { get; } = Org("示范县", "C", OrgKind.County);
    protected Organization StreetA { get; private set; } = null!;
    protected Organization StreetB { get; private set; } = null!;
    protected Organization A1 { get; private set; } = null!;
    protected Organization A2 { get; private set; } = null!;
    protected Organization B1 { get; private set; } = null!;
    protected Organization B2 { get; private set; } = null!;
    protected Organization D1 { get; private set; } = null!;
    protected Organization U11 { get; private set; } = null!;
    protected Organization U12 { get; private set; } = null!;
    protected Organization D2 { get; private set; } = null!;
    protected Organization U21 { get; private set; } = null!;

    protected Member M1 { get; private set; } = null!;
    protected Member M2 { get; private set; } = null!;
    protected Member M3 { get; private set; } = null!;
    protected Member M4 { get; private set; } = null!;
    protected Member M5 { get; private set; } = null!;
    protected Member M6 { get; private set; } = null!;
    protected Member M7 { get; private set; } = null!;
    protected Member M8 { get; private set; } = null!;
    protected Member M9 { get; private set; } = null!;
    protected Member M10 { get; private set; } = null!;
    protected Member M11 { get; private set; } = null!;
    protected Member M12 { get; private set; } = null!;

    protected static DateOnly D(int month, int day) => new(Year, month, day);

    /// <summary>A UTC time from a China date and hour.</summary>
    protected static DateTime ChinaTime(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabases.NewMigratedAsync(Provider, "summaries");
        StreetA = Org("城关街道", "S01", OrgKind.Street, County, 1);
        StreetB = Org("东关街道", "S02", OrgKind.Street, County, 2);
        A1 = Org("东风社区", "S01-C01", OrgKind.Community, StreetA, 1);
        A2 = Org("西街社区", "S01-C02", OrgKind.Community, StreetA, 2);
        B1 = Org("南关社区", "S02-C01", OrgKind.Community, StreetB, 1);
        B2 = Org("北关社区", "S02-C02", OrgKind.Community, StreetB, 2);
        D1 = Org("县教育局", "U01", OrgKind.WorkUnit, County, 3);
        U11 = Org("县第一中学", "U01-01", OrgKind.WorkUnit, D1, 1);
        U12 = Org("县第二中学", "U01-02", OrgKind.WorkUnit, D1, 2);
        D2 = Org("县卫健局", "U02", OrgKind.WorkUnit, County, 4);
        U21 = Org("县医院", "U02-01", OrgKind.WorkUnit, D2, 1);

        M1 = NewMember("张一", D1, A1);
        M2 = NewMember("王二", D1, A1);
        M3 = NewMember("李三", U11, A2);
        M4 = NewMember("赵四", U11, B1, m => { m.MovedOutOn = D(6, 30); m.MovedOutTo = "外县"; });
        M5 = NewMember("钱五", U11, B1);
        M6 = NewMember("孙六", U12, A1);
        M7 = NewMember("周七", U12, B2);
        M8 = NewMember("吴八", U21, B2);
        M9 = NewMember("郑九", U21, A2);
        M10 = NewMember("冯十", U21, B1);
        M11 = NewMember("陈自管", null, A1, m => m.Category = MemberCategory.SelfManaged);
        M12 = NewMember("褚流动", null, B2, m => m.Category = MemberCategory.Floating);

        await using var db = System();
        db.Organizations.AddRange(County, StreetA, StreetB, A1, A2, B1, B2, D1, U11, U12, D2, U21);
        db.Members.AddRange(M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12);
        db.ReportingYears.Add(new ReportingYear { Year = Year, Deadline = D(5, 15), ThresholdPercent = 50 });
        db.RequirementRules.AddRange(RequirementPresets.Create(RequirementPresets.Seed003Basic, Year));
        db.UnitVerifications.AddRange(
            new UnitVerification { WorkUnitId = U11.Id, Year = Year, VerifiedCount = 3, VerifiedBy = "一中" },
            new UnitVerification { WorkUnitId = U21.Id, Year = Year, VerifiedCount = 4, VerifiedBy = "县医院" },
            new UnitVerification { WorkUnitId = U21.Id, Year = Year - 1, VerifiedCount = 40, VerifiedBy = "县医院" });
        AddReporting(db);
        await db.SaveChangesAsync();
        AddService(db);
        await db.SaveChangesAsync();
        await AddCardsAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected PortalDbContext System() => TestDatabases.Context(Provider, ConnectionString);

    protected PortalDbContext As(AccessScope scope, TimeProvider? time = null) =>
        new(PortalDatabase.Options(Provider, ConnectionString), new FixedScopeAccessor(scope), time ?? TimeProvider.System);

    protected static AccessScope CountyScope => new() { Kind = ScopeKind.County, UserName = "county", Role = PortalRole.CountyAdmin };

    protected AccessScope StreetScope(Organization street) => new()
    {
        Kind = ScopeKind.Street, OrganizationId = street.Id, Role = PortalRole.StreetAdmin, UserName = "street",
        CommunityIds = street == StreetA ? [A1.Id, A2.Id] : [B1.Id, B2.Id],
    };

    protected static AccessScope SecretaryScope(Organization community) =>
        new() { Kind = ScopeKind.Community, OrganizationId = community.Id, Role = PortalRole.CommunitySecretary, UserName = "secretary" };

    protected static AccessScope UnitScope(Organization unit, params Organization[] below) =>
        new() { Kind = ScopeKind.Unit, OrganizationId = unit.Id, UnitIds = [unit.Id, .. below.Select(u => u.Id)], Role = PortalRole.UnitAdmin, UserName = "unit" };

    private void AddReporting(PortalDbContext db)
    {
        db.ReportLetters.AddRange(
            Letter(M1, D(2, 20), LetterStatus.Used),
            Letter(M2, D(3, 20), LetterStatus.Used),
            Letter(M3, D(5, 10), LetterStatus.Used),
            Letter(M4, D(3, 1), LetterStatus.Used),
            Letter(M5, D(3, 1), LetterStatus.Cancelled),     // cancelled: never counts
            Letter(M6, D(10, 1), LetterStatus.Used),         // after 30 September
            Letter(M7, D(9, 1), LetterStatus.Issued),
            Letter(M8, D(1, 20), LetterStatus.Used));
        db.CommunityReports.AddRange(
            Report(M1, D(3, 1), receipt: ChinaTime(Year, 3, 5, 10)),
            Report(M2, D(4, 1)),
            Report(M3, D(5, 20), late: true, receipt: ChinaTime(Year, 6, 1, 9)),
            Report(M4, D(3, 10), withdrawnOn: D(6, 30), receipt: ChinaTime(Year, 3, 12, 9)),
            Report(M5, D(3, 10), withdrawnOn: D(8, 1)),
            Report(M6, D(10, 15), late: true),
            Report(M8, D(2, 1), receipt: ChinaTime(Year, 9, 30, 23)),
            Report(M9, D(2, 2), receipt: ChinaTime(Year, 10, 1, 0, 30)),
            Report(M10, new DateOnly(Year - 1, 4, 1), year: Year - 1));
    }

    private void AddService(PortalDbContext db)
    {
        db.ServiceRecords.AddRange(
            Record(M1, D(3, 15), 60), Record(M1, D(3, 15), 60), Record(M1, D(6, 1), 120),
            Record(M1, D(10, 5), 90),                                   // after 30 September
            Record(M2, D(5, 1), 480),                                   // 8 hours: meets the rule alone
            Record(M3, D(7, 1), 30), Record(M3, D(7, 2), 60, RecordStatus.Pending),
            Record(M4, D(3, 15), 120), Record(M4, D(4, 15), 60),        // before moving out: counts
            Record(M5, D(5, 5), 60),
            Record(M6, D(9, 1), 60),
            Record(M8, D(2, 10), 60), Record(M8, D(3, 10), 60),
            Record(M8, new DateOnly(Year - 1, 12, 31), 600));           // the year before

        var post = new ServicePost { CommunityId = A1.Id, Name = "楼道长", Kind = PostKind.ResponsibilityArea, Category = ServiceCategory.Convenience };
        db.ServicePosts.Add(post);
        db.PostClaims.Add(new PostClaim
        {
            PostId = post.Id, MemberId = M1.Id, CommunityId = A1.Id, Status = ClaimStatus.Approved, RequestedOn = D(2, 1), ApprovedOn = D(2, 1), DecidedBy = "书记",
        });
        db.Wishes.AddRange(Wish("W1", D(4, 1)), Wish("W2", D(10, 2)));
        var h1 = new Household { CommunityId = A1.Id, Serial = $"{Year}-联系-H1", HeadName = "困难户甲", Address = "1号楼", Kind = HouseholdKind.LonelyElder };
        var h2 = new Household { CommunityId = B2.Id, Serial = $"{Year}-联系-H2", HeadName = "困难户乙", Address = "2号楼", Kind = HouseholdKind.LonelyElder };
        db.Households.AddRange(h1, h2);
        db.HouseholdPairings.AddRange(
            new HouseholdPairing { HouseholdId = h1.Id, MemberId = M1.Id, CommunityId = A1.Id, PairedOn = D(1, 15) },
            new HouseholdPairing { HouseholdId = h2.Id, MemberId = M8.Id, CommunityId = B2.Id, PairedOn = D(3, 1) });
        db.HouseholdVisits.AddRange(Visit(D(2, 10)), Visit(D(3, 10)), Visit(D(10, 3)));
        db.Suggestions.AddRange(Suggestion(M8, B2, D(6, 6)), Suggestion(M8, B2, D(10, 1)), Suggestion(M3, A2, D(4, 4)));

        Wish Wish(string serial, DateOnly fulfilledOn) => new()
        {
            CommunityId = A1.Id, Serial = $"{Year}-心愿-{serial}", Title = "修理路灯", ResidentName = "居民", Status = WishStatus.Confirmed,
            ClaimedByMemberId = M1.Id, ClaimedOn = D(1, 2), FulfilledOn = fulfilledOn, SubmittedOn = D(1, 1),
        };
        HouseholdVisit Visit(DateOnly on) =>
            new() { HouseholdId = h1.Id, MemberId = M1.Id, CommunityId = A1.Id, VisitedOn = on, Help = HelpKind.Elderly, Content = "走访", RecordedBy = "书记" };
        static Suggestion Suggestion(Member m, Organization c, DateOnly on) =>
            new() { MemberId = m.Id, CommunityId = c.Id, SubmittedOn = on, Title = "建议", Content = "增设路灯" };
    }

    private async Task AddCardsAsync(PortalDbContext db)
    {
        var q1 = FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 1);
        var q2 = FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 2);
        var q4 = FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 4);
        var yearly = FeedbackCycle.Create(Year, FeedbackPeriod.Year, 1);
        db.FeedbackCycles.AddRange(q1, q2, q4, yearly);
        var corrected = Card(q2, M8, FeedbackGrade.BasicallyQualified, ChinaTime(Year, 7, 5, 10), veto: true);
        db.FeedbackCards.AddRange(
            Card(q2, M1, FeedbackGrade.Qualified, ChinaTime(Year, 7, 5, 10)),
            Card(q4, M1, FeedbackGrade.BasicallyQualified, ChinaTime(Year + 1, 1, 5, 10)),
            Card(yearly, M1, FeedbackGrade.Excellent, ChinaTime(Year + 1, 1, 3, 10)),
            new FeedbackCard { CycleId = q2.Id, MemberId = M2.Id, CommunityId = A1.Id, WorkUnitId = D1.Id, Grade = FeedbackGrade.Excellent },
            Card(q2, M3, FeedbackGrade.Unqualified, ChinaTime(Year, 7, 5, 10)),
            Card(q1, M8, FeedbackGrade.Qualified, ChinaTime(Year, 4, 5, 10)),
            corrected,
            Card(q2, M9, FeedbackGrade.Excellent, ChinaTime(Year, 10, 10, 10)));
        await db.SaveChangesAsync();

        var correction = corrected.Correct();
        correction.Grade = FeedbackGrade.Qualified;
        correction.Veto = false;
        correction.VetoReason = null;
        correction.Send("2025-反馈卡-C00008", "书记", ChinaTime(Year, 10, 10, 10));
        db.FeedbackCards.Add(correction);
        await db.SaveChangesAsync();
    }

    private static int serial;

    private static FeedbackCard Card(FeedbackCycle cycle, Member m, FeedbackGrade grade, DateTime sentAt, bool veto = false) => new()
    {
        CycleId = cycle.Id, MemberId = m.Id, CommunityId = m.CommunityId!.Value, WorkUnitId = m.WorkUnitId!.Value, Status = FeedbackCardStatus.Sent,
        Grade = grade, Veto = veto, VetoReason = veto ? "不遵守社区公约" : null, Serial = $"{Year}-反馈卡-{Interlocked.Increment(ref serial):D6}",
        SentAt = sentAt, SentBy = "书记", ReviewedBy = "书记", ReviewedAt = sentAt,
    };

    private static ReportLetter Letter(Member m, DateOnly issuedOn, LetterStatus status) => new()
    {
        Serial = $"{Year}-证明信-{Interlocked.Increment(ref serial):D6}", Year = Year, MemberId = m.Id, WorkUnitId = m.WorkUnitId!.Value,
        CommunityId = m.CommunityId!.Value, IssuedOn = issuedOn, IssuedBy = "单位", Status = status,
        CancelReason = status == LetterStatus.Cancelled ? "信息有误" : null,
    };

    private static CommunityReport Report(Member m, DateOnly reportedOn, DateOnly? withdrawnOn = null, bool late = false, DateTime? receipt = null,
        int year = Year)
    {
        var n = Interlocked.Increment(ref serial);
        return new CommunityReport
        {
            Year = year, MemberId = m.Id, CommunityId = m.CommunityId!.Value, ReportedOn = reportedOn, IsLate = late, ConfirmedBy = "社区书记",
            Status = withdrawnOn is null ? ReportStatus.Confirmed : ReportStatus.Withdrawn, WithdrawnOn = withdrawnOn,
            WithdrawReason = withdrawnOn is null ? null : "搬离社区", ReceiptReceivedAt = receipt, ReceiptReceivedBy = receipt is null ? null : "单位",
            ReceiptSerial = $"{year}-报到-{n:D6}", InfoCardSerial = $"{year}-信息卡-{n:D6}", CommitmentSerial = $"{year}-承诺卡-{n:D6}",
        };
    }

    private static ServiceRecord Record(Member m, DateOnly on, int minutes, RecordStatus status = RecordStatus.Confirmed) => new()
    {
        MemberId = m.Id, CommunityId = m.CommunityId!.Value, ServedOn = on, Content = "环境卫生整治", Minutes = minutes,
        Source = RecordSource.Manual, Status = status, RecordedBy = "社区书记", ConfirmedBy = status == RecordStatus.Confirmed ? "网格员" : null,
    };

    private static Organization Org(string name, string code, OrgKind kind, Organization? parent = null, int order = 0) =>
        new() { Name = name, Code = code, Kind = kind, ParentId = parent?.Id, SortOrder = order };

    private Member NewMember(string name, Organization? unit, Organization community, Action<Member>? change = null)
    {
        var id = TestMembers.NewNationalId();
        var member = new Member
        {
            Name = name, NationalId = id, Mobile = TestMembers.NewMobile(), Gender = NationalId.IsMale(id) == true ? Gender.Male : Gender.Female,
            BirthDate = NationalId.BirthDate(id)!.Value, Education = Education.Bachelor, JoinedPartyOn = new DateOnly(2005, 7, 1),
            Status = MembershipStatus.Full, Category = MemberCategory.InService,
            WorkUnitId = unit?.Id, CommunityId = community.Id, StreetId = community.ParentId,
        };
        change?.Invoke(member);
        return member;
    }
}
