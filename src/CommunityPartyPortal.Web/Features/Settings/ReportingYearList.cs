using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Settings;

/// <summary>报到年度设置: every year's deadline and threshold, newest first.</summary>
public sealed class ReportingYearList(PortalDbContext db) : IUseCase
{
    public sealed record Row(Guid Id, int Year, DateOnly Deadline, int ThresholdPercent, string? Preset, string? Notes, DateTime UpdatedAt, int Reports);

    public async Task<IReadOnlyList<Row>> HandleAsync()
    {
        var years = await db.ReportingYears.AsNoTracking().OrderByDescending(y => y.Year).ToListAsync();
        var list = years.Select(y => y.Year).ToList();
        var reports = await db.CommunityReports.AsNoTracking()
            .Where(r => list.Contains(r.Year) && r.Status == ReportStatus.Confirmed)
            .GroupBy(r => r.Year).Select(g => new { Year = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Year, g => g.Count);
        return [.. years.Select(y => new Row(y.Id, y.Year, y.Deadline, y.ThresholdPercent,
            ReportingPresets.Find(y.Preset)?.Name, y.Notes, y.UpdatedAt, reports.GetValueOrDefault(y.Year)))];
    }
}
