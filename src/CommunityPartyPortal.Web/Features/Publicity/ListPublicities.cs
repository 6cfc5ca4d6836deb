using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Publicity;

/// <summary>
/// /publicity: a unit sees its lists; a community (its street, the county) sees the entries about its residents — the
/// unit, the title, the kind, the period and the resident (seed 004: publicity in the residential community); a member
/// sees the entries about himself or herself. The scope chooses the rows.
/// </summary>
public sealed class ListPublicities(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public const int MaxRows = 500;

    public sealed record ListRow(Guid Id, string Title, string Kind, DateOnly StartsOn, DateOnly EndsOn, int Members, string CreatedBy);

    public sealed record EntryRow(Guid PublicityId, string Unit, string Title, string Kind, DateOnly StartsOn, DateOnly EndsOn, string Member, string Community, string Honour);

    public sealed class Model
    {
        public required bool IsUnit { get; init; }
        public required IReadOnlyList<ListRow> Lists { get; init; }
        public required IReadOnlyList<EntryRow> Entries { get; init; }
    }

    public async Task<Model> HandleAsync(CancellationToken ct = default)
    {
        var tree = await trees.GetAsync(ct);
        if (db.Scope.Kind == ScopeKind.Unit)
        {
            var lists = await db.Publicities.AsNoTracking().OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.CreatedAt).Take(MaxRows)
                .Select(p => new ListRow(p.Id, p.Title, p.Kind, p.StartsOn, p.EndsOn, db.PublicityEntries.Count(e => e.PublicityId == p.Id), p.CreatedBy))
                .ToListAsync(ct);
            return new Model { IsUnit = true, Lists = lists, Entries = [] };
        }

        var entries = await db.PublicityEntries.AsNoTracking()
            .Join(db.Publicities.AsNoTracking(), e => e.PublicityId, p => p.Id,
                (e, p) => new { p.Id, p.WorkUnitId, p.Title, p.Kind, p.StartsOn, p.EndsOn, e.MemberId, e.CommunityId, e.Honour })
            .OrderByDescending(x => x.StartsOn).ThenBy(x => x.Title).Take(MaxRows)
            .ToListAsync(ct);
        var names = await NamesAsync(entries.Select(e => e.MemberId).ToList(), ct);
        return new Model
        {
            IsUnit = false,
            Lists = [],
            Entries = entries.Select(x => new EntryRow(x.Id, tree.NameOf(x.WorkUnitId), x.Title, x.Kind, x.StartsOn, x.EndsOn,
                names.GetValueOrDefault(x.MemberId, ""), tree.NameOf(x.CommunityId), x.Honour)).ToList(),
        };
    }

    /// <summary>
    /// The names of the members of entries the viewer sees (the scope chose the entries: a community sees its residents'
    /// entries, whose members it sees anyway; the member name is what the publicity publishes).
    /// </summary>
    internal async Task<Dictionary<Guid, string>> NamesAsync(List<Guid> entryMemberIds, CancellationToken ct)
    {
        if (entryMemberIds.Count == 0) return [];
        var ids = entryMemberIds.Distinct().ToList();
        return await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }
}
