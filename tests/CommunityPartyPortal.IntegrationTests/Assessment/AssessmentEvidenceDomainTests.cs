using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// The evidence of seed 001 items 13–17 on a known year of three communities, computed in one call:
/// A1 — 10 own members (and one moved out), 6 served: exactly 60%, not above; a concentrated service in every two months.
/// A2 — 100 own members, 61 served: above 60%; no concentrated service in 5–6月 (an activity of 4 check-ins is not one).
/// B — 5 own members, 4 served (80%), and every two months covered, once by an ordinary activity of 5 check-ins.
/// </summary>
public abstract class AssessmentEvidenceDomainTests(DatabaseProvider provider) : AssessmentDomainTests(provider)
{
    private static readonly DateOnly YearEnd = new(Year, 12, 31);

    [Fact]
    public async Task Evidence_of_every_key_for_three_communities_at_once()
    {
        await SeedAsync();
        EvidenceSet set;
        await using (var db = System())
        {
            set = await AssessmentEvidence.ForCommunitiesAsync(db, [CommunityA1.Id, CommunityA2.Id, CommunityB.Id], Year, YearEnd);
        }

        set.All.Count.ShouldBe(15);
        var a1 = set.For(CommunityA1.Id, EvidenceKeys.Participation)!;
        a1.Figures.Select(f => (f.Label, f.Value)).ShouldBe([("组织关系在社区的党员", 10m), ("参与服务的党员", 6m), ("有集中服务的双月", 6m), ("应检查的双月", 6m)]);
        a1.Fraction.ShouldBe(0.5m);
        a1.Explanation.ShouldBe("组织关系在社区的党员10人，参与服务6人（60%，未超过60%）；集中服务6个双月均有：建议得一半分");

        var a2 = set.For(CommunityA2.Id, EvidenceKeys.Participation)!;
        a2.Explanation.ShouldBe("组织关系在社区的党员100人，参与服务61人（61%，超过60%）；集中服务5—6月没有：建议得一半分");
        a2.SuggestedScore(3).ShouldBe(1.5m);

        var b = set.For(CommunityB.Id, EvidenceKeys.Participation)!;
        (b.Fraction, b.SuggestedScore(3)).ShouldBe((1m, 3m));

        set.For(CommunityA1.Id, EvidenceKeys.Posts)!.ShouldSatisfyAllConditions(
            e => e.Explanation.ShouldBe("设置服务岗位3个，已认领2个（66.7%），认领过半：建议满分"), e => e.SuggestedScore(4).ShouldBe(4m));
        set.For(CommunityA2.Id, EvidenceKeys.Posts)!.SuggestedScore(4).ShouldBe(0m);

        set.For(CommunityA1.Id, EvidenceKeys.Activities)!.ShouldSatisfyAllConditions(
            e => e.Figures.Select(f => f.Value).ShouldBe([6m, 6m, 6m, 6m]), e => e.SuggestedScore(4).ShouldBe(4m));
        set.For(CommunityA2.Id, EvidenceKeys.Activities)!.ShouldSatisfyAllConditions(
            e => e.Explanation.ShouldBe("开展活动6次，有签到记录的1次；应检查的6个双月中1个有记录（1—2月、3—4月、7—8月、9—10月、11—12月没有）：建议按比例得16.7%的分"),
            e => e.SuggestedScore(4).ShouldBe(0.7m));

        set.For(CommunityA1.Id, EvidenceKeys.Households)!.ShouldSatisfyAllConditions(
            e => e.Figures.Select(f => (f.Label, f.Value)).ShouldBe([("结对联系户", 1m), ("走访", 11m), ("应走访户月", 12m), ("已走访户月", 10m)]),
            e => e.SuggestedScore(4).ShouldBe(3.3m));

        set.For(CommunityA1.Id, EvidenceKeys.Rosters)!.ShouldSatisfyAllConditions(
            e => e.Explanation.ShouldBe("自管党员10人、在职党员1人、流动党员1人（三类花名册齐全）；流入登记卡1张、流出登记卡0张：建议满分"),
            e => e.SuggestedScore(5).ShouldBe(5m));
        set.For(CommunityA2.Id, EvidenceKeys.Rosters)!.SuggestedScore(5).ShouldBe(0m);
    }

