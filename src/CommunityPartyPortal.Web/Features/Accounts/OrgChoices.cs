using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>One group of the organisation picker; <see cref="Kind"/> is the kind of node a role is bound to.</summary>
public sealed record OrgGroup(string Label, OrgKind Kind, IReadOnlyList<OrgOption> Options);

public sealed record OrgOption(Guid Id, string Text);

/// <summary>
/// The organisations an account can be bound to, by the kind each role needs
/// (<see cref="PortalRoles.OrgKindFor"/>): the county, the streets, the communities by street, the work units as a tree.
/// </summary>
public static class OrgChoices
{
    /// <summary>The roles created and changed here; member accounts are given from the member record.</summary>
    public static readonly IReadOnlyList<PortalRole> StaffRoles =
        [PortalRole.CountyAdmin, PortalRole.StreetAdmin, PortalRole.CommunitySecretary, PortalRole.UnitAdmin];

    /// <summary>The active nodes (and <paramref name="keep"/>, the account's current one, even if no longer active).</summary>
    public static IReadOnlyList<OrgGroup> Groups(OrgTree tree, Guid? keep = null)
    {
        bool Show(OrgTree.Node n) => n.IsActive || n.Id == keep;
        string Text(OrgTree.Node n) => n.IsActive ? n.Name : n.Name + "（已撤销）";

        var groups = new List<OrgGroup>();
        if (tree.County is { } county) groups.Add(new OrgGroup("县", OrgKind.County, [new OrgOption(county.Id, Text(county))]));

        var streets = tree.OfKind(OrgKind.Street).Where(Show).ToList();
        groups.Add(new OrgGroup("街道/镇", OrgKind.Street, [.. streets.Select(s => new OrgOption(s.Id, Text(s)))]));
        foreach (var street in tree.OfKind(OrgKind.Street))
        {
            var communities = tree.ChildrenOf(street.Id).Where(c => c.Kind == OrgKind.Community && Show(c)).ToList();
            if (communities.Count > 0)
            {
                groups.Add(new OrgGroup($"社区 · {street.Name}", OrgKind.Community, [.. communities.Select(c => new OrgOption(c.Id, Text(c)))]));
            }
        }

        var units = tree.WorkUnitsIndented().Where(u => Show(u.Node))
            .Select(u => new OrgOption(u.Node.Id, (u.Depth == 0 ? "" : new string('\u3000', u.Depth) + "└ ") + Text(u.Node)))
            .ToList();
        groups.Add(new OrgGroup("单位党组织", OrgKind.WorkUnit, units));
        return [.. groups.Where(g => g.Options.Count > 0)];
    }

    /// <summary>Why <paramref name="organizationId"/> cannot be the organisation of an account of <paramref name="role"/>, or null.</summary>
    public static string? Refusal(OrgTree tree, PortalRole role, Guid? organizationId, Guid? current = null)
    {
        if (tree.Find(organizationId) is not { } node) return "请选择所属组织";
        if (node.Kind != PortalRoles.OrgKindFor(role)) return "所属组织与角色不匹配";
        if (!node.IsActive && node.Id != current) return "该组织已撤销，不能再分配账号";
        return null;
    }

    /// <summary>"凤城街道 / 东关社区", or the county's own name.</summary>
    public static string PathName(OrgTree tree, Guid? id)
    {
        var path = tree.PathName(id);
        return path.Length > 0 ? path : tree.NameOf(id);
    }
}

/// <summary>The model of <c>_OrgPicker.cshtml</c>: the role and organisation fields of the account forms.</summary>
public sealed record OrgPicker(PortalRole? Role, Guid? OrganizationId, IReadOnlyList<OrgGroup> Groups);
