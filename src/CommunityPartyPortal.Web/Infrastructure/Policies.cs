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

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(CountyAdmin, p => p.RequireRole(PortalRoles.CountyAdmin));
        options.AddPolicy(Staff, p => p.RequireRole(PortalRoles.CountyAdmin, PortalRoles.StreetAdmin, PortalRoles.CommunitySecretary, PortalRoles.UnitAdmin));
        options.AddPolicy(MemberEditor, p => p.RequireRole(PortalRoles.CountyAdmin, PortalRoles.CommunitySecretary, PortalRoles.UnitAdmin));
    }
}
