namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员现实表现评议情况反馈卡 (seed 003 att. 5): the community party organisation tells the member's unit party
/// organisation how the member served in the residential community over one feedback cycle (a quarter, a half year,
/// the year), with a grade, the community's opinion and, when it objects, a one-vote veto (一票否决) on the member's
/// commendation. Strings are display-ready; the figures are the period's, as drafted from the records.
/// </summary>
/// <param name="Serial">编号 of the card (allocated when it is sent).</param>
/// <param name="IssuedBy">The community party organisation sending the card (e.g. 城关镇东大街社区党委); it seals the opinion.</param>
/// <param name="IssuedOn">反馈日期 (the day the card was sent).</param>
/// <param name="Year">The cycle's year.</param>
/// <param name="CycleLabel">反馈周期 (e.g. 2026年第一季度, 2026年上半年, 2026年度).</param>
/// <param name="PeriodStart">First day of the period the figures cover.</param>
/// <param name="PeriodEnd">Last day of the period the figures cover.</param>
/// <param name="Name">姓名.</param>
/// <param name="Gender">性别, optional.</param>
/// <param name="WorkUnit">工作单位.</param>
/// <param name="Community">居住社区 (the community the member reported to).</param>
public sealed record FeedbackCardRecord(
    string Serial,
    string IssuedBy,
    DateOnly IssuedOn,
    int Year,
    string CycleLabel,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string Name,
    string? Gender,
    string WorkUnit,
    string Community)
{
    /// <summary>1 for the first card of the member and cycle; above 1 the card corrects an earlier one (更正件（第N版）).</summary>
    public int Revision { get; init; } = 1;

    /// <summary>编号 of the card this one corrects (printed on a correction), optional.</summary>
    public string? Corrects { get; init; }

    /// <summary>职务 (the member's post in the unit), optional.</summary>
    public string? Post { get; init; }

    /// <summary>The member's unit party organisation (单位党组织), the addressee; printed by its receipt box, optional.</summary>
    public string? UnitPartyOrganisation { get; init; }

    /// <summary>服务次数 in the period (confirmed service records).</summary>
    public int Services { get; init; }

    /// <summary>服务天数 in the period (distinct days served).</summary>
    public int Days { get; init; }

    /// <summary>服务时长 in minutes (printed as hours with one decimal, rounded down, see <see cref="ServiceHours"/>).</summary>
    public int Minutes { get; init; }

    /// <summary>认领岗位: posts the member held in the period.</summary>
    public int PostsClaimed { get; init; }

    /// <summary>完成微心愿: wishes the member fulfilled in the period.</summary>
    public int WishesFulfilled { get; init; }

    /// <summary>结对联系户: households the member was paired with in the period.</summary>
    public int HouseholdsPaired { get; init; }

    /// <summary>走访次数: visits to those households in the period.</summary>
    public int HouseholdVisits { get; init; }

    /// <summary>提出建议: suggestions made in the period.</summary>
    public int Suggestions { get; init; }

    /// <summary>年度要求 met so far (of <see cref="RequirementsTotal"/>).</summary>
    public int RequirementsMet { get; init; }

    /// <summary>年度要求 of the year; 0 when no requirement is set (printed 未设定).</summary>
    public int RequirementsTotal { get; init; }

    /// <summary>The requirement lines as the 写实登记卡 prints them, optional (listed under the figures when given).</summary>
    public IReadOnlyList<RequirementProgress> Requirements { get; init; } = [];

    /// <summary>评议等次: one of <see cref="FeedbackGrades.All"/>, or null when not graded (every box left empty).</summary>
    public string? Grade { get; init; }

    /// <summary>社区党组织意见, optional (blank to write by hand); it wraps.</summary>
    public string? Opinion { get; init; }

    /// <summary>一票否决: the community objects to the member's commendation this year.</summary>
    public bool Veto { get; init; }

    /// <summary>否决理由, printed when <see cref="Veto"/>.</summary>
    public string? VetoReason { get; init; }

    /// <summary>服务时长 in hours with one decimal: "7.5".</summary>
    public string HoursText => ServiceHours.Format(Minutes);

    /// <summary>"3/5" (met of total), or 未设定 when the year has no requirement.</summary>
    public string RequirementsText => FeedbackGrades.RequirementsText(RequirementsMet, RequirementsTotal);

    /// <summary>"2026年1月1日至2026年3月31日".</summary>
    public string PeriodText => $"{PeriodStart.Year}年{PeriodStart.Month}月{PeriodStart.Day}日至{PeriodEnd.Year}年{PeriodEnd.Month}月{PeriodEnd.Day}日";
}

/// <summary>The four grades of the 评议 (优秀 / 合格 / 基本合格 / 不合格), in the order the card prints them.</summary>
public static class FeedbackGrades
{
    public const string Excellent = "优秀";
    public const string Qualified = "合格";
    public const string BasicallyQualified = "基本合格";
    public const string Unqualified = "不合格";

    /// <summary>The requirement figure when the year sets no requirement.</summary>
    public const string NoRequirements = "未设定";

    /// <summary>优秀, 合格, 基本合格, 不合格.</summary>
    public static IReadOnlyList<string> All { get; } = [Excellent, Qualified, BasicallyQualified, Unqualified];

    /// <summary>Whether <paramref name="grade"/> is null (not graded) or one of <see cref="All"/>.</summary>
    public static bool IsValid(string? grade) => grade is null || All.Contains(grade, StringComparer.Ordinal);

    /// <summary>Throws when <paramref name="grade"/> is neither null nor one of the four grades.</summary>
    public static void EnsureValid(string? grade, string what)
    {
        if (!IsValid(grade))
        {
            throw new ArgumentException($"{what}: the grade '{grade}' is not one of {string.Join("、", All)}.", nameof(grade));
        }
    }

    /// <summary>"3/5", or 未设定 when <paramref name="total"/> is 0.</summary>
    public static string RequirementsText(int met, int total) =>
        total <= 0 ? NoRequirements : $"{met}/{total}";
}
