using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Assessment;

/// <summary>Scoring rules on the domain objects: the range of a score, the scorers, locking; totals, ranking with ties, member weights.</summary>
public sealed class ScoringTests
{
    private static readonly Guid Scorer = Guid.NewGuid();
    private static readonly Organization Street = new() { Name = "城关街道", Code = "S01", Kind = OrgKind.Street };

    private static Rubric SmallRubric(RubricTarget target = RubricTarget.Community)
    {
        var rubric = new Rubric { Name = "小细则", Issuer = "县委组织部", Year = 2026, Target = target, TotalPoints = 10 };
        rubric.AddCategory(1, "甲", 6, (1, "一", 4m, null), (2, "二", 2m, null));
        rubric.AddCategory(2, "乙", 4, (3, "三", 4m, EvidenceKeys.Posts));
        if (target == RubricTarget.Member) (rubric.OrganisationWeight, rubric.PeersWeight, rubric.PublicWeight) = (50, 25, 25);
        rubric.Publish();
        return rubric;
    }

    private static Organization Community(string name) => new() { Name = name, Code = name, Kind = OrgKind.Community, ParentId = Street.Id };

    private static (ScoringSession Session, Rubric Rubric, List<ScoringTarget> Targets) Open(params string[] communities)
    {
        var rubric = SmallRubric();
        var session = ScoringSession.Open(rubric, 2026, "2026年社区党建考评", Street.Id);
        session.AddScorer(Scorer, "street");
        var targets = communities.Select(c => session.AddTarget(rubric, Community(c))).ToList();
        return (session, rubric, targets);
    }

    private static RubricItem Item(Rubric rubric, int no) => rubric.Items.Single(i => i.No == no);

    [Fact]
    public void A_score_between_0_and_the_items_points_is_entered_with_a_comment()
    {
        var (session, rubric, targets) = Open("东风社区");
        var score = session.SetScore(rubric, null, targets[0].Id, Item(rubric, 1).Id, ScorePart.Organisation, 3.5m, " 培训记录不全 ", Scorer, "street", county: false);
        (score.Points, score.Comment, score.ScoredBy, score.ScorerId, score.SessionId).ShouldBe((3.5m, "培训记录不全", "street", (Guid?)Scorer, session.Id));

        var changed = session.SetScore(rubric, score, targets[0].Id, Item(rubric, 1).Id, ScorePart.Organisation, 4m, null, null, "county", county: true);
        changed.ShouldBeSameAs(score);
        (score.Points, score.Comment, score.ScoredBy).ShouldBe((4m, null, "county"));
        session.SetScore(rubric, null, targets[0].Id, Item(rubric, 2).Id, ScorePart.Organisation, 0m, null, Scorer, "street", false).Points.ShouldBe(0m);
    }

