using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// The community secretary's view of the cycles: the closed cycles with the community's counts (草稿, 已发送, 已签收),
/// and one cycle's cards of the community (filtered by status and unit) in pinyin order of the member. The cards are
/// read through the scoped context: another community's cycle page lists nothing and its cards answer 404.
/// </summary>
public sealed class CommunityCycles(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public sealed record CycleRow(Guid Id, string Label, DateOnly StartsOn, DateOnly EndsOn, int Drafts, int Sent, int Acknowledged);

    public sealed record CardRow(Guid Id, string Name, string WorkUnit, Guid WorkUnitId, string Figures, string? Grade, bool Veto,
        FeedbackCardStatus Status, int Revision, string? Serial, string Receipt, bool CanSend);

    public sealed record Query(FeedbackCardStatus? Status = null, Guid? Unit = null);

    public sealed record CyclePage(Guid Id, string Label, int Year, DateOnly StartsOn, DateOnly EndsOn, Query Filter,
        IReadOnlyList<CardRow> Cards, IReadOnlyList<(Guid Id, string Name, int Sent)> Units, int Reviewed);

    public async Task<IReadOnlyList<CycleRow>> ClosedCyclesAsync()
    {
        var cycles = await db.FeedbackCycles.AsNoTracking().Where(c => c.Status == FeedbackCycleStatus.Closed)
            .OrderByDescending(c => c.EndsOn).ThenByDescending(c => c.Period).ToListAsync();
        var counts = await db.FeedbackCards.AsNoTracking().Where(c => c.Status != FeedbackCardStatus.Superseded)
            .GroupBy(c => new { c.CycleId, c.Status, Acknowledged = c.AcknowledgedAt != null })
            .Select(g => new { g.Key.CycleId, g.Key.Status, g.Key.Acknowledged, Count = g.Count() })
            .ToListAsync();
        return [.. cycles.Select(c => new CycleRow(c.Id, c.Label, c.StartsOn, c.EndsOn,
            counts.Where(x => x.CycleId == c.Id && x.Status == FeedbackCardStatus.Draft).Sum(x => x.Count),
            counts.Where(x => x.CycleId == c.Id && x.Status == FeedbackCardStatus.Sent).Sum(x => x.Count),
            counts.Where(x => x.CycleId == c.Id && x.Status == FeedbackCardStatus.Sent && x.Acknowledged).Sum(x => x.Count)))];
    }

    /// <summary>The cycle's current cards of the community (superseded ones are on each card's page), or null when there is no such closed cycle.</summary>
    public async Task<CyclePage?> CycleAsync(Guid id, Query query, FeedbackDocuments documents)
    {
        var cycle = await db.FeedbackCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Status == FeedbackCycleStatus.Closed);
        if (cycle is null) return null;
        var current = db.FeedbackCards.Where(c => c.CycleId == id && c.Status != FeedbackCardStatus.Superseded);
        var all = await documents.LoadAsync(current);
        var tree = await trees.GetAsync();
        var units = all.GroupBy(e => e.Card.WorkUnitId)
            .Select(g => (g.Key, tree.NameOf(g.Key), g.Count(e => e.Card.Status == FeedbackCardStatus.Sent)))
            .OrderBy(u => u.Item2, StringComparer.Ordinal).ToList();
        var rows = all
            .Where(e => query.Status is null || e.Card.Status == query.Status)
            .Where(e => query.Unit is null || e.Card.WorkUnitId == query.Unit)
            .Select(e => new CardRow(e.Card.Id, e.Record.Name, e.Record.WorkUnit, e.Card.WorkUnitId, FeedbackDocuments.FiguresText(e.Card),
                e.Card.Grade?.Text(), e.Card.Veto, e.Card.Status, e.Card.Revision, e.Card.Serial, FeedbackDocuments.ReceiptText(e.Card),
                e.Card.SendProblem() is null))
            .ToList();
        return new CyclePage(cycle.Id, cycle.Label, cycle.Year, cycle.StartsOn, cycle.EndsOn, query, rows, units,
            all.Count(e => e.Card.SendProblem() is null));
    }
}
