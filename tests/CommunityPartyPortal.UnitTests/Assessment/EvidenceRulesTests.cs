using CommunityPartyPortal.Domain.Assessment;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Assessment;

/// <summary>The evidence rules at their edges, from figures: above 60% (not equal), the due two-month periods, half and full points.</summary>
public sealed class EvidenceRulesTests
{
    private static readonly Guid C = Guid.NewGuid();
    private static readonly HashSet<int> EveryPeriod = [1, 2, 3, 4, 5, 6];

    [Theory]
    [InlineData(10, 6, 0.5)]   // exactly 60%: not above
    [InlineData(100, 61, 1)]  // 61%: above
    [InlineData(5, 3, 0.5)]    // 60%
    [InlineData(3, 2, 1)]      // 66.7%
    [InlineData(0, 0, 0.5)]    // nobody to count: not met
    public void Participation_must_be_above_60_percent(int members, int participants, decimal fraction)
    {
        var e = AssessmentEvidence.Participation(C, 2025, new DateOnly(2025, 12, 31), members, participants, EveryPeriod);
        e.Fraction.ShouldBe(fraction);
        e.SuggestedScore(3).ShouldBe(fraction * 3);
    }

    [Fact]
    public void A_missing_two_month_period_fails_the_concentrated_service()
    {
        var e = AssessmentEvidence.Participation(C, 2025, new DateOnly(2025, 12, 31), 100, 61, new HashSet<int> { 1, 2, 4, 5, 6 });
        e.Fraction.ShouldBe(0.5m);
        e.Explanation.ShouldBe("组织关系在社区的党员100人，参与服务61人（61%，超过60%）；集中服务5—6月没有：建议得一半分");
        AssessmentEvidence.Participation(C, 2025, new DateOnly(2025, 12, 31), 10, 6, new HashSet<int> { 1 }).Fraction.ShouldBe(0m);
    }

    [Fact]
    public void Only_periods_ended_by_the_date_are_due_unless_they_already_have_one()
    {
        TwoMonthPeriods.Check(2025, new DateOnly(2025, 5, 15), new HashSet<int> { 1, 2 }).ShouldSatisfyAllConditions(
            r => r.Due.ShouldBe([1, 2]), r => r.Missing.ShouldBeEmpty());
        TwoMonthPeriods.Check(2025, new DateOnly(2025, 5, 15), new HashSet<int> { 1, 3 }).ShouldSatisfyAllConditions(
            r => r.Due.ShouldBe([1, 2, 3]), r => r.Missing.ShouldBe([2]));
        TwoMonthPeriods.Check(2025, new DateOnly(2025, 4, 30), new HashSet<int>()).Due.ShouldBe([1, 2]);
        TwoMonthPeriods.Check(2025, new DateOnly(2024, 12, 31), EveryPeriod).Due.ShouldBeEmpty();
        TwoMonthPeriods.Of(new DateOnly(2025, 8, 31)).ShouldBe(4);
        TwoMonthPeriods.Label(4).ShouldBe("7—8月");
    }

    [Fact]
    public void Posts_full_from_half_claimed_half_with_posts_none_without()
    {
        AssessmentEvidence.Posts(C, 4, 2).ShouldSatisfyAllConditions(e => e.Fraction.ShouldBe(1m), e => e.SuggestedScore(4).ShouldBe(4m),
            e => e.Explanation.ShouldBe("设置服务岗位4个，已认领2个（50%），认领过半：建议满分"));
        AssessmentEvidence.Posts(C, 5, 2).SuggestedScore(4).ShouldBe(2m);
        AssessmentEvidence.Posts(C, 0, 0).ShouldSatisfyAllConditions(e => e.SuggestedScore(4).ShouldBe(0m), e => e.Explanation.ShouldBe("未设置服务岗位：建议0分"));
    }

    [Fact]
    public void Activities_are_proportional_to_the_periods_with_records()
    {
        var e = AssessmentEvidence.Activities(C, 2025, new DateOnly(2025, 12, 31), 8, [1, 1, 2, 3, 5]);
        e.Fraction.ShouldBe(4m / 6m);
        e.SuggestedScore(4).ShouldBe(2.7m);
        e.Explanation.ShouldBe("开展活动8次，有签到记录的5次；应检查的6个双月中4个有记录（7—8月、11—12月没有）：建议按比例得66.7%的分");
    }

    [Fact]
    public void Households_count_every_paired_month_that_ended_or_was_visited()
    {
        var h1 = Guid.NewGuid();
        var h2 = Guid.NewGuid();
        var asOf = new DateOnly(2025, 4, 10);
        // h1 paired all year: Jan–Mar due, April in progress (visited: due). h2 paired from 20 February: Feb and Mar due.
        var pairings = new List<(Guid, DateOnly, DateOnly?)> { (h1, new DateOnly(2024, 6, 1), null), (h2, new DateOnly(2025, 2, 20), null) };
        var visited = new HashSet<(Guid, int)> { (h1, 1), (h1, 2), (h1, 4), (h2, 3) };
        var e = AssessmentEvidence.Households(C, 2025, asOf, pairings, visited, 6);
        e.Figures.Select(f => (f.Label, f.Value)).ShouldBe([("结对联系户", 2m), ("走访", 6m), ("应走访户月", 6m), ("已走访户月", 4m)]);
        e.SuggestedScore(4).ShouldBe(2.7m);
    }

    [Fact]
    public void Rosters_need_the_three_rosters_and_a_flow_card()
    {
        AssessmentEvidence.Rosters(C, 1, 1, 1, 0, 1).Fraction.ShouldBe(1m);
        AssessmentEvidence.Rosters(C, 1, 1, 0, 1, 1).Fraction.ShouldBe(0.5m);
        AssessmentEvidence.Rosters(C, 1, 1, 1, 0, 0).ShouldSatisfyAllConditions(e => e.Fraction.ShouldBe(0.5m),
            e => e.Explanation.ShouldBe("自管党员1人、在职党员1人、流动党员1人（三类花名册齐全）；流入登记卡0张、流出登记卡0张：建议得一半分"));
        AssessmentEvidence.Rosters(C, 0, 5, 0, 0, 0).SuggestedScore(5).ShouldBe(0m);
    }
}
