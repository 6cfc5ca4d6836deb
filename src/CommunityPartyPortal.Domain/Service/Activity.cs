using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

public enum ActivityKind
{
    [Display(Name = "日常活动")] Regular = 1,
    /// <summary>党员活动日: the first Saturday of odd months (seed 000).</summary>
    [Display(Name = "党员活动日")] MeetingDay = 2,
    /// <summary>全县志愿服务日: the last weekend of each quarter (seed 003).</summary>
    [Display(Name = "志愿服务日")] VolunteerDay = 3,
    /// <summary>集中服务: at least once every two months (seed 001 item 16).</summary>
    [Display(Name = "集中服务")] ConcentratedService = 4,
}

/// <summary>An activity the community organises; members check in to it and get service records.</summary>
public class Activity : EditableEntity, IVisibleToMembers
{
    public Guid CommunityId { get; set; }
    public required string Title { get; set; }
    public ActivityKind Kind { get; set; } = ActivityKind.Regular;
    public ServiceCategory Category { get; set; }
    /// <summary>公益活动: counts for the 五个一's "one public-welfare activity".</summary>
    public bool IsPublicWelfare { get; set; }
    public string? Place { get; set; }
    /// <summary>Start and end in UTC (shown in China time).</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Organiser { get; set; }
    public int? Capacity { get; set; }
    /// <summary>The hours a check-in gets unless adjusted, in minutes (at most the activity's length).</summary>
    public int DefaultMinutes { get; set; }
    public string? Description { get; set; }
    /// <summary>The recurring series this occurrence was generated from, if any.</summary>
    public Guid? SeriesId { get; set; }
    /// <summary>Random token in the self check-in QR code's address.</summary>
    public required string CheckInCode { get; set; }
    public bool IsCancelled { get; set; }
    public string? CancelReason { get; set; }

    public int LengthMinutes => (int)Math.Round((EndsAt - StartsAt).TotalMinutes);
}

public enum RecordSource
{
    [Display(Name = "活动签到")] CheckIn = 1,
    [Display(Name = "扫码自助签到")] SelfCheckIn = 2,
    [Display(Name = "活动外服务")] Manual = 3,
}

public enum RecordStatus
{
    [Display(Name = "待确认")] Pending = 1,
    [Display(Name = "已确认")] Confirmed = 2,
    [Display(Name = "未通过")] Rejected = 3,
    [Display(Name = "已撤销")] Undone = 4,
    [Display(Name = "已更正")] Corrected = 5,
}

/// <summary>
/// 写实登记: one service of a member (a check-in at an activity, or service outside activities). Never
/// deleted: rejected, undone, or corrected by a new record that points back at it.
/// </summary>
public class ServiceRecord : EditableEntity, IMemberOwned
{
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public Guid? ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public DateOnly ServedOn { get; set; }
    /// <summary>服务内容 (the activity's title for a check-in).</summary>
    public required string Content { get; set; }
    public ServiceCategory Category { get; set; }
    public bool IsPublicWelfare { get; set; }
    public int Minutes { get; set; }
    public RecordSource Source { get; set; }
    public RecordStatus Status { get; set; } = RecordStatus.Pending;
    public required string RecordedBy { get; set; }
    /// <summary>Who confirmed the service (证明人 / 确认人).</summary>
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>Why it was rejected, undone or corrected.</summary>
    public string? StatusReason { get; set; }
    /// <summary>The record this one corrects.</summary>
    public Guid? CorrectsId { get; set; }
    /// <summary>Client-generated key of the submission: a repeated POST finds the first record.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>1 while a check-in counts (pending or confirmed): one per activity and member (unique index).</summary>
    public int? ActiveSlot { get; set; }

    public bool Counts => Status == RecordStatus.Confirmed;
}
