using Microsoft.AspNetCore.Identity;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>At least 10 characters from at least 3 of the 4 classes: upper, lower, digit, symbol.</summary>
public sealed class PasswordClassesValidator<TUser> : IPasswordValidator<TUser> where TUser : class
{
    public const int MinLength = 10;

    public static int Classes(string password) =>
        (password.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (password.Any(char.IsAsciiLetterLower) ? 1 : 0) +
        (password.Any(char.IsAsciiDigit) ? 1 : 0) + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < MinLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"密码至少需要{MinLength}个字符" });
        }
        if (Classes(password) < 3)
        {
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = "密码需包含大写字母、小写字母、数字、符号中的至少三类" });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
