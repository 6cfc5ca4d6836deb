using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace CommunityPartyPortal.Domain.Common;

/// <summary>Chinese display names of enum values, from their <see cref="DisplayAttribute"/>.</summary>
public static class EnumText
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Text(this Enum value) => Cache.GetOrAdd(value, static v =>
    {
        var field = v.GetType().GetField(v.ToString());
        return field?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString();
    });

    public static IReadOnlyList<T> Values<T>() where T : struct, Enum => Enum.GetValues<T>();

    /// <summary>The names of the flags set in a flags enum, joined with 、.</summary>
    public static string FlagsText<T>(T value) where T : struct, Enum
    {
        var bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return string.Join("、", Enum.GetValues<T>()
            .Where(f => { var b = Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture); return b != 0 && (bits & b) == b; })
            .Select(f => ((Enum)(object)f).Text()));
    }
}
