using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Reporting;

public enum ReportStatus
{
    [Display(Name = "已报到")] Confirmed = 1,
    [Display(Name = "已撤回")] Withdrawn = 2,
}

/// <summary>
/// 报到: the community confirms the member's arrival, enters the member in the 社区在职党员名册 and issues
/// the 报到回执 to the unit. Carries the 服务承诺卡 (commitments) and the serials of the documents.
/// One active report per member, community and year (<see cref="ActiveSlot"/> backs that with a unique index).
/// </summary>
public class CommunityReport : EditableEntity
{
    public int Year { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    /// <summary>The letter the member brought; null: reported without a letter (the unit sees "letter missing").</summary>
    public Guid? LetterId { get; set; }
    public ReportLetter? Letter { get; set; }
    public DateOnly ReportedOn { get; set; }
    /// <summary>Reported after the year's deadline: marked, not refused.</summary>
    public bool IsLate { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Confirmed;
    public required string ConfirmedBy { get; set; }

    /// <summary>
    /// 1 while the report is active, null once withdrawn: unique with member, community and year. Kept in
    /// step with <see cref="Status"/> by the DbContext.
    /// </summary>
    public int? ActiveSlot { get; set; } = 1;

    public required string ReceiptSerial { get; set; }
    public required string InfoCardSerial { get; set; }
    public required string CommitmentSerial { get; set; }
    /// <summary>When the unit acknowledged the receipt (回执已收到).</summary>
    public DateTime? ReceiptReceivedAt { get; set; }
    public string? ReceiptReceivedBy { get; set; }

    // 在职党员服务承诺卡
    /// <summary>认领岗位: the service post the member wants.</summary>
    public string? PostWanted { get; set; }
    public ServiceCategory Categories { get; set; }
    public string? FreeTime { get; set; }
    /// <summary>承诺事项: the member's concrete promises.</summary>
    public string? Promises { get; set; }

    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawReason { get; set; }

    public bool IsActive => Status == ReportStatus.Confirmed;
}
