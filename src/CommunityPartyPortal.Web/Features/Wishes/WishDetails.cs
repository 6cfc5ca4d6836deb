using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>One wish for the secretary: what it says, where it stands, its history, and the moves allowed now.</summary>
public sealed class WishDetails(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed record HistoryRow(DateTime AtChina, WishStatus From, WishStatus To, string By, string? Member, string? Note);

    public sealed class Model
    {
        public required Wish Wish { get; init; }
        public required string Phone { get; init; }
        public string? ClaimedBy { get; init; }
        public required IReadOnlyList<HistoryRow> History { get; init; }
        public required IReadOnlyList<WishMove> Moves { get; init; }
        public required DateOnly Today { get; init; }

        /// <summary>The move whose form was posted with problems (its form shows them), and what was posted.</summary>
        public WishMove? Failed { get; set; }
        public MoveWish.Form Posted { get; set; } = new();
    }

    /// <summary>The page; null when the wish is not visible or the user is not a secretary (404).</summary>
    public async Task<Model?> HandleAsync(Guid id)
    {
        if (db.Scope is not { Kind: ScopeKind.Community, OrganizationId: not null }) return null;
        var wish = await db.Wishes.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id);
        if (wish is null) return null;
        var events = await db.WishEvents.AsNoTracking().Where(e => e.WishId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        var memberIds = events.Where(e => e.MemberId is not null).Select(e => e.MemberId!.Value)
            .Append(wish.ClaimedByMemberId ?? Guid.Empty).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        return new Model
        {
            Wish = wish,
            Phone = db.Scope.CanViewPersonalData ? wish.ResidentPhone ?? "" : Masking.Mobile(wish.ResidentPhone),
            ClaimedBy = wish.ClaimedByMemberId is { } c ? names.GetValueOrDefault(c, "（已迁出）") : null,
            History = [.. events.Select(e => new HistoryRow(Clock.ToChina(e.At), e.From, e.To, e.By,
                e.MemberId is { } m ? names.GetValueOrDefault(m) : null, e.Note))],
            Moves = WishWorkflow.Allowed(WishActor.Secretary, wish.Status),
            Today = Clock.TodayInChina(time),
        };
    }
}
