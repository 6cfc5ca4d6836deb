using System.Security.Claims;
using CommunityPartyPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>Adds the account's role, organisation, member and PII permission to the principal.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Organization, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.MemberId is { } memberId) identity.AddClaim(new Claim(PortalClaims.Member, memberId.ToString()));
        if (user.CanViewPersonalData) identity.AddClaim(new Claim(PortalClaims.PersonalData, "1"));
        if (user.MustChangePassword) identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "1"));
        return identity;
    }
}
