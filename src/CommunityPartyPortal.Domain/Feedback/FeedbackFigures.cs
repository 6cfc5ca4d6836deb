using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// The figures of a cycle's cards for many members at once, set-based: one grouped or narrow query per source over the
/// cycle's date range (service records by member and day, claims, wishes, pairings, visits, suggestions, recognitions),
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
        public readonly List<DateOnly> YearDates = [];
        public int YearServices, YearMinutes, YearWelfare, YearPosts, YearSuggestions, Recognitions;
        public readonly List<(Guid Household, DateOnly PairedOn, DateOnly? EndedOn)> Pairings = [];
    }

    public static Task<Dictionary<Guid, Figures>> ComputeAsync(PortalDbContext db, FeedbackCycle cycle, IReadOnlyCollection<Guid> memberIds,
        CancellationToken ct) =>
        ComputeAsync(db, cycle.Year, cycle.StartsOn, cycle.EndsOn, memberIds, ct);

    /// <summary>
    /// The figures of the period [<paramref name="start"/>, <paramref name="end"/>] of <paramref name="year"/> (both inclusive),
    /// with the requirement progress of the year as of the end of <paramref name="end"/> (as for a cycle with those dates;
    /// the county summary tables use 1 January to their "as of" date).
    /// </summary>
    public static async Task<Dictionary<Guid, Figures>> ComputeAsync(PortalDbContext db, int year, DateOnly start, DateOnly end,
        IReadOnlyCollection<Guid> memberIds, CancellationToken ct)
    {
        var figures = memberIds.Distinct().ToDictionary(id => id, _ => new Figures());
        if (figures.Count == 0) return figures;
        var rules = await RequirementQueries.RulesAsync(db, year, ct);
        // The year to date is only needed when there are rules to evaluate.
        var from = rules.Count > 0 ? new DateOnly(year, 1, 1) : start;

        await foreach (var day in db.ServiceRecords.AsNoTracking()
                           .Where(r => r.Status == RecordStatus.Confirmed && r.ServedOn >= from && r.ServedOn <= end)
                           .GroupBy(r => new { r.MemberId, r.ServedOn })
                           .Select(g => new { g.Key.MemberId, g.Key.ServedOn, Count = g.Count(), Minutes = g.Sum(r => r.Minutes), Welfare = g.Sum(r => r.IsPublicWelfare ? 1 : 0) })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!figures.TryGetValue(day.MemberId, out var f)) continue;
            f.YearDates.Add(day.ServedOn);
            f.YearServices += day.Count;
            f.YearMinutes += day.Minutes;
            f.YearWelfare += day.Welfare;
            if (day.ServedOn < start) continue;
            f.Services += day.Count;
            f.Days++;
            f.Minutes += day.Minutes;
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
            Evaluate(year, end, rules, figures, visitDates);
        }
        return figures;
    }

    private static void Evaluate(int year, DateOnly end, IReadOnlyList<RequirementRule> rules, Dictionary<Guid, Figures> figures,
        Dictionary<(Guid Member, Guid Household), List<DateOnly>> visitDates)
    {
        var asOf = end.AddDays(1);
        foreach (var (memberId, f) in figures)
        {
            var facts = new MemberYearFacts
            {
                Year = year,
                MemberId = memberId,
                ServiceDates = f.YearDates,
                ServiceCount = f.YearServices,
                ServiceMinutes = f.YearMinutes,
                PublicWelfareActivities = f.YearWelfare,
                PostsClaimed = f.YearPosts,
                Suggestions = f.YearSuggestions,
                Recognitions = f.Recognitions,
                Pairings = [.. f.Pairings.OrderBy(p => p.PairedOn).Select(p =>
                    new PairingFacts(p.PairedOn, p.EndedOn, visitDates.GetValueOrDefault((memberId, p.Household)) ?? []) { HouseholdId = p.Household })],
            };
            f.Requirements = RequirementEvaluator.Evaluate(rules, facts, asOf);
            f.RequirementsMet = f.Requirements.Count(r => r.Met);
            f.RequirementsTotal = rules.Count;
        }
    }
}
