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
    public const int PageSize = 30;

    public sealed record Item(
        Guid Id, Guid Version, string Serial, string Title, string? Content, ServiceCategory Category, WishStatus Status,
        DateOnly? PublishedOn, DateOnly? ClaimedOn, DateOnly? FulfilledOn, string? FulfilmentNote,
        string? ResidentName, string? ResidentPhone, string? Address);

    public sealed class Model
    {
        public required IReadOnlyList<Item> Menu { get; init; }
        /// <summary>Published wishes of the community (all categories).</summary>
        public required int MenuTotal { get; init; }
        /// <summary>Published wishes of the chosen category (all when none is chosen), paged.</summary>
        public required int Matching { get; init; }
        public int Page { get; init; } = 1;
        public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);
        public ServiceCategory? Category { get; init; }
        public IReadOnlyList<(ServiceCategory Category, int Count)> Categories { get; init; } = [];

        public string Link(int? page = null, ServiceCategory? category = null, bool keepCategory = true)
        {
            var c = keepCategory ? category ?? Category : category;
            var parts = new List<string>();
            if (c is { } chosen) parts.Add($"category={chosen}");
            if ((page ?? 1) > 1) parts.Add($"page={page}");
            return "/wishes/menu" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
        public required IReadOnlyList<Item> Mine { get; init; }
        public required DateOnly Today { get; init; }
        public WishMove? Failed { get; set; }
        public Guid? FailedWish { get; set; }
        public MoveWish.Form Posted { get; set; } = new();
    }

    /// <summary>The menu (newest first, <see cref="PageSize"/> a page, optionally one category); null when the user is not a member living in a community.</summary>
    public async Task<Model?> HandleAsync(int page = 1, ServiceCategory? category = null)
    {
        if (db.Scope is not { Kind: ScopeKind.Member, MemberId: { } me }) return null;
        var community = await db.Members.AsNoTracking().Where(m => m.Id == me && m.MovedOutOn == null).Select(m => m.CommunityId).FirstOrDefaultAsync();
        if (community is not { } home) return null;

        // The scope shows a member the wishes of the community he lives in; the menu is only the published ones.
        var published = db.Wishes.AsNoTracking().Where(w => w.CommunityId == home && w.Status == WishStatus.Published);
        var categories = (await published.GroupBy(w => w.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .OrderBy(c => c.Key).Select(c => (Category: c.Key, c.Count)).ToList();
        var total = categories.Sum(c => c.Count);
        var chosen = category is { } c0 ? published.Where(w => w.Category == c0) : published;
        var matching = category is { } c1 ? categories.FirstOrDefault(c => c.Category == c1).Count : total;
        page = Math.Clamp(page, 1, Math.Max(1, (matching + PageSize - 1) / PageSize));
        var menu = await chosen.OrderByDescending(w => w.PublishedOn).ThenByDescending(w => w.Serial)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var mine = await db.Wishes.AsNoTracking()
            .Where(w => w.CommunityId == home && w.ClaimedByMemberId == me
                        && (w.Status == WishStatus.Claimed || w.Status == WishStatus.Fulfilled || w.Status == WishStatus.Confirmed))
            .OrderBy(w => w.Status).ThenByDescending(w => w.ClaimedOn).Take(MenuLimit).ToListAsync();

        return new Model
        {
            Menu = [.. menu.Select(w => ToItem(w, details: false))],
            MenuTotal = total,
            Matching = matching,
            Page = page,
            Category = category,
            Categories = categories,
            Mine = [.. mine.Select(w => ToItem(w, details: true, db.Scope.CanViewPersonalData))],
            Today = Clock.TodayInChina(time),
        };
    }

    private static Item ToItem(Wish w, bool details, bool pii = false) => new(
        w.Id, w.Version, w.Serial, w.Title, w.Content, w.Category, w.Status, w.PublishedOn, w.ClaimedOn, w.FulfilledOn, w.FulfilmentNote,
        details ? w.ResidentName : null, details ? (pii ? w.ResidentPhone : Masking.Mobile(w.ResidentPhone)) : null, details ? w.Address : null);
}
