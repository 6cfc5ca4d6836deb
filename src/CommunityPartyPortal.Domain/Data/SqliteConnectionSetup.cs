using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// Per-connection SQLite settings, applied on every open (a pooled connection keeps them; the PRAGMA costs microseconds).
/// <c>synchronous=NORMAL</c> in WAL mode: a commit appends to the WAL without waiting for fsync; the WAL is synced at
/// checkpoints. The database can never be corrupted by a crash; a power loss can lose the last commits before the
/// checkpoint (an application crash loses nothing). This is SQLite's recommended setting for WAL; with FULL every
/// check-in waited for a disk flush while holding the single write lock (ADR 0011, docs/performance.md).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    private SqliteConnectionSetup()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
