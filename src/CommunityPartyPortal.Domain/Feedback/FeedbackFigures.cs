using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// The figures of a cycle's cards for many members at once, set-based: one grouped or narrow query per source over the
/// cycle's date range (service records by member, with the distinct days counted by the database, claims, wishes, pairings, visits, suggestions, recognitions),
/// whatever the number of members, never one query per member and never a list of member ids sent to the database.
/// Rows of members not asked for are skipped in memory.
/// </summary>
/// <remarks>
/// <para>The period is [StartsOn, EndsOn] of the cycle, both days inclusive. Only confirmed service records count.</para>
/// <para>Requirement progress is that of the cycle's year as of the end of EndsOn: the facts run from 1 January to
/// EndsOn (later records are ignored, even when the cards are drafted later), and <see cref="RequirementEvaluator"/>
/// evaluates them on the day after EndsOn, so every month up to EndsOn's counts as over (for the yearly cycle this is
/// 1 January of the next year, i.e. the closed year).</para>
/// </remarks>
internal static class FeedbackFigures
{
    internal sealed class Figures
    {
        public int Services, Days, Minutes, PostsClaimed, WishesFulfilled, HouseholdVisits, Suggestions, RequirementsMet, RequirementsTotal;
        /// <summary>Each rule's standing at the end of the period (empty when the year has no rules).</summary>
        public IReadOnlyList<RuleProgress> Requirements = [];
        public readonly HashSet<Guid> Households = [];
        /// <summary>Households the member visited in the period (at least one visit).</summary>
        public readonly HashSet<Guid> VisitedHouseholds = [];

        // The year to date (1 January … EndsOn), for the requirement rules.
        public int YearServices, YearDays, YearMinutes, YearWelfare, YearPosts, YearSuggestions, Recognitions;
        public readonly List<(Guid Household, DateOnly PairedOn, DateOnly? EndedOn)> Pairings = [];
    }

    public static Task<Dictionary<Guid, Figures>> ComputeAsync(PortalDbContext db, FeedbackCycle cycle, IReadOnlyCollection<Guid> memberIds,
        CancellationToken ct) =>
        ComputeAsync(db, cycle.Year, cycle.StartsOn, cycle.EndsOn, memberIds, describeRequirements: true, ct);

    /// <summary>
    /// The figures of the period [<paramref name="start"/>, <paramref name="end"/>] of <paramref name="year"/> (both inclusive),
    /// with the requirement progress of the year as of the end of <paramref name="end"/> (as for a cycle with those dates;
    /// the county summary tables use 1 January to their "as of" date). With <paramref name="describeRequirements"/> each
    /// member's <see cref="Figures.Requirements"/> lists every rule's standing (a card prints them); without, only
    /// <see cref="Figures.RequirementsMet"/> and <see cref="Figures.RequirementsTotal"/> are set (the summary tables count).
    /// </summary>
    public static async Task<Dictionary<Guid, Figures>> ComputeAsync(PortalDbContext db, int year, DateOnly start, DateOnly end,
        IReadOnlyCollection<Guid> memberIds, bool describeRequirements, CancellationToken ct)
    {
        var figures = memberIds.Distinct().ToDictionary(id => id, _ => new Figures());
        if (figures.Count == 0) return figures;
        var rules = await RequirementQueries.RulesAsync(db, year, ct);
        // The year to date is only needed when there are rules to evaluate.
        var from = rules.Count > 0 ? new DateOnly(year, 1, 1) : start;

        // One row per member: the year to date and the period. When the period starts on 1 January it is the year to date,
        // and the query leaves out the period's conditional aggregates.
        var confirmed = ServiceByMember(db).Where(r => r.Status == RecordStatus.Confirmed && r.ServedOn >= from && r.ServedOn <= end);
        var byMember = from == start
            ? confirmed.GroupBy(r => r.MemberId).Select(g => new ServiceRow(g.Key, g.Count(), g.Select(r => r.ServedOn).Distinct().Count(),
                g.Sum(r => r.Minutes), g.Count(r => r.IsPublicWelfare), 0, 0, 0))
            : confirmed.GroupBy(r => r.MemberId).Select(g => new ServiceRow(g.Key, g.Count(), g.Select(r => r.ServedOn).Distinct().Count(),
                g.Sum(r => r.Minutes), g.Count(r => r.IsPublicWelfare),
                g.Count(r => r.ServedOn >= start), g.Where(r => r.ServedOn >= start).Select(r => r.ServedOn).Distinct().Count(),
                g.Where(r => r.ServedOn >= start).Sum(r => r.Minutes)));
        await foreach (var m in byMember.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!figures.TryGetValue(m.MemberId, out var f)) continue;
            f.YearServices = m.YearServices;
            f.YearDays = m.YearDays;
            f.YearMinutes = m.YearMinutes;
            f.YearWelfare = m.YearWelfare;
            (f.Services, f.Days, f.Minutes) = from == start ? (m.YearServices, m.YearDays, m.YearMinutes) : (m.Services, m.Days, m.Minutes);
        }

