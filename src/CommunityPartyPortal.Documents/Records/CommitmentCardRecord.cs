namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员服务承诺卡 (seed 003 att. 4): the member's public promise of service, handed to the community and
/// reviewed (审定) by the unit's party organisation. Strings are display-ready.
/// </summary>
/// <param name="Serial">编号.</param>
/// <param name="Community">所在社区 (the community party organisation receiving it).</param>
/// <param name="WorkUnit">工作单位.</param>
/// <param name="Name">姓名.</param>
/// <param name="Status">党员类别: 正式党员 / 预备党员.</param>
/// <param name="Mobile">联系电话, masked or not by the caller.</param>
/// <param name="PostWanted">认领岗位 (the service post claimed).</param>
/// <param name="Categories">服务类别: ticked among <see cref="ServiceCategories.Default"/>, others under 其他.</param>
/// <param name="FreeTime">空闲时间.</param>
/// <param name="Promises">承诺事项, several lines separated by line breaks.</param>
/// <param name="SignedOn">承诺日期.</param>
public sealed record CommitmentCardRecord(
    string Serial,
    string Community,
    string WorkUnit,
    string Name,
    string Status,
    string Mobile,
    string? PostWanted,
    IReadOnlyList<string> Categories,
    string? FreeTime,
    string Promises,
    DateOnly SignedOn)
{
    /// <summary>The unit party organisation (单位党组织) that reviews the card, optional.</summary>
    public string? UnitPartyOrganisation { get; init; }
}
