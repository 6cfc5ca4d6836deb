using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>The document type of the feedback card's serial (<c>2026-反馈卡-000123</c>, numbered per cycle year).</summary>
public static class FeedbackDocumentTypes
{
    public const string Card = "反馈卡";
}

/// <summary>Sends reviewed drafts to the units, one or many: serials are taken in the same transaction as the save.</summary>
public static class FeedbackSender
{
    /// <summary>
    /// Sends <paramref name="cards"/> (tracked by <paramref name="db"/>, drafts with a grade, and a reason with a veto):
    /// every card is checked first, and one that cannot be sent refuses the whole batch before any serial is taken. The
    /// serials are consecutive per cycle year in the order given, taken with <see cref="SerialNumbers"/> in the
    /// transaction that saves the cards (the caller's, or one of its own), so a failed save gives them back.
    /// </summary>
    /// <exception cref="FeedbackException">A card is not a draft, has no grade, or has a veto without reason (the message names the member's card).</exception>
    /// <exception cref="ScopeViolationException">A card is not the caller's to send (from SaveChanges).</exception>
    /// <exception cref="DbUpdateConcurrencyException">A card was changed by someone else meanwhile.</exception>
    public static async Task SendAsync(PortalDbContext db, IReadOnlyList<FeedbackCard> cards, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cards);
        if (cards.Count == 0) return;
        if (cards.Select(c => c.Id).Distinct().Count() != cards.Count) throw new ArgumentException("A card is listed twice.", nameof(cards));
        foreach (var card in cards)
        {
            if (card.SendProblem() is { } problem) throw new FeedbackException(cards.Count == 1 ? problem : $"第{Position(cards, card)}张反馈卡：{problem}");
        }

        var cycleIds = cards.Select(c => c.CycleId).Distinct().ToList();
        var years = await db.FeedbackCycles.AsNoTracking().Where(c => cycleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Year, ct);
        if (years.Count != cycleIds.Count) throw new FeedbackException("反馈周期不存在");

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var now = db.Time.GetUtcNow().UtcDateTime;
            foreach (var group in cards.GroupBy(c => years[c.CycleId]))
            {
                var batch = group.ToList();
                var serials = await SerialNumbers.TakeAsync(db, FeedbackDocumentTypes.Card, group.Key, batch.Count, ct);
                for (var i = 0; i < batch.Count; i++) batch[i].Send(serials[i], by, now);
            }
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static int Position(IReadOnlyList<FeedbackCard> cards, FeedbackCard card)
    {
        for (var i = 0; i < cards.Count; i++)
        {
            if (ReferenceEquals(cards[i], card)) return i + 1;
        }
        return 0;
    }
}
