using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>
/// 志愿者活动菜单 for a member: the published wishes of the community he lives in (认领), and the wishes he
/// has claimed (登记实现, 放弃认领) or fulfilled. Residents' contacts are not shown on the menu; the claimant
/// sees them on his own wishes (the phone masked unless he may see personal data).
/// </summary>
public sealed class WishMenu(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int MenuLimit = 100;

    public sealed record Item(
        Guid Id, Guid Version, string Serial, string Title, string? Content, ServiceCategory Category, WishStatus Status,
        DateOnly? PublishedOn, DateOnly? ClaimedOn, DateOnly? FulfilledOn, string? FulfilmentNote,
        string? ResidentName, string? ResidentPhone, string? Address);

    public sealed class Model
    {
        public required IReadOnlyList<Item> Menu { get; init; }
        public required int MenuTotal { get; init; }
        public required IReadOnlyList<Item> Mine { get; init; }
        public required DateOnly Today { get; init; }
        public WishMove? Failed { get; set; }
        public Guid? FailedWish { get; set; }
        public MoveWish.Form Posted { get; set; } = new();
    }

    /// <summary>The menu; null when the user is not a member living in a community.</summary>
    public async Task<Model?> HandleAsync()
    {
        if (db.Scope is not { Kind: ScopeKind.Member, MemberId: { } me }) return null;
        var community = await db.Members.AsNoTracking().Where(m => m.Id == me && m.MovedOutOn == null).Select(m => m.CommunityId).FirstOrDefaultAsync();
        if (community is not { } home) return null;

        // The scope shows a member the wishes of the community he lives in; the menu is only the published ones.
        var published = db.Wishes.AsNoTracking().Where(w => w.CommunityId == home && w.Status == WishStatus.Published);
        var total = await published.CountAsync();
        var menu = await published.OrderByDescending(w => w.PublishedOn).ThenByDescending(w => w.Serial).Take(MenuLimit).ToListAsync();
        var mine = await db.Wishes.AsNoTracking()
            .Where(w => w.CommunityId == home && w.ClaimedByMemberId == me
                        && (w.Status == WishStatus.Claimed || w.Status == WishStatus.Fulfilled || w.Status == WishStatus.Confirmed))
            .OrderBy(w => w.Status).ThenByDescending(w => w.ClaimedOn).Take(MenuLimit).ToListAsync();

        return new Model
        {
            Menu = [.. menu.Select(w => ToItem(w, details: false))],
            MenuTotal = total,
            Mine = [.. mine.Select(w => ToItem(w, details: true, db.Scope.CanViewPersonalData))],
            Today = Clock.TodayInChina(time),
        };
    }

    private static Item ToItem(Wish w, bool details, bool pii = false) => new(
        w.Id, w.Version, w.Serial, w.Title, w.Content, w.Category, w.Status, w.PublishedOn, w.ClaimedOn, w.FulfilledOn, w.FulfilmentNote,
        details ? w.ResidentName : null, details ? (pii ? w.ResidentPhone : Masking.Mobile(w.ResidentPhone)) : null, details ? w.Address : null);
}
