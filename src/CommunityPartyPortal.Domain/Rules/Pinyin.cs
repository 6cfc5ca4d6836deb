using System.Collections.Concurrent;
using System.Text;

namespace CommunityPartyPortal.Domain.Rules;

/// <summary>The pinyin of a name: "zhang san" and its initials "zs" (lower-case ASCII).</summary>
public sealed record PinyinReading(string Full, string Initials)
{
    public static readonly PinyinReading Empty = new("", "");
}

/// <summary>
/// Pinyin of names from the system ICU (transliterator "Han-Latin/Names; Latin-ASCII", which reads the
/// surnames as surnames: 单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, 万俟 mo qi). Letters and digits that are not Han
/// are kept as their own syllables ("Anna王" → "anna wang"). Without ICU every reading is empty and
/// <see cref="IsAvailable"/> is false; nothing here throws.
/// </summary>
public static class Pinyin
{
    public const string TransliteratorId = "Han-Latin/Names; Latin-ASCII";

    private const int CacheLimit = 50_000;

    private static readonly Lazy<IcuTransliterator?> Transliterator =
        new(() => IcuTransliterator.Create(TransliteratorId), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly ConcurrentDictionary<string, PinyinReading> Cache = new(StringComparer.Ordinal);

    /// <summary>True when the system ICU and its Han-Latin transliterator were found.</summary>
    public static bool IsAvailable => Transliterator.Value is not null;

    /// <summary>Names ordered by pinyin (<see cref="SortKey"/>), then by the name itself (ordinal).</summary>
    public static IComparer<string> NameComparer { get; } = new PinyinNameComparer();

    /// <summary>The reading of <paramref name="name"/>; empty for an empty name or without ICU.</summary>
    public static PinyinReading Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return PinyinReading.Empty;
        if (Cache.TryGetValue(name, out var cached)) return cached;
        var transliterator = Transliterator.Value;
        if (transliterator is null) return PinyinReading.Empty;
        if (!transliterator.TryTransliterate(SeparateScripts(name), out var latin)) return PinyinReading.Empty;

        var reading = Read(latin!);
        // Names repeat, so the readings are cached; the bound keeps a long-running import from growing it forever.
        if (Cache.Count >= CacheLimit) Cache.Clear();
        Cache.TryAdd(name, reading);
        return reading;
    }

    /// <summary>The key that orders names by pinyin: <see cref="PinyinReading.Full"/>.</summary>
    public static string SortKey(string? name) => Of(name).Full;

    /// <summary>
    /// True when <paramref name="query"/> (spaces ignored, any case) starts the initials ("zs") or the whole
    /// syllables run together ("zhangs"). An empty query matches everything; a query with other than ASCII
    /// letters and digits matches nothing.
    /// </summary>
    public static bool Matches(PinyinReading reading, string query)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var wanted = new StringBuilder(query?.Length ?? 0);
        foreach (var c in query ?? "")
        {
            if (char.IsWhiteSpace(c)) continue;
            if (!char.IsAsciiLetterOrDigit(c)) return false;
            wanted.Append(char.ToLowerInvariant(c));
        }
        if (wanted.Length == 0) return true;
        var q = wanted.ToString();
        return reading.Initials.StartsWith(q, StringComparison.Ordinal)
            || reading.Full.Replace(" ", "", StringComparison.Ordinal).StartsWith(q, StringComparison.Ordinal);
    }

    /// <summary>A space between Han and other characters, so "Anna王" gives two syllables, not "annawang".</summary>
    private static string SeparateScripts(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        var previousHan = (bool?)null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsWhiteSpace(c))
            {
                text.Append(' ');
                previousHan = null;
                continue;
            }
            var han = IsHan(name, i);
            if (previousHan is { } before && before != han) text.Append(' ');
            text.Append(c);
            if (char.IsHighSurrogate(c) && i + 1 < name.Length) text.Append(name[++i]);
            previousHan = han;
        }
        return text.ToString();
    }

    private static bool IsHan(string s, int i)
    {
        var cp = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            ? char.ConvertToUtf32(s[i], s[i + 1])
            : s[i];
        return cp is >= 0x3400 and <= 0x4DBF // Extension A
            or >= 0x4E00 and <= 0x9FFF // Unified Ideographs
            or >= 0xF900 and <= 0xFAFF // Compatibility Ideographs
            or >= 0x20000 and <= 0x3FFFF // Extensions B and later
            or 0x3007; // 〇
    }

    /// <summary>The ASCII letter and digit runs of ICU's output, lower-cased: the syllables.</summary>
    private static PinyinReading Read(string latin)
    {
        var full = new StringBuilder(latin.Length);
        var initials = new StringBuilder();
        var inSyllable = false;
        foreach (var c in latin)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (!inSyllable)
                {
                    if (full.Length > 0) full.Append(' ');
                    initials.Append(char.ToLowerInvariant(c));
                    inSyllable = true;
                }
                full.Append(char.ToLowerInvariant(c));
            }
            else
            {
                inSyllable = false;
            }
        }
        return new PinyinReading(full.ToString(), initials.ToString());
    }

    private sealed class PinyinNameComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byPinyin = string.CompareOrdinal(SortKey(x), SortKey(y));
            return byPinyin != 0 ? byPinyin : string.CompareOrdinal(x, y);
        }
    }
}
