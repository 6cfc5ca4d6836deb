using System.Security.Claims;
using CommunityPartyPortal.Domain.Identity;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>The claims the portal puts in the sign-in cookie, and typed reads of them.</summary>
public static class PortalClaims
{
    public const string Organization = "cpp:org";
    public const string Member = "cpp:member";
    public const string PersonalData = "cpp:pii";
    public const string DisplayName = "cpp:name";
    public const string MustChangePassword = "cpp:mcp";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static PortalRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<PortalRole>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : null;

    public static Guid? OrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Organization), out var id) ? id : null;

    public static Guid? MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Member), out var id) ? id : null;

    public static bool CanViewPersonalData(this ClaimsPrincipal user) => user.HasClaim(PersonalData, "1");

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
