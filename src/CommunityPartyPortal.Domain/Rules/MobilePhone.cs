using System.Text.RegularExpressions;

namespace CommunityPartyPortal.Domain.Rules;

/// <summary>A mainland mobile number: 11 digits, <c>^1[3-9]\d{9}$</c>.</summary>
public static partial class MobilePhone
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Pattern();

    public static string Normalize(string? value) => (value ?? "").Trim().Replace(" ", "").Replace("-", "");

    public static bool TryValidate(string? value, out string? error)
    {
        var v = Normalize(value);
        error = v.Length == 0 ? "请填写手机号码" : Pattern().IsMatch(v) ? null : "手机号码应为以1开头的11位数字（第二位为3-9）";
        return error is null;
    }
}
