using CommunityPartyPortal.Domain.Assessment;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Assessment;

/// <summary>A rubric whose points do not add up, or with duplicate numbers or bad weights, is refused with each problem listed.</summary>
public sealed class RubricRulesTests
{
    [Fact]
    public void A_broken_copy_lists_each_problem()
    {
        var rubric = RubricPresets.Copy(RubricPresets.Load(RubricPresets.Wuzhong2011));
        rubric.Items.Single(i => i.No == 1).Points = 7;                     // category 1: 21 ≠ 20
        rubric.Items.Single(i => i.No == 5).Points = 0;                     // not above 0; category 2: 16 ≠ 20
        rubric.Items.Single(i => i.No == 10).No = 11;                       // item number 11 twice
        rubric.Categories.Single(c => c.No == 6).Points = 16;               // categories 101 ≠ 100; category 6 items 15 ≠ 16
        rubric.Items.Single(i => i.No == 13).EvidenceKey = "wishes";

        RubricRules.Problems(rubric).ShouldBe(
        [
            "考评内容序号11重复",
            "类别1“建立健全社区干部培养管理机制”各项分值合计21分，与类别分值20分不符",
            "第5项的分值必须大于0",
            "类别2“建立健全社区党组织和党员公开承诺机制”各项分值合计16分，与类别分值20分不符",
            "第13项的数据依据“wishes”无效",
            "类别6“建立健全社区党建领导管理机制”各项分值合计15分，与类别分值16分不符",
            "各类别分值合计101分，与总分100分不符",
        ]);
        Should.Throw<AssessmentException>(rubric.Publish).Message.ShouldStartWith("考评细则有误，不能发布：考评内容序号11重复；");
        rubric.Status.ShouldBe(RubricStatus.Draft);
    }

    [Fact]
    public void Header_category_and_weight_problems()
    {
        var rubric = new Rubric { Name = " ", Issuer = "", Year = 1999, Target = (RubricTarget)9, TotalPoints = 0, OrganisationWeight = 50, PeersWeight = 30 };
        RubricRules.Problems(rubric).ShouldBe(
        [
            "请填写考评细则名称", "请填写印发单位", "年度应在2000至2100之间", "考评对象无效", "总分必须大于0", "考评细则至少要有一个类别",
            "组织点评、党员互评、群众评议的权重应在0至100之间且合计100",
        ]);

        var twice = new Rubric { Name = "细则", Issuer = "县委组织部", Year = 2026, Target = RubricTarget.Community, TotalPoints = 10, PeersWeight = 0 };
        twice.AddCategory(1, "甲", 5, (1, "一", 5m, null));
        twice.AddCategory(1, "乙", 5);
        twice.OrganisationWeight = 60;
        twice.PublicWeight = 40;
        RubricRules.Problems(twice).ShouldBe(["类别序号1重复", "类别1“乙”没有考评内容", "只有党员考评可以设置党员互评和群众评议的权重"]);
    }

    [Fact]
    public void Fractional_points_that_add_up_are_valid()
    {
        var rubric = new Rubric { Name = "细则", Issuer = "县委组织部", Year = 2026, Target = RubricTarget.Street, TotalPoints = 5 };
        rubric.AddCategory(1, "甲", 5, (1, "一", 2.5m, null), (2, "二", 2.5m, EvidenceKeys.Posts));
        RubricRules.Problems(rubric).ShouldBeEmpty();
        rubric.Publish();
        rubric.IsPublished.ShouldBeTrue();
    }
}
