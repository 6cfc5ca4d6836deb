using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// The county admin changes an account's name, role, organisation and PII permission. A change of
/// role, organisation or permission renews the security stamp, so the user's session picks it up
/// (or ends) at the next stamp check, within a minute. Nobody can demote his or her own account.
/// </summary>
public sealed class EditAccount(AccountLoader accounts, OrgTreeCache trees, AuditLog audit, SignInManager<PortalUser> signIn, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "姓名")]
        [Required(ErrorMessage = "请输入姓名")]
        [StringLength(50, ErrorMessage = "姓名不能超过50个字")]
        public string DisplayName { get; set; } = "";

        /// <summary>Ignored for a member account (its role and organisation follow the member record).</summary>
        [Display(Name = "角色")]
        public PortalRole? Role { get; set; }

        [Display(Name = "所属组织")]
        public Guid? OrganizationId { get; set; }

        [Display(Name = "可查看完整身份证号和手机号")]
        public bool CanViewPersonalData { get; set; }

        /// <summary>The account's version when the form was opened: a change by someone else in between is refused.</summary>
        public string? ConcurrencyStamp { get; set; }
    }

    public sealed record Page(
        Guid Id,
        Form Form,
        string UserName,
        PortalRole Role,
        string Organization,
        bool IsMember,
        bool IsSelf,
        bool IsDisabled,
        bool IsLocked,
        string Status,
        string CreatedAt,
        string LastSignIn,
        int AccessFailedCount,
        bool MustChangePassword,
        IReadOnlyList<OrgGroup> Organizations);

    /// <summary>The edit page, with the posted form when it is shown again with errors; null for an unknown account.</summary>
    public async Task<Page?> PageAsync(Guid id, Form? posted = null)
    {
        if (await accounts.FindAsync(id) is not { } user) return null;
        var tree = await trees.GetAsync();
        var now = time.GetUtcNow();
        var form = posted ?? new Form
        {
            DisplayName = user.DisplayName,
            Role = user.Role,
            OrganizationId = user.OrganizationId,
            CanViewPersonalData = user.CanViewPersonalData,
        };
        form.ConcurrencyStamp ??= user.ConcurrencyStamp;
        return new Page(
            user.Id, form, user.UserName ?? "", user.Role, OrgChoices.PathName(tree, user.OrganizationId),
            user.Role == PortalRole.Member, accounts.IsSelf(user), user.IsDisabled, AccountStatus.IsLocked(user.LockoutEnd, now),
            AccountStatus.Text(user.IsDisabled, user.LockoutEnd, now), AccountStatus.ChinaTime(user.CreatedAt),
            AccountStatus.ChinaTime(user.LastSignInAt, "从未登录"), user.AccessFailedCount, user.MustChangePassword,
            OrgChoices.Groups(tree, user.OrganizationId));
    }

    public async Task<AccountOutcome> HandleAsync(Guid id, Form form)
    {
        if (await accounts.FindAsync(id) is not { } user) return AccountOutcome.Missing;
        var tree = await trees.GetAsync();
        var self = accounts.IsSelf(user);
        var target = user.Id.ToString();

        // A member account keeps the role and organisation of its member record.
        var role = user.Role == PortalRole.Member ? user.Role : form.Role ?? user.Role;
        var organizationId = user.Role == PortalRole.Member ? user.OrganizationId : form.OrganizationId;
        string? error =
            form.ConcurrencyStamp is { Length: > 0 } stamp && stamp != user.ConcurrencyStamp ? "该账号已被他人修改，请刷新后重试"
            : self && role != user.Role ? "不能停用或降级自己的账号"
            : user.Role != PortalRole.Member && role == PortalRole.Member ? "党员账号请在党员信息页开通"
            : null;
        var field = error is null ? "" : nameof(Form.Role);
        if (error is null && role != PortalRole.Member && OrgChoices.Refusal(tree, role, organizationId, user.OrganizationId) is { } refusal)
        {
            (error, field) = (refusal, nameof(Form.OrganizationId));
        }
        if (error is not null)
        {
            await audit.WriteAsync("account.update", "PortalUser", target, success: false, error);
            return AccountOutcome.Refused(error, field);
        }

        var changes = new List<string>();
        void Change<T>(string label, T before, T after, Func<T, string> text)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after)) changes.Add($"{label}：{text(before)} → {text(after)}");
        }
        var displayName = form.DisplayName.Trim();
        Change("姓名", user.DisplayName, displayName, s => s);
        Change("角色", user.Role, role, r => r.Text());
        Change("组织", user.OrganizationId, organizationId!.Value, o => OrgChoices.PathName(tree, o));
        Change("个人信息权限", user.CanViewPersonalData, form.CanViewPersonalData, b => b ? "是" : "否");
        if (changes.Count == 0) return AccountOutcome.Done("没有需要保存的修改");

        var renewStamp = role != user.Role || organizationId != user.OrganizationId || form.CanViewPersonalData != user.CanViewPersonalData;
        user.DisplayName = displayName;
        user.Role = role;
        user.OrganizationId = organizationId.Value;
        user.CanViewPersonalData = form.CanViewPersonalData;
        var errors = await accounts.SaveAsync(() => renewStamp ? accounts.Users.UpdateSecurityStampAsync(user) : accounts.Users.UpdateAsync(user));
        var detail = string.Join("；", changes);
        if (errors.Count > 0)
        {
            await audit.WriteAsync("account.update", "PortalUser", target, success: false, detail + "；" + string.Join("；", errors));
            return AccountOutcome.Refused(errors[0]);
        }
        await audit.WriteAsync("account.update", "PortalUser", target, success: true, detail);
        // The admin's own session gets the new stamp at once instead of being ended by it.
        if (self) await signIn.RefreshSignInAsync(user);
        return AccountOutcome.Done($"已保存账号 {user.UserName} 的修改");
    }
}
