using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Requirements;

/// <summary>
/// 年度要求 (county): a preset replaces the year's rules; the rules' minimums and labels are edited, rules removed and
/// one added per save. Refused: a minimum below 1, an unknown kind, a kind twice. Nothing is written on any problem.
/// </summary>
public sealed class EditRequirements(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int FirstYear = 2000, LastYear = 2100;
    public const string Stale = "年度要求已被他人修改，请刷新后重新编辑";

    public sealed class RuleRow
    {
        public Guid? Id { get; set; }
        public Guid? Version { get; set; }
        public int? Kind { get; set; }
        [Display(Name = "最低要求")] public int? Minimum { get; set; }
        [Display(Name = "或时长（小时）")] public decimal? AlternativeHours { get; set; }
        [Display(Name = "要求内容")] public string? Label { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class Form
    {
        public List<RuleRow> Rules { get; set; } = [];
        /// <summary>A rule to add (empty: none).</summary>
        public RuleRow New { get; set; } = new();
    }

    public sealed record Model(int Year, Form Form, string? Preset, IReadOnlyList<int> Years);

    public static bool IsValidYear(int year) => year is >= FirstYear and <= LastYear;

    public async Task<Model> PageAsync(int year, Form? posted = null)
    {
        var rules = await RequirementQueries.RulesAsync(db, year);
        var form = posted ?? new Form
        {
            Rules = [.. rules.Select(r => new RuleRow
            {
                Id = r.Id, Version = r.Version, Kind = (int)r.Kind, Minimum = r.Minimum, Label = r.Label,
                AlternativeHours = r.AlternativeMinimum is { } a ? a / 60m : null,
            })],
        };
        var current = Clock.TodayInChina(time).Year;
        var configured = await db.RequirementRules.AsNoTracking().Select(r => r.Year).Distinct().ToListAsync();
        return new Model(year, form, rules.Select(r => r.Preset).FirstOrDefault(p => p is not null),
            [.. Enumerable.Range(current - 3, 5).Concat(configured).Append(year).Where(IsValidYear).Distinct().OrderDescending()]);
    }

    /// <summary>Replaces the year's rules with a preset's. Returns a problem, or null when done.</summary>
    public async Task<string?> ApplyPresetAsync(int year, string? key)
    {
        if (key is null || RequirementPresets.Find(key) is null) return "未知的预设";
        var old = await db.RequirementRules.Where(r => r.Year == year).ToListAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        db.RequirementRules.RemoveRange(old);
        await db.SaveChangesAsync(); // first: the preset's kinds take the same (Year, Kind) slots
        db.RequirementRules.AddRange(RequirementPresets.Create(key, year));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return null;
    }

    /// <summary>Validates and saves the rows and the new rule; the problems by field, nothing written when any.</summary>
    public async Task<IReadOnlyList<Problem>> SaveAsync(int year, Form form)
    {
        var problems = new List<Problem>();
        var existing = await db.RequirementRules.Where(r => r.Year == year).ToDictionaryAsync(r => r.Id);
        var kept = new List<(RequirementRule Rule, RuleRow Row)>();
        for (var i = 0; i < form.Rules.Count; i++)
        {
            var row = form.Rules[i];
            if (row.Id is not { } id || !existing.TryGetValue(id, out var rule) || row.Version != rule.Version)
            {
                problems.Add(new Problem("", Stale));
                break;
            }
            if (row.Remove) continue;
            Check(row, rule.Kind, $"Rules[{i}]", problems);
            kept.Add((rule, row));
        }
        if (form.Rules.Count(r => r.Id is not null) != existing.Count && problems.Count == 0) problems.Add(new Problem("", Stale));

        RequirementKind? newKind = null;
        var adding = form.New.Kind is not null || form.New.Minimum is not null || !string.IsNullOrWhiteSpace(form.New.Label);
        if (adding)
        {
            if (form.New.Kind is not { } k || !Enum.IsDefined(typeof(RequirementKind), k)) problems.Add(new Problem("New.Kind", "未知的要求类型，请从列表中选择"));
            else
            {
                newKind = (RequirementKind)k;
                Check(form.New, newKind.Value, "New", problems);
                if (kept.Any(x => x.Rule.Kind == newKind)) problems.Add(new Problem("New.Kind", $"该年度已有“{newKind.Value.Text()}”要求，同一类型不能重复"));
            }
        }
        if (problems.Count > 0) return problems;

        foreach (var (rule, row) in kept)
        {
            rule.Minimum = row.Minimum!.Value;
            rule.AlternativeMinimum = AlternativeMinutes(rule.Kind, row);
            rule.Label = row.Label!;
        }
        foreach (var removed in existing.Values.Where(r => kept.All(k => k.Rule.Id != r.Id))) db.RequirementRules.Remove(removed);
        var ordinal = 0;
        foreach (var (rule, _) in kept.OrderBy(k => k.Rule.Ordinal)) rule.Ordinal = ++ordinal;
        foreach (var (rule, row) in kept) db.Entry(rule).Property(r => r.Version).OriginalValue = row.Version!.Value;
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
            if (newKind is { } kind)
            {
                db.RequirementRules.Add(new RequirementRule
                {
                    Year = year, Kind = kind, Minimum = form.New.Minimum!.Value, AlternativeMinimum = AlternativeMinutes(kind, form.New),
                    Label = form.New.Label!, Ordinal = ordinal + 1,
                });
                await db.SaveChangesAsync();
            }
            await tx.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new Problem("", Stale)];
        }
        catch (DbUpdateException)
        {
            // Another admin added the same kind at the same moment (unique index on Year and Kind).
            return [new Problem("New.Kind", "该年度已有该类型的要求，同一类型不能重复")];
        }
        return [];
    }

    private static void Check(RuleRow row, RequirementKind kind, string prefix, List<Problem> problems)
    {
        if (row.Minimum is not { } min) problems.Add(new Problem($"{prefix}.Minimum", "请填写最低要求"));
        else if (min < 1) problems.Add(new Problem($"{prefix}.Minimum", "最低要求不能小于1"));
        else if (min > 366) problems.Add(new Problem($"{prefix}.Minimum", "最低要求不能超过366"));
        if (kind == RequirementKind.ServicesOrHours && row.AlternativeHours is { } h && (h <= 0 || h > 8784))
        {
            problems.Add(new Problem($"{prefix}.AlternativeHours", "时长要求应大于0小时"));
        }
        row.Label = string.IsNullOrWhiteSpace(row.Label) ? kind.Text() : row.Label.Trim();
        if (row.Label.Length > 100) problems.Add(new Problem($"{prefix}.Label", "要求内容不能超过100个字"));
    }

    private static int? AlternativeMinutes(RequirementKind kind, RuleRow row) =>
        kind == RequirementKind.ServicesOrHours && row.AlternativeHours is { } h ? (int)Math.Round(h * 60m) : null;

    public static string Hours(decimal? hours) => hours?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
