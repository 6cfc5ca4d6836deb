using System.Security.Claims;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>
/// The scope of the current request, from the signed-in principal: computed once per request and
/// cached in <see cref="HttpContext.Items"/>. Without an HTTP context (commands, background work) it
/// is the system scope, unless the work runs on behalf of a user (<see cref="ScopeOverride"/>: a background export runs
/// with the scope of the user who asked for it).
/// </summary>
public sealed class HttpAccessScopeAccessor(IHttpContextAccessor http, OrgTreeCache trees, ScopeOverride scopeOverride) : IAccessScopeAccessor
{
    private static readonly object Key = new();

    public AccessScope Current
    {
        get
        {
            if (scopeOverride.Scope is { } given) return given;
            if (http.HttpContext is not { } context) return AccessScope.System();
            if (context.Items.TryGetValue(Key, out var cached) && cached is AccessScope scope) return scope;
            scope = For(context.User, trees);
            if (context.User.Identity?.IsAuthenticated == true) context.Items[Key] = scope;
            return scope;
        }
    }

    public static AccessScope For(ClaimsPrincipal user, OrgTreeCache trees)
    {
        if (user.Identity?.IsAuthenticated != true || user.Role() is not { } role || user.OrganizationId() is not { } org)
        {
            return AccessScope.Anonymous;
        }
        var scope = new AccessScope
        {
            UserId = user.UserId(),
            UserName = user.Identity.Name ?? "",
            Role = role,
            OrganizationId = org,
            MemberId = user.MemberId(),
            CanViewPersonalData = user.CanViewPersonalData(),
        };
        return role switch
        {
            PortalRole.CountyAdmin => scope with { Kind = ScopeKind.County },
            PortalRole.StreetAdmin => scope with
            {
                Kind = ScopeKind.Street,
                CommunityIds = trees.Get().Subtree(org).Where(n => n.Kind == OrgKind.Community).Select(n => n.Id).ToList(),
            },
            PortalRole.CommunitySecretary => scope with { Kind = ScopeKind.Community },
            PortalRole.UnitAdmin => scope with
            {
                Kind = ScopeKind.Unit,
                UnitIds = trees.Get().Subtree(org).Where(n => n.Kind == OrgKind.WorkUnit).Select(n => n.Id).ToList(),
            },
            PortalRole.Member when scope.MemberId is not null => scope with { Kind = ScopeKind.Member },
            _ => AccessScope.Anonymous,
        };
    }
}
