using System.Globalization;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>
/// The header of a draft rubric: name, issuer, year, source note, total points, and the weights of 组织点评/党员互评/群众评议
/// (a member rubric only; any other rubric keeps 100/0/0). Points need not add up yet: the page lists the problems.
/// </summary>
public sealed class EditRubricHeader(RubricEditing editing) : IUseCase
{
    public const string FormKey = "header";
    /// <summary>The column lengths of the configuration (the entity has no constants for these two).</summary>
    public const int IssuerMaxLength = 100;
    public const int SourceMaxLength = 300;

    /// <summary>The posted header; every field a string so the Chinese rules below decide what is wrong.</summary>
    public sealed class Form
    {
        public string? Name { get; set; }
        public string? Issuer { get; set; }
        public string? Year { get; set; }
        public string? Source { get; set; }
        public string? TotalPoints { get; set; }
        public string? OrganisationWeight { get; set; }
        public string? PeersWeight { get; set; }
        public string? PublicWeight { get; set; }
        public Guid? Version { get; set; }

        public Dictionary<string, string?> Values() => new()
        {
            [nameof(Name)] = Name, [nameof(Issuer)] = Issuer, [nameof(Year)] = Year, [nameof(Source)] = Source,
            [nameof(TotalPoints)] = TotalPoints, [nameof(OrganisationWeight)] = OrganisationWeight,
            [nameof(PeersWeight)] = PeersWeight, [nameof(PublicWeight)] = PublicWeight,
        };
    }

    /// <summary>Null: no such rubric.</summary>
    public async Task<EditOutcome?> HandleAsync(Guid id, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        if (rubric is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);

        var errors = new Dictionary<string, string>();
        RubricEditing.Text(form.Name, nameof(form.Name), "考评细则名称", Rubric.NameMaxLength, required: true, errors);
        RubricEditing.Text(form.Issuer, nameof(form.Issuer), "印发单位", IssuerMaxLength, required: true, errors);
        RubricEditing.Text(form.Source, nameof(form.Source), "依据", SourceMaxLength, required: false, errors);
        var year = Integer(form.Year);
        if (year is not (>= RubricRules.MinYear and <= RubricRules.MaxYear)) errors[nameof(form.Year)] = $"年度应在{RubricRules.MinYear}至{RubricRules.MaxYear}之间";
        var total = RubricEditing.Points(form.TotalPoints, nameof(form.TotalPoints), "总分", errors);
        var weights = rubric.Target == RubricTarget.Member ? Weights(form, errors) : (100, 0, 0);
        if (errors.Count > 0) return EditOutcome.Invalid(id, FormKey, form.Values(), errors);

        rubric.Name = form.Name!.Trim();
        rubric.Issuer = form.Issuer!.Trim();
        rubric.Source = RubricEditing.Clean(form.Source);
        rubric.Year = year!.Value;
        rubric.TotalPoints = total;
        (rubric.OrganisationWeight, rubric.PeersWeight, rubric.PublicWeight) = weights;
        if (await editing.SaveAsync(rubric, form.Version) is { } refused)
        {
            return EditOutcome.Invalid(id, FormKey, form.Values(), new Dictionary<string, string> { [""] = refused });
        }
        return EditOutcome.Saved(id, "已保存考评细则的基本信息");
    }

    /// <summary>Three whole percentages of 0–100 that add up to 100.</summary>
    private static (int, int, int) Weights(Form form, Dictionary<string, string> errors)
    {
        int Weight(string? text, string field, string label)
        {
            if (Integer(text) is { } w and >= 0 and <= 100) return w;
            errors[field] = $"{label}的权重应为0至100的整数";
            return -1;
        }
        var organisation = Weight(form.OrganisationWeight, nameof(form.OrganisationWeight), "组织点评");
        var peers = Weight(form.PeersWeight, nameof(form.PeersWeight), "党员互评");
        var @public = Weight(form.PublicWeight, nameof(form.PublicWeight), "群众评议");
        if (organisation >= 0 && peers >= 0 && @public >= 0 && organisation + peers + @public != 100)
        {
            errors[nameof(form.OrganisationWeight)] = "组织点评、党员互评、群众评议的权重合计应为100";
        }
        return (organisation, peers, @public);
    }

    private static int? Integer(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
