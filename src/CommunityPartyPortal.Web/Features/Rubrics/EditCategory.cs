using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>
/// The categories (类别) of a draft: change a name and points, add one at the end, delete one (with its items only when the
/// form confirms it). Categories and items are renumbered 1..n after an add or a delete.
/// </summary>
public sealed class EditCategory(RubricEditing editing) : IUseCase
{
    public const string AddKey = "add-category";

    public static string FormKey(Guid categoryId) => $"category-{categoryId}";

    public sealed class Form
    {
        public string? Name { get; set; }
        public string? Points { get; set; }
        /// <summary>The category's version (edit, delete) or the rubric's (add).</summary>
        public Guid? Version { get; set; }
        /// <summary>Delete: the county confirmed that the category's items go with it.</summary>
        public bool WithItems { get; set; }

        public Dictionary<string, string?> Values() => new() { [nameof(Name)] = Name, [nameof(Points)] = Points };
    }

    /// <summary>Null: no such rubric or category.</summary>
    public async Task<EditOutcome?> EditAsync(Guid id, Guid categoryId, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        var category = rubric?.Categories.FirstOrDefault(c => c.Id == categoryId);
        if (rubric is null || category is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var key = FormKey(categoryId);
        var (name, points, errors) = Validate(form);
        if (errors.Count > 0) return EditOutcome.Invalid(id, key, form.Values(), errors);
        category.Name = name;
        category.Points = points;
        return await editing.SaveAsync(category, form.Version) is { } refused
            ? EditOutcome.Invalid(id, key, form.Values(), new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, $"已保存类别{category.No}“{category.Name}”");
    }

    /// <summary>Adds a category after the last one; the form's version is the rubric's. Null: no such rubric.</summary>
    public async Task<EditOutcome?> AddAsync(Guid id, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        if (rubric is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var (name, points, errors) = Validate(form);
        if (errors.Count > 0) return EditOutcome.Invalid(id, AddKey, form.Values(), errors);
        var category = new RubricCategory { RubricId = rubric.Id, No = rubric.Categories.Select(c => c.No).DefaultIfEmpty().Max() + 1, Name = name, Points = points };
        rubric.Categories.Add(category);
        editing.Db.RubricCategories.Add(category);
        RubricEditing.Renumber(rubric);
        return await editing.SaveAsync(rubric, form.Version, touch: true) is { } refused
            ? EditOutcome.Invalid(id, AddKey, form.Values(), new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, $"已添加类别{category.No}“{category.Name}”");
    }

    /// <summary>Deletes a category; one with items only with <see cref="Form.WithItems"/>. Null: no such rubric or category.</summary>
    public async Task<EditOutcome?> DeleteAsync(Guid id, Guid categoryId, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        var category = rubric?.Categories.FirstOrDefault(c => c.Id == categoryId);
        if (rubric is null || category is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var key = FormKey(categoryId);
        var values = new Dictionary<string, string?> { [nameof(Form.Name)] = category.Name, [nameof(Form.Points)] = RubricRules.Points(category.Points) };
        if (category.Items.Count > 0 && !form.WithItems)
        {
            return EditOutcome.Invalid(id, key, values, new Dictionary<string, string>
            {
                [nameof(Form.WithItems)] = $"类别{category.No}下还有{category.Items.Count}项考评内容，请勾选“同时删除其中的考评内容”后再删除",
            });
        }
        var label = $"类别{category.No}“{category.Name}”";
        var count = category.Items.Count;
        foreach (var item in category.Items.ToList())
        {
            category.Items.Remove(item);
            editing.Db.RubricItems.Remove(item);
        }
        rubric.Categories.Remove(category);
        editing.Db.RubricCategories.Remove(category);
        RubricEditing.Renumber(rubric);
        return await editing.SaveAsync(category, form.Version) is { } refused
            ? EditOutcome.Invalid(id, key, values, new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, count > 0 ? $"已删除{label}及其{count}项考评内容" : $"已删除{label}");
    }

    private static (string Name, decimal Points, Dictionary<string, string> Errors) Validate(Form form)
    {
        var errors = new Dictionary<string, string>();
        RubricEditing.Text(form.Name, nameof(form.Name), "类别名称", RubricCategory.NameMaxLength, required: true, errors);
        var points = RubricEditing.Points(form.Points, nameof(form.Points), "类别分值", errors);
        return (form.Name?.Trim() ?? "", points, errors);
    }
}
