using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Domain.Identity;

/// <summary>An account: ASP.NET Core Identity user with one role bound to one organisation node.</summary>
public class PortalUser : IdentityUser<Guid>
{
    public PortalUser() => Id = Guid.CreateVersion7();

    public required string DisplayName { get; set; }
    public PortalRole Role { get; set; }
    /// <summary>The organisation node the role is bound to (county, street, community or work unit).</summary>
    public Guid OrganizationId { get; set; }
    /// <summary>For a member account: the member it signs in as.</summary>
    public Guid? MemberId { get; set; }
    /// <summary>May see national ID numbers and phones unmasked (every unmasked view is audited).</summary>
    public bool CanViewPersonalData { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>Set when an administrator gives or resets the password: the user must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
}
