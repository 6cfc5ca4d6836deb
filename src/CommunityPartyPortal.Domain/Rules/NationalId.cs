using System.Globalization;

namespace CommunityPartyPortal.Domain.Rules;

/// <summary>
/// The 18-character citizen identification number of GB 11643-1999: 6-digit region, 8-digit birth
/// date, 3-digit sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
/// </summary>
public static class NationalId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要17位数字", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = first17[i];
            if (c is < '0' or > '9') throw new ArgumentException("需要17位数字", nameof(first17));
            sum += (c - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Checks the number; <paramref name="error"/> says in Chinese what is wrong.</summary>
    public static bool TryValidate(string? value, DateOnly today, out string? error)
    {
        var id = Normalize(value);
        error = null;
        if (id.Length == 0) { error = "请填写身份证号"; return false; }
        if (id.Length != 18) { error = "身份证号应为18位"; return false; }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) { error = "身份证号前17位应为数字"; return false; }
        }
        if (!(char.IsAsciiDigit(id[17]) || id[17] == 'X')) { error = "身份证号最后一位应为数字或X"; return false; }
        if (id[0] == '0') { error = "身份证号的地区码无效"; return false; }
        if (BirthDate(id) is not { } birth || birth.Year < 1900 || birth > today)
        {
            error = "身份证号中的出生日期无效"; return false;
        }
        if (CheckDigit(id.AsSpan(0, 17)) != id[17]) { error = "身份证号校验位不正确，请核对"; return false; }
        return true;
    }

    public static bool IsValid(string? value, DateOnly today) => TryValidate(value, today, out _);

    /// <summary>The birth date encoded in positions 7–14, or null when it is not a real date.</summary>
    public static DateOnly? BirthDate(string id) =>
        id.Length >= 14 && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    /// <summary>Odd 17th digit: male; even: female.</summary>
    public static bool? IsMale(string id) =>
        id.Length >= 17 && char.IsAsciiDigit(id[16]) ? (id[16] - '0') % 2 == 1 : null;
}
