using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// The county's feedback cycles of a year: the list with the number of cards by status, creating the year's cycles
/// from a preset (refused when the year already has any of them), and closing a cycle (drafting its cards).
/// </summary>
public sealed class CountyCycles(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record Row(Guid Id, string Label, DateOnly StartsOn, DateOnly EndsOn, FeedbackCycleStatus Status, bool Ended,
        DateTime? ClosedAt, string? ClosedBy, int Drafts, int Sent, int Acknowledged, int Superseded);

    public sealed record Page(int Year, IReadOnlyList<Row> Cycles, IReadOnlyList<FeedbackCyclePresets.Preset> Presets);

    public static bool IsValidYear(int year) => year is >= 2000 and <= 2100;

    public int DefaultYear => Clock.TodayInChina(time).Year;

    public async Task<Page> PageAsync(int year)
    {
        var cycles = await db.FeedbackCycles.AsNoTracking().Where(c => c.Year == year).ToListAsync();
        var ids = cycles.Select(c => c.Id).ToList();
        var counts = await db.FeedbackCards.AsNoTracking().Where(c => ids.Contains(c.CycleId))
            .GroupBy(c => new { c.CycleId, c.Status, Acknowledged = c.AcknowledgedAt != null })
            .Select(g => new { g.Key.CycleId, g.Key.Status, g.Key.Acknowledged, Count = g.Count() })
            .ToListAsync();
        var today = Clock.TodayInChina(time);
        int Count(Guid id, FeedbackCardStatus status, bool? acknowledged = null) =>
            counts.Where(c => c.CycleId == id && c.Status == status && (acknowledged is null || c.Acknowledged == acknowledged)).Sum(c => c.Count);
        var rows = cycles.OrderBy(c => c.EndsOn).ThenBy(c => c.Period)
            .Select(c => new Row(c.Id, c.Label, c.StartsOn, c.EndsOn, c.Status, today > c.EndsOn, c.ClosedAt, c.ClosedBy,
                Count(c.Id, FeedbackCardStatus.Draft), Count(c.Id, FeedbackCardStatus.Sent), Count(c.Id, FeedbackCardStatus.Sent, true),
                Count(c.Id, FeedbackCardStatus.Superseded)))
            .ToList();
        return new Page(year, rows, FeedbackCyclePresets.All);
    }

    /// <summary>Creates the preset's cycles of the year; returns an error (Chinese) or null.</summary>
    public async Task<string?> CreateFromPresetAsync(int year, string? presetKey)
    {
        if (!IsValidYear(year)) return "年度无效";
        if (FeedbackCyclePresets.Find(presetKey) is not { } preset) return "请选择反馈周期预设";
        var cycles = FeedbackCyclePresets.Create(preset.Key, year);
        var existing = await db.FeedbackCycles.AsNoTracking().Where(c => c.Year == year).Select(c => new { c.Period, c.Number, c.Label }).ToListAsync();
        var duplicates = cycles.Where(c => existing.Any(e => e.Period == c.Period && e.Number == c.Number)).Select(c => c.Label).ToList();
        if (duplicates.Count > 0) return $"{year}年已有反馈周期（{string.Join("、", duplicates)}），不能重复创建";
        db.FeedbackCycles.AddRange(cycles);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone created them at the same moment (unique Year, Period, Number).
            db.ChangeTracker.Clear();
            return $"{year}年已有反馈周期，不能重复创建";
        }
        return null;
    }

    /// <summary>Closes the cycle (drafting the missing cards). Null: no such cycle; else the flash (ok) or the error.</summary>
    public async Task<(bool Ok, string Message, int Year)?> CloseAsync(Guid id, string by)
    {
        var cycle = await db.FeedbackCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return null;
        try
        {
            var drafted = await FeedbackDrafter.CloseAsync(db, id, by);
            return (true, $"{cycle.Label}已关闭，已生成 {drafted} 张反馈卡草稿", cycle.Year);
        }
        catch (FeedbackException e)
        {
            db.ChangeTracker.Clear();
            return (false, e.Message, cycle.Year);
        }
    }
}
