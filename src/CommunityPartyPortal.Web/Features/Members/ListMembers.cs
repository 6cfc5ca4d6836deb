using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// The member list and the three rosters (在职/自管/流动党员名册): filters, one search box, sorting and
/// paging. Two queries per page (count + one page of projected rows), limited to the user's scope by
/// the context; personal data is always masked here.
/// </summary>
public sealed class ListMembers(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public static readonly int[] PageSizes = [20, 50, 100];
    public static readonly string[] SortKeys = ["name", "category", "community", "unit", "joined"];

    /// <summary>The query string: category, community, grid, unit, status, q, sort, dir, page, size.</summary>
    public sealed class Query
    {
        public MemberCategory? Category { get; set; }
        public Guid? Community { get; set; }
        public Guid? Grid { get; set; }
        public Guid? Unit { get; set; }
        /// <summary>active (在册, default), out (已迁出) or all (全部).</summary>
        public string? Status { get; set; }
        public string? Q { get; set; }
        public string? Sort { get; set; }
        public string? Dir { get; set; }
        public int Page { get; set; } = 1;
        public int Size { get; set; } = 20;

        public Query Normalized() => new()
        {
            Category = Category is { } c && Enum.IsDefined(c) ? c : null,
            Community = Community,
            Grid = Grid,
            Unit = Unit,
            Status = Status is "out" or "all" ? Status : "active",
            Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim() is { Length: > 50 } longText ? longText[..50] : Q.Trim(),
            Sort = SortKeys.Contains(Sort) ? Sort : "name",
            Dir = Dir == "desc" ? "desc" : "asc",
            Page = Math.Max(1, Page),
            Size = PageSizes.Contains(Size) ? Size : PageSizes[0],
        };
    }

    public sealed record Row(
        Guid Id, string Name, string Gender, string Category, string Status, string NationalId, string Mobile,
        string Residence, string WorkUnit, DateOnly JoinedPartyOn, DateOnly? MovedOutOn);

    public sealed record Option(Guid Id, string Text);

    public sealed class Model
    {
        public required Query Query { get; init; }
        public required string Title { get; init; }
        public required int Total { get; init; }
        public required int PageCount { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required IReadOnlyList<Option> Communities { get; init; }
        public required IReadOnlyList<Option> Grids { get; init; }
        public required IReadOnlyList<Option> Units { get; init; }
        public required bool CanCreate { get; init; }
        /// <summary>「不宜评先评优（…年社区一票否决）」 of the page's vetoed members (<see cref="FeedbackInbox.VetoBadges"/>).</summary>
        public IReadOnlyDictionary<Guid, string> VetoBadges { get; init; } = new Dictionary<Guid, string>();

        /// <summary>The list URL with the current filters and the given changes.</summary>
        public string Link(int? page = null, string? sort = null, string? dir = null, int? size = null)
        {
            var q = Query;
            var parts = new List<(string, string?)>
            {
                ("category", q.Category?.ToString()),
                ("community", q.Community?.ToString()),
                ("grid", q.Grid?.ToString()),
                ("unit", q.Unit?.ToString()),
                ("status", q.Status == "active" ? null : q.Status),
                ("q", q.Q),
                ("sort", (sort ?? q.Sort) == "name" ? null : sort ?? q.Sort),
                ("dir", (dir ?? q.Dir) == "asc" ? null : dir ?? q.Dir),
                ("page", (page ?? q.Page) == 1 ? null : (page ?? q.Page).ToString(CultureInfo.InvariantCulture)),
                ("size", (size ?? q.Size) == PageSizes[0] ? null : (size ?? q.Size).ToString(CultureInfo.InvariantCulture)),
            };
            var text = new StringBuilder("/members");
            var first = true;
            foreach (var (key, value) in parts.Where(p => !string.IsNullOrEmpty(p.Item2)))
            {
                text.Append(first ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value!));
                first = false;
            }
            return text.ToString();
        }

        /// <summary>The header link of a sortable column: ascending first, toggled when already sorted by it.</summary>
        public string SortLink(string key) =>
            Link(page: 1, sort: key, dir: Query.Sort == key && Query.Dir == "asc" ? "desc" : "asc");

        public string SortMark(string key) => Query.Sort != key ? "" : Query.Dir == "asc" ? "▲" : "▼";
    }

    public async Task<Model> HandleAsync(Query raw)
    {
        var query = raw.Normalized();
        var tree = await trees.GetAsync();
        var scope = db.Scope;

        var members = Filter(db.Members.AsNoTracking(), query, tree);
        var total = await members.CountAsync();
        var pageCount = Math.Max(1, (total + query.Size - 1) / query.Size);
        if (query.Page > pageCount) query.Page = pageCount;

        // Phase 1: the ids of the page only (the sort then carries small rows). Past the middle of the list
        // the page is read backwards from the end, so that the offset never exceeds half the list.
        var skip = (query.Page - 1) * query.Size;
        var take = Math.Max(0, Math.Min(query.Size, total - skip));
        var reverse = skip > total / 2;
        var ids = take == 0 ? [] : await Order(members, query, reverse, smallResult: total <= SmallResult)
            .Skip(reverse ? total - skip - take : skip)
            .Take(take)
            .Select(m => m.Id)
            .ToListAsync();
        if (reverse) ids.Reverse();

        // Phase 2: the columns of those rows (never the photo), put back in the page's order.
        var found = ids.Count == 0 ? [] : await db.Members.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.Name, m.Gender, m.Category, m.Status, m.NationalId, m.Mobile,
                m.CommunityId, m.GridId, m.WorkUnitId, m.JoinedPartyOn, m.MovedOutOn,
            })
            .ToDictionaryAsync(m => m.Id);
        var page = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();

        var rows = page.Select(m => new Row(
            m.Id, m.Name, Text(m.Gender), Text(m.Category), Text(m.Status),
            Masking.NationalId(m.NationalId), Masking.Mobile(m.Mobile),
            m.GridId is null ? tree.NameOf(m.CommunityId) : $"{tree.NameOf(m.CommunityId)} / {tree.NameOf(m.GridId)}",
            tree.NameOf(m.WorkUnitId), m.JoinedPartyOn, m.MovedOutOn)).ToList();

        var vetoBadges = await FeedbackInbox.VetoBadges.ForAsync(db, time, ids);
        return new Model
        {
            Query = query,
            Title = query.Category is { } c ? c.Text() + "名册" : "党员名册",
            Total = total,
            PageCount = pageCount,
            Rows = rows,
            Communities = CommunityOptions(tree, scope),
            Grids = GridOptions(tree, scope, query),
            Units = UnitOptions(tree, scope),
            CanCreate = MemberFormRules.IsEditor(scope.Role),
            VetoBadges = vetoBadges,
        };
    }

    /// <summary>
    /// The list's filters (category, status, community, grid, unit with its subtree, the search box) on a member
    /// query; <paramref name="query"/> must be <see cref="Query.Normalized"/>. Shared with the roster export
    /// (Features/Roster), so that the file holds exactly the members the list shows.
    /// </summary>
    internal static IQueryable<Member> Filter(IQueryable<Member> members, Query query, OrgTree tree)
    {
        if (query.Category is { } category) members = members.Where(m => m.Category == category);
        members = query.Status switch
        {
            "out" => members.Where(m => m.MovedOutOn != null),
            "all" => members,
            _ => members.Where(m => m.MovedOutOn == null),
        };
        if (query.Community is { } community) members = members.Where(m => m.CommunityId == community);
        if (query.Grid is { } grid) members = members.Where(m => m.GridId == grid);
        if (query.Unit is { } unit)
        {
            // A unit stands for itself and the units below it.
            var units = tree.Subtree(unit).Where(n => n.Kind == OrgKind.WorkUnit).Select(n => n.Id).ToList();
            members = units.Count <= 1
                ? members.Where(m => m.WorkUnitId == unit)
                : members.Where(m => m.WorkUnitId != null && units.Contains(m.WorkUnitId.Value));
        }
        if (query.Q is { } text)
        {
            if (text.Length is >= 4 and <= 11 && text.All(char.IsAsciiDigit))
            {
                // The tail of a phone number or of an ID number.
                members = members.Where(m => m.Mobile.EndsWith(text) || m.NationalId.EndsWith(text));
            }
            else if (text.Length >= 4 && text.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x'))
            {
                var tail = text.ToUpperInvariant();
                members = members.Where(m => m.NationalId.EndsWith(tail));
            }
            else
            {
                members = members.Where(m => m.Name.Contains(text));
            }
        }
        return members;
    }

    /// <summary>Up to this many matches a name-ordered page is sorted after filtering rather than read along the name index.</summary>
    private const int SmallResult = 10_000;

    /// <summary>
    /// The chosen order, then the name, then the id so that the order is total and pages never overlap.
    /// <paramref name="reverse"/> gives exactly the opposite order (every key flipped). With a small result
    /// (a search, a small roster) the name is sorted as an expression: reading 60k rows along the name index
    /// to find a few matches is slower than filtering first and sorting the matches.
    /// </summary>
    internal static IOrderedQueryable<Member> Order(IQueryable<Member> members, Query query, bool reverse, bool smallResult)
    {
        var desc = (query.Dir == "desc") != reverse;
        if (query.Sort is not ("category" or "community" or "unit" or "joined"))
        {
            var byName = smallResult ? By(members, m => m.Name + "", desc) : By(members, m => m.Name, desc);
            return Then(byName, m => m.Id, desc);
        }
        var ordered = query.Sort switch
        {
            "category" => By(members, m => m.Category, desc),
            "community" => By(members, m => m.Community!.Code, desc),
            "unit" => By(members, m => m.WorkUnit!.Code, desc),
            _ => By(members, m => m.JoinedPartyOn, desc),
        };
        return Then(Then(ordered, m => m.Name, reverse), m => m.Id, reverse);
    }

    private static IOrderedQueryable<Member> By<TKey>(IQueryable<Member> q, Expression<Func<Member, TKey>> key, bool desc) =>
        desc ? q.OrderByDescending(key) : q.OrderBy(key);

    private static IOrderedQueryable<Member> Then<TKey>(IOrderedQueryable<Member> q, Expression<Func<Member, TKey>> key, bool desc) =>
        desc ? q.ThenByDescending(key) : q.ThenBy(key);

    private static List<Option> CommunityOptions(OrgTree tree, AccessScope scope) => scope.Kind switch
    {
        ScopeKind.County or ScopeKind.System => [.. tree.OfKind(OrgKind.Community).Select(c => new Option(c.Id, tree.PathName(c.Id)))],
        ScopeKind.Street when scope.OrganizationId is { } street =>
            [.. tree.ChildrenOf(street).Where(c => c.Kind == OrgKind.Community).Select(c => new Option(c.Id, c.Name))],
        _ => [],
    };

    /// <summary>Grids of the secretary's community, or of the community chosen in the filter.</summary>
    private static List<Option> GridOptions(OrgTree tree, AccessScope scope, Query query)
    {
        var community = scope.Kind == ScopeKind.Community ? scope.OrganizationId
            : scope.Kind is ScopeKind.County or ScopeKind.Street or ScopeKind.System ? query.Community
            : null;
        return community is { } id
            ? [.. tree.ChildrenOf(id).Where(g => g.Kind == OrgKind.Grid).Select(g => new Option(g.Id, g.Name))]
            : [];
    }

    private static List<Option> UnitOptions(OrgTree tree, AccessScope scope)
    {
        var units = scope.Kind == ScopeKind.Unit && scope.OrganizationId is { } root
            ? MemberFormRules.UnitsIndented(tree, root)
            : tree.WorkUnitsIndented();
        return [.. units.Select(u => new Option(u.Node.Id, new string('\u3000', u.Depth) + u.Node.Name))];
    }

    private static string Text(Enum value) => value.Text();
}
