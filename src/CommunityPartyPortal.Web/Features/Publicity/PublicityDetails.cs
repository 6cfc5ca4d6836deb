using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Publicity;

/// <summary>
/// One 公示: the header and the entries the viewer sees (the unit all of them, a community those about its residents,
/// a member his or her own). Null (404) when the viewer sees no such publicity.
/// </summary>
public sealed class PublicityDetails(PortalDbContext db, OrgTreeCache trees, ListPublicities list) : IUseCase
{
    public sealed record Entry(Guid MemberId, string Member, string Community, string Honour);

    public sealed class Model
    {
        public required Guid Id { get; init; }
        public required string Unit { get; init; }
        public required string Title { get; init; }
        public required string Kind { get; init; }
        public required DateOnly StartsOn { get; init; }
        public required DateOnly EndsOn { get; init; }
        public required string? Note { get; init; }
        public required string CreatedBy { get; init; }
        public required IReadOnlyList<Entry> Entries { get; init; }
    }

    public async Task<Model?> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.Publicities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var tree = await trees.GetAsync(ct);
        var entries = await db.PublicityEntries.AsNoTracking().Where(e => e.PublicityId == id)
            .Select(e => new { e.MemberId, e.CommunityId, e.Honour }).ToListAsync(ct);
        var names = await list.NamesAsync(entries.Select(e => e.MemberId).ToList(), ct);
        return new Model
        {
            Id = p.Id,
            Unit = tree.NameOf(p.WorkUnitId),
            Title = p.Title,
            Kind = p.Kind,
            StartsOn = p.StartsOn,
            EndsOn = p.EndsOn,
            Note = p.Note,
            CreatedBy = db.Scope.Kind == ScopeKind.Unit ? p.CreatedBy : "",
            Entries = entries.Select(e => new Entry(e.MemberId, names.GetValueOrDefault(e.MemberId, ""), tree.NameOf(e.CommunityId), e.Honour))
                .OrderBy(e => e.Member, StringComparer.Ordinal).ToList(),
        };
    }
}
