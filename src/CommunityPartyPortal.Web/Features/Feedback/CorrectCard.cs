using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// Corrects a sent card (<see cref="FeedbackCard.Correct"/>): the card becomes 已更正 and stays visible, a new draft
/// revision takes its place, to review and send again. A card of another community answers 404.
/// </summary>
public sealed class CorrectCard(PortalDbContext db) : IUseCase
{
    /// <summary>Null: not the user's card (404). Else the new draft's id, or the error.</summary>
    public sealed record Result(Guid? NewId, string? Error);

    public async Task<Result?> HandleAsync(Guid id, Guid? version)
    {
        if (db.Scope.Kind != ScopeKind.Community) return null;
        var card = await db.FeedbackCards.FirstOrDefaultAsync(c => c.Id == id);
        if (card is null) return null;
        if (version is { } v) db.Entry(card).Property(x => x.Version).OriginalValue = v;
        try
        {
            var correction = card.Correct();
            db.FeedbackCards.Add(correction);
            await db.SaveChangesAsync();
            return new Result(correction.Id, null);
        }
        catch (FeedbackException e)
        {
            db.ChangeTracker.Clear();
            return new Result(null, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Result(null, ReviewCard.Stale);
        }
    }
}
