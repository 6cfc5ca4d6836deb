using System.Globalization;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>
/// 微心愿 of the secretary's community: tabs by status with their counts, filters by category and source, a
/// search over serial, title, resident and address, newest first, 20 a page.
/// </summary>
public sealed class ListWishes(PortalDbContext db) : IUseCase
{
    public const int PageSize = 20;

    public sealed class Query
    {
        public WishStatus? Status { get; set; }
        public ServiceCategory? Category { get; set; }
        public WishSource? Source { get; set; }
        public string? Q { get; set; }
        public int Page { get; set; } = 1;
    }

    public sealed record Row(
        Guid Id, string Serial, string Title, string ResidentName, string Phone, WishSource Source, ServiceCategory Category,
        WishStatus Status, DateOnly SubmittedOn, string? ClaimedBy);

    public sealed class Model
    {
        public required Query Query { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required IReadOnlyDictionary<WishStatus, int> Counts { get; init; }
        public required int All { get; init; }
        public required int Total { get; init; }
        public required int PageCount { get; init; }

        public string Link(WishStatus? status = null, int? page = null, bool keepStatus = true)
        {
            var q = Query;
            var s = keepStatus ? status ?? q.Status : status;
            var args = new Dictionary<string, string?>
            {
                ["status"] = s?.ToString(),
                ["category"] = q.Category?.ToString(),
                ["source"] = q.Source?.ToString(),
                ["q"] = string.IsNullOrWhiteSpace(q.Q) ? null : q.Q.Trim(),
                ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
            };
            return QueryHelpers.AddQueryString("/wishes", args.Where(a => a.Value is not null));
        }
    }

    /// <summary>The list; null when the user is not a community secretary.</summary>
    public async Task<Model?> HandleAsync(Query query)
    {
        if (db.Scope is not { Kind: ScopeKind.Community, OrganizationId: not null }) return null;
        if (query.Status is { } st && !Enum.IsDefined(st)) query.Status = null;
        if (query.Category is { } c && !Enum.IsDefined(c)) query.Category = null;
        if (query.Source is { } so && !Enum.IsDefined(so)) query.Source = null;

        // The context limits every query to the secretary's community.
        IQueryable<Wish> wishes = db.Wishes.AsNoTracking();
        if (query.Category is { } category) wishes = wishes.Where(w => w.Category == category);
        if (query.Source is { } source) wishes = wishes.Where(w => w.Source == source);
        if (WishWorkflow.Clean(query.Q) is { } text)
        {
            var like = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            wishes = wishes.Where(w => EF.Functions.Like(w.Serial, like, "\\") || EF.Functions.Like(w.Title, like, "\\")
                                       || EF.Functions.Like(w.ResidentName, like, "\\") || EF.Functions.Like(w.Address!, like, "\\"));
        }
        var counts = (await wishes.GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .ToDictionary(x => x.Key, x => x.Count);
        if (query.Status is { } status) wishes = wishes.Where(w => w.Status == status);

        var total = query.Status is { } s2 ? counts.GetValueOrDefault(s2) : counts.Values.Sum();
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        query.Page = Math.Clamp(query.Page, 1, pageCount);
        var page = await wishes
            .OrderByDescending(w => w.SubmittedOn).ThenByDescending(w => w.Serial)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(w => new { w.Id, w.Serial, w.Title, w.ResidentName, w.ResidentPhone, w.Source, w.Category, w.Status, w.SubmittedOn, w.ClaimedByMemberId })
            .ToListAsync();
        var claimants = page.Where(w => w.ClaimedByMemberId is not null).Select(w => w.ClaimedByMemberId!.Value).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => claimants.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var pii = db.Scope.CanViewPersonalData;

        return new Model
        {
            Query = query,
            Rows = [.. page.Select(w => new Row(w.Id, w.Serial, w.Title, w.ResidentName, pii ? w.ResidentPhone ?? "" : Masking.Mobile(w.ResidentPhone),
                w.Source, w.Category, w.Status, w.SubmittedOn,
                w.ClaimedByMemberId is { } m ? names.GetValueOrDefault(m, "（已迁出）") : null))],
            Counts = counts,
            All = counts.Values.Sum(),
            Total = total,
            PageCount = pageCount,
        };
    }
}
