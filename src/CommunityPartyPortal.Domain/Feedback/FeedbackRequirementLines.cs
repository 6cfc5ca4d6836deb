using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityPartyPortal.Domain.Service.Requirements;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>One requirement rule as a feedback card prints it (年度要求: 要求 / 完成 / 是否达到).</summary>
public sealed record FeedbackRequirementLine(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("required")] string Required,
    [property: JsonPropertyName("achieved")] string Achieved,
    [property: JsonPropertyName("met")] bool Met);

/// <summary>
/// The requirement lines of a card, stored as a small JSON array in <see cref="FeedbackCard.RequirementLines"/> (the same
/// text on every provider). Written when the card is drafted, copied by a correction, read when the card is printed.
/// </summary>
public static class FeedbackRequirementLines
{
    public const int MaxLength = 4000;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON of the rules' standing, or null when there are none. Lines that would not fit are left out.</summary>
    public static string? Write(IReadOnlyList<RuleProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Count == 0) return null;
        var lines = progress.OrderBy(p => p.Ordinal).Select(p => new FeedbackRequirementLine(p.Label, p.Required, p.Achieved, p.Met)).ToList();
        var text = JsonSerializer.Serialize(lines, Json);
        while (text.Length > MaxLength && lines.Count > 0)
        {
            lines.RemoveAt(lines.Count - 1);
            text = JsonSerializer.Serialize(lines, Json);
        }
        return text;
    }

    /// <summary>The lines of a card (empty for none, or for a card drafted before lines were kept).</summary>
    public static IReadOnlyList<FeedbackRequirementLine> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<FeedbackRequirementLine>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
