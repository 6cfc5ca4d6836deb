using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>A validation message for one form field ("" for the whole form).</summary>
public sealed record Problem(string Field, string Message);

/// <summary>
/// The year of the 报到 pages: chosen on every page, defaulting to the current year in China time.
/// Valid years run from 2000 to next year (letters may be prepared for the coming year).
/// </summary>
public static class ReportingYears
{
    public const int First = 2000;

    public static int Current(TimeProvider time) => Clock.TodayInChina(time).Year;

    public static bool IsValid(int? year, TimeProvider time) => year is { } y && y >= First && y <= Current(time) + 1;

    /// <summary>The requested year when valid, else the current year.</summary>
    public static int Normalize(int? year, TimeProvider time) => IsValid(year, time) ? year!.Value : Current(time);

    /// <summary>The years of the year picker: next year down to five years back, plus every configured year.</summary>
    public static async Task<IReadOnlyList<int>> OptionsAsync(PortalDbContext db, TimeProvider time, int selected)
    {
        var current = Current(time);
        var configured = await db.ReportingYears.AsNoTracking().Select(y => y.Year).ToListAsync();
        return [.. Enumerable.Range(current - 5, 7).Concat(configured).Append(selected)
            .Where(y => y >= First && y <= current + 1).Distinct().OrderDescending()];
    }
}
