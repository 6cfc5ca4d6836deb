using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Requirements;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The community secretary's dashboard: its members behind the annual requirement (<see cref="BehindList"/>: the count
/// and the first <see cref="ListSize"/>), its paired households not visited this month (as the 联系对象 list's
/// 「本月未走访」 filter counts them) and this month's check-ins by activity; cached per <see cref="DashboardCache"/>.
/// </summary>
public sealed class CommunityDashboard(PortalDbContext db, OrgTreeCache trees, DashboardCache cache, TimeProvider time) : IUseCase
{
    public const int ListSize = 10;
    public const string Part = "community";

    public sealed record BehindMember(Guid MemberId, string Name, string Place, int BehindCount, string Rules);

    public sealed record UnvisitedHousehold(Guid Id, string Serial, string HeadName, string Kind, DateOnly? LastVisit);

    public sealed record ActivityCheckIns(Guid Id, string Title, DateOnly Date, int CheckIns);

    public sealed record Model(
        int Year,
        DateOnly Today,
        bool BeforeMidYear,
        bool NoRules,
        int BehindCount,
        IReadOnlyList<BehindMember> Behind,
        int PairedHouseholds,
        int UnvisitedCount,
        IReadOnlyList<UnvisitedHousehold> Unvisited,
        int CheckIns,
        int CheckInMembers,
        IReadOnlyList<ActivityCheckIns> ByActivity)
    {
        public string MonthText => $"{Today.Year}-{Today.Month:00}";
    }

    public async Task<DashboardCache.Entry<Model>?> HandleAsync()
    {
        var scope = db.Scope;
        if (scope.OrganizationId is not { } community) return null;
        // The delegate captures only singletons: it runs on a context of its own, possibly after the request.
        var (treeCache, clock) = (trees, time);
        return await cache.GetAsync(Part, scope, (fresh, today) => ComputeAsync(fresh, new BehindList(fresh, treeCache, clock), community, today));
    }

    private static async Task<Model> ComputeAsync(PortalDbContext db, BehindList behindList, Guid community, DateOnly today)
    {
        var behind = await behindList.HandleAsync(new BehindList.Query { Year = today.Year, AsOf = today });
        var monthStart = new DateOnly(today.Year, today.Month, 1);

        var paired = db.Households.AsNoTracking().Where(h => h.CommunityId == community && !h.IsArchived
            && db.HouseholdPairings.Any(p => p.HouseholdId == h.Id && p.PairedOn <= today && (p.EndedOn == null || p.EndedOn >= today)));
        var unvisited = paired.Where(h => !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.VisitedOn >= monthStart && v.VisitedOn <= today));
        var pairedCount = await paired.CountAsync();
        var unvisitedCount = await unvisited.CountAsync();
        var firstUnvisited = (await unvisited
                .Select(h => new { h.Id, h.Serial, h.HeadName, h.Kind, LastVisit = db.HouseholdVisits.Where(v => v.HouseholdId == h.Id).Max(v => (DateOnly?)v.VisitedOn) })
                .OrderBy(h => h.LastVisit != null).ThenBy(h => h.LastVisit).ThenBy(h => h.Serial).Take(ListSize).ToListAsync())
            .Select(h => new UnvisitedHousehold(h.Id, h.Serial, h.HeadName, h.Kind.Text(), h.LastVisit)).ToList();

        var checkIns = db.ServiceRecords.AsNoTracking().Where(r => r.CommunityId == community && r.ActivityId != null
            && r.ServedOn >= monthStart && r.ServedOn <= today && (r.Status == RecordStatus.Pending || r.Status == RecordStatus.Confirmed));
        var byActivity = await checkIns.GroupBy(r => r.ActivityId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync();
        var ids = byActivity.Select(a => a.Id).ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.StartsAt }).ToDictionaryAsync(a => a.Id);
        var members = await checkIns.Select(r => r.MemberId).Distinct().CountAsync();

        return new Model(behind.Year, today, behind.BeforeMidYear, behind.NoRules, behind.Paging.Total,
            [.. behind.Rows.Take(ListSize).Select(r => new BehindMember(r.MemberId, r.Name, r.Place, r.BehindCount, string.Join("、", r.BehindRules)))],
            pairedCount, unvisitedCount, firstUnvisited, byActivity.Sum(a => a.Count), members,
            [.. byActivity.Where(a => activities.ContainsKey(a.Id))
                .Select(a => new ActivityCheckIns(a.Id, activities[a.Id].Title, DateOnly.FromDateTime(Clock.ToChina(activities[a.Id].StartsAt)), a.Count))
                .OrderBy(a => a.Date).ThenBy(a => a.Title, StringComparer.Ordinal)]);
    }
}
