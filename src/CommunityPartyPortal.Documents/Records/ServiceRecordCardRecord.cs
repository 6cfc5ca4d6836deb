namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员进社区情况写实登记卡 (seed 003 att. 3): one member's service in the residential community over one year,
/// kept by the community and sent to the member's unit party organisation. Strings are display-ready; the phone
/// arrives masked or not as the caller decides.
/// </summary>
/// <param name="Serial">编号 (e.g. 2026-写实-000123).</param>
/// <param name="Community">The community party organisation keeping the card (登记社区); it seals the opinion box.</param>
/// <param name="Year">年度.</param>
/// <param name="Name">姓名.</param>
/// <param name="Gender">性别.</param>
/// <param name="WorkUnit">工作单位.</param>
/// <param name="Mobile">联系电话, masked or not by the caller.</param>
/// <param name="PrintedOn">打印日期.</param>
/// <param name="Services">The year's service records in date order; every one is listed, only those that count are totalled.</param>
public sealed record ServiceRecordCardRecord(
    string Serial,
    string Community,
    int Year,
    string Name,
    string Gender,
    string WorkUnit,
    string Mobile,
    DateOnly PrintedOn,
    IReadOnlyList<ServiceEntry> Services)
{
    /// <summary>职务 (party post or position in the unit), optional.</summary>
    public string? Post { get; init; }

    /// <summary>所在网格 / 住址 (e.g. 第三网格 幸福家园3号楼2单元501室), optional.</summary>
    public string? GridAddress { get; init; }

    /// <summary>The member's unit party organisation (单位党组织), optional; printed by its receipt box.</summary>
    public string? UnitPartyOrganisation { get; init; }

    /// <summary>The annual requirements and the member's progress, in display order; the block is left out when empty.</summary>
    public IReadOnlyList<RequirementProgress> Requirements { get; init; } = [];

    /// <summary>社区党组织意见 printed in the opinion box, optional (blank to write by hand).</summary>
    public string? CommunityOpinion { get; init; }

    /// <summary>服务次数, 服务天数, 累计时长 of the services that count.</summary>
    public ServiceTotals Totals => ServiceTotals.Of(Services);
}

/// <summary>One service record of a member (a row of the 写实登记卡).</summary>
/// <param name="Date">服务日期.</param>
/// <param name="Content">活动 / 服务内容.</param>
/// <param name="Category">服务类别 (政策宣传, 便民利民 …), optional.</param>
/// <param name="Minutes">时长 in minutes (printed as hours with one decimal).</param>
/// <param name="ConfirmedBy">确认人, optional.</param>
/// <param name="Status">状态 / 备注 (已确认, 待确认 …), optional.</param>
public sealed record ServiceEntry(DateOnly Date, string Content, string? Category, int Minutes, string? ConfirmedBy, string? Status)
{
    /// <summary>Whether the record is totalled (confirmed records: true; pending or rejected ones: false). Default true.</summary>
    public bool CountsTowardTotals { get; init; } = true;
}

/// <summary>A member's standing against one annual requirement (年度要求完成情况).</summary>
/// <param name="Label">考核要求 (e.g. 全年参加社区活动).</param>
/// <param name="Required">要求 (e.g. ≥5天).</param>
/// <param name="Achieved">完成 (e.g. 3天).</param>
/// <param name="Met">是否达标: printed 是 / 否.</param>
public sealed record RequirementProgress(string Label, string Required, string Achieved, bool Met);
