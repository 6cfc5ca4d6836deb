using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// Disables an account (it cannot sign in, and its open session ends at the next security-stamp
/// check, within a minute, because the stamp is renewed) or enables it again.
/// </summary>
public sealed class SetAccountDisabled(AccountLoader accounts, AuditLog audit) : IUseCase
{
    public async Task<AccountOutcome> HandleAsync(Guid id, bool disabled)
    {
        if (await accounts.FindAsync(id) is not { } user) return AccountOutcome.Missing;
        var action = disabled ? "account.disable" : "account.enable";
        var target = user.Id.ToString();
        if (disabled && accounts.IsSelf(user))
        {
            await audit.WriteAsync(action, "PortalUser", target, success: false, "不能停用或降级自己的账号");
            return AccountOutcome.Refused("不能停用或降级自己的账号");
        }

        user.IsDisabled = disabled;
        var errors = await accounts.SaveAsync(() => disabled ? accounts.Users.UpdateSecurityStampAsync(user) : accounts.Users.UpdateAsync(user));
        await audit.WriteAsync(action, "PortalUser", target, errors.Count == 0, errors.Count == 0 ? $"用户名：{user.UserName}" : string.Join("；", errors));
        if (errors.Count > 0) return AccountOutcome.Refused(errors[0]);
        return AccountOutcome.Done(disabled ? $"已停用账号 {user.UserName}，其登录将在1分钟内失效" : $"已启用账号 {user.UserName}");
    }
}
