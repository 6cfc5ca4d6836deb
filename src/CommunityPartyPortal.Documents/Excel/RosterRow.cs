namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// One member in the 社区在职党员名册 (or a unit's member list, same shape). Plain values: the web layer maps the
/// entity, turns enums into their Chinese names and masks 身份证号 / 手机 when the user may not see them.
/// </summary>
public sealed record RosterRow
{
    /// <summary>序号.</summary>
    public int No { get; init; }
    /// <summary>姓名.</summary>
    public string Name { get; init; } = "";
    /// <summary>性别 (男/女).</summary>
    public string? Gender { get; init; }
    /// <summary>出生日期.</summary>
    public DateOnly? BirthDate { get; init; }
    /// <summary>民族.</summary>
    public string? Ethnicity { get; init; }
    /// <summary>学历.</summary>
    public string? Education { get; init; }
    /// <summary>入党日期.</summary>
    public DateOnly? JoinedPartyOn { get; init; }
    /// <summary>正式/预备 (正式党员/预备党员).</summary>
    public string? Status { get; init; }
    /// <summary>身份证号, already masked by the caller when needed.</summary>
    public string? NationalId { get; init; }
    /// <summary>手机, already masked by the caller when needed.</summary>
    public string? Mobile { get; init; }
    /// <summary>工作单位.</summary>
    public string? WorkUnit { get; init; }
    /// <summary>职务.</summary>
    public string? JobTitle { get; init; }
    /// <summary>居住社区.</summary>
    public string? Community { get; init; }
    /// <summary>网格.</summary>
    public string? Grid { get; init; }
    /// <summary>楼栋/房号.</summary>
    public string? BuildingRoom { get; init; }
    /// <summary>特长.</summary>
    public string? Specialties { get; init; }
    /// <summary>服务意向 (e.g. 政策宣传、法律援助).</summary>
    public string? ServiceIntentions { get; init; }
    /// <summary>报到日期.</summary>
    public DateOnly? ReportedOn { get; init; }
    /// <summary>报到状态 (e.g. 已报到, 待确认, 已撤回).</summary>
    public string? ReportStatus { get; init; }
    /// <summary>备注.</summary>
    public string? Notes { get; init; }
}
