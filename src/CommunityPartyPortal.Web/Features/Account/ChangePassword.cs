using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Features.Account;

/// <summary>The user changes his or her own password (required at first sign-in after an admin set it).</summary>
public sealed class ChangePassword(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "当前密码")]
        [Required(ErrorMessage = "请输入当前密码")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Display(Name = "新密码")]
        [Required(ErrorMessage = "请输入新密码")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Display(Name = "确认新密码")]
        [Required(ErrorMessage = "请再次输入新密码")]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    /// <summary>Returns the errors by field; empty when the password was changed.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> HandleAsync(ClaimsPrincipal principal, Form form)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("signed-in user not found");
        if (form.NewPassword == form.CurrentPassword)
        {
            return [(nameof(Form.NewPassword), "新密码不能与当前密码相同")];
        }
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            await audit.WriteAsync("account.change-password", "PortalUser", user.Id.ToString(), success: false);
            return result.Errors.Select(e => (e.Code == "PasswordMismatch" ? nameof(Form.CurrentPassword) : nameof(Form.NewPassword), e.Description)).ToList();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.WriteAsync("account.change-password", "PortalUser", user.Id.ToString(), success: true);
        await signIn.RefreshSignInAsync(user);
        return [];
    }
}
