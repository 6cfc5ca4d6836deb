using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// Sends drafts to the units through <see cref="FeedbackSender.SendAsync"/>: one card (from its page), the ticked cards
/// of a cycle, or every reviewed draft of the cycle (发送全部已评议). The cards are loaded through the scoped context (a
/// card of another community answers 404); one card that cannot be sent refuses the whole batch with a message naming
/// its member, and nothing is sent. Serials are taken in pinyin order of the members.
/// </summary>
public sealed class SendCards(PortalDbContext db, FeedbackDocuments documents) : IUseCase
{
    /// <summary>Null: a card is not the user's (404). Else Ok with the flash, or the error.</summary>
    public sealed record Result(bool Ok, string Message);

    public async Task<Result?> OneAsync(Guid id, Guid? version, string by)
    {
        if (db.Scope.Kind != ScopeKind.Community) return null;
        var card = await db.FeedbackCards.FirstOrDefaultAsync(c => c.Id == id);
        if (card is null) return null;
        if (version is { } v) db.Entry(card).Property(x => x.Version).OriginalValue = v;
        var result = await SendAsync([card], one: true, by);
        return result.Ok ? result with { Message = "反馈卡已发送" } : result;
    }

    /// <summary>The ticked cards of the cycle, or (<paramref name="allReviewed"/>) every draft of it that has a grade.</summary>
    public async Task<Result?> ManyAsync(Guid cycleId, IEnumerable<Guid>? cardIds, bool allReviewed, string by)
    {
        if (db.Scope.Kind != ScopeKind.Community) return null;
        if (!await db.FeedbackCycles.AnyAsync(c => c.Id == cycleId && c.Status == FeedbackCycleStatus.Closed)) return null;
        List<FeedbackCard> cards;
        if (allReviewed)
        {
            cards = await db.FeedbackCards.Where(c => c.CycleId == cycleId && c.Status == FeedbackCardStatus.Draft && c.Grade != null).ToListAsync();
            cards = [.. cards.Where(c => c.SendProblem() is null)];
            if (cards.Count == 0) return new Result(false, "没有已评议待发送的反馈卡");
        }
        else
        {
            var ids = ReportingDocuments.Distinct(cardIds);
            if (ids.Count == 0) return new Result(false, "请先勾选要发送的反馈卡");
            cards = await db.FeedbackCards.Where(c => ids.Contains(c.Id) && c.CycleId == cycleId).ToListAsync();
            if (cards.Count != ids.Count) return null;
        }
        var result = await SendAsync(cards, one: false, by);
        return result.Ok ? result with { Message = $"已发送 {cards.Count} 张反馈卡" } : result;
    }

    private async Task<Result> SendAsync(List<FeedbackCard> cards, bool one, string by)
    {
        var ids = cards.Select(x => x.Id).ToList();
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => ids.Contains(c.Id)));
        var order = entries.Select((e, i) => (e.Card.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = entries.ToDictionary(e => e.Card.Id, e => e.Record.Name);
        var ordered = cards.OrderBy(c => order.GetValueOrDefault(c.Id)).ToList();
        foreach (var card in ordered)
        {
            if (card.SendProblem() is { } problem)
            {
                db.ChangeTracker.Clear();
                return new Result(false, one ? problem : $"{names.GetValueOrDefault(card.Id)}的反馈卡不能发送：{problem}，本次未发送任何反馈卡");
            }
        }
        try
        {
            await FeedbackSender.SendAsync(db, ordered, by);
        }
        catch (FeedbackException e)
        {
            db.ChangeTracker.Clear();
            return new Result(false, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Result(false, ReviewCard.Stale);
        }
        return new Result(true, "");
    }
}
