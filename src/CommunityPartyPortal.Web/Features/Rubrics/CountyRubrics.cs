using System.Globalization;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>
/// The county's rubrics (考评细则): the list, loading a preset into a draft, one rubric with its problems, publishing
/// (refused with the problems), copying into a new draft, and changing one item's points on a draft.
/// </summary>
public sealed class CountyRubrics(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record Row(Guid Id, string Name, RubricTarget Target, int Year, RubricStatus Status, decimal TotalPoints, int Categories, int Items);

    public sealed record ListPage(int DefaultYear, IReadOnlyList<Row> Rubrics, IReadOnlyList<RubricPresets.Preset> Presets);

    public sealed record DetailPage(Rubric Rubric, IReadOnlyList<string> Problems, string? CopiedFromName);

    /// <summary>The outcome of a POST: the flash (ok) or the error, and where to go.</summary>
    public sealed record Outcome(bool Ok, string Message, Guid RubricId);

    public int DefaultYear => Clock.TodayInChina(time).Year;

    public async Task<ListPage> ListAsync()
    {
        var rubrics = await db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items)
            .AsSplitQuery().ToListAsync();
        var rows = rubrics.OrderByDescending(r => r.Year).ThenBy(r => r.Target).ThenBy(r => r.CreatedAt)
            .Select(r => new Row(r.Id, r.Name, r.Target, r.Year, r.Status, r.TotalPoints, r.Categories.Count, r.Categories.Sum(c => c.Items.Count)))
            .ToList();
        return new ListPage(DefaultYear, rows, RubricPresets.All);
    }

    /// <summary>Loads the preset into a new draft of the year; returns the error (Chinese) or the new rubric.</summary>
    public async Task<(string? Error, Rubric? Rubric)> LoadPresetAsync(string? presetKey, int year)
    {
        if (year is < RubricRules.MinYear or > RubricRules.MaxYear) return ($"年度应在{RubricRules.MinYear}至{RubricRules.MaxYear}之间", null);
        if (RubricPresets.Find(presetKey) is not { } preset) return ("请选择考评细则预设", null);
        var rubric = RubricPresets.Load(preset.Key, year);
        db.Rubrics.Add(rubric);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return (e.Message, null);
        }
        return (null, rubric);
    }

    public async Task<DetailPage?> DetailAsync(Guid id)
    {
        var rubric = await LoadAsync(id, tracking: false);
        if (rubric is null) return null;
        var copiedFrom = rubric.CopiedFromId is { } from
            ? await db.Rubrics.AsNoTracking().Where(r => r.Id == from).Select(r => r.Name + "（" + r.Year + "年）").FirstOrDefaultAsync()
            : null;
        return new DetailPage(rubric, RubricRules.Problems(rubric), copiedFrom);
    }

    /// <summary>Publishes a valid draft. Null: no such rubric.</summary>
    public async Task<Outcome?> PublishAsync(Guid id)
    {
        var rubric = await LoadAsync(id, tracking: true);
        if (rubric is null) return null;
        if (rubric.IsPublished) return new Outcome(false, "该考评细则已发布", id);
        try
        {
            rubric.Publish();
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, e.Message, id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, "该考评细则已被他人修改，请刷新后重试", id);
        }
        return new Outcome(true, $"已发布考评细则“{rubric.Name}”", id);
    }

    /// <summary>Copies a rubric into a new draft. Null: no such rubric.</summary>
    public async Task<Outcome?> CopyAsync(Guid id)
    {
        var rubric = await LoadAsync(id, tracking: false);
        if (rubric is null) return null;
        var copy = RubricPresets.Copy(rubric);
        db.Rubrics.Add(copy);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, e.Message, id);
        }
        return new Outcome(true, $"已复制考评细则“{rubric.Name}”，新草稿可以修改", copy.Id);
    }

    /// <summary>Changes one item's points on a draft. Null: no such rubric or item.</summary>
    public async Task<Outcome?> SetItemPointsAsync(Guid id, Guid itemId, string? points)
    {
        var rubric = await db.Rubrics.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        var item = await db.RubricItems.FirstOrDefaultAsync(i => i.Id == itemId && i.RubricId == id);
        if (rubric is null || item is null) return null;
        if (rubric.IsPublished) return new Outcome(false, "已发布的考评细则不能修改，请复制后修改", id);
        if (ParsePoints(points) is not { } value) return new Outcome(false, $"第{item.No}项的分值应为不小于0的数，最多一位小数", id);
        item.Points = value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (AssessmentException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, e.Message, id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(false, "该考评细则已被他人修改，请刷新后重试", id);
        }
        return new Outcome(true, $"第{item.No}项的分值已改为{RubricRules.Points(value)}分", id);
    }

    /// <summary>A number ≥ 0 with at most one decimal ("2", "2.5"), or null.</summary>
    public static decimal? ParsePoints(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
        if (value < 0 || value > 9999 || decimal.Round(value, 1) != value) return null;
        return value;
    }

    private Task<Rubric?> LoadAsync(Guid id, bool tracking)
    {
        var query = db.Rubrics.Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id);
    }
}
