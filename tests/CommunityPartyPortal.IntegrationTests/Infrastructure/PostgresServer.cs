using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster shared by the whole test run. <see cref="Instance"/> starts it on
/// first use (initdb into a fresh temp folder, trust auth on 127.0.0.1, a free port, no durability)
/// and it is stopped and deleted when the test process exits; a detached watchdog does the same if the
/// process dies without running its exit handlers. When the environment variable
/// <c>PORTAL_TEST_PG</c> holds a connection string, that server is used instead and nothing is started.
/// Missing PostgreSQL binaries fail the tests that need them (they are not skipped).
/// </summary>
public sealed partial class PostgresServer
{
    public const string EnvironmentVariable = "PORTAL_TEST_PG";

    private static readonly Lazy<PostgresServer> LazyInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server of this test run, started on first use (thread-safe).</summary>
    public static PostgresServer Instance => LazyInstance.Value;

    private readonly LocalCluster? cluster;
    private readonly List<string> createdDatabases = [];
    private readonly object gate = new();

    private PostgresServer(string baseConnectionString, LocalCluster? cluster)
    {
        BaseConnectionString = baseConnectionString;
        this.cluster = cluster;
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string BaseConnectionString { get; }

    /// <summary>True when the server was started by this process (not given by <c>PORTAL_TEST_PG</c>).</summary>
    public bool IsThrowaway => cluster is not null;

    /// <summary>Creates a brand-new empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = DatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(BaseConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (gate) createdDatabases.Add(name);
        // Each database gets its own pool; let idle connections go soon so hundreds of test databases
        // do not hold the server's connection slots.
        return new NpgsqlConnectionStringBuilder(BaseConnectionString)
        {
            Database = name,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    /// <summary>
    /// <c>{prefix}_pt{yyMMddHHmm}_{random}</c>: unique, and the UTC creation minute lets a later run on
    /// a shared server (<c>PORTAL_TEST_PG</c>) drop what an interrupted run left behind.
    /// </summary>
    private static string DatabaseName(string prefix)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')]);
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "t_" + clean;
        if (clean.Length > 32) clean = clean[..32];
        return $"{clean}_pt{DateTime.UtcNow.ToString("yyMMddHHmm", CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}"[..(clean.Length + 22)];
    }

    [GeneratedRegex(@"_pt(?<stamp>\d{10})_[0-9a-f]{8}$")]
    private static partial Regex TestDatabasePattern();

    private static PostgresServer Create()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, cluster: null);
            server.DropStaleDatabases();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DropCreatedDatabases();
            return server;
        }

        var local = LocalCluster.Start();
        var started = new PostgresServer(local.ConnectionString, local);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => local.Dispose();
        return started;
    }

    /// <summary>
    /// On a server we did not start, remove the databases this run created (best effort: the test
    /// runner may kill the process before this finishes; <see cref="DropStaleDatabases"/> catches up).
    /// </summary>
    private void DropCreatedDatabases()
    {
        string[] names;
        lock (gate) names = [.. createdDatabases];
        Drop(names);
    }

    /// <summary>Drops test databases that earlier runs left on a shared server (created over six hours ago).</summary>
    private void DropStaleDatabases()
    {
        var stale = new List<string>();
        using (var connection = new NpgsqlConnection(BaseConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                if (TestDatabasePattern().Match(name) is { Success: true } match
                    && DateTime.TryParseExact(match.Groups["stamp"].Value, "yyMMddHHmm", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
                    && created < DateTime.UtcNow.AddHours(-6))
                {
                    stale.Add(name);
                }
            }
        }
        Drop(stale);
    }

    private void Drop(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return;
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(BaseConnectionString);
            connection.Open();
            foreach (var name in names)
            {
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"PostgresServer: could not drop test databases: {e.Message}");
        }
    }
}
