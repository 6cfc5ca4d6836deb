using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>
/// The subtree a summary is taken for, and the rows each table lists.
/// <list type="bullet">
/// <item><b>County</b>: every department with its units, every street with its communities (rows with nothing to show
/// too, so the county sees who has no members).</item>
/// <item><b>Street</b>: its communities (all of them); the unit view counts only the members living in the street and
/// lists only the units with something to show for them. A verification is a figure of the whole unit,
/// so in this view the units' denominators are the portal's counts of those members.</item>
/// <item><b>Work unit</b> (a department, or a unit under one): its subtree's units (all of them) in its department's group;
/// the community view counts only those units' members and lists only the communities with something to show.</item>
/// </list>
/// </summary>
internal sealed class SummaryRoot
{
    internal sealed record RowLayout(OrgTree.Node Node, SummaryRowKind Kind);

    internal sealed record GroupLayout(OrgTree.Node Node, IReadOnlyList<RowLayout> Rows, bool KeepEmptyRows);

    private SummaryRoot(OrgTree tree, OrgTree.Node node, HashSet<Guid>? units)
    {
        Tree = tree;
        Node = node;
        Units = units;
    }

    public OrgTree Tree { get; }

    public OrgTree.Node Node { get; }

    /// <summary>For a work-unit root: the units of its subtree; null otherwise.</summary>
    public HashSet<Guid>? Units { get; }

    public Guid? StreetId => Node.Kind == OrgKind.Street ? Node.Id : null;

    /// <exception cref="ArgumentException">The root is not the county, a street or a work unit.</exception>
    public static SummaryRoot Of(OrgTree tree, Guid rootId)
    {
        var node = tree.Find(rootId) ?? throw new ArgumentException($"Organisation {rootId} does not exist.", nameof(rootId));
        return node.Kind switch
        {
            OrgKind.County or OrgKind.Street => new SummaryRoot(tree, node, null),
            OrgKind.WorkUnit => new SummaryRoot(tree, node, [.. tree.Subtree(node.Id).Where(n => n.Kind == OrgKind.WorkUnit).Select(n => n.Id)]),
            _ => throw new ArgumentException($"A summary is taken for the county, a street or a work unit, not a {node.Kind}.", nameof(rootId)),
        };
    }

    /// <summary>The member is counted under this root (street: lives in it; work unit: belongs to its subtree).</summary>
    public bool Includes(Guid? workUnitId, Guid? streetId) => Node.Kind switch
    {
        OrgKind.Street => streetId == Node.Id,
        OrgKind.WorkUnit => workUnitId is { } unit && Units!.Contains(unit),
        _ => true,
    };

    /// <summary>Departments (work units under the county) with their rows: the department itself (本级) and every unit below it.</summary>
    public IReadOnlyList<GroupLayout> UnitGroups()
    {
        if (Tree.County is not { } county) return [];
        var groups = new List<GroupLayout>();
        foreach (var department in Tree.ChildrenOf(county.Id).Where(n => n.Kind == OrgKind.WorkUnit))
        {
            var rows = Tree.Subtree(department.Id)
                .Where(n => n.Kind == OrgKind.WorkUnit && (Units is null || Units.Contains(n.Id)))
                .Select(n => new RowLayout(n, n.Id == department.Id ? SummaryRowKind.DepartmentOwn : SummaryRowKind.Unit))
                .ToList();
            if (rows.Count > 0) groups.Add(new GroupLayout(department, rows, KeepEmptyRows: Node.Kind != OrgKind.Street));
        }
        return groups;
    }

    /// <summary>Streets with their communities.</summary>
    public IReadOnlyList<GroupLayout> CommunityGroups()
    {
        if (Tree.County is not { } county) return [];
        return Tree.ChildrenOf(county.Id)
            .Where(n => n.Kind == OrgKind.Street && (Node.Kind != OrgKind.Street || n.Id == Node.Id))
            .Select(street => new GroupLayout(street,
                [.. Tree.ChildrenOf(street.Id).Where(n => n.Kind == OrgKind.Community).Select(n => new RowLayout(n, SummaryRowKind.Community))],
                KeepEmptyRows: Node.Kind != OrgKind.WorkUnit))
            .ToList();
    }

    /// <summary>
    /// The table of the groups: each row's figures (<paramref name="empty"/> when none), rows with nothing to show left out
    /// where the group does not keep them (and inactive organisations with nothing to show always), groups without rows
    /// left out; subtotals and the total are sums.
    /// </summary>
    public static SummaryTable<T> Build<T>(IReadOnlyList<GroupLayout> layout, IReadOnlyDictionary<Guid, T> figures, T empty)
        where T : ISummaryFigures<T>
    {
        var groups = new List<SummaryGroup<T>>();
        var total = empty;
        foreach (var group in layout)
        {
            var rows = new List<SummaryRow<T>>();
            var subtotal = empty;
            foreach (var row in group.Rows)
            {
                var f = figures.TryGetValue(row.Node.Id, out var found) ? found : empty;
                if (f.IsEmpty && (!group.KeepEmptyRows || !row.Node.IsActive)) continue;
                rows.Add(new SummaryRow<T>(row.Node.Id, row.Node.Name, row.Kind, f));
                subtotal = subtotal.Plus(f);
            }
            if (rows.Count == 0 && !group.KeepEmptyRows) continue;
            groups.Add(new SummaryGroup<T>(group.Node.Id, group.Node.Name, rows, subtotal));
            total = total.Plus(subtotal);
        }
        return new SummaryTable<T>(groups, total);
    }
}
