using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Domain.Members;

/// <summary>
/// A party member, with the fields of 在职党员基本情况信息卡 / 在职党员服务社区登记表 / 社区党员基本情况登记卡.
/// The member belongs to a work unit (organisational relation) and lives in a community (with grid):
/// the two sides of 双重管理.
/// </summary>
public class Member : EditableEntity
{
    public required string Name { get; set; }
    /// <summary>The name's pinyin ("zhang san"), kept by the DbContext from <see cref="Name"/> for sorting and search.</summary>
    public string? NamePinyin { get; set; }
    /// <summary>The pinyin initials ("zs"), indexed for search-as-you-type.</summary>
    public string? NameInitials { get; set; }
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public string Ethnicity { get; set; } = "汉族";
    public Education Education { get; set; }
    public DateOnly JoinedPartyOn { get; set; }
    public MembershipStatus Status { get; set; }
    public MemberCategory Category { get; set; }

    /// <summary>身份证号: 18 characters, GB 11643 check digit; unique in the county.</summary>
    public required string NationalId { get; set; }
    public required string Mobile { get; set; }

    /// <summary>Organisational relation (组织关系所在单位); empty for self-managed members kept by the community.</summary>
    public Guid? WorkUnitId { get; set; }
    public Organization? WorkUnit { get; set; }
    /// <summary>职务 / 岗位 in the work unit.</summary>
    public string? JobTitle { get; set; }

    /// <summary>The residential community (居住社区).</summary>
    public Guid? CommunityId { get; set; }
    public Organization? Community { get; set; }
    /// <summary>The community's street, kept with the member so scoping by street is one indexed column.</summary>
    public Guid? StreetId { get; set; }
    public Guid? GridId { get; set; }
    public Organization? Grid { get; set; }
    public string? Building { get; set; }
    public string? Room { get; set; }
    public string? Address { get; set; }

    /// <summary>特长.</summary>
    public string? Specialties { get; set; }
    /// <summary>服务意向, by the eight service categories.</summary>
    public ServiceCategory ServiceIntentions { get; set; }
    /// <summary>空闲时间.</summary>
    public string? FreeTime { get; set; }

    public bool HasPhoto { get; set; }

    /// <summary>迁出: the date the member moved out of the community, with where to and why.</summary>
    public DateOnly? MovedOutOn { get; set; }
    public string? MovedOutTo { get; set; }
    public string? MoveOutReason { get; set; }

    public bool IsActive => MovedOutOn is null;

    public List<MemberFlowRecord> FlowRecords { get; } = [];
}
