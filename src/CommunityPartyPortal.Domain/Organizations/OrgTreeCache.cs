using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Organizations;

/// <summary>
/// Keeps the organisation trees in memory (a county has hundreds of nodes, read on every request)
/// and reloads them after any organisation is saved.
/// </summary>
public sealed class OrgTreeCache(DbContextOptions<PortalDbContext> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (long Version, OrgTree Tree)? current;

    public async Task<OrgTree> GetAsync(CancellationToken ct = default)
    {
        var version = PortalDbContext.OrganizationTreeVersion;
        if (current is { } c && c.Version == version) return c.Tree;
        await gate.WaitAsync(ct);
        try
        {
            if (current is { } again && again.Version == version) return again.Tree;
            await using var db = new PortalDbContext(options);
            var tree = await OrgTree.LoadAsync(db, ct);
            current = (version, tree);
            return tree;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The synchronous read, for places that cannot await (the scope of a request).</summary>
    public OrgTree Get()
    {
        var version = PortalDbContext.OrganizationTreeVersion;
        if (current is { } c && c.Version == version) return c.Tree;
        gate.Wait();
        try
        {
            if (current is { } again && again.Version == version) return again.Tree;
            using var db = new PortalDbContext(options);
            var tree = new OrgTree(db.Organizations.AsNoTracking()
                .Select(o => new OrgTree.Node(o.Id, o.Name, o.Kind, o.ParentId, o.Code, o.SortOrder, o.IsActive))
                .ToList());
            current = (version, tree);
            return tree;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => current = null;
}