    [Fact]
    public async Task As_of_a_date_only_the_periods_so_far_count_and_a_street_sees_its_communities_only()
    {
        await SeedAsync();
        await using (var db = System())
        {
            // By 30 April A2 had its concentrated services of 1–2月 and 3–4月, and 61 of its 100 members had served (all in January).
            var early = await AssessmentEvidence.ForCommunitiesAsync(db, [CommunityA2.Id], Year, D(4, 30));
            early.For(CommunityA2.Id, EvidenceKeys.Participation)!.Fraction.ShouldBe(1m);
        }
        await using (var db = As(Street(StreetB)))
        {
            var mine = await AssessmentEvidence.ForCommunitiesAsync(db, [CommunityA1.Id, CommunityB.Id], Year, YearEnd);
            mine.For(CommunityA1.Id, EvidenceKeys.Participation)!.Figures[0].Value.ShouldBe(0m); // another street's members are not visible
            mine.For(CommunityB.Id, EvidenceKeys.Participation)!.Fraction.ShouldBe(1m);
        }
    }

    private async Task SeedAsync()
    {
        await using var db = System();
        var a1 = Enumerable.Range(1, 10).Select(i => NewMember($"东自管{i}", CommunityA1, MemberCategory.SelfManaged)).ToList();
        var a2 = Enumerable.Range(1, 100).Select(i => NewMember($"西自管{i}", CommunityA2, MemberCategory.SelfManaged)).ToList();
        var b = Enumerable.Range(1, 5).Select(i => NewMember($"南自管{i}", CommunityB, MemberCategory.SelfManaged)).ToList();
        var inService = NewMember("东在职", CommunityA1, MemberCategory.InService);
        var floating = NewMember("东流动", CommunityA1, MemberCategory.Floating);
        var bInService = NewMember("南在职", CommunityB, MemberCategory.InService);
        var movedOut = NewMember("东迁出", CommunityA1, MemberCategory.SelfManaged, movedOutOn: D(6, 1));
        db.Members.AddRange([.. a1, .. a2, .. b, inService, floating, bInService, movedOut]);
        db.MemberFlowRecords.Add(new MemberFlowRecord
        {
            MemberId = floating.Id, Direction = FlowDirection.Inflow, OccurredOn = D(3, 1), Place = "苏州", Reason = "务工", Contact = "13800000000", ReceivingOrganization = "原党支部",
        });

        // A1: one concentrated service with one check-in in each two months, by six different own members; a cancelled one.
        for (var p = 1; p <= 6; p++)
        {
            var activity = Activity(CommunityA1, ActivityKind.ConcentratedService, p * 2 - 1);
            db.Activities.Add(activity);
            db.ServiceRecords.Add(CheckIn(activity, a1[p - 1]));
        }
        db.Activities.Add(Activity(CommunityA1, ActivityKind.ConcentratedService, 2, cancelled: true));
        db.ServiceRecords.Add(Manual(movedOut, D(3, 3)));
        db.ServiceRecords.Add(Manual(a1[7], D(3, 3), RecordStatus.Pending)); // pending: does not count

        // A2: 61 served in January; concentrated services except 5–6月, where an ordinary activity had only 4 check-ins.
        db.ServiceRecords.AddRange(a2.Take(61).Select(m => Manual(m, D(1, 20))));
        foreach (var month in new[] { 1, 3, 7, 9, 11 }) db.Activities.Add(Activity(CommunityA2, ActivityKind.ConcentratedService, month));
        var small = Activity(CommunityA2, ActivityKind.Regular, 5);
        db.Activities.Add(small);
        db.ServiceRecords.AddRange(a2.Take(4).Select(m => CheckIn(small, m))); // members who served already: still 61

        // B: 4 of 5 served; 1–2月 covered by an ordinary activity of 5 check-ins (4 own members and an in-service one).
        var big = Activity(CommunityB, ActivityKind.Regular, 2);
        db.Activities.Add(big);
        db.ServiceRecords.AddRange(b.Take(4).Append(bInService).Select(m => CheckIn(big, m)));
        foreach (var month in new[] { 3, 5, 7, 9, 11 }) db.Activities.Add(Activity(CommunityB, ActivityKind.ConcentratedService, month));

        // A1: three posts, two held in the year (one released in June), one only requested.
        var posts = Enumerable.Range(1, 3).Select(i => new ServicePost { CommunityId = CommunityA1.Id, Name = $"岗位{i}", Kind = PostKind.PublicWelfarePost }).ToList();
        db.ServicePosts.AddRange(posts);
        db.PostClaims.AddRange(
            Claim(posts[0], a1[0], ClaimStatus.Approved, D(2, 1)),
            Claim(posts[1], a1[1], ClaimStatus.Released, D(2, 1), released: D(6, 1)),
            Claim(posts[2], a1[2], ClaimStatus.Requested, null));

        // A1: one household paired all year, visited in ten months (twice in March).
        var household = new Household { CommunityId = CommunityA1.Id, Serial = "LX-001", Kind = HouseholdKind.LonelyElder, HeadName = "王奶奶", Address = "1号楼" };
        db.Households.Add(household);
        db.HouseholdPairings.Add(new HouseholdPairing { HouseholdId = household.Id, MemberId = a1[0].Id, CommunityId = CommunityA1.Id, PairedOn = new DateOnly(Year - 1, 5, 1) });
        foreach (var month in new[] { 1, 3, 3, 4, 5, 6, 7, 9, 10, 11, 12 })
        {
            db.HouseholdVisits.Add(new HouseholdVisit
            {
                HouseholdId = household.Id, MemberId = a1[0].Id, CommunityId = CommunityA1.Id, VisitedOn = D(month, month == 3 ? 20 : 10), Help = HelpKind.Elderly,
                Content = "看望", RecordedBy = "社区书记",
            });
        }
        await db.SaveChangesAsync();
    }

