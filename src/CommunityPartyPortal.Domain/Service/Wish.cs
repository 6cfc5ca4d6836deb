using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

public enum WishSource
{
    [Display(Name = "心愿墙")] WishWall = 1,
    [Display(Name = "心愿箱")] WishBox = 2,
    [Display(Name = "网格员走访")] GridVisit = 3,
}

public enum WishStatus
{
    [Display(Name = "待审核")] Submitted = 1,
    [Display(Name = "已审核")] Approved = 2,
    [Display(Name = "已发布")] Published = 3,
    [Display(Name = "已认领")] Claimed = 4,
    [Display(Name = "已实现")] Fulfilled = 5,
    [Display(Name = "已确认")] Confirmed = 6,
    [Display(Name = "未通过")] Rejected = 7,
    [Display(Name = "已撤回")] Withdrawn = 8,
}

/// <summary>微心愿: a resident's small wish, published on the community's wish menu and fulfilled by a member.</summary>
public class Wish : EditableEntity, IWritableByMembers
{
    public Guid CommunityId { get; set; }
    public required string Serial { get; set; }
    public required string Title { get; set; }
    public string? Content { get; set; }
    public required string ResidentName { get; set; }
    public string? ResidentPhone { get; set; }
    public string? Address { get; set; }
    public WishSource Source { get; set; }
    public ServiceCategory Category { get; set; }
    public WishStatus Status { get; set; } = WishStatus.Submitted;
    public DateOnly SubmittedOn { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public Guid? ClaimedByMemberId { get; set; }
    public Member? ClaimedBy { get; set; }
    public DateOnly? ClaimedOn { get; set; }
    public DateOnly? FulfilledOn { get; set; }
    public string? FulfilmentNote { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateOnly? ConfirmedOn { get; set; }
    /// <summary>Why it was rejected, withdrawn or reassigned last.</summary>
    public string? Reason { get; set; }
}

/// <summary>One move of a wish between states, with who and why: the wish's history (append-only).</summary>
public class WishEvent : Entity, IWritableByMembers
{
    public Guid WishId { get; set; }
    public Guid CommunityId { get; set; }
    public DateTime At { get; set; }
    public WishStatus From { get; set; }
    public WishStatus To { get; set; }
    public required string By { get; set; }
    public Guid? MemberId { get; set; }
    public string? Note { get; set; }
}
