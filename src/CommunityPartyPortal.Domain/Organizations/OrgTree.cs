using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Organizations;

/// <summary>An immutable snapshot of both organisation trees: names, parents, children, subtrees.</summary>
public sealed class OrgTree
{
    public sealed record Node(Guid Id, string Name, OrgKind Kind, Guid? ParentId, string Code, int SortOrder, bool IsActive);

    private readonly Dictionary<Guid, Node> nodes;
    private readonly Dictionary<Guid, List<Node>> children;

    public OrgTree(IEnumerable<Node> all)
    {
        nodes = all.ToDictionary(n => n.Id);
        children = nodes.Values
            .Where(n => n.ParentId is not null)
            .GroupBy(n => n.ParentId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.SortOrder).ThenBy(n => n.Code, StringComparer.Ordinal).ToList());
    }

    public static async Task<OrgTree> LoadAsync(PortalDbContext db, CancellationToken ct = default) =>
        new(await db.Organizations.AsNoTracking()
            .Select(o => new Node(o.Id, o.Name, o.Kind, o.ParentId, o.Code, o.SortOrder, o.IsActive))
            .ToListAsync(ct));

    public int Count => nodes.Count;

    public Node? Find(Guid? id) => id is { } key && nodes.TryGetValue(key, out var n) ? n : null;

    public string NameOf(Guid? id) => Find(id)?.Name ?? "";

    public IReadOnlyList<Node> ChildrenOf(Guid id) => children.TryGetValue(id, out var list) ? list : [];

    public Node? County => nodes.Values.FirstOrDefault(n => n.Kind == OrgKind.County);

    public IEnumerable<Node> OfKind(OrgKind kind) =>
        nodes.Values.Where(n => n.Kind == kind).OrderBy(n => n.Code, StringComparer.Ordinal);

    /// <summary>The node and everything below it, depth first.</summary>
    public IEnumerable<Node> Subtree(Guid id)
    {
        if (Find(id) is not { } root) yield break;
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            var kids = ChildrenOf(n.Id);
            for (var i = kids.Count - 1; i >= 0; i--) stack.Push(kids[i]);
        }
    }

    /// <summary>The ancestor of the given kind (or the node itself), e.g. the street of a community.</summary>
    public Node? AncestorOfKind(Guid? id, OrgKind kind)
    {
        var n = Find(id);
        while (n is not null && n.Kind != kind) n = Find(n.ParentId);
        return n;
    }

    /// <summary>"凤城街道 / 东关社区": the path from below the county down to the node.</summary>
    public string PathName(Guid? id)
    {
        var parts = new List<string>();
        for (var n = Find(id); n is not null && n.Kind != OrgKind.County; n = Find(n.ParentId)) parts.Add(n.Name);
        parts.Reverse();
        return string.Join(" / ", parts);
    }

    /// <summary>Work units as an indented list (department, then its units), for pickers.</summary>
    public IEnumerable<(Node Node, int Depth)> WorkUnitsIndented()
    {
        if (County is not { } county) yield break;
        foreach (var top in ChildrenOf(county.Id).Where(n => n.Kind == OrgKind.WorkUnit))
        {
            foreach (var n in Subtree(top.Id))
            {
                var depth = 0;
                for (var p = n; p.Id != top.Id; p = Find(p.ParentId)!) depth++;
                yield return (n, depth);
            }
        }
    }
}
