using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>
/// The word lists and weights <see cref="SyntheticCounty"/> draws from: place and community names, county
/// departments and their units, and the distributions of ethnicity, education, specialties, free time and job titles.
/// </summary>
internal static class SyntheticCountyData
{
    internal static readonly string[] StreetPlaces =
    [
        "城关", "东关", "西关", "南关", "北关", "陈村", "柳林", "横水", "彪角", "田家庄", "长青", "范家寨", "糜杆桥",
        "姚家沟", "董家河", "尹家务", "虢王", "南指挥", "雍城", "凤鸣", "石头河", "青龙", "马家湾", "枣林", "益店",
        "京当", "故郡", "祝家庄", "蔡家坡", "曹家庄",
    ];

    internal const string CommunityFirst = "东西南北新和兴安康福锦华文秀明春阳金银龙";
    internal const string CommunitySecond = "苑园华泰安宁河湖兴光城馨悦乐丰和欣盛源林";

    /// <summary>County departments and the kinds of unit under them (县 + place + stem).</summary>
    internal static readonly (string Name, string[] Stems)[] Departments =
    [
        ("县教育局", ["中心学校", "初级中学", "小学"]),
        ("县卫生健康局", ["中心卫生院", "医院", "妇幼保健站"]),
        ("县公安局", ["派出所", "交警中队"]),
        ("县财政局", ["财政所"]),
        ("县人力资源和社会保障局", ["人社服务中心", "劳动保障所"]),
        ("县自然资源局", ["自然资源所"]),
        ("县住房和城乡建设局", ["建设管理站", "住房保障中心"]),
        ("县交通运输局", ["公路养护站", "交通管理所"]),
        ("县水利局", ["水利站", "水利工作站"]),
        ("县农业农村局", ["农技站", "畜牧兽医站", "农经站"]),
        ("县商务局", ["电商服务中心"]),
        ("县文化和旅游局", ["文化站", "旅游服务中心"]),
        ("县民政局", ["养老服务中心", "社会救助站"]),
        ("县司法局", ["司法所", "法律服务所"]),
        ("县审计局", ["审计所"]),
        ("县统计局", ["统计站"]),
        ("县市场监督管理局", ["市场监管所"]),
        ("县应急管理局", ["应急救援站"]),
        ("县林业局", ["林业站", "林业工作站"]),
        ("县医疗保障局", ["医保服务站"]),
        ("县退役军人事务局", ["退役军人服务站"]),
        ("县生态环境局", ["环境监测站"]),
        ("县发展和改革委员会", ["粮食储备站", "价格监测中心"]),
        ("县委办公室", ["综合服务中心"]),
        ("县政府办公室", ["便民服务中心", "政务服务中心"]),
    ];

    internal static readonly (string Name, int Weight)[] Ethnicities =
    [
        ("汉族", 9600), ("回族", 200), ("满族", 70), ("蒙古族", 40), ("土家族", 30), ("藏族", 30), ("壮族", 30),
    ];

    internal static readonly string[] SpecialtyList =
    [
        "法律咨询", "医疗", "教育辅导", "文艺", "电脑维修", "心理疏导", "书法", "摄影", "家电维修", "理发",
        "体育健身", "财会", "驾驶", "烹饪", "农业技术", "水电维修", "外语", "绘画", "手工编织",
    ];

    internal static readonly string[] FreeTimes = ["周末", "工作日晚上", "节假日", "周六上午", "周日下午", "不固定"];

    internal static readonly string[] JobTitles =
    [
        "科员", "干部", "副科长", "科长", "副主任", "主任", "教师", "医生", "护士", "技术员", "会计", "工程师", "站长", "所长", "辅警",
    ];

    /// <summary>
    /// Education weights, in <see cref="Education"/> order (postgraduate, bachelor, college, vocational,
    /// high school, middle school or below), by category and by birth before 1970.
    /// </summary>
    internal static int[] EducationWeights(MemberCategory category, bool bornBefore1970) => (category, bornBefore1970) switch
    {
        (MemberCategory.InService, false) => [10, 50, 27, 6, 5, 2],
        (MemberCategory.InService, true) => [3, 35, 35, 12, 11, 4],
        (_, false) => [3, 25, 30, 15, 17, 10],
        (_, true) => [1, 10, 20, 18, 28, 23],
    };
}
