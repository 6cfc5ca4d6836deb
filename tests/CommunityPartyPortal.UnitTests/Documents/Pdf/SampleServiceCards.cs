using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

/// <summary>Display-ready 写实登记卡 and 联系对象档案卡 records; card i carries serial 2026-写实-{i:000000} and the masked phone 138****{i:0000}.</summary>
internal static class SampleServiceCards
{
    public static readonly DateOnly PrintedOn = new(2026, 11, 22);

    private static readonly string[] Activities =
    [
        "社区党员活动日集中学习",
        "幸福家园小区垃圾分类宣传",
        "为辖区老年人义诊、测量血压",
        "文明创建志愿服务，清理小广告",
        "入户走访联系对象，代购生活用品",
    ];

    private static readonly string[] Categories = ["政策宣传", "环境保护", "医疗保健", "便民利民", "扶贫帮困"];

    public static string Serial(int i) => $"2026-写实-{i:000000}";

    /// <summary>
    /// Service i of a card: every other day from 10 January, 90 to 240 minutes; the content names its number
    /// (第{n}次服务) so a row can be found on its page. Services 7, 17, … are pending and not totalled.
    /// </summary>
    public static ServiceEntry Service(int n) => new(
        Date: new DateOnly(2026, 1, 10).AddDays((n - 1) * 2 / 3 * 3),
        Content: $"第{n}次服务：{Activities[n % Activities.Length]}",
        Category: Categories[n % Categories.Length],
        Minutes: 90 + (n % 6 * 30),
        ConfirmedBy: "王秀兰",
        Status: n % 10 == 7 ? "待确认" : "已确认")
    {
        CountsTowardTotals = n % 10 != 7,
    };

    public static ServiceRecordCardRecord Card(int i, int services = 3) => new(
        Serial: Serial(i),
        Community: "城关镇东大街社区党委",
        Year: 2026,
        Name: SampleForms.Name(i),
        Gender: i % 2 == 0 ? "男" : "女",
        WorkUnit: "凤翔县人力资源和社会保障局",
        Mobile: SampleForms.MaskedMobile(i),
        PrintedOn: PrintedOn,
        Services: [.. Enumerable.Range(1, services).Select(Service)])
    {
        Post = "就业服务股股长",
        GridAddress = "第三网格 幸福家园小区3号楼2单元501室",
        UnitPartyOrganisation = "中共凤翔县人力资源和社会保障局机关支部委员会",
        Requirements =
        [
            new("全年参加社区活动天数", "≥5天", "3天", false),
            new("全年服务次数或服务时长", "≥2次或≥8小时", "3次/7.5小时", true),
            new("认领一个服务岗位", "≥1个", "1个", true),
            new("提出一条合理化建议", "≥1条", "0条", false),
        ],
        CommunityOpinion = "该同志积极参加社区活动，服务热情高，群众评价好。",
    };

    public static HouseholdCardRecord Household(int i, int visits = 3) => new(
        Serial: $"2026-联系-{i:000000}",
        Community: "城关镇东大街社区党委",
        Kind: "孤寡老人",
        HeadName: "周桂芬" + (i == 0 ? string.Empty : i.ToString(CultureInfo.InvariantCulture)),
        Gender: "女",
        NationalId: SampleForms.MaskedId(i),
        Mobile: SampleForms.MaskedMobile(i),
        Address: "城关镇东大街幸福家园小区7号楼1单元102室",
        PrintedOn: PrintedOn)
    {
        BirthYear = 1946,
        Age = 80,
        Grid = "第三网格",
        FamilySituation = "独居，老伴已故，无子女；患高血压、糖尿病，行动不便，靠养老金生活。",
        Needs = "定期上门探望，代购生活用品，陪同就医，冬季取暖帮助。",
        Members =
        [
            new("张建国", "凤翔县财政局", new DateOnly(2026, 3, 1)) { Mobile = "138****0001" },
            new("李秀英", "凤翔县人力资源和社会保障局", new DateOnly(2026, 3, 15)),
        ],
        Visits = [.. Enumerable.Range(1, visits).Select(Visit)],
        UnitPartyOrganisation = "中共凤翔县财政局机关支部委员会",
    };

    /// <summary>Visit n: monthly-ish from March, cycling through the 五助; the content names its number (第{n}次走访).</summary>
    public static HouseholdVisitEntry Visit(int n) => new(
        Date: new DateOnly(2026, 3, 5).AddDays((n - 1) * 9),
        Members: n % 3 == 0 ? "张建国、李秀英" : "张建国",
        HelpType: HouseholdKinds.FiveHelps[n % 5],
        Content: $"第{n}次走访：了解老人近况，帮助打扫卫生、代购药品和米面油，提醒按时服药。");
}
