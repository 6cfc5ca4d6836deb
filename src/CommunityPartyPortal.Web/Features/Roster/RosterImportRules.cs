using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>
/// The Domain's rules for <see cref="MemberImport"/>: GB 11643 and mobile checks, and the names of the work units
/// the user may assign (a unit admin: its unit and the units below; a secretary or the county: any unit) and of
/// the grids of the target community, from the cached organisation tree (active nodes only). Also collects the
/// valid 身份证号 of the file (of every row, also of rows with other errors), so that the importer can look them up in
/// bulk, and refuses the ones it was told belong to another organisation.
/// </summary>
internal sealed class RosterImportRules : IMemberImportRules
{
    public const string ForeignNationalId = "该身份证号已登记在其他组织，无法导入";

    private readonly Dictionary<string, List<Guid>> units;
    private readonly HashSet<string> allUnitNames;
    private readonly Dictionary<string, List<Guid>> grids;
    private readonly bool unitScope;

    /// <summary>Better messages for some of <see cref="MemberImport"/>'s lookup errors, by the message it writes.</summary>
    private readonly Dictionary<string, string> explanations = new(StringComparer.Ordinal);

    public RosterImportRules(OrgTree tree, AccessScope scope, Guid? community, DateOnly today)
    {
        Today = today;
        unitScope = scope.Kind == ScopeKind.Unit;
        var assignable = unitScope
            ? scope.OrganizationId is { } root ? tree.Subtree(root).Where(n => n.Kind == OrgKind.WorkUnit) : []
            : tree.OfKind(OrgKind.WorkUnit);
        units = ByName(assignable);
        allUnitNames = [.. tree.OfKind(OrgKind.WorkUnit).Where(n => n.IsActive).Select(n => n.Name)];
        grids = ByName(community is { } c ? tree.ChildrenOf(c).Where(n => n.Kind == OrgKind.Grid) : []);
    }

    public DateOnly Today { get; }

    /// <summary>Every 身份证号 of the file that passed the checks (normalized).</summary>
    public HashSet<string> NationalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>身份证号 registered to members outside the user's scope: refused as <see cref="ForeignNationalId"/>.</summary>
    public IReadOnlySet<string> Foreign { get; set; } = new HashSet<string>();

    public string? ValidateNationalId(string value)
    {
        if (!NationalId.TryValidate(value, Today, out var error)) return error;
        var id = NationalId.Normalize(value);
        if (Foreign.Contains(id)) return ForeignNationalId;
        NationalIds.Add(id);
        return null;
    }

    public string? ValidateMobile(string value) => MobilePhone.TryValidate(value, out var error) ? null : error;

    public Guid? FindWorkUnit(string name)
    {
        var key = name.Trim();
        if (units.TryGetValue(key, out var found))
        {
            if (found.Count == 1) return found[0];
            Explain($"系统中没有名为“{name}”的工作单位", $"系统中有多个名为“{key}”的工作单位，无法区分，请联系县委组织部");
            return null;
        }
        if (unitScope && allUnitNames.Contains(key))
        {
            Explain($"系统中没有名为“{name}”的工作单位", $"“{key}”不是本单位或下属单位，单位管理员只能导入本单位及下属单位的党员");
        }
        return null;
    }

    public Guid? FindGrid(string name)
    {
        if (unitScope) return null; // a unit does not keep its members' residence: see Explain below
        var key = name.Trim();
        if (grids.TryGetValue(key, out var found))
        {
            if (found.Count == 1) return found[0];
            Explain($"系统中没有名为“{name}”的网格", $"本社区有多个名为“{key}”的网格，无法区分，请联系街道或县委组织部");
            return null;
        }
        Explain($"系统中没有名为“{name}”的网格", $"本社区没有名为“{key}”的网格，请填写系统中本社区的网格名称");
        return null;
    }

    /// <summary>The errors with the lookup messages made specific to the user (which unit, which community).</summary>
    public IReadOnlyList<ImportError> Explain(IReadOnlyList<ImportError> errors) =>
    [
        .. errors.Select(e => e.Column switch
        {
            MemberImportColumns.Grid when unitScope => e with { Message = "单位管理员导入时请不要填写网格，居住信息由居住社区维护" },
            MemberImportColumns.WorkUnit or MemberImportColumns.Grid when explanations.TryGetValue(e.Message, out var better) => e with { Message = better },
            _ => e,
        }),
    ];

    private void Explain(string message, string better) => explanations[message] = better;

    private static Dictionary<string, List<Guid>> ByName(IEnumerable<OrgTree.Node> nodes) =>
        nodes.Where(n => n.IsActive).GroupBy(n => n.Name.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Id).ToList(), StringComparer.Ordinal);
}
