using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Members;

/// <summary>流入/流出登记卡: one registration of a floating member's movement, kept as history.</summary>
public class MemberFlowRecord : EditableEntity
{
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public FlowDirection Direction { get; set; }
    /// <summary>流入/流出日期.</summary>
    public DateOnly OccurredOn { get; set; }
    /// <summary>流入自 (inflow) or 流出至 (outflow): the place.</summary>
    public required string Place { get; set; }
    /// <summary>流动原因.</summary>
    public required string Reason { get; set; }
    /// <summary>联系方式 while away.</summary>
    public required string Contact { get; set; }
    /// <summary>接收党组织 (outflow) or 原党组织 (inflow).</summary>
    public required string ReceivingOrganization { get; set; }
    /// <summary>返回/结束日期, when the movement ended.</summary>
    public DateOnly? EndedOn { get; set; }
    public string? Notes { get; set; }
    public string? RecordedBy { get; set; }
}
