using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>How many cards of a set have each grade, and how many carry a veto (for the covering letter and the summaries).</summary>
public sealed record FeedbackGradeCounts(int Excellent, int Qualified, int BasicallyQualified, int Unqualified, int Ungraded, int Vetoed)
{
    public static readonly FeedbackGradeCounts None = new(0, 0, 0, 0, 0, 0);

    /// <summary>All cards counted (graded and not).</summary>
    public int Total => Excellent + Qualified + BasicallyQualified + Unqualified + Ungraded;

    public int this[FeedbackGrade grade] => grade switch
    {
        FeedbackGrade.Excellent => Excellent,
        FeedbackGrade.Qualified => Qualified,
        FeedbackGrade.BasicallyQualified => BasicallyQualified,
        FeedbackGrade.Unqualified => Unqualified,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, null),
    };

    public static FeedbackGradeCounts Of(IEnumerable<(FeedbackGrade? Grade, bool Veto)> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        int excellent = 0, qualified = 0, basically = 0, unqualified = 0, ungraded = 0, vetoed = 0;
        foreach (var (grade, veto) in cards)
        {
            switch (grade)
            {
                case FeedbackGrade.Excellent: excellent++; break;
                case FeedbackGrade.Qualified: qualified++; break;
                case FeedbackGrade.BasicallyQualified: basically++; break;
                case FeedbackGrade.Unqualified: unqualified++; break;
                default: ungraded++; break;
            }
            if (veto) vetoed++;
        }
        return new FeedbackGradeCounts(excellent, qualified, basically, unqualified, ungraded, vetoed);
    }
}

/// <summary>
/// The read queries of the feedback cards other features need. They run on the caller's (scoped) context, so every
/// viewer counts what it may see: a unit its members' sent cards, a community its own cards, the county all.
/// </summary>
public static class FeedbackQueries
{
    /// <summary>
    /// The members with a veto (一票否决) in force in <paramref name="year"/>: the latest sent revision of one of their
    /// cards of a cycle of that year carries a veto (a sent card, or a superseded one whose correction is still a draft).
    /// Show them as 「不宜评先评优」 wherever the unit sees the member. Optionally limited to <paramref name="memberIds"/>
    /// (the members of one page).
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> VetoedMemberIdsAsync(PortalDbContext db, int year, IReadOnlyCollection<Guid>? memberIds = null,
        CancellationToken ct = default) =>
        (await VetoYearsAsync(db, year, year, memberIds, ct)).Keys.ToHashSet();

    /// <summary>
    /// The members with a veto in force in any year from <paramref name="fromYear"/> to <paramref name="toYear"/> (see
    /// <see cref="VetoedMemberIdsAsync"/>), each with the latest such year, in one query.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> VetoYearsAsync(PortalDbContext db, int fromYear, int toYear,
        IReadOnlyCollection<Guid>? memberIds = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.FeedbackCards.AsNoTracking()
            .Where(c => c.Veto && c.Status != FeedbackCardStatus.Draft && c.Cycle!.Year >= fromYear && c.Cycle!.Year <= toYear
                        && !db.FeedbackCards.Any(n => n.PreviousId == c.Id && n.Status != FeedbackCardStatus.Draft));
        if (memberIds is not null)
        {
            var ids = memberIds.Distinct().ToList();
            query = query.Where(c => ids.Contains(c.MemberId));
        }
        var rows = await query.GroupBy(c => c.MemberId).Select(g => new { g.Key, Year = g.Max(c => c.Cycle!.Year) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Year);
    }

    /// <summary>
    /// Sent cards not opened yet (<see cref="FeedbackCard.ReadAt"/> empty) among those the caller sees; for a unit, its
    /// unread cards (optionally of one cycle). Superseded cards are not counted: their correction is what is to be read.
    /// </summary>
    public static Task<int> UnreadCountAsync(PortalDbContext db, Guid? cycleId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.FeedbackCards.Where(c => c.Status == FeedbackCardStatus.Sent && c.ReadAt == null);
        if (cycleId is { } id) query = query.Where(c => c.CycleId == id);
        return query.CountAsync(ct);
    }

    /// <summary>The grade counts of cards in memory.</summary>
    public static FeedbackGradeCounts GradeCounts(IEnumerable<FeedbackCard> cards) =>
        FeedbackGradeCounts.Of((cards ?? throw new ArgumentNullException(nameof(cards))).Select(c => (c.Grade, c.Veto)));

    /// <summary>The grade counts of a query of cards (one grouped query), e.g. a unit's sent cards of a cycle.</summary>
    public static async Task<FeedbackGradeCounts> GradeCountsAsync(IQueryable<FeedbackCard> cards, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var groups = await cards
            .GroupBy(c => new { c.Grade, c.Veto })
            .Select(g => new { g.Key.Grade, g.Key.Veto, Count = g.Count() })
            .ToListAsync(ct);
        return FeedbackGradeCounts.Of(groups.SelectMany(g => Enumerable.Repeat((g.Grade, g.Veto), g.Count)));
    }
}
