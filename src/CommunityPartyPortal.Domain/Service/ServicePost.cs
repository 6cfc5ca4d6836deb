using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

public enum PostKind
{
    [Display(Name = "党员公益岗")] PublicWelfarePost = 1,
    [Display(Name = "党员责任区")] ResponsibilityArea = 2,
    [Display(Name = "党员联系户")] ContactHousehold = 3,
    [Display(Name = "党员为民服务日")] ServiceDay = 4,
}

/// <summary>认岗: a post or responsibility area the community sets up, in one of the eight service categories.</summary>
public class ServicePost : EditableEntity, IVisibleToMembers
{
    public Guid CommunityId { get; set; }
    public PostKind Kind { get; set; }
    public ServiceCategory Category { get; set; }
    public required string Name { get; set; }
    /// <summary>岗位职责.</summary>
    public string? Duties { get; set; }
    /// <summary>责任区范围 (e.g. buildings 1–3).</summary>
    public string? Area { get; set; }
    /// <summary>How many members may hold the post at once; null: no limit.</summary>
    public int? Capacity { get; set; }
    public bool IsClosed { get; set; }
}

public enum ClaimStatus
{
    [Display(Name = "待审核")] Requested = 1,
    [Display(Name = "已认领")] Approved = 2,
    [Display(Name = "未通过")] Rejected = 3,
    [Display(Name = "已退出")] Released = 4,
    /// <summary>The member withdrew the request before the secretary decided it.</summary>
    [Display(Name = "已撤回")] Withdrawn = 5,
}

/// <summary>A member's claim of a post: recorded by the secretary (approved at once) or requested and approved.</summary>
public class PostClaim : EditableEntity, IMemberOwned
{
    public Guid PostId { get; set; }
    public ServicePost? Post { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public ClaimStatus Status { get; set; } = ClaimStatus.Requested;
    public DateOnly RequestedOn { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? DecidedBy { get; set; }
    public DateOnly? ReleasedOn { get; set; }
    public string? Note { get; set; }
    /// <summary>1 while requested or approved: one open claim per post and member (unique index).</summary>
    public int? ActiveSlot { get; set; } = 1;

    public bool IsOpen => Status is ClaimStatus.Requested or ClaimStatus.Approved;
}

public enum TeamKind
{
    [Display(Name = "志愿者服务队")] VolunteerTeam = 1,
    [Display(Name = "党小组")] PartyGroup = 2,
}

/// <summary>志愿者服务队 or 党小组 formed in the community, optionally on a post, with a leader.</summary>
public class Team : EditableEntity, IVisibleToMembers
{
    public Guid CommunityId { get; set; }
    public TeamKind Kind { get; set; }
    public required string Name { get; set; }
    public ServiceCategory Category { get; set; }
    public Guid? PostId { get; set; }
    public Guid? LeaderMemberId { get; set; }
    public string? Description { get; set; }
    public bool IsDissolved { get; set; }
}

public class TeamMembership : EditableEntity, IMemberOwned
{
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    /// <summary>1 while the member is in the team (unique with team and member).</summary>
    public int? ActiveSlot { get; set; } = 1;
}
