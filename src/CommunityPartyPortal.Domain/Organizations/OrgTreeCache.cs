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

    public void Invalidate() => current = null;
}
