using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// The filters of the summary tables (year, as-of date, subtree) resolved against the user's scope: the county chooses the
/// county, a street or a work unit (a department); a street admin gets its street, a unit admin its unit's subtree, a
/// community secretary its community. A subtree outside the scope is not found (null → 404).
/// </summary>
/// <remarks>
/// A community is not a root of <c>SummaryQueries</c>: a secretary's tables are its street's, taken on the secretary's own
/// (scoped) context — which sees only the community's residents and the reports made to it — with the community view
/// cut down to the community's row (<see cref="Resolved.OnlyCommunity"/>).
/// </remarks>
public sealed class SummaryFilter(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int FirstYear = 2000;

    /// <summary>The query string of the page and the downloads.</summary>
    public sealed class Query
    {
        public int? Year { get; set; }
        /// <summary>yyyy-MM-dd (parsed here, so a bad date gets the same message as a date outside the year).</summary>
        public string? AsOf { get; set; }
        public Guid? Root { get; set; }
    }

    public sealed record Choice(Guid Id, string Name, OrgKind Kind);

    /// <summary>What the tables are taken for.</summary>
    /// <param name="Root">The subtree shown (a community for a secretary).</param>
    /// <param name="QueryRoot">The root given to <c>SummaryQueries</c> (the street of a secretary's community).</param>
    /// <param name="OnlyCommunity">For a secretary: the community the community view is cut down to.</param>
    /// <param name="AsOfError">The date asked for was not within the year (Chinese, shown next to the field); the default was used.</param>
    public sealed record Resolved(int Year, DateOnly AsOf, OrgTree.Node Root, Guid QueryRoot, Guid? OnlyCommunity, string IssuedBy,
        string ScopeName, IReadOnlyList<Choice> Choices, string? AsOfError)
    {
        /// <summary>The query string that gives the same tables.</summary>
        public string QueryString => $"year={Year}&asOf={AsOf:yyyy-MM-dd}&root={Root.Id}";
    }

    public int ThisYear => Clock.TodayInChina(time).Year;

    /// <summary>The default as-of date of a year: today in the current year, 31 December for a past year.</summary>
    public DateOnly DefaultAsOf(int year)
    {
        var today = Clock.TodayInChina(time);
        return year < today.Year ? new DateOnly(year, 12, 31) : today;
    }

    /// <summary>Null when the year is out of range, or the subtree is outside the user's scope (404).</summary>
    public async Task<Resolved?> ResolveAsync(Query query)
    {
        var year = query.Year ?? ThisYear;
        if (year < FirstYear || year > ThisYear) return null;
        var tree = await trees.GetAsync();
        var scope = db.Scope;
        var choices = Choices(tree, scope);
        if (choices.Count == 0) return null;
        var root = query.Root is { } asked ? choices.FirstOrDefault(c => c.Id == asked) : choices[0];
        if (root is null || tree.Find(root.Id) is not { } node) return null;

        string? error = null;
        var asOf = DefaultAsOf(year);
        if (!string.IsNullOrWhiteSpace(query.AsOf))
        {
            if (DateOnly.TryParseExact(query.AsOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year == year)
            {
                asOf = date;
            }
            else
            {
                error = $"统计截至日期须在{year}年内（{year}-01-01 至 {year}-12-31），已按{asOf:yyyy-MM-dd}统计";
            }
        }

        var queryRoot = node.Id;
        Guid? onlyCommunity = null;
        if (node.Kind == OrgKind.Community)
        {
            if (tree.AncestorOfKind(node.Id, OrgKind.Street) is not { } street) return null;
            queryRoot = street.Id;
            onlyCommunity = node.Id;
        }
        return new Resolved(year, asOf, node, queryRoot, onlyCommunity, IssuedBy(tree, scope), node.Kind == OrgKind.County ? "全县" : node.Name,
            choices, error);
    }

    /// <summary>The subtrees the user may choose, the default first.</summary>
    private static List<Choice> Choices(OrgTree tree, AccessScope scope)
    {
        static Choice Of(OrgTree.Node n) => new(n.Id, n.Name, n.Kind);
        switch (scope.Kind)
        {
            case ScopeKind.County:
                if (tree.County is not { } county) return [];
                var below = tree.ChildrenOf(county.Id);
                return [Of(county), .. below.Where(n => n.Kind == OrgKind.Street).Select(Of), .. below.Where(n => n.Kind == OrgKind.WorkUnit).Select(Of)];
            case ScopeKind.Street or ScopeKind.Community when tree.Find(scope.OrganizationId) is { } own:
                return [Of(own)];
            case ScopeKind.Unit when tree.Find(scope.OrganizationId) is { } unit:
                return [.. tree.Subtree(unit.Id).Where(n => n.Kind == OrgKind.WorkUnit && scope.UnitIds.Contains(n.Id)).Select(Of)];
            default:
                return [];
        }
    }

    /// <summary>填报单位: the user's organisation (中共XX县委组织部 for the county).</summary>
    private static string IssuedBy(OrgTree tree, AccessScope scope) =>
        scope.Kind == ScopeKind.County
            ? tree.County is { } county ? $"中共{county.Name}委组织部" : "县委组织部"
            : tree.NameOf(scope.OrganizationId);
}
