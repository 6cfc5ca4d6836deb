namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员进社区报到证明信 (seed 004: 住社区党员身份介绍函): the unit's party organisation introduces its member
/// to the residential community. Printed two-up: the unit's stub (存根) above the cut line, the letter below.
/// Every string is display-ready; <see cref="NationalId"/> and <see cref="Mobile"/> arrive masked or not as the caller decides.
/// </summary>
/// <param name="Serial">编号, the same on stub and letter (and quoted by the community's 回执).</param>
/// <param name="IssuingUnit">The unit party organisation issuing it (中共××局机关支部委员会); it seals the letter.</param>
/// <param name="ToCommunity">The addressee, the community party organisation (××社区党委).</param>
/// <param name="MemberName">党员姓名.</param>
/// <param name="Gender">男 / 女.</param>
/// <param name="BirthDate">出生日期, optional.</param>
/// <param name="NationalId">身份证号, masked or not by the caller.</param>
/// <param name="Mobile">联系电话, masked or not by the caller.</param>
/// <param name="JobTitle">职务 (in the unit), optional.</param>
/// <param name="Status">党员类别: 正式党员 / 预备党员.</param>
/// <param name="JoinedPartyOn">入党时间, optional.</param>
/// <param name="Address">现居住地址 in the community (小区、楼栋、单元、室).</param>
/// <param name="IssuedOn">开具日期.</param>
public sealed record ReportLetterRecord(
    string Serial,
    string IssuingUnit,
    string ToCommunity,
    string MemberName,
    string Gender,
    DateOnly? BirthDate,
    string NationalId,
    string Mobile,
    string? JobTitle,
    string Status,
    DateOnly? JoinedPartyOn,
    string Address,
    DateOnly IssuedOn)
{
    /// <summary>有效期至 (the year's reporting deadline), optional.</summary>
    public DateOnly? ValidUntil { get; init; }

    /// <summary>The campaign year (年度), optional; printed on the stub.</summary>
    public int? Year { get; init; }

    /// <summary>备注, optional.</summary>
    public string? Notes { get; init; }

    /// <summary>单位联系人 (the unit's liaison, 联络员), optional.</summary>
    public string? ContactPerson { get; init; }

    /// <summary>单位联系电话, optional.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>经办人 who issued the letter, optional (blank line to sign otherwise).</summary>
    public string? IssuedBy { get; init; }
}
