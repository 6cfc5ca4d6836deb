using System.Security.Cryptography;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// A random temporary password that meets the policy (10 characters, all 4 classes): 3 upper, 3 lower,
/// 3 digits and 1 symbol, shuffled. Look-alike characters (I, O, l, o, 0, 1) are left out so it can
/// be read out over the phone.
/// </summary>
public static class TemporaryPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#$%&*+=?!";

    public static string Generate()
    {
        char[] chars =
        [
            .. RandomNumberGenerator.GetItems<char>(Upper, 3),
            .. RandomNumberGenerator.GetItems<char>(Lower, 3),
            .. RandomNumberGenerator.GetItems<char>(Digits, 3),
            .. RandomNumberGenerator.GetItems<char>(Symbols, 1),
        ];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
