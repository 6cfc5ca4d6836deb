using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>A confirmed report with its member and the letter it was made with, ready to be printed.</summary>
public sealed record ReportSource(CommunityReport Report, Member Member, string? LetterSerial, Guid? LetterUnitId);

/// <summary>Loads the reports of the 回执 and the two cards through the scoped context.</summary>
public static class ReportSources
{
    /// <summary>
    /// The reports in the order of <paramref name="ids"/>, or null when any of them is not visible to the user,
    /// is withdrawn, or its member is not visible (the caller answers 404).
    /// </summary>
    public static async Task<IReadOnlyList<ReportSource>?> LoadAsync(PortalDbContext db, IReadOnlyList<Guid> ids)
    {
        if (ids.Count is 0 or > ReportingDocuments.MaxBatch) return null;
        var reports = await db.CommunityReports.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Status == ReportStatus.Confirmed)
            .ToDictionaryAsync(r => r.Id);
        if (reports.Count != ids.Count) return null;

        var memberIds = reports.Values.Select(r => r.MemberId).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        if (members.Count != memberIds.Count) return null;

        // The serial of the letter a visible report names is part of that report: read without the letter
        // filter, so that a unit whose member changed units still sees the serial and not 无证明信.
        var letterIds = reports.Values.Where(r => r.LetterId is not null).Select(r => r.LetterId!.Value).Distinct().ToList();
        var letters = letterIds.Count == 0
            ? []
            : await db.ReportLetters.IgnoreQueryFilters().AsNoTracking()
                .Where(l => letterIds.Contains(l.Id))
                .Select(l => new { l.Id, l.Serial, l.WorkUnitId })
                .ToDictionaryAsync(l => l.Id);

        return [.. ids.Select(id =>
        {
            var r = reports[id];
            var letter = r.LetterId is { } l && letters.TryGetValue(l, out var found) ? found : null;
            return new ReportSource(r, members[r.MemberId], letter?.Serial, letter?.WorkUnitId);
        })];
    }
}
