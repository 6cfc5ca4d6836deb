namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员基本情况信息卡 (seed 003 att. 1; seed 004: 社区党员基本情况登记卡), filled by the member at the community
/// when reporting; one copy for the unit, one for the community. Strings are display-ready; ID and phone
/// arrive masked or not as the caller decides.
/// </summary>
/// <param name="Serial">编号.</param>
/// <param name="Community">The community (party organisation) keeping the card (填报社区).</param>
/// <param name="Name">姓名.</param>
/// <param name="Gender">性别.</param>
/// <param name="Ethnicity">民族.</param>
/// <param name="BirthDate">出生日期.</param>
/// <param name="Education">文化程度.</param>
/// <param name="JoinedPartyOn">入党时间.</param>
/// <param name="Status">党员类别: 正式党员 / 预备党员.</param>
/// <param name="NationalId">身份证号.</param>
/// <param name="Mobile">联系电话.</param>
/// <param name="WorkUnit">工作单位.</param>
/// <param name="JobTitle">职务.</param>
/// <param name="Address">居住地址 (full line).</param>
/// <param name="FilledOn">填表日期.</param>
public sealed record MemberInfoCardRecord(
    string Serial,
    string Community,
    string Name,
    string Gender,
    string? Ethnicity,
    DateOnly? BirthDate,
    string? Education,
    DateOnly? JoinedPartyOn,
    string Status,
    string NationalId,
    string Mobile,
    string WorkUnit,
    string? JobTitle,
    string Address,
    DateOnly FilledOn)
{
    /// <summary>所在网格, optional.</summary>
    public string? Grid { get; init; }

    /// <summary>楼栋 (e.g. 3号楼2单元), optional.</summary>
    public string? Building { get; init; }

    /// <summary>房号 (e.g. 501室), optional.</summary>
    public string? Room { get; init; }

    /// <summary>个人特长.</summary>
    public string? Specialties { get; init; }

    /// <summary>服务意向: category names; those in <see cref="ServiceCategories.Default"/> are ticked, others print under 其他.</summary>
    public IReadOnlyList<string> ServiceIntentions { get; init; } = [];

    /// <summary>空闲时间 (e.g. 周六全天、工作日晚上).</summary>
    public string? FreeTime { get; init; }

    /// <summary>Photo (红底小二寸) as JPEG or PNG bytes, optional.</summary>
    public byte[]? Photo { get; init; }

    /// <summary>image/jpeg or image/png (informational; the format is read from the bytes).</summary>
    public string? PhotoContentType { get; init; }

    /// <summary>The unit party organisation (单位党组织), optional; printed by its opinion box.</summary>
    public string? UnitPartyOrganisation { get; init; }
}
