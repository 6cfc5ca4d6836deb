using System.Data.Common;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>
/// Inserts many organisations and members fast, past the change tracker (and so past the scope checks
/// and the audit trail of <see cref="PortalDbContext.SaveChanges(bool)"/>): for seeding and load tests
/// only. SQLite: one transaction and one prepared INSERT reused for every row. PostgreSQL: binary COPY.
/// Tables and columns come from the EF model and each value is converted and typed by the property's
/// own type mapping, so rows read back through EF exactly as if EF had written them.
/// </summary>
public static class BulkLoader
{
    /// <summary>
    /// Inserts <paramref name="organizations"/> (parents first) and then <paramref name="members"/>, in
    /// one transaction (or the context's current one). Sets <c>CreatedAt</c>/<c>UpdatedAt</c> to now
    /// (UTC) and a fresh <c>Version</c> on every entity, which are then what the database holds.
    /// Organisation caches (<see cref="OrgTreeCache"/>) are not told: invalidate them afterwards.
    /// </summary>
    public static Task LoadAsync(PortalDbContext db, IReadOnlyList<Organization> organizations, IReadOnlyList<Member> members,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(members);

        var now = db.Time.GetUtcNow().UtcDateTime;
        foreach (var entity in organizations.Cast<EditableEntity>().Concat(members)) Stamp(entity, now);
        return LoadBatchesAsync(db, [new Batch<Organization>(TableMap.For<Organization>(db), ParentsFirst(organizations)), new Batch<Member>(TableMap.For<Member>(db), members)],
            organizationsChanged: organizations.Count > 0, cancellationToken);
    }

    /// <summary>
    /// Inserts rows of any entity type the same way (one transaction, past the change tracker). Editable
    /// rows without a <c>CreatedAt</c> get now; rows that carry their own stamps keep them.
    /// </summary>
    public static Task LoadRowsAsync<T>(PortalDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var now = db.Time.GetUtcNow().UtcDateTime;
        foreach (var entity in rows.OfType<EditableEntity>().Where(e => e.CreatedAt == default)) Stamp(entity, now);
        return LoadBatchesAsync(db, [new Batch<T>(TableMap.For<T>(db), rows)], organizationsChanged: typeof(T) == typeof(Organization), cancellationToken);
    }

    private static async Task LoadBatchesAsync(PortalDbContext db, IReadOnlyList<Batch> batches, bool organizationsChanged, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // SQLite: no syncing to disk during the load (the setting cannot change inside a transaction, and
        // is left alone when the caller's transaction is already open).
        var sqlitePragma = db.Database.IsSqlite() && db.Database.CurrentTransaction is null;
        object? synchronous = null;
        try
        {
            if (sqlitePragma)
            {
                synchronous = await ScalarAsync(connection, null, "PRAGMA synchronous", cancellationToken);
                await ScalarAsync(connection, null, "PRAGMA synchronous = OFF", cancellationToken);
            }
            var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                foreach (var batch in batches)
                {
                    if (db.Database.IsSqlite()) batch.Insert(connection, transaction, cancellationToken);
                    else if (db.Database.IsNpgsql()) await batch.CopyAsync((NpgsqlConnection)connection, cancellationToken);
                    else throw new NotSupportedException($"BulkLoader does not support {db.Database.ProviderName}.");
                }
                if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
                if (organizationsChanged) PortalDbContext.OrganizationsChanged();
            }
            finally
            {
                if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            }
        }
        finally
        {
            if (sqlitePragma && synchronous is not null)
            {
                var level = Convert.ToInt64(synchronous, System.Globalization.CultureInfo.InvariantCulture);
                await ScalarAsync(connection, null, $"PRAGMA synchronous = {level}", CancellationToken.None);
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    private abstract class Batch
    {
        public abstract void Insert(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
        public abstract Task CopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
    }

    private sealed class Batch<T>(TableMap table, IReadOnlyList<T> rows) : Batch where T : class
    {
        public override void Insert(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
            InsertRows(connection, transaction, table, rows, cancellationToken);

        public override Task CopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
            BulkLoader.CopyAsync(connection, table, rows, cancellationToken);
    }

    private static void Stamp(EditableEntity entity, DateTime now)
    {
        entity.CreatedAt = now;
        entity.UpdatedAt = now;
        entity.Version = Guid.NewGuid();
    }

    /// <summary>Organisations ordered so that every parent in the list comes before its children.</summary>
    private static List<Organization> ParentsFirst(IReadOnlyList<Organization> organizations)
    {
        var byId = organizations.ToDictionary(o => o.Id);
        var depth = new Dictionary<Guid, int>(organizations.Count);
        int Depth(Organization org)
        {
            if (depth.TryGetValue(org.Id, out var known)) return known;
            depth[org.Id] = int.MaxValue; // marks the walk, so a cycle fails below instead of recursing forever
            var d = org.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) ? Depth(parent) : -1;
            if (d == int.MaxValue) throw new InvalidOperationException($"Organisation {org.Code} is its own ancestor.");
            return depth[org.Id] = d + 1;
        }
        return [.. organizations.OrderBy(Depth)];
    }

    private static void InsertRows<T>(DbConnection connection, DbTransaction transaction, TableMap table, IReadOnlyList<T> rows,
        CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0) return;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            parameters[i] = column.Mapping.CreateParameter(command, "@p" + i, column.ProviderValue(rows[0]), column.Nullable);
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();

        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var row = rows[r];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, TableMap table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0) return;
        var sql = $"COPY {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        // The server answers the end of the copy once every row and index entry is written: millions of rows take longer
        // than the default 30 s command timeout.
        writer.Timeout = TimeSpan.FromMinutes(30);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                if (column.ProviderValue(row) is { } value)
                {
                    await writer.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A table of the EF model: its name and the columns of its entity's properties.</summary>
    private sealed record TableMap(string Name, IReadOnlyList<ColumnMap> Columns)
    {
        public static TableMap For<T>(DbContext db)
        {
            var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            var columns = entityType.GetProperties()
                .Select(p => new ColumnMap(
                    p.GetColumnName(store) ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no column."),
                    p.PropertyInfo ?? throw new NotSupportedException($"{typeof(T).Name}.{p.Name} is a shadow property."),
                    p.GetRelationalTypeMapping(),
                    p.IsNullable))
                .ToList();
            return new TableMap(name, columns);
        }
    }

    private sealed record ColumnMap(string Name, System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping, bool Nullable)
    {
        /// <summary>The row's value as the provider stores it (enums as numbers, through the mapping's converter).</summary>
        public object? ProviderValue(object row)
        {
            var value = Property.GetValue(row);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
