using System.Globalization;
using CommunityPartyPortal.Documents.Records;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class ScoreSheetRecordTests
{
    [Fact]
    public void The_seed_001_rubric_has_6_categories_23_items_and_100_points_and_the_sample_scores_add_up()
    {
        var sheet = ScoreSheetSamples.Sheet(0);
        sheet.Categories.Count.ShouldBe(6);
        sheet.ItemCount.ShouldBe(23);
        sheet.Categories.Select(c => c.Points).ShouldBe([20m, 20m, 15m, 15m, 15m, 15m]);
        sheet.Categories.ShouldAllBe(c => c.Items.Sum(i => i.Points) == c.Points);
        sheet.Categories.SelectMany(c => c.Items).Select(i => i.No).ShouldBe(Enumerable.Range(1, 23));
        sheet.Points.ShouldBe(100m);

        // Half a point off items 4, 8, 12, 16, 20 and one point off items 5, 10, 15, 20.
        sheet.Categories.Select(c => c.Subtotal).ShouldBe([19.5m, 18.5m, 13.5m, 13.5m, 15m, 13.5m]);
        sheet.Total.ShouldBe(93.5m);
        sheet.Unscored.ShouldBe(0);
        sheet.Categories[0].Caption.ShouldBe("建立健全社区干部培养管理机制（20分）");
        sheet.RankText.ShouldBe("第1名（共3个）");
    }

    [Fact]
    public void Unscored_items_count_as_nothing_and_are_counted()
    {
        var sheet = ScoreSheetSamples.Sheet(1, scoredUpTo: 20);
        sheet.Unscored.ShouldBe(3);
        sheet.Categories[5].Unscored.ShouldBe(3);
        sheet.Categories[5].Subtotal.ShouldBe(2.5m); // only item 20 scored
        sheet.Total.ShouldBe(82.5m); // 93.5 less items 21 (4), 22 (4) and 23 (3)
        (sheet with { Rank = null }).RankText.ShouldBeNull();
        ScoreText.Format(4.50m).ShouldBe("4.5");
        ScoreText.Format(20.00m).ShouldBe("20");
        ScoreText.Format((decimal?)null).ShouldBe("");
    }

    [Fact]
    public void A_sheet_that_cannot_be_printed_is_refused_naming_the_item()
    {
        var sheet = ScoreSheetSamples.Sheet(0);
        Should.Throw<ArgumentException>(() => ScoreSheetSamples.WithScore(sheet, 3, 4.5m).EnsurePrintable()).Message.ShouldContain("item 3");
        Should.Throw<ArgumentException>(() => ScoreSheetSamples.WithScore(sheet, 7, -1m).EnsurePrintable()).Message.ShouldContain("item 7");
        Should.Throw<ArgumentException>(() => (sheet with { Categories = [] }).EnsurePrintable());
        Should.Throw<ArgumentException>(() => (sheet with { Categories = [sheet.Categories[0] with { Items = [] }] }).EnsurePrintable());
        Should.Throw<ArgumentException>(() => (sheet with { Rank = 4, RankOf = 3 }).EnsurePrintable());
        ScoreSheetSamples.WithScore(sheet, 3, 4m).EnsurePrintable(); // full points are fine
    }
}

/// <summary>
/// Score sheets over the seed 001 rubric (吴中区“六位一体”社区党建机制考评细则: 6 categories, 23 items, 100 points, the
/// texts of ../shared/presets/rubric-wuzhong-2011.json), scored with half a point off items 4, 8, 12, 16, 20 and one
/// point off items 5, 10, 15, 20 (93.5 in all), and the portal's evidence beside items 13 to 17.
/// </summary>
internal static class ScoreSheetSamples
{
    public const string RubricName = "吴中区“六位一体”社区党建机制考评细则";
    public const string Issuer = "中共苏州市吴中区委组织部";
    public const string IssuedBy = "中共苏州市吴中区长桥街道工作委员会";
    public const string SessionTitle = "2026年度长桥街道社区党建工作考评";
    public static readonly DateOnly IssuedOn = new(2026, 12, 15);

    public static readonly string[] Targets = ["长桥街道新家社区", "长桥街道龙西社区", "长桥街道南石湖社区"];

