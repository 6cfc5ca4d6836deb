using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// What the signed-in role sees first: its organisation and the members in its scope by category (cached per
/// <see cref="DashboardCache"/>, with the role's dashboard added by <see cref="HomeController"/>).
/// </summary>
public sealed class HomeSummary(PortalDbContext db, OrgTreeCache trees, DashboardCache cache) : IUseCase
{
    public const string Part = "overview";

    public sealed record Model(
        PortalRole Role,
        string OrganizationName,
        IReadOnlyDictionary<MemberCategory, int> ByCategory,
        int Active,
        int MovedOut,
        int Probationary,
        IReadOnlyList<(string Name, int Count)> Breakdown,
        string BreakdownTitle,
        Guid? MemberId)
    {
        /// <summary>The unit's sent feedback cards not opened yet (0 for the other roles), counted live.</summary>
        public int FeedbackUnread { get; init; }

        /// <summary>
        /// Open scoring sessions (考评, community rubrics) in which the street or county admin is a scorer (0 for the other
        /// roles), counted live: it changes as sessions open and lock.
        /// </summary>
        public int ScoringOpen { get; init; }

        /// <summary>The cached entry of this overview (null for a member).</summary>
        public IDashboardEntry? Overview { get; init; }

        /// <summary>When the cached figures shown were computed (the oldest of them, China time, HH:mm); empty for a member.</summary>
        public string ComputedAt => Shown.Count == 0 ? "" : DashboardCache.TimeText(Shown.Min(e => e.ComputedAt));

        /// <summary>Some figures shown are past <see cref="DashboardCache.Lifetime"/> and being refreshed (「正在更新」).</summary>
        public bool Updating => Shown.Any(e => e.IsStale);

        private List<IDashboardEntry> Shown => new IDashboardEntry?[] { Overview, Area, Community, Unit }.OfType<IDashboardEntry>().ToList();

        /// <summary>The county's or the street's dashboard.</summary>
        public DashboardCache.Entry<AreaFigures>? Area { get; init; }

        /// <summary>The community secretary's dashboard.</summary>
        public DashboardCache.Entry<CommunityDashboard.Model>? Community { get; init; }

        /// <summary>The unit admin's dashboard.</summary>
        public DashboardCache.Entry<UnitDashboard.Model>? Unit { get; init; }
    }

    public async Task<Model> HandleAsync()
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync();
        var role = scope.Role ?? PortalRole.Member;
        if (role == PortalRole.Member)
        {
            return new Model(role, tree.NameOf(scope.OrganizationId), new Dictionary<MemberCategory, int>(), 0, 0, 0, [], "", scope.MemberId);
        }
        var overview = await cache.GetAsync(Part, scope, (fresh, _) => OverviewAsync(fresh, role, tree));
        return overview.Value with
        {
            Overview = overview,
            MemberId = scope.MemberId,
            FeedbackUnread = role == PortalRole.UnitAdmin ? await FeedbackQueries.UnreadCountAsync(db) : 0,
            ScoringOpen = role is PortalRole.StreetAdmin or PortalRole.CountyAdmin && scope.UserId is { } user
                ? await db.ScoringSessions.CountAsync(s => s.Status == ScoringSessionStatus.Open && s.Rubric!.Target == RubricTarget.Community
                                                           && s.Scorers.Any(x => x.UserId == user))
                : 0,
        };
    }

    private static async Task<Model> OverviewAsync(PortalDbContext db, PortalRole role, OrgTree tree)
    {
        var scope = db.Scope;
        // Every query below is limited to the user's scope by the DbContext itself.
        var counts = await db.Members.AsNoTracking()
            .GroupBy(m => new { m.Category, Out = m.MovedOutOn != null, m.Status })
            .Select(g => new { g.Key.Category, g.Key.Out, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var active = counts.Where(c => !c.Out).ToList();

        List<(string, int)> breakdown;
        string breakdownTitle;
        switch (role)
        {
            case PortalRole.CountyAdmin:
                breakdownTitle = "各街道/镇党员数";
                breakdown = (await db.Members.AsNoTracking().Where(m => m.MovedOutOn == null && m.StreetId != null)
                        .GroupBy(m => m.StreetId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                    .Select(x => (tree.NameOf(x.Key), x.Count)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
                break;
            case PortalRole.StreetAdmin:
                breakdownTitle = "各社区党员数";
                breakdown = (await db.Members.AsNoTracking().Where(m => m.MovedOutOn == null && m.CommunityId != null)
                        .GroupBy(m => m.CommunityId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                    .Select(x => (tree.NameOf(x.Key), x.Count)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
                break;
            case PortalRole.CommunitySecretary:
                breakdownTitle = "各网格党员数";
                breakdown = (await db.Members.AsNoTracking().Where(m => m.MovedOutOn == null)
                        .GroupBy(m => m.GridId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                    .Select(x => (x.Key is null ? "未分网格" : tree.NameOf(x.Key), x.Count)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
                break;
            case PortalRole.UnitAdmin:
                breakdownTitle = "各单位党员数";
                breakdown = (await db.Members.AsNoTracking().Where(m => m.MovedOutOn == null)
                        .GroupBy(m => m.WorkUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                    .Select(x => (tree.NameOf(x.Key), x.Count)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
                break;
            default:
                breakdownTitle = "";
                breakdown = [];
                break;
        }

        return new Model(
            role,
            tree.NameOf(scope.OrganizationId),
            active.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            active.Sum(c => c.Count),
            counts.Where(c => c.Out).Sum(c => c.Count),
            active.Where(c => c.Status == MembershipStatus.Probationary).Sum(c => c.Count),
            breakdown,
            breakdownTitle,
            scope.MemberId);
    }
}
