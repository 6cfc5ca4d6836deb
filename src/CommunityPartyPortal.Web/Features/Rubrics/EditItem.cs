using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>
/// The items (考评内容) of a draft: change text, points, scoring method (评分方法) and evidence key; add one at the end of a
/// category; delete one. Item numbers run through the whole rubric and are renumbered 1..n after an add or a delete.
/// </summary>
public sealed class EditItem(RubricEditing editing) : IUseCase
{
    public static string FormKey(Guid itemId) => $"item-{itemId}";

    public static string AddKey(Guid categoryId) => $"add-item-{categoryId}";

    public sealed class Form
    {
        public string? Text { get; set; }
        public string? Points { get; set; }
        public string? Formula { get; set; }
        public string? EvidenceKey { get; set; }
        /// <summary>The item's version (edit, delete) or its category's (add).</summary>
        public Guid? Version { get; set; }

        public Dictionary<string, string?> Values() => new()
        {
            [nameof(Text)] = Text, [nameof(Points)] = Points, [nameof(Formula)] = Formula, [nameof(EvidenceKey)] = EvidenceKey,
        };
    }

    /// <summary>Null: no such rubric or item.</summary>
    public async Task<EditOutcome?> EditAsync(Guid id, Guid itemId, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        var item = rubric?.Categories.SelectMany(c => c.Items).FirstOrDefault(i => i.Id == itemId);
        if (rubric is null || item is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var key = FormKey(itemId);
        var errors = Validate(form, out var points);
        if (errors.Count > 0) return EditOutcome.Invalid(id, key, form.Values(), errors);
        Apply(form, item, points);
        return await editing.SaveAsync(item, form.Version) is { } refused
            ? EditOutcome.Invalid(id, key, form.Values(), new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, $"已保存第{item.No}项");
    }

    /// <summary>Adds an item at the end of the category; the form's version is the category's. Null: no such rubric or category.</summary>
    public async Task<EditOutcome?> AddAsync(Guid id, Guid categoryId, Form form)
    {
        var rubric = await editing.LoadAsync(id);
        var category = rubric?.Categories.FirstOrDefault(c => c.Id == categoryId);
        if (rubric is null || category is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var key = AddKey(categoryId);
        var errors = Validate(form, out var points);
        if (errors.Count > 0) return EditOutcome.Invalid(id, key, form.Values(), errors);
        var last = rubric.Categories.SelectMany(c => c.Items).Select(i => i.No).DefaultIfEmpty().Max();
        var item = new RubricItem { RubricId = rubric.Id, CategoryId = category.Id, No = last + 1, Text = "" };
        Apply(form, item, points);
        category.Items.Add(item);
        editing.Db.RubricItems.Add(item);
        RubricEditing.Renumber(rubric);
        return await editing.SaveAsync(category, form.Version, touch: true) is { } refused
            ? EditOutcome.Invalid(id, key, form.Values(), new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, $"已在类别{category.No}“{category.Name}”中添加第{item.No}项");
    }

    /// <summary>Deletes an item; the following items move up. Null: no such rubric or item.</summary>
    public async Task<EditOutcome?> DeleteAsync(Guid id, Guid itemId, Guid? version)
    {
        var rubric = await editing.LoadAsync(id);
        var category = rubric?.Categories.FirstOrDefault(c => c.Items.Any(i => i.Id == itemId));
        if (rubric is null || category is null) return null;
        if (rubric.IsPublished) return new EditOutcome(false, RubricEditing.Frozen, id);
        var item = category.Items.Single(i => i.Id == itemId);
        var no = item.No;
        var values = new Form { Text = item.Text, Points = RubricRules.Points(item.Points), Formula = item.Formula, EvidenceKey = item.EvidenceKey }.Values();
        category.Items.Remove(item);
        editing.Db.RubricItems.Remove(item);
        RubricEditing.Renumber(rubric);
        return await editing.SaveAsync(item, version) is { } refused
            ? EditOutcome.Invalid(id, FormKey(itemId), values, new Dictionary<string, string> { [""] = refused })
            : EditOutcome.Saved(id, $"已删除第{no}项，其后各项序号已顺延");
    }

    private static Dictionary<string, string> Validate(Form form, out decimal points)
    {
        var errors = new Dictionary<string, string>();
        RubricEditing.Text(form.Text, nameof(form.Text), "考评内容", RubricItem.TextMaxLength, required: true, errors);
        points = RubricEditing.Points(form.Points, nameof(form.Points), "分值", errors);
        RubricEditing.Text(form.Formula, nameof(form.Formula), "评分方法", RubricItem.FormulaMaxLength, required: false, errors);
        if (RubricEditing.Clean(form.EvidenceKey) is { } evidence && !EvidenceKeys.IsKnown(evidence)) errors[nameof(form.EvidenceKey)] = "请选择有效的数据依据";
        return errors;
    }

    private static void Apply(Form form, RubricItem item, decimal points)
    {
        item.Text = form.Text!.Trim();
        item.Points = points;
        item.Formula = RubricEditing.Clean(form.Formula);
        item.EvidenceKey = RubricEditing.Clean(form.EvidenceKey);
    }
}
