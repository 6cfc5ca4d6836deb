using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>
/// A weighted assessment rubric (考评细则) as data: categories of items with points, a target and a year. County-wide like the
/// requirement rules: every scope reads rubrics, only the county (or the system) writes them. A rubric is edited as a
/// <see cref="RubricStatus.Draft"/> and <see cref="Publish"/>ed once <see cref="RubricRules.Problems"/> finds nothing; a
/// published rubric is frozen (change it by <see cref="RubricPresets.Copy"/>ing it). Presets: <see cref="RubricPresets"/>.
/// </summary>
public class Rubric : EditableEntity
{
    public const int NameMaxLength = 100;

    public required string Name { get; set; }
    /// <summary>印发单位, e.g. 中共苏州市吴中区委组织部.</summary>
    public required string Issuer { get; set; }
    public int Year { get; set; }
    public RubricTarget Target { get; set; }
    public decimal TotalPoints { get; set; }
    /// <summary>Where the rubric comes from (the policy text), or a note of the county.</summary>
    public string? Source { get; set; }
    /// <summary>The preset the rubric was loaded from (<see cref="RubricPresets.Preset.Key"/>), if any.</summary>
    public string? Preset { get; set; }
    /// <summary>The rubric this one was copied from.</summary>
    public Guid? CopiedFromId { get; set; }
    public RubricStatus Status { get; set; } = RubricStatus.Draft;

    /// <summary>
    /// Weights in percent of the three parts of an evaluation (<see cref="ScorePart"/>); they add up to 100. A community,
    /// street or unit rubric is 100/0/0 (the organisation's score only); a member rubric may be e.g. 50/25/25.
    /// </summary>
    public int OrganisationWeight { get; set; } = 100;
    public int PeersWeight { get; set; }
    public int PublicWeight { get; set; }

    public List<RubricCategory> Categories { get; } = [];

    public bool IsPublished => Status == RubricStatus.Published;

    /// <summary>The items of every category, in category then item order.</summary>
    public IEnumerable<RubricItem> Items => Categories.OrderBy(c => c.No).SelectMany(c => c.Items.OrderBy(i => i.No));

    /// <summary>The weight in percent of <paramref name="part"/>.</summary>
    public int WeightOf(ScorePart part) => part switch
    {
        ScorePart.Organisation => OrganisationWeight,
        ScorePart.Peers => PeersWeight,
        ScorePart.Public => PublicWeight,
        _ => 0,
    };

    /// <summary>The parts this rubric scores: those with a weight above 0.</summary>
    public IReadOnlyList<ScorePart> Parts => Enum.GetValues<ScorePart>().Where(p => WeightOf(p) > 0).ToList();

    /// <summary>Freezes a valid rubric (categories and items loaded) so sessions can use it.</summary>
    /// <exception cref="AssessmentException">The rubric has problems; the message lists them.</exception>
    public void Publish()
    {
        var problems = RubricRules.Problems(this);
        if (problems.Count > 0) throw new AssessmentException("考评细则有误，不能发布：" + string.Join("；", problems));
        Status = RubricStatus.Published;
    }

    /// <summary>Adds a category with its items (numbers and points as given) and returns it.</summary>
    public RubricCategory AddCategory(int no, string name, decimal points, params (int No, string Text, decimal Points, string? EvidenceKey)[] items)
    {
        var category = new RubricCategory { RubricId = Id, No = no, Name = name, Points = points };
        foreach (var (itemNo, text, itemPoints, evidence) in items)
        {
            category.Items.Add(new RubricItem { RubricId = Id, CategoryId = category.Id, No = itemNo, Text = text, Points = itemPoints, EvidenceKey = evidence });
        }
        Categories.Add(category);
        return category;
    }
}

/// <summary>A category (类别) of a rubric, with its points (权重).</summary>
public class RubricCategory : EditableEntity
{
    public const int NameMaxLength = 100;

    public Guid RubricId { get; set; }
    /// <summary>序号 of the category in the rubric (1, 2, …).</summary>
    public int No { get; set; }
    public required string Name { get; set; }
    public decimal Points { get; set; }
    public List<RubricItem> Items { get; } = [];
}

/// <summary>An item (考评内容) of a category, with its points. Item numbers run through the whole rubric (seed 001: 1–23).</summary>
public class RubricItem : EditableEntity
{
    public const int TextMaxLength = 500;
    public const int FormulaMaxLength = 300;

    public Guid RubricId { get; set; }
    public Guid CategoryId { get; set; }
    public int No { get; set; }
    public required string Text { get; set; }
    public decimal Points { get; set; }
    /// <summary>The evidence the portal computes for the item (<see cref="EvidenceKeys"/>), if any.</summary>
    public string? EvidenceKey { get; set; }
    /// <summary>How the scorer derives the points (free text, e.g. "每少一次扣1分").</summary>
    public string? Formula { get; set; }
}
