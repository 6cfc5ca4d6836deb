using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 联系对象 list: filters by kind, grid (community for the street and county), 本月未走访 and archived; paged,
/// by kind then serial. The 本月未走访 rule is <see cref="VisitSchedule"/>'s for the current month: a pairing in
/// force today and no visit since the first of the month (China time). Phones are always masked here.
/// </summary>
public sealed class ListHouseholds(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int PageSize = 50;

    public sealed class Query
    {
        public HouseholdKind? Kind { get; set; }
        public Guid? Grid { get; set; }
        public Guid? Community { get; set; }
        /// <summary>Only households paired and not visited this month.</summary>
        public bool Unvisited { get; set; }
        /// <summary>The archived households instead of the current ones.</summary>
        public bool Archived { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(
        Guid Id, string Serial, string Kind, string HeadName, string Phone, string Address, string Grid, string Community,
        IReadOnlyList<string> Paired, DateOnly? LastVisit, bool NotVisitedThisMonth, bool Unpaired, string? ArchiveReason);

    public sealed class Model
    {
        public required Query Query { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required PageInfo Paging { get; init; }
        public int CurrentTotal { get; init; }
        public int UnvisitedTotal { get; init; }
        public int UnpairedTotal { get; init; }
        public required IReadOnlyDictionary<HouseholdKind, int> ByKind { get; init; }
        public required IReadOnlyList<Choice> Grids { get; init; }
        public required IReadOnlyList<Choice> Communities { get; init; }
        public bool CanCreate { get; init; }
        public bool ShowCommunity { get; init; }
        public int Month { get; init; }
    }

    public async Task<Model> HandleAsync(Query q)
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync();
        var today = Clock.TodayInChina(time);
        var (communities, grids, current, unvisited, filtered) = Filter(q, tree, today);

        var total = await filtered.CountAsync();
        var paging = PageInfo.For(q.Page, PageSize, total);
        var page = await filtered.OrderBy(h => h.Kind).ThenBy(h => h.Serial).Skip(paging.Skip).Take(PageSize)
            .Select(h => new
            {
                h.Id, h.Serial, h.Kind, h.HeadName, h.Phone, h.Address, h.GridId, h.CommunityId, h.IsArchived, h.ArchiveReason,
                Paired = db.HouseholdPairings.Where(p => p.HouseholdId == h.Id && p.EndedOn == null).Select(p => p.Member!.Name).ToList(),
                LastVisit = db.HouseholdVisits.Where(v => v.HouseholdId == h.Id).Max(v => (DateOnly?)v.VisitedOn),
            })
            .ToListAsync();
        var pageIds = page.Select(r => r.Id).ToList();
        var unvisitedIds = await unvisited.Where(h => pageIds.Contains(h.Id)).Select(h => h.Id).ToListAsync();
        var byKind = await current.GroupBy(h => h.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        return new Model
        {
            Query = q,
            Rows = [.. page.Select(h => new Row(
                h.Id, h.Serial, h.Kind.Text(), h.HeadName, Masking.Mobile(h.Phone), h.Address, tree.NameOf(h.GridId), tree.NameOf(h.CommunityId),
                [.. h.Paired.Order(StringComparer.Ordinal)], h.LastVisit, unvisitedIds.Contains(h.Id), !h.IsArchived && h.Paired.Count == 0, h.ArchiveReason))],
            Paging = paging,
            CurrentTotal = byKind.Sum(k => k.Count),
            UnvisitedTotal = await unvisited.CountAsync(),
            UnpairedTotal = await current.CountAsync(h => !db.HouseholdPairings.Any(p => p.HouseholdId == h.Id && p.EndedOn == null)),
            ByKind = byKind.ToDictionary(k => k.Key, k => k.Count),
            Grids = [.. grids.Select(g => new Choice(g.Id, g.Name))],
            Communities = [.. communities.Select(n => new Choice(n.Id, n.Name))],
            CanCreate = scope.Kind == ScopeKind.Community,
            ShowCommunity = scope.Kind != ScopeKind.Community,
            Month = today.Month,
        };
    }

    /// <summary>
    /// The ids of every household the filter <paramref name="q"/> shows (all pages), in list order; at most
    /// <paramref name="max"/> + 1, so that the caller can tell a batch that is too large.
    /// </summary>
    public async Task<List<Guid>> IdsAsync(Query q, int max)
    {
        var filtered = Filter(q, await trees.GetAsync(), Clock.TodayInChina(time)).Filtered;
        return await filtered.OrderBy(h => h.Kind).ThenBy(h => h.Serial).Select(h => h.Id).Take(max + 1).ToListAsync();
    }

    private sealed record Sets(
        List<OrgTree.Node> Communities, List<OrgTree.Node> Grids, IQueryable<Household> Current, IQueryable<Household> Unvisited, IQueryable<Household> Filtered);

    /// <summary>The filter's choices (a community or grid outside the user's reach is dropped) and the queries it makes.</summary>
    private Sets Filter(Query q, OrgTree tree, DateOnly today)
    {
        var scope = db.Scope;
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var communities = scope.Kind switch
        {
            ScopeKind.Street => scope.CommunityIds.Select(id => tree.Find(id)).OfType<OrgTree.Node>().ToList(),
            ScopeKind.County or ScopeKind.System => tree.OfKind(OrgKind.Community).ToList(),
            _ => [],
        };
        if (q.Community is { } c && communities.All(n => n.Id != c)) q.Community = null;
        var gridParent = scope.Kind == ScopeKind.Community ? scope.OrganizationId : q.Community;
        var grids = gridParent is { } parent ? tree.ChildrenOf(parent).Where(g => g.Kind == OrgKind.Grid).ToList() : [];
        if (q.Grid is { } gq && grids.All(g => g.Id != gq)) q.Grid = null;

        var all = db.Households.AsNoTracking();
        if (q.Community is { } community) all = all.Where(h => h.CommunityId == community);
        var current = all.Where(h => !h.IsArchived);
        var paired = current.Where(h => db.HouseholdPairings.Any(p => p.HouseholdId == h.Id && p.PairedOn <= today && (p.EndedOn == null || p.EndedOn >= today)));
        var unvisited = paired.Where(h => !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.VisitedOn >= monthStart && v.VisitedOn <= today));

        var filtered = q.Archived ? all.Where(h => h.IsArchived) : q.Unvisited ? unvisited : current;
        if (q.Kind is { } kind) filtered = filtered.Where(h => h.Kind == kind);
        if (q.Grid is { } grid) filtered = filtered.Where(h => h.GridId == grid);
        return new Sets(communities, grids, current, unvisited, filtered);
    }
}
