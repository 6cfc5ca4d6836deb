using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Domain.Identity;

/// <summary>The five roles of the portal; every account has exactly one, bound to one organisation node.</summary>
public enum PortalRole
{
    [Display(Name = "县委组织部管理员")] CountyAdmin = 1,
    [Display(Name = "街道/镇管理员")] StreetAdmin = 2,
    [Display(Name = "社区书记/专干")] CommunitySecretary = 3,
    [Display(Name = "单位党组织管理员")] UnitAdmin = 4,
    [Display(Name = "党员")] Member = 5,
}

public static class PortalRoles
{
    public const string CountyAdmin = nameof(PortalRole.CountyAdmin);
    public const string StreetAdmin = nameof(PortalRole.StreetAdmin);
    public const string CommunitySecretary = nameof(PortalRole.CommunitySecretary);
    public const string UnitAdmin = nameof(PortalRole.UnitAdmin);
    public const string Member = nameof(PortalRole.Member);

    /// <summary>The kind of organisation node an account of the role is bound to.</summary>
    public static OrgKind OrgKindFor(PortalRole role) => role switch
    {
        PortalRole.CountyAdmin => OrgKind.County,
        PortalRole.StreetAdmin => OrgKind.Street,
        PortalRole.CommunitySecretary => OrgKind.Community,
        PortalRole.UnitAdmin => OrgKind.WorkUnit,
        _ => OrgKind.Community,
    };
}
