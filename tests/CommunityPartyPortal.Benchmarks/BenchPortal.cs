using System.Diagnostics;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web;
using CommunityPartyPortal.Web.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// The portal as it runs in production (environment Production, Kestrel on 127.0.0.1, a fresh database
/// migrated at start), in this process, with a synthetic county loaded through its own seeder.
/// </summary>
internal sealed class BenchPortal : IAsyncDisposable
{
    private readonly TempFolder temp;
    private readonly LocalPostgres? cluster;
    private readonly string? serverConnectionString;
    private readonly string? databaseName;

    private BenchPortal(TempFolder temp, LocalPostgres? cluster, string? serverConnectionString, string? databaseName,
        DatabaseProvider provider, string connectionString, string databaseDescription)
    {
        this.temp = temp;
        this.cluster = cluster;
        this.serverConnectionString = serverConnectionString;
        this.databaseName = databaseName;
        Provider = provider;
        ConnectionString = connectionString;
        DatabaseDescription = databaseDescription;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string DatabaseDescription { get; private set; }
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string TempPath => temp.Path;

    /// <summary>The data folder of the PostgreSQL cluster this run started, if any.</summary>
    public string? PostgresDataDirectory => cluster?.DataDirectory;

    /// <summary>Creates the empty database (SQLite file, or a database on a throwaway or given PostgreSQL server).</summary>
    public static async Task<BenchPortal> CreateDatabaseAsync(BenchOptions options, CancellationToken ct)
    {
        var temp = new TempFolder();
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                var file = Path.Combine(temp.Path, "portal.db");
                return new BenchPortal(temp, null, null, null, DatabaseProvider.Sqlite, $"Data Source={file}", $"SQLite file {file}");
            }

            LocalPostgres? cluster = null;
            var server = options.PgConnectionString;
            if (server is null)
            {
                cluster = LocalPostgres.Start(Path.Combine(temp.Path, "pg"));
                server = cluster.ConnectionString;
            }
            var name = $"portal_bench_{DateTime.UtcNow:yyMMddHHmmss}_{Guid.NewGuid():N}"[..34];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
                await command.ExecuteNonQueryAsync(ct);
            }
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            var description = cluster is null
                ? $"PostgreSQL database {name} on the given server (dropped at the end)"
                : $"PostgreSQL database {name} on a throwaway cluster in {temp.Path}/pg, port {cluster.Port} (default server settings, locale C)";
            return new BenchPortal(temp, cluster, server, name, DatabaseProvider.PostgreSql, cs, description);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>Builds and starts the portal (this migrates the database) on a free port of 127.0.0.1.</summary>
    public async Task StartAsync(bool quietLog, CancellationToken ct)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            // The portal's assembly is the application (controllers and views are found from it), not this tool.
            "--applicationName", typeof(PortalApp).Assembly.GetName().Name!,
            "--contentRoot", AppContext.BaseDirectory,
            "--Database:Provider", Provider.ToString(),
            "--ConnectionStrings:Portal", ConnectionString,
            "--Portal:DataFolder", temp.Path,
            // The production log configuration, but the file goes to the temp folder and the console
            // shows warnings only (one line per request would drown the report).
            "--Serilog:WriteTo:1:Args:path", Path.Combine(temp.Path, "logs", "portal-.log"),
            "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning",
            "--Serilog:WriteTo:0:Args:standardErrorFromLevel", "Verbose", // stdout is for the report
        };
        if (quietLog) args.AddRange(["--Serilog:MinimumLevel:Default", "Warning"]);
        App = PortalApp.Build([.. args]);
        await App.StartAsync(ct);
        var address = App.Urls.FirstOrDefault(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The portal listens on {string.Join(", ", App.Urls)}, not on 127.0.0.1.");
        BaseAddress = new Uri(address);
    }

    /// <summary>Loads the synthetic county through <see cref="DemoCountySeeder"/>; returns the time it took.</summary>
    public async Task<(TimeSpan Elapsed, int Organizations, int Members)> SeedAsync(SyntheticCountyOptions county)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoCountySeeder>();
        var clock = Stopwatch.StartNew();
        var (orgs, members) = await seeder.SeedAsync(county);
        return (clock.Elapsed, orgs, members);
    }

    /// <summary>A context that sees everything (the system scope), for reading sample values.</summary>
    public AsyncServiceScope SystemScope(out PortalDbContext db)
    {
        var scope = App.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb);
        return scope;
    }

    /// <summary>The server's version and the database's size on disk.</summary>
    public async Task<(string Version, long Bytes)> DescribeDatabaseAsync()
    {
        await using var scope = SystemScope(out var db);
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            if (Provider == DatabaseProvider.Sqlite)
            {
                command.CommandText = "SELECT sqlite_version()";
                var version = "SQLite " + await command.ExecuteScalarAsync();
                var path = Path.Combine(temp.Path, "portal.db");
                var bytes = new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
                return (version, bytes);
            }
            command.CommandText = "SELECT current_setting('server_version'), pg_database_size(current_database())";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return ("PostgreSQL " + reader.GetString(0), reader.GetInt64(1));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await App.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The host did not stop in time; the process is about to end anyway.
            }
            await App.DisposeAsync();
        }
        if (databaseName is not null && cluster is null && serverConnectionString is not null)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(serverConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"warning: could not drop {databaseName}: {e.Message}");
            }
        }
        cluster?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        temp.Dispose();
    }
}
