using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Features.Account;

/// <summary>Signs a user in with lockout (5 wrong passwords → 15 minutes) and audits every attempt.</summary>
public sealed class SignIn(
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> users,
    AuditLog audit,
    IOptions<PortalOptions> options,
    IWebHostEnvironment env,
    TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "用户名")]
        [Required(ErrorMessage = "请输入用户名")]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Display(Name = "密码")]
        [Required(ErrorMessage = "请输入密码")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public string? ReturnUrl { get; set; }

        public IReadOnlyList<(string UserName, string Role)> DemoLogins { get; set; } = [];
        public string? DemoPassword { get; set; }
    }

    public sealed record Result(string? RedirectTo, string? Error);

    public Form NewForm(string? returnUrl) => Prepare(new Form { ReturnUrl = returnUrl });

    /// <summary>The demo logins are shown in Development only.</summary>
    public Form Prepare(Form form)
    {
        form.Password = "";
        if (env.IsDevelopment() && options.Value.ShowDemoLogins)
        {
            form.DemoLogins = DemoCountySeeder.Logins;
            form.DemoPassword = DemoCountySeeder.Password;
        }
        return form;
    }

    public async Task<Result> HandleAsync(Form form)
    {
        var userName = form.UserName.Trim();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            await audit.WriteAsync("signin", "PortalUser", null, success: false, "unknown user", userName: userName);
            return new Result(null, "用户名或密码不正确");
        }
        if (user.IsDisabled)
        {
            await audit.WriteAsync("signin", "PortalUser", user.Id.ToString(), success: false, "disabled", user.Id, user.UserName, user.OrganizationId);
            return new Result(null, "该账号已停用，请联系管理员");
        }

        var result = await signInManager.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        var detail = result.Succeeded ? null : result.IsLockedOut ? "locked out" : "wrong password";
        await audit.WriteAsync("signin", "PortalUser", user.Id.ToString(), result.Succeeded, detail, user.Id, user.UserName, user.OrganizationId);
        if (result.IsLockedOut)
        {
            var until = user.LockoutEnd is { } end ? Domain.Common.Clock.ToChina(end.UtcDateTime).ToString("HH:mm") : "";
            return new Result(null, $"密码错误次数过多，账号已锁定，请于{until}后再试");
        }
        if (!result.Succeeded)
        {
            var left = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
            return new Result(null, left > 0 ? $"用户名或密码不正确（再错{left}次将锁定15分钟）" : "用户名或密码不正确");
        }

        user.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        var target = user.MustChangePassword ? "/account/change-password"
            : !string.IsNullOrEmpty(form.ReturnUrl) && form.ReturnUrl.StartsWith('/') && !form.ReturnUrl.StartsWith("//", StringComparison.Ordinal) ? form.ReturnUrl
            : "/";
        return new Result(target, null);
    }

    public async Task SignOutAsync()
    {
        await audit.WriteAsync("signout", "PortalUser", null, success: true);
        await signInManager.SignOutAsync();
    }
}