    [Theory]
    [InlineData(4.01, "第1项的得分不能超过该项分值4分")]
    [InlineData(5, "第1项的得分不能超过该项分值4分")]
    [InlineData(-0.5, "第1项的得分不能为负数")]
    [InlineData(1.005, "得分最多保留两位小数")]
    public void Points_out_of_range_are_refused(double points, string message)
    {
        var (session, rubric, targets) = Open("东风社区");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, Item(rubric, 1).Id, ScorePart.Organisation, (decimal)points, null, Scorer, "street", false))
            .Message.ShouldBe(message);
    }

    [Fact]
    public void Non_scorers_other_targets_other_items_other_parts_and_long_comments_are_refused()
    {
        var (session, rubric, targets) = Open("东风社区");
        var item = Item(rubric, 1).Id;
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, item, ScorePart.Organisation, 1, null, Guid.NewGuid(), "other", false))
            .Message.ShouldBe("您不是本次考评的评分人");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, item, ScorePart.Organisation, 1, null, null, "anonymous", false))
            .Message.ShouldBe("您不是本次考评的评分人");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, Guid.NewGuid(), item, ScorePart.Organisation, 1, null, Scorer, "street", false))
            .Message.ShouldBe("该对象不在本次考评中");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, Guid.NewGuid(), ScorePart.Organisation, 1, null, Scorer, "street", false))
            .Message.ShouldBe("该考评内容不在本考评细则中");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, item, ScorePart.Peers, 1, null, Scorer, "street", false))
            .Message.ShouldBe("本考评细则不含党员互评");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, item, ScorePart.Organisation, 1, new string('评', 301), Scorer, "street", false))
            .Message.ShouldBe("评分说明不能超过300个字");
    }

    [Fact]
    public void Lock_needs_every_item_of_every_target_then_nothing_changes()
    {
        var (session, rubric, targets) = Open("东风社区", "西街社区");
        var scores = targets.SelectMany(t => rubric.Items.Select(i => session.SetScore(rubric, null, t.Id, i.Id, ScorePart.Organisation, 1, null, Scorer, "street", false))).ToList();
        var missingOne = scores.Skip(1).ToList();
        Should.Throw<AssessmentException>(() => session.Lock(rubric, missingOne, "street", DateTime.UtcNow)).Message.ShouldBe("还有1项未评分，全部评分后才能锁定");
        session.IsLocked.ShouldBeFalse();

        var now = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        session.Lock(rubric, scores, "street", now);
        (session.Status, session.LockedAt, session.LockedBy).ShouldBe((ScoringSessionStatus.Locked, (DateTime?)now, "street"));

        Should.Throw<AssessmentException>(() => session.SetScore(rubric, scores[0], targets[0].Id, Item(rubric, 1).Id, ScorePart.Organisation, 2, null, Scorer, "street", false))
            .Message.ShouldBe("本次考评已锁定，不能再修改");
        Should.Throw<AssessmentException>(() => session.SetScore(rubric, null, targets[0].Id, Item(rubric, 1).Id, ScorePart.Organisation, 2, null, null, "county", true))
            .Message.ShouldBe("本次考评已锁定，不能再修改");
        Should.Throw<AssessmentException>(() => session.AddTarget(rubric, Community("南关社区"))).Message.ShouldBe("本次考评已锁定，不能再修改");
        Should.Throw<AssessmentException>(() => session.Lock(rubric, scores, "street", now)).Message.ShouldBe("本次考评已锁定，不能再修改");
        scores[0].Points.ShouldBe(1m);
    }

    [Fact]
    public void Sessions_need_a_published_rubric_and_targets_of_its_kind()
    {
        var draft = new Rubric { Name = "草稿", Issuer = "县委组织部", Year = 2026, Target = RubricTarget.Community, TotalPoints = 1 };
        Should.Throw<AssessmentException>(() => ScoringSession.Open(draft, 2026, "考评", Street.Id)).Message.ShouldBe("考评细则尚未发布，不能用于评分");
        var (session, rubric, _) = Open("东风社区");
        Should.Throw<AssessmentException>(() => session.AddTarget(rubric, Street)).Message.ShouldBe("“城关街道”不是社区，不能作为本次考评的对象");
        Should.Throw<AssessmentException>(() => session.AddTarget(rubric, new Member { Name = "张三", NationalId = "x", Mobile = "x" }))
            .Message.ShouldBe("本次考评的对象是社区，不是党员");
        Should.Throw<AssessmentException>(() => session.AddScorer(Scorer, "street")).Message.ShouldBe("street已是本次考评的评分人");
    }

    [Fact]
    public void Totals_per_category_and_overall_rank_ties_together()
    {
        var (session, rubric, targets) = Open("甲社区", "乙社区", "丙社区", "丁社区");
        decimal[][] points = [[4, 2, 3], [3, 2, 4], [4, 2, 4], [1, 0, 0]]; // totals 9, 9, 10, 1
        var scores = targets.SelectMany((t, n) => rubric.Items.Select((item, k) =>
            session.SetScore(rubric, null, t.Id, item.Id, ScorePart.Organisation, points[n][k], null, Scorer, "street", false))).ToList();

        var totals = ScoreTotals.Compute(rubric, targets.Select(t => t.Id), scores);

        totals.Select(t => (t.TargetId, t.Total, t.Rank)).ShouldBe(
        [
            (targets[2].Id, 10m, 1), (targets[0].Id, 9m, 2), (targets[1].Id, 9m, 2), (targets[3].Id, 1m, 4),
        ]);
        var first = totals.Single(t => t.TargetId == targets[0].Id);
        first.ByCategory[rubric.Categories[0].Id].ShouldBe(6m);
        first.ByCategory[rubric.Categories[1].Id].ShouldBe(3m);
        first.Missing.ShouldBe(0);

        var partial = ScoreTotals.Compute(rubric, targets.Select(t => t.Id), scores.Where(s => s.TargetId != targets[3].Id || s.Points > 0));
        partial.Single(t => t.TargetId == targets[3].Id).ShouldSatisfyAllConditions(t => t.Total.ShouldBe(1m), t => t.Missing.ShouldBe(2));
    }

    [Fact]
    public void A_member_total_is_the_weighted_sum_of_the_three_parts()
    {
        var rubric = SmallRubric(RubricTarget.Member);
        var community = Community("东风社区");
        var session = ScoringSession.Open(rubric, 2026, "2026年优秀共产党员评议", community.Id);
        session.AddScorer(Scorer, "secretary");
        var member = new Member { Name = "张积极", NationalId = "x", Mobile = "x", CommunityId = community.Id };
        var target = session.AddTarget(rubric, member);
        target.CommunityId.ShouldBe(community.Id);
        Should.Throw<AssessmentException>(() => session.AddTarget(rubric, community)).Message.ShouldBe("党员考评的对象是党员，不是组织");

        // Item 1 (4 points): 组织点评 4, 党员互评 3, 群众评议 2 → 0.5×4 + 0.25×3 + 0.25×2 = 3.25.
        var scores = new List<Score>
        {
            session.SetScore(rubric, null, target.Id, Item(rubric, 1).Id, ScorePart.Organisation, 4, "表现突出", Scorer, "secretary", false),
            session.SetScore(rubric, null, target.Id, Item(rubric, 1).Id, ScorePart.Peers, 3, null, Scorer, "secretary", false),
            session.SetScore(rubric, null, target.Id, Item(rubric, 1).Id, ScorePart.Public, 2, null, Scorer, "secretary", false),
        };
        Should.Throw<AssessmentException>(() => session.Lock(rubric, scores, "secretary", DateTime.UtcNow)).Message.ShouldBe("还有6项未评分，全部评分后才能锁定");
        foreach (var no in new[] { 2, 3 })
        {
            foreach (var part in rubric.Parts)
            {
                scores.Add(session.SetScore(rubric, null, target.Id, Item(rubric, no).Id, part, no == 2 ? 2 : 1, null, Scorer, "secretary", false));
            }
        }

        var total = ScoreTotals.Compute(rubric, [target.Id], scores).Single();
        total.ByItem[Item(rubric, 1).Id].ShouldBe(3.25m);
        total.ByCategory[rubric.Categories[0].Id].ShouldBe(5.25m);
        total.Total.ShouldBe(6.25m);
        total.Missing.ShouldBe(0);
        session.Lock(rubric, scores, "secretary", DateTime.UtcNow);
        session.IsLocked.ShouldBeTrue();
    }
}
