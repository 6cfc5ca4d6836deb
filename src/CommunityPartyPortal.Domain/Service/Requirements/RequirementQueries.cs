using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Service.Requirements;

/// <summary>
/// The queries behind the annual requirements: a year's rules, and <see cref="MemberYearFacts"/> for one member or
/// for many at once. They run on the caller's (scoped) context, so a viewer counts what the viewer may see: the
/// county and the member's unit all of the member's records, a community the records kept in it.
/// </summary>
/// <remarks>
/// Facts for many members take six grouped queries whatever the number of members (one per source: service records
/// grouped by member and day, claims, suggestions, recognitions, pairings, visits), each limited to the year's date
/// range and the members asked for, so they use the (MemberId, date) indexes; never one query per member.
/// </remarks>
public static class RequirementQueries
{
    /// <summary>The rules of a year in display order (empty when the county has not set the year).</summary>
    public static async Task<IReadOnlyList<RequirementRule>> RulesAsync(PortalDbContext db, int year, CancellationToken ct = default) =>
        await db.RequirementRules.AsNoTracking()
            .Where(r => r.Year == year)
            .OrderBy(r => r.Ordinal).ThenBy(r => r.Kind)
            .ToListAsync(ct);

    /// <summary>The facts of one member's year.</summary>
    public static async Task<MemberYearFacts> ForMemberAsync(PortalDbContext db, Guid memberId, int year, CancellationToken ct = default) =>
        (await ForMembersAsync(db, [memberId], year, ct))[memberId];

    /// <summary>The facts of each member's year (an entry for every id asked for, empty facts when nothing counts).</summary>
    public static async Task<IReadOnlyDictionary<Guid, MemberYearFacts>> ForMembersAsync(
        PortalDbContext db, IReadOnlyCollection<Guid> memberIds, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var ids = memberIds.Distinct().ToList();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        if (ids.Count == 0) return new Dictionary<Guid, MemberYearFacts>();

        // Confirmed service, one row per member and day: the days, the counts, the minutes, the public-welfare services.
        var days = await db.ServiceRecords.AsNoTracking()
            .Where(r => ids.Contains(r.MemberId) && r.ServedOn >= first && r.ServedOn <= last && r.Status == RecordStatus.Confirmed)
            .GroupBy(r => new { r.MemberId, r.ServedOn })
            .Select(g => new
            {
                g.Key.MemberId,
                g.Key.ServedOn,
                Count = g.Count(),
                Minutes = g.Sum(r => r.Minutes),
                Welfare = g.Sum(r => r.IsPublicWelfare ? 1 : 0),
            })
            .ToListAsync(ct);

        // Posts held under an approved claim at some time in the year (a released claim was approved before).
        var posts = await db.PostClaims.AsNoTracking()
            .Where(c => ids.Contains(c.MemberId)
                        && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Released)
                        && c.ApprovedOn != null && c.ApprovedOn <= last
                        && (c.ReleasedOn == null || c.ReleasedOn >= first))
            .GroupBy(c => c.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.MemberId, x => x.Count, ct);

        var suggestions = await db.Suggestions.AsNoTracking()
            .Where(s => ids.Contains(s.MemberId) && s.SubmittedOn >= first && s.SubmittedOn <= last)
            .GroupBy(s => s.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.MemberId, x => x.Count, ct);

        var recognitions = await db.Recognitions.AsNoTracking()
            .Where(r => ids.Contains(r.MemberId) && r.Year == year)
            .GroupBy(r => r.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.MemberId, x => x.Count, ct);

        var pairings = await db.HouseholdPairings.AsNoTracking()
            .Where(p => ids.Contains(p.MemberId) && p.PairedOn <= last && (p.EndedOn == null || p.EndedOn >= first))
            .Select(p => new { p.MemberId, p.HouseholdId, p.PairedOn, p.EndedOn })
            .ToListAsync(ct);

        var paired = pairings.Select(p => p.MemberId).Distinct().ToList();
        var visits = paired.Count == 0
            ? []
            : await db.HouseholdVisits.AsNoTracking()
                .Where(v => paired.Contains(v.MemberId) && v.VisitedOn >= first && v.VisitedOn <= last)
                .Select(v => new { v.MemberId, v.HouseholdId, v.VisitedOn })
                .ToListAsync(ct);

        var daysBy = days.ToLookup(d => d.MemberId);
        var pairingsBy = pairings.ToLookup(p => p.MemberId);
        var visitsBy = visits.ToLookup(v => (v.MemberId, v.HouseholdId), v => v.VisitedOn);

        var result = new Dictionary<Guid, MemberYearFacts>(ids.Count);
        foreach (var id in ids)
        {
            var served = daysBy[id].ToList();
            result[id] = new MemberYearFacts
            {
                Year = year,
                MemberId = id,
                ServiceDates = [.. served.Select(d => d.ServedOn)],
                ServiceCount = served.Sum(d => d.Count),
                ServiceMinutes = served.Sum(d => d.Minutes),
                PublicWelfareActivities = served.Sum(d => d.Welfare),
                PostsClaimed = posts.GetValueOrDefault(id),
                Suggestions = suggestions.GetValueOrDefault(id),
                Recognitions = recognitions.GetValueOrDefault(id),
                Pairings = [.. pairingsBy[id]
                    .OrderBy(p => p.PairedOn)
                    .Select(p => new PairingFacts(p.PairedOn, p.EndedOn, [.. visitsBy[(id, p.HouseholdId)]]) { HouseholdId = p.HouseholdId })],
            };
        }
        return result;
    }
}
