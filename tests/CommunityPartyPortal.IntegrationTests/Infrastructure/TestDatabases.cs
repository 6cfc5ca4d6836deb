using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>Fresh, empty databases of either provider, and system-scope contexts on them.</summary>
public static class TestDatabases
{
    /// <summary>A connection string for a brand-new empty database of <paramref name="provider"/>.</summary>
    public static async Task<string> NewAsync(DatabaseProvider provider, string prefix) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteFiles.NewDatabase(prefix),
        DatabaseProvider.PostgreSql => await PostgresServer.Instance.CreateDatabaseAsync(prefix),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>A context with the system scope (sees and writes everything).</summary>
    public static PortalDbContext Context(DatabaseProvider provider, string connectionString) =>
        new(PortalDatabase.Options(provider, connectionString));

    /// <summary>A new database with every migration applied; returns its connection string.</summary>
    public static async Task<string> NewMigratedAsync(DatabaseProvider provider, string prefix)
    {
        var connectionString = await NewAsync(provider, prefix);
        await using var db = Context(provider, connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }
}
