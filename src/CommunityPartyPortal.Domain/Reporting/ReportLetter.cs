using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Reporting;

public enum LetterStatus
{
    [Display(Name = "已开具")] Issued = 1,
    [Display(Name = "已报到")] Used = 2,
    [Display(Name = "已作废")] Cancelled = 3,
}

/// <summary>在职党员进社区报到证明信 (seed 004: 住社区党员身份介绍函): the unit sends its member to the community.</summary>
public class ReportLetter : EditableEntity
{
    /// <summary>e.g. 2026-证明信-000123, unique per document type and year.</summary>
    public required string Serial { get; set; }
    public int Year { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    /// <summary>The issuing unit (the member's unit when issued).</summary>
    public Guid WorkUnitId { get; set; }
    /// <summary>The community the member is sent to (where the member lives).</summary>
    public Guid CommunityId { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string IssuedBy { get; set; }
    public LetterStatus Status { get; set; } = LetterStatus.Issued;
    /// <summary>
    /// 1 while the letter is open (issued, not yet used or cancelled), null otherwise: unique with member
    /// and year, so two concurrent requests can never both open a letter for one member. Kept in step
    /// with <see cref="Status"/> by the DbContext.
    /// </summary>
    public int? ActiveSlot { get; set; } = 1;
    public string? CancelReason { get; set; }
}
