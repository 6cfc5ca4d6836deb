using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// SQLite has one writer at a time per file. When a second transaction asks for the write lock, Microsoft.Data.Sqlite
/// answers SQLITE_BUSY and retries after sleeping 150 ms, so concurrent check-ins queued behind one another in 150 ms
/// steps (the issue 4 benchmark: p95 585 ms under 32 clients, with 29% of the samples in <c>Thread.Sleep</c>).
/// This gate queues the portal's own write transactions in the process instead: a transaction waits (asynchronously)
/// for the previous one to commit or roll back, then starts and never meets a busy database. It holds the gate from
/// the start of a transaction (EF's own for SaveChanges, or an explicit one) until commit, rollback, failure, or the
/// context's disposal (a transaction disposed without commit). Readers are not gated: WAL lets them read beside the
/// writer. Other processes writing the same file still meet the provider's busy retry, as before.
/// PostgreSQL needs none of this (row locks).
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor
{
    /// <summary>How long a write waits for the gate before giving up, as the provider's default command timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<DbContext, Held> HeldBy = new();

    private static readonly ConcurrentDictionary<string, SqliteWriteGate> ByConnectionString = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;

    /// <summary>The gate of the database file this connection string opens (one per file, whatever the spelling).</summary>
    public static SqliteWriteGate For(string connectionString) => ByConnectionString.GetOrAdd(connectionString, cs => new SqliteWriteGate(cs));

    private SqliteWriteGate(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = string.IsNullOrEmpty(file) || file == ":memory:" ? connectionString : Path.GetFullPath(file);
        gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        ReleaseStale(eventData.Context);
        if (!gate.Wait(Timeout)) throw Busy();
        Hold(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ReleaseStale(eventData.Context);
        if (!await gate.WaitAsync(Timeout, cancellationToken)) throw Busy();
        Hold(eventData.Context);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    // Failed to start, commit or roll back: the transaction is over (a failed commit is followed by the
    // provider's rollback on dispose; nothing of it holds the write lock any more once it is disposed).
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Called when a context is disposed: a transaction it left open (disposed without commit) is rolled back by now.</summary>
    internal static void ReleaseHeldBy(DbContext context)
    {
        if (HeldBy.TryGetValue(context, out var held)) held.Release();
    }

    /// <summary>
    /// A context has one transaction at a time, so a gate it still holds when it starts another belongs to a
    /// transaction that was disposed without commit or rollback (EF's own after a failed SaveChanges): release it
    /// rather than wait for ourselves.
    /// </summary>
    private static void ReleaseStale(DbContext? context) => Release(context);

    private void Hold(DbContext? context)
    {
        if (context is null)
        {
            // Not expected (EF always passes its context); never keep a gate nobody can release.
            gate.Release();
            return;
        }
        var held = HeldBy.GetValue(context, _ => new Held());
        held.Take(gate);
    }

    private static void Release(DbContext? context)
    {
        if (context is not null) ReleaseHeldBy(context);
    }

    private static TimeoutException Busy() =>
        new($"The database stayed busy with other writes for {Timeout.TotalSeconds:0} s.");

    /// <summary>The gate one context holds, released at most once.</summary>
    private sealed class Held
    {
        private SemaphoreSlim? gate;

        public void Take(SemaphoreSlim taken)
        {
            var previous = Interlocked.Exchange(ref gate, taken);
            previous?.Release();
        }

        public void Release() => Interlocked.Exchange(ref gate, null)?.Release();
    }
}
