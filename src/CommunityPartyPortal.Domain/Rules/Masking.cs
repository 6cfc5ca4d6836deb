namespace CommunityPartyPortal.Domain.Rules;

/// <summary>Masks personal data for users without the PII permission.</summary>
public static class Masking
{
    /// <summary>110105194912310021 → 110***********0021 (3 shown, 11 hidden, 4 shown).</summary>
    public static string NationalId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        if (id.Length <= 7) return new string('*', id.Length);
        return string.Concat(id.AsSpan(0, 3), new string('*', id.Length - 7), id.AsSpan(id.Length - 4));
    }

    /// <summary>13812345678 → 138****5678.</summary>
    public static string Mobile(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        if (phone.Length <= 7) return new string('*', phone.Length);
        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }
}
