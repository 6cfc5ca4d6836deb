using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service.Requirements;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Summaries;

public static partial class SummaryQueries
{
    private sealed class ServiceCounts
    {
        public int Members, Services, Days, Minutes, Meeting, Posts, Wishes, Paired, Visited, Visits, Suggestions, Vetoes;
        public readonly int[] Grades = new int[5];

        public void Add(FeedbackFigures.Figures f, bool counted, bool meets, FeedbackGrade? grade, bool veto)
        {
            if (counted) Members++;
            if (counted && meets) Meeting++;
            Services += f.Services;
            Days += f.Days;
            Minutes += f.Minutes;
            Posts += f.PostsClaimed;
            Wishes += f.WishesFulfilled;
            Paired += f.Households.Count;
            Visited += f.VisitedHouseholds.Count;
            Visits += f.HouseholdVisits;
            Suggestions += f.Suggestions;
            if (grade is { } g) Grades[(int)g]++;
            if (veto) Vetoes++;
        }

        public ServiceFigures ToFigures() => new(Members, Services, Days, Minutes, Meeting, Posts, Wishes, Paired, Visited, Visits, Suggestions,
            Grades[(int)FeedbackGrade.Excellent], Grades[(int)FeedbackGrade.Qualified], Grades[(int)FeedbackGrade.BasicallyQualified],
            Grades[(int)FeedbackGrade.Unqualified], Vetoes);
    }

    /// <summary>
    /// 在职党员进社区服务群众情况汇总表 as of <paramref name="asOf"/> (clamped to 31 December): the figures of 1 January to
    /// <paramref name="asOf"/> of the root's in-service members (those who moved out during the year included, for what they
    /// did before), by the member's unit and by the member's residential community; see <see cref="ServiceFigures"/>.
    /// </summary>
    /// <remarks>
    /// <para><b>Members and requirements.</b> <see cref="ServiceFigures.Members"/> are the in-service members with a report
    /// of the year active at the date and not moved out by then; of them, <see cref="ServiceFigures.MeetingRequirements"/>
    /// meet every rule of the year (<see cref="RequirementEvaluator"/> on the year-to-date facts, evaluated at the end of
    /// the date as the feedback cards are). A year without rules has nobody meeting them
    /// (<see cref="ServiceSummary.RequirementRules"/> is 0).</para>
    /// <para><b>Grades.</b> From the cards of the year's cycles sent by the end of the date (as of 31 December: sent at
    /// any time, the year being closed and its yearly cards sent after it): per member and cycle the
    /// latest revision sent by then (a correction sent later leaves the corrected card in force at the date); per member the
    /// yearly cycle's card when sent, otherwise the card of the latest cycle (by its end, then by when sent). A card without
    /// a grade counts in no grade. <see cref="ServiceFigures.Vetoes"/>: members with a veto on any of those per-cycle cards.
    /// Cards count for every member with one, reported at the date or not.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The root is not the county, a street or a work unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the year.</exception>
    public static async Task<ServiceSummary> ServiceAsync(PortalDbContext db, int year, DateOnly asOf, Guid root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        asOf = Clamp(year, asOf);
        var scope = SummaryRoot.Of(await OrgTree.LoadAsync(db, ct), root);
        var header = await HeaderAsync(db, year, asOf, scope, ct);
        var rules = (await RequirementQueries.RulesAsync(db, year, ct)).Count;
        var members = (await MembersAsync(db, year, scope, ct)).Values.Where(m => m.InService).ToList();
        var reported = (await ReportsAsync(db, year, asOf, ct)).Where(r => r.ActiveAt(asOf)).Select(r => r.MemberId).ToHashSet();
        var figures = await FeedbackFigures.ComputeAsync(db, year, new DateOnly(year, 1, 1), asOf, [.. members.Select(m => m.Id)], describeRequirements: false, ct);
        var cards = await GradesAsync(db, year, asOf, ct);

        var units = new Dictionary<Guid, ServiceCounts>();
        var communities = new Dictionary<Guid, ServiceCounts>();
        foreach (var m in members)
        {
            var f = figures[m.Id];
            var counted = m.ActiveAt(asOf) && reported.Contains(m.Id);
            var meets = rules > 0 && f.RequirementsTotal > 0 && f.RequirementsMet == f.RequirementsTotal;
            var (grade, veto) = cards.TryGetValue(m.Id, out var card) ? card : (null, false);
            Counts(units, m.WorkUnitId!.Value).Add(f, counted, meets, grade, veto);
            if (m.CommunityId is { } home) Counts(communities, home).Add(f, counted, meets, grade, veto);
        }

        var unitLayout = scope.UnitGroups();
        var communityLayout = scope.CommunityGroups();
        return new ServiceSummary(header, rules,
            SummaryRoot.Build(unitLayout, units.ToDictionary(u => u.Key, u => u.Value.ToFigures()), ServiceFigures.Zero),
            SummaryRoot.Build(communityLayout, communities.ToDictionary(c => c.Key, c => c.Value.ToFigures()), ServiceFigures.Zero));

        static ServiceCounts Counts(Dictionary<Guid, ServiceCounts> all, Guid id) =>
            all.TryGetValue(id, out var c) ? c : all[id] = new ServiceCounts();
    }

    /// <summary>Each member's grade of the year and whether any card of the year vetoed the member, as of the end of the date.</summary>
    private static async Task<Dictionary<Guid, (FeedbackGrade? Grade, bool Veto)>> GradesAsync(PortalDbContext db, int year, DateOnly asOf, CancellationToken ct)
    {
        var query = db.FeedbackCards.AsNoTracking()
            .Where(c => (c.Status == FeedbackCardStatus.Sent || c.Status == FeedbackCardStatus.Superseded) && c.SentAt != null && c.Cycle!.Year == year);
        // As of 31 December the year is closed: its cards count whenever sent (the yearly cycle's are sent after the year).
        if (asOf.Month != 12 || asOf.Day != 31)
        {
            var sentBefore = EndOfDayUtc(asOf);
            query = query.Where(c => c.SentAt < sentBefore);
        }
        var cards = await query
            .Select(c => new { c.MemberId, c.CycleId, c.Revision, c.Grade, c.Veto, c.Cycle!.Period, c.Cycle.EndsOn, c.SentAt })
            .ToListAsync(ct);
        return cards
            .GroupBy(c => c.MemberId)
            .ToDictionary(g => g.Key, g =>
            {
                var current = g.GroupBy(c => c.CycleId).Select(c => c.MaxBy(x => x.Revision)!).ToList();
                var chosen = current.FirstOrDefault(c => c.Period == FeedbackPeriod.Year)
                             ?? current.OrderByDescending(c => c.EndsOn).ThenByDescending(c => c.SentAt).First();
                return (chosen.Grade, current.Any(c => c.Veto));
            });
    }
}
