using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>An organisation expected to submit, and its current submission of the year (null: not submitted).</summary>
public sealed record SubmissionRow(Guid OrganizationId, string Name, OrgKind Kind, Guid? ParentId, string ParentName, SummarySubmission? Current)
{
    public bool Submitted => Current is not null;

    public bool IsLate => Current?.IsLate == true;
}

/// <summary>Who has and has not submitted: the work units (departments first, each followed by its units) and the streets (each followed by its communities).</summary>
public sealed record SubmissionsOverview(int Year, DateOnly Deadline, IReadOnlyList<SubmissionRow> Units, IReadOnlyList<SubmissionRow> Communities)
{
    public IEnumerable<SubmissionRow> Missing => Units.Concat(Communities).Where(r => !r.Submitted);
}

public static partial class SummaryQueries
{
    /// <summary>
    /// The submissions of <paramref name="year"/> under the root: the county lists every active work unit, street and
    /// community; a street itself and its communities; a work unit its subtree. One query. It reads what the context may see
    /// (a unit's or community's context sees only its own submission, so use the county's or the street's context here).
    /// </summary>
    /// <exception cref="ArgumentException">The root is not the county, a street or a work unit.</exception>
    public static async Task<SubmissionsOverview> SubmissionsAsync(PortalDbContext db, int year, Guid root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tree = await OrgTree.LoadAsync(db, ct);
        var scope = SummaryRoot.Of(tree, root);
        var current = await db.SummarySubmissions.AsNoTracking()
            .Where(s => s.Year == year && s.ActiveSlot != null)
            .ToDictionaryAsync(s => s.OrganizationId, ct);

        SubmissionRow Row(OrgTree.Node n) =>
            new(n.Id, n.Name, n.Kind, n.ParentId, tree.NameOf(n.ParentId), current.GetValueOrDefault(n.Id));
        bool Listed(OrgTree.Node n) => n.IsActive || current.ContainsKey(n.Id);

        var units = scope.UnitGroups().SelectMany(g => g.Rows).Select(r => r.Node).Where(Listed).Select(Row).ToList();
        var communities = scope.Node.Kind == OrgKind.WorkUnit
            ? []
            : scope.CommunityGroups()
                .SelectMany(g => new[] { g.Node }.Concat(g.Rows.Select(r => r.Node)))
                .Where(Listed).Select(Row).ToList();
        if (scope.Node.Kind == OrgKind.Street) units = [];
        return new SubmissionsOverview(year, SummarySubmission.DeadlineOf(year), units, communities);
    }
}
