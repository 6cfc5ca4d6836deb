namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员进社区联系对象档案卡 (seed 003 att. 8): the file of a needy household paired with in-service members
/// (一对一 / 多对一), kept by the community and by the members' unit, with the visit history under the 五助.
/// Strings are display-ready; ID and phone arrive masked or not as the caller decides.
/// </summary>
/// <param name="Serial">编号 of the household's file.</param>
/// <param name="Community">The community party organisation keeping the file (建档社区); it seals it.</param>
/// <param name="Kind">对象类别: one of <see cref="HouseholdKinds.Default"/> (ticked) or another name (printed under 其他).</param>
/// <param name="HeadName">户主姓名 (or the person helped).</param>
/// <param name="Gender">性别.</param>
/// <param name="NationalId">身份证号, masked or not by the caller; may be empty.</param>
/// <param name="Mobile">联系电话, masked or not by the caller; may be empty.</param>
/// <param name="Address">家庭住址.</param>
/// <param name="PrintedOn">打印日期.</param>
public sealed record HouseholdCardRecord(
    string Serial,
    string Community,
    string Kind,
    string HeadName,
    string? Gender,
    string? NationalId,
    string? Mobile,
    string Address,
    DateOnly PrintedOn)
{
    /// <summary>出生年份, optional.</summary>
    public int? BirthYear { get; init; }

    /// <summary>年龄, optional; printed after the birth year (1948年（78岁）) or alone (78岁).</summary>
    public int? Age { get; init; }

    /// <summary>所在网格, optional.</summary>
    public string? Grid { get; init; }

    /// <summary>家庭情况 (members, income, health …).</summary>
    public string? FamilySituation { get; init; }

    /// <summary>帮扶需求.</summary>
    public string? Needs { get; init; }

    /// <summary>The members paired with the household.</summary>
    public IReadOnlyList<PairedMember> Members { get; init; } = [];

    /// <summary>The visit history in date order; it runs over as many pages as it needs.</summary>
    public IReadOnlyList<HouseholdVisitEntry> Visits { get; init; } = [];

    /// <summary>The paired members' unit party organisation(s) (单位党组织), optional; printed by its seal box.</summary>
    public string? UnitPartyOrganisation { get; init; }
}

/// <summary>A member paired with the household (结对党员).</summary>
/// <param name="Name">姓名.</param>
/// <param name="WorkUnit">工作单位.</param>
/// <param name="PairedSince">结对时间, optional.</param>
public sealed record PairedMember(string Name, string WorkUnit, DateOnly? PairedSince)
{
    /// <summary>联系电话, masked or not by the caller, optional.</summary>
    public string? Mobile { get; init; }
}

/// <summary>One visit to the household (走访帮扶记录).</summary>
/// <param name="Date">走访日期.</param>
/// <param name="Members">走访党员 (one name or several, e.g. 张建国、李秀英).</param>
/// <param name="HelpType">帮扶类型: one of <see cref="HouseholdKinds.FiveHelps"/> (助贫 助困 助残 助学 助老).</param>
/// <param name="Content">帮扶内容.</param>
public sealed record HouseholdVisitEntry(DateOnly Date, string Members, string HelpType, string Content);

/// <summary>The kinds of contact households and the 五助 (seed 003: 联系一户困难家庭).</summary>
public static class HouseholdKinds
{
    /// <summary>贫困户, 困难党员, 残疾人, 贫困学生, 孤寡老人.</summary>
    public static IReadOnlyList<string> Default { get; } = ["贫困户", "困难党员", "残疾人", "贫困学生", "孤寡老人"];

    /// <summary>助贫, 助困, 助残, 助学, 助老.</summary>
    public static IReadOnlyList<string> FiveHelps { get; } = ["助贫", "助困", "助残", "助学", "助老"];
}
