using System.Globalization;
using System.Text;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>Cell text and cell references as SpreadsheetML stores them.</summary>
internal static class XlsxText
{
    /// <summary>
    /// True when Excel would take the text for a formula (or a formula-like entry) once the cell is edited:
    /// it starts with = + - @, a tab or a CR. Such text gets the quote-prefix style.
    /// </summary>
    public static bool NeedsQuotePrefix(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// Encodes text for an ST_Xstring: characters XML cannot carry (control characters, lone surrogates)
    /// and CR (which XML parsers fold into LF) become <c>_xHHHH_</c>, and a literal <c>_xHHHH_</c> in the text
    /// is protected as <c>_x005F_xHHHH_</c>, as Excel does. The text itself is unchanged once decoded.
    /// </summary>
    public static string Encode(string text)
    {
        var i = 0;
        for (; i < text.Length; i++)
        {
            if (NeedsEscape(text, i)) break;
        }
        if (i == text.Length) return text;

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(text, i))
            {
                sb.Append(c);
            }
            else if (c == '_')
            {
                sb.Append("_x005F_");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string s, int i)
    {
        var c = s[i];
        if (c == '_') return IsEscapeAt(s, i);
        if (c < 0x20) return c is not ('\t' or '\n');
        if (char.IsHighSurrogate(c)) return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        return c is '\uFFFE' or '\uFFFF';
    }

    /// <summary>True when <c>_xHHHH_</c> starts at <paramref name="i"/>.</summary>
    private static bool IsEscapeAt(ReadOnlySpan<char> s, int i) =>
        i + 7 <= s.Length && s[i] == '_' && s[i + 1] is 'x' or 'X' && s[i + 6] == '_'
        && char.IsAsciiHexDigit(s[i + 2]) && char.IsAsciiHexDigit(s[i + 3]) && char.IsAsciiHexDigit(s[i + 4]) && char.IsAsciiHexDigit(s[i + 5]);

    /// <summary>Decodes <c>_xHHHH_</c> escapes (see <see cref="Encode"/>).</summary>
    public static string Decode(string text)
    {
        var first = text.IndexOf("_x", StringComparison.OrdinalIgnoreCase);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (IsEscapeAt(text, i))
            {
                sb.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 6;
            }
            else
            {
                sb.Append(text[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>The column letters of a zero-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        Span<char> buffer = stackalloc char[4];
        var pos = buffer.Length;
        var n = index + 1;
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            buffer[--pos] = (char)('A' + rem);
            n = (n - 1) / 26;
        }
        return new string(buffer[pos..]);
    }

    /// <summary>The zero-based column index of a cell reference such as <c>AB12</c>, or -1.</summary>
    public static int ColumnIndex(ReadOnlySpan<char> reference)
    {
        var n = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            n = n * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (n > 16384) return -1;
        }
        return i == 0 ? -1 : n - 1;
    }

    private static readonly DateOnly Epoch = new(1899, 12, 30);
    private static readonly DateOnly LeapBugEnd = new(1900, 3, 1);

    /// <summary>
    /// The Excel serial number (1900 date system) of a date from 1900-01-01 on, or null for earlier dates.
    /// Dates before 1900-03-01 allow for Excel's fictitious 1900-02-29.
    /// </summary>
    public static int? DateSerial(DateOnly date)
    {
        if (date.Year < 1900) return null;
        var serial = date.DayNumber - Epoch.DayNumber;
        return date < LeapBugEnd ? serial - 1 : serial;
    }

    /// <summary>The date of an Excel serial number (the fraction, a time of day, is dropped), or null when out of range.</summary>
    public static DateOnly? FromSerial(double serial, bool date1904)
    {
        if (double.IsNaN(serial) || serial < 0 || serial >= 2958466) return null;
        var days = (int)Math.Floor(serial);
        if (date1904) return new DateOnly(1904, 1, 1).AddDays(days);
        if (days == 0) return null;
        if (days < 61) days += 1; // before Excel's fictitious 1900-02-29
        var result = Epoch.AddDays(days);
        return result.Year > 9999 ? null : result;
    }
}
