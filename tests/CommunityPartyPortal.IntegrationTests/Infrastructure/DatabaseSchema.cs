using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The schema of a database as sorted, comparable lines (tables, columns, indexes, keys), read from
/// the catalogue of SQLite or PostgreSQL. EF's own tables (<c>__EFMigrationsHistory</c>, and
/// <c>__EFMigrationsLock</c> that <c>Migrate()</c> makes on SQLite) are left out.
/// </summary>
public static class DatabaseSchema
{
    private const string HistoryTable = "__EFMigrationsHistory";
    private const string LockTable = "__EFMigrationsLock";

    public static async Task<IReadOnlyList<string>> ReadAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.Database.IsSqlite() ? await ReadSqliteAsync(connection)
                : db.Database.IsNpgsql() ? await ReadPostgresAsync(connection)
                : throw new NotSupportedException(db.Database.ProviderName);
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Lines only in one of the two schemas, marked - (only in <paramref name="expectedName"/>) and + (only in <paramref name="actualName"/>).</summary>
    public static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string expectedName, string actualName)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).Select(l => (Line: l, Mark: '-'));
        var extra = actual.Except(expected, StringComparer.Ordinal).Select(l => (Line: l, Mark: '+'));
        var diff = missing.Concat(extra).OrderBy(d => d.Line, StringComparer.Ordinal).ThenBy(d => d.Mark).ToList();
        if (diff.Count == 0) return "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Schemas differ (- only in {expectedName}, + only in {actualName}):");
        foreach (var (line, mark) in diff) text.AppendLine(CultureInfo.InvariantCulture, $"{mark} {line}");
        return text.ToString();
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('" + HistoryTable + "', '" + LockTable + "') ORDER BY name");
        foreach (var table in tables)
        {
            var name = (string)table["name"]!;
            var sql = (string?)table["sql"] ?? "";
            lines.Add($"table {name}");
            if (sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)) lines.Add($"table {name} autoincrement");

            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info(\"{name}\")"))
            {
                lines.Add($"column {name}.{c["name"]} type={c["type"]} notnull={c["notnull"]} default={c["dflt_value"] ?? "NULL"} pk={c["pk"]}");
            }

            foreach (var i in await QueryAsync(connection, $"PRAGMA index_list(\"{name}\")"))
            {
                var index = (string)i["name"]!;
                var columns = (await QueryAsync(connection, $"PRAGMA index_info(\"{index}\")"))
                    .OrderBy(r => Convert.ToInt64(r["seqno"], CultureInfo.InvariantCulture))
                    .Select(r => r["name"]);
                lines.Add($"index {name}.{index} unique={i["unique"]} origin={i["origin"]} partial={i["partial"]} columns=({string.Join(",", columns)})");
            }

            foreach (var fk in (await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{name}\")"))
                .GroupBy(r => Convert.ToInt64(r["id"], CultureInfo.InvariantCulture)))
            {
                var rows = fk.OrderBy(r => Convert.ToInt64(r["seq"], CultureInfo.InvariantCulture)).ToList();
                lines.Add($"foreign key {name}({string.Join(",", rows.Select(r => r["from"]))}) -> {rows[0]["table"]}({string.Join(",", rows.Select(r => r["to"]))}) " +
                          $"on delete {rows[0]["on_delete"]} on update {rows[0]["on_update"]}");
            }
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var t in await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('" + HistoryTable + "', '" + LockTable + "')"))
        {
            lines.Add($"table {t["table_name"]}");
        }

        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, datetime_precision,
                   is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
            """))
        {
            lines.Add($"column {c["table_name"]}.{c["column_name"]} type={c["data_type"]} length={c["character_maximum_length"] ?? "-"} " +
                      $"precision={c["numeric_precision"] ?? c["datetime_precision"] ?? "-"} nullable={c["is_nullable"]} " +
                      $"default={c["column_default"] ?? "NULL"} identity={c["is_identity"]}{(c["identity_generation"] is { } g ? " " + g : "")}");
        }

        foreach (var i in await QueryAsync(connection, """
            SELECT t.relname AS table_name, ic.relname AS index_name, x.indisunique, x.indisprimary,
                   pg_get_indexdef(x.indexrelid) AS definition,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                      FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS columns
            FROM pg_index x
            JOIN pg_class ic ON ic.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
            """))
        {
            lines.Add($"index {i["table_name"]}.{i["index_name"]} unique={i["indisunique"]} primary={i["indisprimary"]} columns=({i["columns"]}) :: {i["definition"]}");
        }

        foreach (var k in await QueryAsync(connection, """
            SELECT t.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
            """))
        {
            var kind = (char)k["contype"]! switch { 'p' => "primary key", 'f' => "foreign key", 'u' => "unique", 'c' => "check", var other => other.ToString() };
            lines.Add($"constraint {k["table_name"]}.{k["conname"]} {kind} :: {k["definition"]}");
        }
        return lines;
    }

    private static async Task<List<Dictionary<string, object?>>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
