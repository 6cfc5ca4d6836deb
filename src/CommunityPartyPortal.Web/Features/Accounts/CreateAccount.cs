using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// The county admin creates a staff account bound to an organisation of the kind its role needs, with
/// an initial password the user must change at first sign-in. Member accounts are given from the member record.
/// </summary>
public sealed class CreateAccount(UserManager<PortalUser> users, OrgTreeCache trees, AuditLog audit, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "用户名")]
        [Required(ErrorMessage = "请输入用户名")]
        [StringLength(64, ErrorMessage = "用户名不能超过64个字符")]
        [RegularExpression(@"^\s*[A-Za-z0-9\-._@]+\s*$", ErrorMessage = "用户名只能包含字母、数字和 -._@")]
        public string UserName { get; set; } = "";

        [Display(Name = "姓名")]
        [Required(ErrorMessage = "请输入姓名")]
        [StringLength(50, ErrorMessage = "姓名不能超过50个字")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "角色")]
        [Required(ErrorMessage = "请选择角色")]
        public PortalRole? Role { get; set; }

        [Display(Name = "所属组织")]
        [Required(ErrorMessage = "请选择所属组织")]
        public Guid? OrganizationId { get; set; }

        [Display(Name = "可查看完整身份证号和手机号")]
        public bool CanViewPersonalData { get; set; }

        [Display(Name = "初始密码")]
        [Required(ErrorMessage = "请输入初始密码")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "确认初始密码")]
        [Required(ErrorMessage = "请再次输入初始密码")]
        [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed record Page(Form Form, IReadOnlyList<OrgGroup> Organizations);

    public async Task<Page> PageAsync(Form form)
    {
        form.Password = form.ConfirmPassword = "";
        return new Page(form, OrgChoices.Groups(await trees.GetAsync()));
    }

    public async Task<AccountOutcome> HandleAsync(Form form)
    {
        var userName = form.UserName.Trim();
        var role = form.Role!.Value;
        var candidate = new PortalUser
        {
            UserName = userName,
            DisplayName = form.DisplayName.Trim(),
            Role = role,
            OrganizationId = form.OrganizationId!.Value,
            CanViewPersonalData = form.CanViewPersonalData,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };

        var errors = new List<(string Field, string Message)>();
        var tree = await trees.GetAsync();
        if (role == PortalRole.Member)
        {
            errors.Add((nameof(Form.Role), "党员账号请在党员信息页开通"));
        }
        else if (OrgChoices.Refusal(tree, role, form.OrganizationId) is { } refusal)
        {
            errors.Add((nameof(Form.OrganizationId), refusal));
        }
        if (await users.FindByNameAsync(userName) is not null)
        {
            errors.Add((nameof(Form.UserName), "用户名已被使用"));
        }
        // All of the password's problems at once, beside the others (Identity stops at the first failing step).
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, form.Password);
            errors.AddRange(result.Errors.Select(e => (nameof(Form.Password), e.Description)));
        }
        errors = errors.Distinct().ToList();

        if (errors.Count == 0)
        {
            var created = await users.CreateAsync(candidate, form.Password);
            errors.AddRange(created.Errors.Select(e => (FieldOf(e), e.Code == nameof(IdentityErrorDescriber.DuplicateUserName) ? "用户名已被使用" : e.Description)));
        }
        if (errors.Count > 0)
        {
            await audit.WriteAsync("account.create", "PortalUser", null, success: false,
                $"用户名：{userName}；" + string.Join("；", errors.Select(e => e.Message)));
            return AccountOutcome.Refused(errors);
        }

        await audit.WriteAsync("account.create", "PortalUser", candidate.Id.ToString(), success: true,
            $"用户名：{userName}；姓名：{candidate.DisplayName}；角色：{role.Text()}；组织：{OrgChoices.PathName(tree, candidate.OrganizationId)}；" +
            $"个人信息权限：{(candidate.CanViewPersonalData ? "是" : "否")}");
        return AccountOutcome.Done($"已创建账号 {userName}（{role.Text()}），首次登录须修改密码");
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Form.Password)
        : error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(Form.UserName)
        : "";
}
