using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

public enum SuggestionStatus
{
    [Display(Name = "待答复")] Submitted = 1,
    [Display(Name = "已答复")] Answered = 2,
    [Display(Name = "已采纳")] Adopted = 3,
}

/// <summary>合理建议: a member's suggestion to the community (or its authority), with the community's answer.</summary>
public class Suggestion : EditableEntity, IMemberOwned
{
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public required string Title { get; set; }
    public required string Content { get; set; }
    /// <summary>提交对象: the community, or the authority it is forwarded to.</summary>
    public string? Addressee { get; set; }
    public SuggestionStatus Status { get; set; } = SuggestionStatus.Submitted;
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredBy { get; set; }
}

/// <summary>服务模范 and similar recognition of a member by the community (the 五个一's "one recognition").</summary>
public class Recognition : EditableEntity, IMemberOwned
{
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public DateOnly AwardedOn { get; set; }
    public required string AwardedBy { get; set; }
}
