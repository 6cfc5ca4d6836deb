namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 在职党员进社区报到回执 (seed 003 att. 2): the community tells the member's unit that the member has reported.
/// Printed two-up: the community's stub (存根) above the cut line, the receipt to the unit below.
/// Strings are display-ready; ID and phone arrive masked or not as the caller decides.
/// </summary>
/// <param name="Serial">编号 of the receipt, the same on stub and receipt.</param>
/// <param name="ToUnit">The addressee, the member's unit party organisation ("XX单位党组织：").</param>
/// <param name="Community">The community party organisation issuing the receipt; it seals it.</param>
/// <param name="MemberName">党员姓名.</param>
/// <param name="Gender">性别.</param>
/// <param name="Mobile">联系电话.</param>
/// <param name="NationalId">身份证号.</param>
/// <param name="ReportedOn">报到日期.</param>
/// <param name="IsLate">Reported after the year's deadline (逾期报到).</param>
/// <param name="LetterSerial">编号 of the unit's 报到证明信, or null when the member came without one (无证明信).</param>
/// <param name="ConfirmedBy">The community clerk who confirmed the report (经办人).</param>
/// <param name="IssuedOn">回执日期.</param>
public sealed record ReportReceiptRecord(
    string Serial,
    string ToUnit,
    string Community,
    string MemberName,
    string Gender,
    string Mobile,
    string NationalId,
    DateOnly ReportedOn,
    bool IsLate,
    string? LetterSerial,
    string ConfirmedBy,
    DateOnly IssuedOn)
{
    /// <summary>The text printed when there is no letter serial.</summary>
    public const string NoLetter = "无证明信";

    /// <summary>社区联系人, optional.</summary>
    public string? CommunityContact { get; init; }

    /// <summary>社区联系电话, optional.</summary>
    public string? CommunityPhone { get; init; }

    /// <summary>居住地址 in the community, optional.</summary>
    public string? Address { get; init; }

    /// <summary>The letter serial for display: the serial or 无证明信.</summary>
    public string LetterSerialText => string.IsNullOrWhiteSpace(LetterSerial) ? NoLetter : LetterSerial;
}
