using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>
/// The rubrics of the policy texts, kept as JSON data (<c>db/presets/*.json</c>, compiled in as embedded resources):
/// seed 001's 吴中区“六位一体”社区党建机制考评细则 (6 categories, 23 items, 100 points, items 13–17 backed by evidence) and
/// seed 002's 五个好 (organisations) and 五带头 (members, with 组织点评/党员互评/群众评议 weights). Seed 002 gives criteria, not
/// points: the points and weights of those two are the portal's choice (their files say so in <c>pointsNote</c>).
/// <see cref="Load"/> turns a preset into a new draft rubric the county may edit and publish; <see cref="Copy"/> copies any rubric.
/// </summary>
public static class RubricPresets
{
    /// <param name="Key">Stable key, stored in <see cref="Rubric.Preset"/>.</param>
    /// <param name="Name">The rubric's name.</param>
    /// <param name="Json">The preset's JSON text.</param>
    public sealed record Preset(string Key, string Name, string Json);

    public const string Wuzhong2011 = "wuzhong-2011";
    public const string FiveGood = "five-good-2010";
    public const string FiveLead = "five-lead-2010";

    public static readonly IReadOnlyList<Preset> All =
    [
        new(Wuzhong2011, "吴中区“六位一体”社区党建机制考评细则（种子001）", Resource("rubric-wuzhong-2011.json")),
        new(FiveGood, "创先争优先进基层党组织“五个好”（种子002）", Resource("rubric-five-good-2010.json")),
        new(FiveLead, "创先争优优秀共产党员“五带头”（种子002）", Resource("rubric-five-lead-2010.json")),
    ];

    /// <summary>The text of an embedded preset file (db/presets/<paramref name="file"/>).</summary>
    private static string Resource(string file)
    {
        using var stream = typeof(RubricPresets).Assembly.GetManifestResourceStream("presets/" + file)
            ?? throw new InvalidOperationException($"The rubric preset db/presets/{file} is not embedded in the Domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Preset? Find(string? key) => All.FirstOrDefault(p => p.Key == key);

    /// <summary>A new draft rubric from the preset <paramref name="key"/>, for <paramref name="year"/> (or the preset's own year).</summary>
    /// <exception cref="ArgumentException">No preset has that key.</exception>
    public static Rubric Load(string key, int? year = null)
    {
        var preset = Find(key) ?? throw new ArgumentException($"Unknown rubric preset '{key}'.", nameof(key));
        var rubric = Parse(preset.Json);
        rubric.Preset = preset.Key;
        if (year is { } y) rubric.Year = y;
        return rubric;
    }

    /// <summary>A new draft rubric from rubric JSON in the presets' format (not validated: see <see cref="RubricRules.Problems"/>).</summary>
    /// <exception cref="AssessmentException">The text is not rubric JSON.</exception>
    public static Rubric Parse(string json)
    {
        RubricJson data;
        try
        {
            data = JsonSerializer.Deserialize<RubricJson>(json, Options) ?? throw new AssessmentException("考评细则文件为空");
        }
        catch (JsonException e)
        {
            throw new AssessmentException($"考评细则文件格式有误：{e.Message}");
        }
        var rubric = new Rubric
        {
            Name = data.Name ?? "",
            Issuer = data.Issuer ?? "",
            Year = data.Year,
            Target = TargetOf(data.Target),
            TotalPoints = data.Total,
            Source = data.Source,
            OrganisationWeight = data.Weights?.Organisation ?? 100,
            PeersWeight = data.Weights?.Peers ?? 0,
            PublicWeight = data.Weights?.Public ?? 0,
        };
        foreach (var c in data.Categories ?? [])
        {
            rubric.AddCategory(c.No, c.Name ?? "", c.Points,
                (c.Items ?? []).Select(i => (i.No, i.Text ?? "", i.Points, i.EvidenceKey)).ToArray());
        }
        return rubric;
    }

    /// <summary>A new draft with the rubric's content (categories and items loaded), new ids, and <see cref="Rubric.CopiedFromId"/> set.</summary>
    public static Rubric Copy(Rubric rubric, string? name = null, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var copy = new Rubric
        {
            Name = name ?? rubric.Name,
            Issuer = rubric.Issuer,
            Year = year ?? rubric.Year,
            Target = rubric.Target,
            TotalPoints = rubric.TotalPoints,
            Source = rubric.Source,
            Preset = rubric.Preset,
            CopiedFromId = rubric.Id,
            OrganisationWeight = rubric.OrganisationWeight,
            PeersWeight = rubric.PeersWeight,
            PublicWeight = rubric.PublicWeight,
        };
        foreach (var c in rubric.Categories.OrderBy(c => c.No))
        {
            var category = copy.AddCategory(c.No, c.Name, c.Points,
                c.Items.OrderBy(i => i.No).Select(i => (i.No, i.Text, i.Points, i.EvidenceKey)).ToArray());
            foreach (var (from, to) in c.Items.OrderBy(i => i.No).Zip(category.Items)) to.Formula = from.Formula;
        }
        return copy;
    }

    private static RubricTarget TargetOf(string? target) => target?.Trim().ToLowerInvariant() switch
    {
        "community" => RubricTarget.Community,
        "street" => RubricTarget.Street,
        "unit" => RubricTarget.Unit,
        "member" => RubricTarget.Member,
        _ => throw new AssessmentException($"考评对象“{target}”无效（community、street、unit 或 member）"),
    };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record RubricJson(string? Name, string? Issuer, int Year, string? Target, decimal Total, string? Source,
        WeightsJson? Weights, List<CategoryJson>? Categories);

    private sealed record WeightsJson(int Organisation, int Peers, int Public);

    private sealed record CategoryJson(int No, string? Name, decimal Points, List<ItemJson>? Items);

    private sealed record ItemJson(int No, string? Text, decimal Points, [property: JsonPropertyName("evidenceKey")] string? EvidenceKey);
}
