using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>Ends a lockout (after too many wrong passwords) at once and clears the count of failed attempts.</summary>
public sealed class UnlockAccount(AccountLoader accounts, AuditLog audit) : IUseCase
{
    public async Task<AccountOutcome> HandleAsync(Guid id)
    {
        if (await accounts.FindAsync(id) is not { } user) return AccountOutcome.Missing;
        var errors = await accounts.SaveAsync(() => accounts.Users.SetLockoutEndDateAsync(user, null));
        if (errors.Count == 0) errors = await accounts.SaveAsync(() => accounts.Users.ResetAccessFailedCountAsync(user));
        await audit.WriteAsync("account.unlock", "PortalUser", user.Id.ToString(), errors.Count == 0,
            errors.Count == 0 ? $"用户名：{user.UserName}" : string.Join("；", errors));
        return errors.Count == 0 ? AccountOutcome.Done($"已解锁账号 {user.UserName}") : AccountOutcome.Refused(errors[0]);
    }
}