        // Posts held under an approved claim at some time in the range (a released claim was approved before).
        await foreach (var claim in db.PostClaims.AsNoTracking()
                           .Where(c => (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Released)
                                       && c.ApprovedOn != null && c.ApprovedOn <= end && (c.ReleasedOn == null || c.ReleasedOn >= from))
                           .Select(c => new { c.MemberId, c.ReleasedOn })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!figures.TryGetValue(claim.MemberId, out var f)) continue;
            f.YearPosts++;
            if (claim.ReleasedOn is null || claim.ReleasedOn >= start) f.PostsClaimed++;
        }

        var wishes = await db.Wishes.AsNoTracking()
            .Where(w => w.ClaimedByMemberId != null && (w.Status == WishStatus.Fulfilled || w.Status == WishStatus.Confirmed)
                        && w.FulfilledOn >= start && w.FulfilledOn <= end)
            .GroupBy(w => w.ClaimedByMemberId!.Value)
            .Select(g => new { MemberId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var w in wishes)
        {
            if (figures.TryGetValue(w.MemberId, out var f)) f.WishesFulfilled = w.Count;
        }

        var suggestions = await db.Suggestions.AsNoTracking()
            .Where(s => s.SubmittedOn >= from && s.SubmittedOn <= end)
            .GroupBy(s => s.MemberId)
            .Select(g => new { MemberId = g.Key, Year = g.Count(), Period = g.Sum(s => s.SubmittedOn >= start ? 1 : 0) })
            .ToListAsync(ct);
        foreach (var s in suggestions)
        {
            if (!figures.TryGetValue(s.MemberId, out var f)) continue;
            f.YearSuggestions = s.Year;
            f.Suggestions = s.Period;
        }

        // Pairings active at some time in the range; visits in the range.
        await foreach (var p in db.HouseholdPairings.AsNoTracking()
                           .Where(p => p.PairedOn <= end && (p.EndedOn == null || p.EndedOn >= from))
                           .Select(p => new { p.MemberId, p.HouseholdId, p.PairedOn, p.EndedOn })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!figures.TryGetValue(p.MemberId, out var f)) continue;
            f.Pairings.Add((p.HouseholdId, p.PairedOn, p.EndedOn));
            if (p.EndedOn is null || p.EndedOn >= start) f.Households.Add(p.HouseholdId);
        }
        var visitDates = new Dictionary<(Guid Member, Guid Household), List<DateOnly>>();
        await foreach (var v in db.HouseholdVisits.AsNoTracking()
                           .Where(v => v.VisitedOn >= from && v.VisitedOn <= end)
                           .Select(v => new { v.MemberId, v.HouseholdId, v.VisitedOn })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!figures.TryGetValue(v.MemberId, out var f)) continue;
            if (v.VisitedOn >= start)
            {
                f.HouseholdVisits++;
                f.VisitedHouseholds.Add(v.HouseholdId);
            }
            if (rules.Count == 0) continue;
            if (!visitDates.TryGetValue((v.MemberId, v.HouseholdId), out var dates)) visitDates[(v.MemberId, v.HouseholdId)] = dates = [];
            dates.Add(v.VisitedOn);
        }

        if (rules.Count > 0)
        {
            var recognitions = await db.Recognitions.AsNoTracking()
                .Where(r => r.Year == year && r.AwardedOn <= end)
                .GroupBy(r => r.MemberId)
                .Select(g => new { MemberId = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var r in recognitions)
            {
                if (figures.TryGetValue(r.MemberId, out var f)) f.Recognitions = r.Count;
            }
            Evaluate(year, end, rules, figures, visitDates, describeRequirements);
        }
        return figures;
    }

    private sealed record ServiceRow(Guid MemberId, int YearServices, int YearDays, int YearMinutes, int YearWelfare, int Services, int Days, int Minutes);

    /// <summary>
    /// The service records for a grouping by member over a long range. SQLite's planner has no range statistics and takes the
    /// <c>ServedOn</c> index for a year-long range, then looks every row up in date order and sorts for the grouping, about four
    /// times slower than walking the (MemberId, ServedOn) index, which also yields the rows already grouped by member; so on
    /// SQLite the query names that index (its name read from the model). PostgreSQL plans from its statistics.
    /// </summary>
    private static IQueryable<ServiceRecord> ServiceByMember(PortalDbContext db)
    {
        if (!db.Database.IsSqlite()) return db.ServiceRecords.AsNoTracking();
        var entity = db.Model.FindEntityType(typeof(ServiceRecord))!;
        var index = entity.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(ServiceRecord.MemberId), nameof(ServiceRecord.ServedOn)]));
        // Names from the model, not from input: nothing to inject.
        var sql = "SELECT * FROM \"" + entity.GetTableName() + "\" INDEXED BY \"" + index.GetDatabaseName() + "\"";
        return db.ServiceRecords.FromSqlRaw(sql).AsNoTracking();
    }

    private static void Evaluate(int year, DateOnly end, IReadOnlyList<RequirementRule> rules, Dictionary<Guid, Figures> figures,
        Dictionary<(Guid Member, Guid Household), List<DateOnly>> visitDates, bool describe)
    {
        var asOf = end.AddDays(1);
        foreach (var (memberId, f) in figures)
        {
            var facts = new MemberYearFacts
            {
                Year = year,
                MemberId = memberId,
                DistinctServiceDays = f.YearDays,
                ServiceCount = f.YearServices,
                ServiceMinutes = f.YearMinutes,
                PublicWelfareActivities = f.YearWelfare,
                PostsClaimed = f.YearPosts,
                Suggestions = f.YearSuggestions,
                Recognitions = f.Recognitions,
                Pairings = [.. f.Pairings.OrderBy(p => p.PairedOn).Select(p =>
                    new PairingFacts(p.PairedOn, p.EndedOn, visitDates.GetValueOrDefault((memberId, p.Household)) ?? []) { HouseholdId = p.Household })],
            };
            if (describe)
            {
                f.Requirements = RequirementEvaluator.Evaluate(rules, facts, asOf);
                f.RequirementsMet = f.Requirements.Count(r => r.Met);
            }
            else
            {
                f.RequirementsMet = RequirementEvaluator.CountMet(rules, facts, asOf);
            }
            f.RequirementsTotal = rules.Count;
        }
    }
}
