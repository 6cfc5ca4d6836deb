using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

public enum HouseholdKind
{
    [Display(Name = "贫困户")] PoorFamily = 1,
    [Display(Name = "困难党员")] NeedyMember = 2,
    [Display(Name = "残疾人")] Disabled = 3,
    [Display(Name = "贫困学生")] PoorStudent = 4,
    [Display(Name = "孤寡老人")] LonelyElder = 5,
}

/// <summary>五助.</summary>
public enum HelpKind
{
    [Display(Name = "助贫")] Poverty = 1,
    [Display(Name = "助困")] Hardship = 2,
    [Display(Name = "助残")] Disability = 3,
    [Display(Name = "助学")] Study = 4,
    [Display(Name = "助老")] Elderly = 5,
}

/// <summary>联系对象: a needy household of the community, paired with members who visit at least monthly.</summary>
public class Household : EditableEntity, ICommunityOwned
{
    public Guid CommunityId { get; set; }
    public Guid? GridId { get; set; }
    public required string Serial { get; set; }
    public HouseholdKind Kind { get; set; }
    public required string HeadName { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? NationalId { get; set; }
    public string? Phone { get; set; }
    public required string Address { get; set; }
    /// <summary>家庭情况.</summary>
    public string? Situation { get; set; }
    /// <summary>帮扶需求.</summary>
    public string? Needs { get; set; }
    public bool IsArchived { get; set; }
    public string? ArchiveReason { get; set; }
}

/// <summary>A member paired with a household (一对一 / 多对一).</summary>
public class HouseholdPairing : EditableEntity, IMemberOwned
{
    public Guid HouseholdId { get; set; }
    public Household? Household { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public DateOnly PairedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    /// <summary>1 while paired (unique with household and member).</summary>
    public int? ActiveSlot { get; set; } = 1;
}

/// <summary>A visit of a paired member to the household, under one of the 五助.</summary>
public class HouseholdVisit : EditableEntity, IMemberOwned
{
    public Guid HouseholdId { get; set; }
    public Household? Household { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid CommunityId { get; set; }
    public DateOnly VisitedOn { get; set; }
    public HelpKind Help { get; set; }
    public required string Content { get; set; }
    public required string RecordedBy { get; set; }
}