    public static readonly (string Name, int Points, (int No, int Points, string Text)[] Items)[] Rubric =
    [
        ("建立健全社区干部培养管理机制", 20,
        [
            (1, 6, "社区党组织书记选优配强，力争经过两年努力，65%以上的社区党组织书记具有大专及以上学历，40%以上的社区党组织书记持有国家《社会工作者职业水平证书》"),
            (2, 6, "社区党组织书记与社区居委会主任“一肩挑”，两委班子“交叉任职”达30%以上"),
            (3, 4, "社区干部参加集中培训时间全年累计不少于7天"),
            (4, 4, "鼓励年龄在40周岁以下的社区干部参加本科以上学历教育"),
        ]),
        ("建立健全社区党组织和党员公开承诺机制", 20,
        [
            (5, 4, "社区党组织和党员制定公开承诺书，党员参与率高、实效明显。社区居民群众对社区党组织和党员队伍满意率高"),
            (6, 4, "基层党组织要通过会议、文件、党务公开栏等向党员和群众发布承诺事项，接受社区居民监督"),
            (7, 4, "党员挂牌上岗、设置党员岗位牌、公示党员形象照以及制定履诺进度表等多种方式，实施承诺，接受社区居民监督"),
            (8, 4, "社区党组织和党员联系服务群众工作制度健全，措施落实到位；社区群众满意率达到90%以上"),
            (9, 4, "在服务群众工作方面有创新举措，并得到群众广泛认可"),
        ]),
        ("建立健全社区党建品牌培育机制", 15,
        [
            (10, 5, "社区党组织重视党建品牌设计、培育和实施，做到年初有计划，半年有检查，年终有验收"),
            (11, 5, "围绕强化基础工作、提升队伍素质、建立科学机制、增强示范效应等方面开展社区党建创新项目研究和探索"),
            (12, 5, "社区要有一个以上党建工作品牌"),
        ]),
        ("建立健全社区党员居住地发挥作用机制", 15,
        [
            (13, 4, "街道、社区党组织合理设置社区服务岗位和服务内容，为在职党员进社区认岗履责搭建平台"),
            (14, 4, "积极组织在职党员利用周末、节假日等业余时间参与社区各类公益活动。广泛开展党员责任区、党员为民服务日等主题活动，做到有组织、有活动、有记录"),
            (15, 4, "开展结对帮扶、走访慰问等活动，关心生活困难党员的思想和生活，采取得力的办法和措施，为他们提供力所能及的帮助"),
            (16, 3, "组织关系在社区的党员参与率要超过60%，集中服务活动每两月不少于1次"),
        ]),
        ("建立健全社区党员分类管理机制", 15,
        [
            (17, 5, "社区党组织建立流动党员管理制度，有自管、在职、流动三类党员花名册，有流出和流入登记卡。积极查验和接收外来流动党员，组织他们参加组织生活"),
            (18, 5, "开展党员经常性学习教育活动，“三会一课”、民主生活会和民主评议党员等制度落实"),
            (19, 5, "建立党建工作联络员制度，充分发挥不同类型党员的积极性和主动性，将党的工作渗透到“小区”、“楼栋”、“家庭”和“两新”组织中"),
        ]),
        ("建立健全社区党建领导管理机制", 15,
        [
            (20, 4, "完善“1+3”组织网络，建立相应领导机构，探索实施街道“大工委制”"),
            (21, 4, "建立“1+3”组织网络联席委员会制度，每年召开协调会两次以上，并充分发挥作用，形成共驻共建良好工作格局"),
            (22, 4, "推行业主委员会主任或物业管理企业负责人通过选举进入社区党组织领导班子"),
            (23, 3, "社区党建领导管理有创新举措，并得到群众广泛认可"),
        ]),
    ];

    /// <summary>The evidence the portal computes for items 13 to 17.</summary>
    public static readonly IReadOnlyDictionary<int, string> Evidence = new Dictionary<int, string>
    {
        [13] = "设置服务岗位12个，已认领9个（75%）",
        [14] = "本年度活动24次，有签到记录22次",
        [15] = "结对联系户18户，本年度走访156次",
        [16] = "参与率62.5%（25/40）；集中服务6个双月均有",
        [17] = "自管、在职、流动花名册齐全，流入登记卡3张、流出登记卡2张",
    };

    public static string Serial(int i) => $"2026-考评-{(i + 1).ToString("000000", CultureInfo.InvariantCulture)}";

    /// <summary>Half a point off items 4, 8, 12, 16, 20, one point off items 5, 10, 15, 20.</summary>
    public static decimal Score(int no, int points) => points - (no % 4 == 0 ? 0.5m : 0) - (no % 5 == 0 ? 1 : 0);

    /// <summary>The sheet of target <paramref name="i"/> (0 to 2), ranked i + 1 of 3; items after <paramref name="scoredUpTo"/> are not scored.</summary>
    public static ScoreSheetRecord Sheet(int i, bool locked = true, int scoredUpTo = 23) => new(
        Serial: Serial(i),
        RubricName: RubricName,
        Issuer: Issuer,
        Year: 2026,
        SessionTitle: SessionTitle,
        Target: Targets[i],
        IssuedBy: IssuedBy,
        IssuedOn: IssuedOn,
        Locked: locked,
        Categories:
        [
            .. Rubric.Select((c, k) => new ScoreSheetCategory(k + 1, c.Name, c.Points,
            [
                .. c.Items.Select(item => new ScoreSheetItem(
                    item.No,
                    item.Text,
                    item.Points,
                    item.No <= scoredUpTo ? Score(item.No, item.Points) : null,
                    Comment(item.No),
                    Evidence.GetValueOrDefault(item.No))),
            ])),
        ])
    {
        Rank = i + 1,
        RankOf = Targets.Length,
    };

    /// <summary>The sheet with item <paramref name="no"/> scored <paramref name="score"/>.</summary>
    public static ScoreSheetRecord WithScore(ScoreSheetRecord sheet, int no, decimal score) => sheet with
    {
        Categories = [.. sheet.Categories.Select(c => c with { Items = [.. c.Items.Select(i => i.No == no ? i with { Score = score } : i)] })],
    };

    private static string? Comment(int no) => (no % 4, no % 5) switch
    {
        (0, 0) => $"第{no}项：机构未健全，且会议记录不全，扣1.5分",
        (0, _) => $"第{no}项：台账不够完整，扣0.5分",
        (_, 0) => $"第{no}项：群众知晓率偏低，扣1分",
        _ => null,
    };
}
