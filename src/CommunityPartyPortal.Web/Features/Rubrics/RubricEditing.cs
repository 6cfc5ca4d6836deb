using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>A form of the editor that was refused: which form, what was typed, and the errors by field ("" = the whole form).</summary>
public sealed record FormFailure(string FormKey, IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// The outcome of an editor POST. Ok: the flash, back to the editor. Failure: the editor again with the typed values and the
/// errors next to their fields. Neither: refused as a whole (a published rubric), back to the rubric's page with the error.
/// </summary>
public sealed record EditOutcome(bool Ok, string Message, Guid RubricId, FormFailure? Failure = null)
{
    public static EditOutcome Saved(Guid id, string flash) => new(true, flash, id);

    public static EditOutcome Invalid(Guid id, string formKey, IReadOnlyDictionary<string, string?> values, IReadOnlyDictionary<string, string> errors) =>
        new(false, errors.Values.First(), id, new FormFailure(formKey, values, errors));
}

/// <summary>The editor page (<c>/rubrics/{id}/edit</c>) of a draft: the rubric, its problems and the refused form, if any.</summary>
public sealed record EditPage(Rubric Rubric, IReadOnlyList<string> Problems, FormFailure? Failure)
{
    /// <summary>The value to show in a field: what was typed if this form was refused, else the stored value.</summary>
    public string? Value(string formKey, string field, string? stored) =>
        Failure is { } f && f.FormKey == formKey ? f.Values.GetValueOrDefault(field) : stored;

    public string? Error(string formKey, string field) =>
        Failure is { } f && f.FormKey == formKey ? f.Errors.GetValueOrDefault(field) : null;
}

/// <summary>Loading, checking and saving a draft for the editor's use cases; the rules every form shares.</summary>
public sealed class RubricEditing(PortalDbContext db) : IUseCase
{
    public const string Stale = "该考评细则已被他人修改，请刷新后重试";
    public const string Frozen = "已发布的考评细则不能修改，请复制后修改";

    public PortalDbContext Db => db;

    /// <summary>The rubric with its categories and items, tracked; null if there is none.</summary>
    public Task<Rubric?> LoadAsync(Guid id) =>
        db.Rubrics.Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);

    /// <summary>The editor page, or null if there is no such rubric.</summary>
    public async Task<EditPage?> PageAsync(Guid id, FormFailure? failure = null)
    {
        db.ChangeTracker.Clear();
        var rubric = await db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);
        return rubric is null ? null : new EditPage(rubric, RubricRules.Problems(rubric), failure);
    }

    /// <summary>
    /// Saves with <paramref name="entity"/>'s version checked against the one the form was opened with (<paramref name="touch"/>:
    /// the entity is marked changed so its version moves on, for an add under it). A refusal writes nothing.
    /// </summary>
    public async Task<string?> SaveAsync(EditableEntity entity, Guid? version, bool touch = false)
    {
        if (version is not { } v || v != entity.Version)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
        var entry = db.Entry(entity);
        entry.Property(e => e.Version).OriginalValue = v;
        if (touch) entry.Property(e => e.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
    }

    /// <summary>Numbers categories 1..m and items 1..n through the whole rubric, in category then item order.</summary>
    public static void Renumber(Rubric rubric)
    {
        var categories = rubric.Categories.OrderBy(c => c.No).ToList();
        var items = rubric.Items.ToList();
        for (var i = 0; i < categories.Count; i++) categories[i].No = i + 1;
        for (var i = 0; i < items.Count; i++) items[i].No = i + 1;
    }

    /// <summary>A required or optional text up to <paramref name="max"/> characters; adds the Chinese error by field.</summary>
    public static void Text(string? value, string field, string label, int max, bool required, Dictionary<string, string> errors)
    {
        var v = value?.Trim() ?? "";
        if (required && v.Length == 0) errors[field] = $"请填写{label}";
        else if (v.Length > max) errors[field] = $"{label}不能超过{max}个字";
    }

    /// <summary>Points ≥ 0 with at most one decimal (<see cref="CountyRubrics.ParsePoints"/>), or the error by field.</summary>
    public static decimal Points(string? value, string field, string label, Dictionary<string, string> errors)
    {
        if (CountyRubrics.ParsePoints(value) is { } points) return points;
        errors[field] = $"{label}应为不小于0的数，最多一位小数";
        return 0;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Chinese labels of the evidence keys (<see cref="EvidenceKeys"/>) for the editor's select and the rubric page.</summary>
public static class EvidenceLabels
{
    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (EvidenceKeys.Posts, "服务岗位设岗认岗"),
        (EvidenceKeys.Activities, "活动及签到记录"),
        (EvidenceKeys.Households, "结对帮扶及走访"),
        (EvidenceKeys.Participation, "党员参与率及集中服务"),
        (EvidenceKeys.Rosters, "三本台账及流动登记"),
    ];

    public static string Of(string? key) =>
        key is null ? "" : All.FirstOrDefault(e => e.Key == key).Label is { } label ? $"{label}（{key}）" : key;
}

/// <summary>One category's part of the editor page.</summary>
public sealed record CategoryEditor(EditPage Page, RubricCategory Category);

/// <summary>The fields of one item form (edit or add): <paramref name="Item"/> null for the add form.</summary>
public sealed record ItemFields(EditPage Page, string FormKey, string Label, RubricItem? Item);