    private static Activity Activity(Organization community, ActivityKind kind, int month, bool cancelled = false)
    {
        var starts = TimeZoneInfo.ConvertTimeToUtc(new DateTime(Year, month, 12, 9, 0, 0), Clock.China);
        return new Activity
        {
            CommunityId = community.Id, Title = kind == ActivityKind.ConcentratedService ? "集中服务" : "环境整治", Kind = kind, StartsAt = starts, EndsAt = starts.AddHours(2),
            DefaultMinutes = 120, CheckInCode = Guid.NewGuid().ToString("N"), IsCancelled = cancelled, CancelReason = cancelled ? "下雨" : null,
        };
    }

    private static ServiceRecord CheckIn(Activity activity, Member member) => new()
    {
        MemberId = member.Id, CommunityId = member.CommunityId!.Value, ActivityId = activity.Id, ServedOn = DateOnly.FromDateTime(Clock.ToChina(activity.StartsAt)),
        Content = activity.Title, Minutes = 120, Source = RecordSource.CheckIn, Status = RecordStatus.Confirmed, RecordedBy = "社区书记", ConfirmedBy = "社区书记",
    };

    private static ServiceRecord Manual(Member member, DateOnly on, RecordStatus status = RecordStatus.Confirmed) => new()
    {
        MemberId = member.Id, CommunityId = member.CommunityId!.Value, ServedOn = on, Content = "走访群众", Minutes = 60, Source = RecordSource.Manual,
        Status = status, RecordedBy = "社区书记", ConfirmedBy = status == RecordStatus.Confirmed ? "网格员" : null,
    };

    private static PostClaim Claim(ServicePost post, Member member, ClaimStatus status, DateOnly? approved, DateOnly? released = null) => new()
    {
        PostId = post.Id, MemberId = member.Id, CommunityId = post.CommunityId, Status = status, RequestedOn = D(1, 15), ApprovedOn = approved, ReleasedOn = released,
        DecidedBy = approved is null ? null : "社区书记",
    };
}

public sealed class SqliteAssessmentEvidenceDomainTests() : AssessmentEvidenceDomainTests(DatabaseProvider.Sqlite);

public sealed class PostgresAssessmentEvidenceDomainTests() : AssessmentEvidenceDomainTests(DatabaseProvider.PostgreSql);
