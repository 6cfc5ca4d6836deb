using CommunityPartyPortal.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>Authorization policies by role. Which records a role sees is the scope's job, not these.</summary>
public static class Policies
{
    /// <summary>县委组织部: accounts, organisations, audit.</summary>
    public const string CountyAdmin = nameof(CountyAdmin);
    /// <summary>Any staff role (not a member account).</summary>
    public const string Staff = nameof(Staff);
    /// <summary>May create and edit member records: county, community secretary, unit admin.</summary>
    public const string MemberEditor = nameof(MemberEditor);
    /// <summary>单位党组织管理员: issues 报到证明信, verifies its member count, acknowledges 回执.</summary>
    public const string UnitAdmin = nameof(UnitAdmin);
    /// <summary>May read a unit's 报到 dashboard: the unit admin (its subtree) and the county (any unit).</summary>
    public const string UnitReporting = nameof(UnitReporting);
    /// <summary>社区书记/专干: confirms 报到 and keeps the 社区在职党员名册.</summary>
    public const string CommunitySecretary = nameof(CommunitySecretary);

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(CountyAdmin, p => p.RequireRole(PortalRoles.CountyAdmin));
        options.AddPolicy(Staff, p => p.RequireRole(PortalRoles.CountyAdmin, PortalRoles.StreetAdmin, PortalRoles.CommunitySecretary, PortalRoles.UnitAdmin));
        options.AddPolicy(MemberEditor, p => p.RequireRole(PortalRoles.CountyAdmin, PortalRoles.CommunitySecretary, PortalRoles.UnitAdmin));
        options.AddPolicy(UnitAdmin, p => p.RequireRole(PortalRoles.UnitAdmin));
        options.AddPolicy(UnitReporting, p => p.RequireRole(PortalRoles.CountyAdmin, PortalRoles.UnitAdmin));
        options.AddPolicy(CommunitySecretary, p => p.RequireRole(PortalRoles.CommunitySecretary));
    }
}
