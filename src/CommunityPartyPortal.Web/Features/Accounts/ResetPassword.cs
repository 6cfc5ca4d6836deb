using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// Gives an account a random temporary password (shown once to the admin, never stored or audited),
/// which the user must change at first sign-in. Renews the security stamp, so open sessions end within
/// a minute, and lifts a lockout, since a forgotten password is the usual reason for one.
/// </summary>
public sealed class ResetPassword(AccountLoader accounts, AuditLog audit) : IUseCase
{
    /// <summary>The outcome, and the temporary password when it was set.</summary>
    public sealed record Result(AccountOutcome Outcome, string? TemporaryPassword);

    public async Task<Result> HandleAsync(Guid id)
    {
        var users = accounts.Users;
        if (await accounts.FindAsync(id) is not { } user) return new Result(AccountOutcome.Missing, null);
        var target = user.Id.ToString();
        if (accounts.IsSelf(user))
        {
            await audit.WriteAsync("account.reset-password", "PortalUser", target, success: false, "不能重置自己的密码");
            return new Result(AccountOutcome.Refused("不能重置自己的密码，请通过“修改密码”修改"), null);
        }

        var password = TemporaryPassword.Generate();
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }
        if (errors.Count == 0)
        {
            // One save: the new hash, the flag and the new stamp together (no moment without a password).
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            errors.AddRange(await accounts.SaveAsync(() => users.UpdateSecurityStampAsync(user)));
        }
        await audit.WriteAsync("account.reset-password", "PortalUser", target, errors.Count == 0,
            errors.Count == 0 ? $"用户名：{user.UserName}；已设置临时密码，首次登录须修改" : string.Join("；", errors.Distinct()));
        return errors.Count == 0
            ? new Result(AccountOutcome.Done($"已重置账号 {user.UserName} 的密码"), password)
            : new Result(AccountOutcome.Refused(errors[0]), null);
    }
}
