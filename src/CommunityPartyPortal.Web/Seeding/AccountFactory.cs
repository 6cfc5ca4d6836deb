using CommunityPartyPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>Creates accounts through Identity (password rules, hashing), for seeding and commands.</summary>
public sealed class AccountFactory(UserManager<PortalUser> users, TimeProvider time)
{
    public async Task<PortalUser> CreateAsync(string userName, string password, string displayName, PortalRole role,
        Guid organizationId, Guid? memberId = null, bool pii = false, bool mustChangePassword = false)
    {
        var user = new PortalUser
        {
            UserName = userName,
            DisplayName = displayName,
            Role = role,
            OrganizationId = organizationId,
            MemberId = memberId,
            CanViewPersonalData = pii,
            MustChangePassword = mustChangePassword,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"无法创建账号 {userName}: " + string.Join("；", result.Errors.Select(e => e.Description)));
        }
        return user;
    }
}
