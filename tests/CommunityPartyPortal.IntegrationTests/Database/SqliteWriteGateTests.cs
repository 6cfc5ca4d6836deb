using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Database;

/// <summary>
/// ADR 0011: on SQLite the portal's writes queue on one gate per file instead of meeting SQLITE_BUSY. Concurrent writers
/// all succeed; a failed SaveChanges, an explicit transaction disposed without commit, and a rollback each let the next
/// writer through while their context is still alive (a gate kept by mistake would make that writer time out and throw).
/// </summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task Concurrent_writers_on_separate_contexts_all_commit()
    {
        var cs = await TestDatabases.NewMigratedAsync(DatabaseProvider.Sqlite, "gate");
        await Task.WhenAll(Enumerable.Range(1, 40).Select(async n =>
        {
            await using var db = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
            db.SerialCounters.Add(new SerialCounter { DocumentType = $"T{n}", Year = 2026, Next = n });
            await db.SaveChangesAsync();
        }));
        await using var check = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        (await check.SerialCounters.CountAsync()).ShouldBe(40);
        (await check.SerialCounters.SumAsync(c => c.Next)).ShouldBe(40 * 41 / 2);
    }

    [Fact]
    public async Task A_failed_save_releases_the_gate_before_its_context_is_disposed()
    {
        var cs = await TestDatabases.NewMigratedAsync(DatabaseProvider.Sqlite, "gate");
        await using (var seed = TestDatabases.Context(DatabaseProvider.Sqlite, cs))
        {
            seed.SerialCounters.Add(new SerialCounter { DocumentType = "dup", Year = 2026, Next = 1 });
            await seed.SaveChangesAsync();
        }

        await using var failing = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        failing.SerialCounters.Add(new SerialCounter { DocumentType = "dup", Year = 2026, Next = 2 });
        await Should.ThrowAsync<DbUpdateException>(() => failing.SaveChangesAsync());

        // The failing context is alive: another context writes first (a gate left held would time out here), then the same one.
        await using var other = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        other.SerialCounters.Add(new SerialCounter { DocumentType = "other", Year = 2026, Next = 4 });
        await other.SaveChangesAsync();
        failing.ChangeTracker.Clear();
        failing.SerialCounters.Add(new SerialCounter { DocumentType = "again", Year = 2026, Next = 3 });
        await failing.SaveChangesAsync();
        (await other.SerialCounters.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task A_transaction_disposed_or_rolled_back_lets_the_next_writer_through()
    {
        var cs = await TestDatabases.NewMigratedAsync(DatabaseProvider.Sqlite, "gate");
        await using var first = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        await using (var tx = await first.Database.BeginTransactionAsync())
        {
            first.SerialCounters.Add(new SerialCounter { DocumentType = "lost", Year = 2026, Next = 1 });
            await first.SaveChangesAsync();
            // Disposed without commit.
        }
        first.ChangeTracker.Clear();
        await using (var tx = await first.Database.BeginTransactionAsync())
        {
            first.SerialCounters.Add(new SerialCounter { DocumentType = "rolled", Year = 2026, Next = 2 });
            await first.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        first.ChangeTracker.Clear();

        await using var second = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        second.SerialCounters.Add(new SerialCounter { DocumentType = "kept", Year = 2026, Next = 3 });
        await second.SaveChangesAsync();
        (await second.SerialCounters.Select(c => c.DocumentType).ToListAsync()).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Connections_run_with_synchronous_normal()
    {
        var cs = await TestDatabases.NewMigratedAsync(DatabaseProvider.Sqlite, "gate");
        await using var db = TestDatabases.Context(DatabaseProvider.Sqlite, cs);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1); // NORMAL
    }
}
