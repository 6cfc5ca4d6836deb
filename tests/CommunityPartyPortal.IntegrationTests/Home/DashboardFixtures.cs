using System.Collections.Concurrent;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>
/// The portal without the background <c>DashboardRefresher</c> loop (<c>Portal:DashboardRefresh=false</c>): the tests of
/// stale entries decide when an entry is read and refreshed, so no periodic pass refreshes one behind their back.
/// </summary>
public abstract class QuietDashboardPortal : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:DashboardRefresh"] = "false" }));
    }
}

public sealed class QuietSqlitePortal : QuietDashboardPortal
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.Sqlite;
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(SqliteFiles.NewDatabase("portal"));
}

public sealed class QuietPostgresPortal : QuietDashboardPortal
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.PostgreSql;
    protected override Task<string> CreateDatabaseAsync() => PostgresServer.Instance.CreateDatabaseAsync("portal");
}

/// <summary>
/// The portal started over a database already holding the demo county (seeded by a first host, then stopped), as a
/// production start finds it: the refresher's start-up pass sees the county.
/// </summary>
public abstract class PreSeededPortal : PortalFactory
{
    protected override bool SeedDemoCounty => false;

    protected static async Task<string> SeededByAsync(PortalFactory seeder)
    {
        IAsyncLifetime lifetime = seeder;
        await lifetime.InitializeAsync();
        try
        {
            return seeder.ConnectionString;
        }
        finally
        {
            await lifetime.DisposeAsync();
        }
    }
}

public sealed class PreSeededSqlitePortal : PreSeededPortal
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.Sqlite;
    protected override Task<string> CreateDatabaseAsync() => SeededByAsync(new SqlitePortal());
}

public sealed class PreSeededPostgresPortal : PreSeededPortal
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.PostgreSql;
    protected override Task<string> CreateDatabaseAsync() => SeededByAsync(new PostgresPortal());
}

/// <summary>Bounded waits and retries of the dashboard refresh tests.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, for at most <see cref="Bound"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var until = DateTime.UtcNow + Bound;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not within {Bound.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    public static Task<T> ValueAsync<T>(Func<T?> probe, string what) where T : class => ValueAsync(() => Task.FromResult(probe()), what);

    public static async Task TrueAsync(Func<bool> probe, string what) => await ValueAsync(() => probe() ? "" : null, what);

    /// <summary>
    /// Runs <paramref name="body"/> again (at most 5 times) when it failed while another test class changed the
    /// organisation tree: the tree version is part of the cache key, so such a change turns a stale entry into a miss.
    /// </summary>
    public static async Task UnlessTreeChangesAsync(Func<Task> body)
    {
        for (var attempt = 0; ; attempt++)
        {
            var version = PortalDbContext.OrganizationTreeVersion;
            try
            {
                await body();
                return;
            }
            catch (Exception) when (attempt < 4 && PortalDbContext.OrganizationTreeVersion != version)
            {
            }
        }
    }
}

/// <summary>A logger that keeps what was logged at warning and above.</summary>
internal sealed class WarningLog<T> : ILogger<T>
{
    public ConcurrentQueue<(string Message, Exception? Exception)> Warnings { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Warnings.Enqueue((formatter(state, exception), exception));
    }
}
