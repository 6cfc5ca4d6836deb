using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Organizations;

/// <summary>The kinds of node in the two organisation trees under a county.</summary>
public enum OrgKind
{
    /// <summary>县 — the root of both trees.</summary>
    County = 1,
    /// <summary>街道/镇 — under the county.</summary>
    Street = 2,
    /// <summary>社区 — under a street.</summary>
    Community = 3,
    /// <summary>网格 — under a community (building liaison groups hang here too).</summary>
    Grid = 4,
    /// <summary>单位党组织 — a department (under the county) or a subordinate unit (under a department).</summary>
    WorkUnit = 5,
}

/// <summary>A node of the residential tree (county → street → community → grid) or of the work-unit tree.</summary>
public class Organization : EditableEntity
{
    public required string Name { get; set; }
    public OrgKind Kind { get; set; }
    public Guid? ParentId { get; set; }
    public Organization? Parent { get; set; }

    /// <summary>A short code unique in the county, e.g. <c>S01</c>, <c>S01-C02</c>, <c>U-017</c>.</summary>
    public required string Code { get; set; }
    public int SortOrder { get; set; }
    public string? Address { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public bool IsActive { get; set; } = true;

    public static string KindName(OrgKind kind) => kind switch
    {
        OrgKind.County => "县",
        OrgKind.Street => "街道/镇",
        OrgKind.Community => "社区",
        OrgKind.Grid => "网格",
        OrgKind.WorkUnit => "单位",
        _ => kind.ToString(),
    };
}
