using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// The member's own sent cards (current and superseded, marked; never drafts: the scope gives the member only sent
/// ones) and the publicities that list him or her.
/// </summary>
public sealed class MyCards(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public sealed record Row(Guid Id, string Serial, string Cycle, string Community, int Revision, bool Superseded, string Grade, bool Veto, DateTime? SentAt);

    public sealed record PublicityRow(Guid Id, string Title, string Kind, string Unit, DateOnly StartsOn, DateOnly EndsOn, string Honour);

    public sealed class Model
    {
        public required IReadOnlyList<Row> Cards { get; init; }
        public required IReadOnlyList<PublicityRow> Publicities { get; init; }
    }

    /// <summary>Null when the viewer is not a member.</summary>
    public async Task<Model?> HandleAsync(CancellationToken ct = default)
    {
        if (db.Scope.Kind != ScopeKind.Member) return null;
        var tree = await trees.GetAsync(ct);
        var cards = await db.FeedbackCards.AsNoTracking().Where(c => c.Status != FeedbackCardStatus.Draft)
            .OrderByDescending(c => c.SentAt).ThenByDescending(c => c.Revision)
            .Select(c => new { c.Id, c.Serial, c.Cycle!.Label, c.CommunityId, c.Revision, c.Status, c.Grade, c.Veto, c.SentAt })
            .ToListAsync(ct);
        var entries = await db.PublicityEntries.AsNoTracking()
            .Join(db.Publicities.AsNoTracking(), e => e.PublicityId, p => p.Id, (e, p) => new { p.Id, p.Title, p.Kind, p.WorkUnitId, p.StartsOn, p.EndsOn, e.Honour })
            .OrderByDescending(p => p.StartsOn)
            .ToListAsync(ct);
        return new Model
        {
            Cards = cards.Select(c => new Row(c.Id, c.Serial ?? "", c.Label, tree.NameOf(c.CommunityId), c.Revision, c.Status == FeedbackCardStatus.Superseded,
                c.Grade?.Text() ?? "", c.Veto, c.SentAt)).ToList(),
            Publicities = entries.Select(p => new PublicityRow(p.Id, p.Title, p.Kind, tree.NameOf(p.WorkUnitId), p.StartsOn, p.EndsOn, p.Honour)).ToList(),
        };
    }
}
