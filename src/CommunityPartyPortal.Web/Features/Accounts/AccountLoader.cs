using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// What every account command shares: finding the account, knowing whether it is the admin's own, and
/// saving through Identity. Identity, the audit log and this share one system-scope context per
/// request, so a failed save is dropped from it before the audit line is written.
/// </summary>
public sealed class AccountLoader(
    UserManager<PortalUser> users,
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    IAccessScopeAccessor scope) : IUseCase
{
    public UserManager<PortalUser> Users => users;

    public Task<PortalUser?> FindAsync(Guid id) => users.FindByIdAsync(id.ToString());

    public bool IsSelf(PortalUser user) => scope.Current.UserId == user.Id;

    /// <summary>Runs an Identity write; on failure forgets the unsaved changes and returns the messages.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(Func<Task<IdentityResult>> write)
    {
        var result = await write();
        if (result.Succeeded) return [];
        db.ChangeTracker.Clear();
        return [.. result.Errors.Select(e => e.Description)];
    }
}
