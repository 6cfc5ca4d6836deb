using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal hosted in-process over a real database (a fresh SQLite file or a fresh PostgreSQL
/// database), migrated at start and seeded with the demo county. Environment "Testing": production
/// error handling, no demo logins on the page.
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "cpp-tests", Guid.NewGuid().ToString("N"));

    public DatabaseProvider Provider { get; private set; }

    /// <summary>The portal's clock (registered as its TimeProvider): tests may move it forward.</summary>
    public MutableTimeProvider Time { get; } = new();
    public string ConnectionString { get; private set; } = "";

    protected abstract DatabaseProvider DatabaseProvider { get; }
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Seed the demo county (2 streets, 6 communities, 12 units, 600 members, one login per role).</summary>
    protected virtual bool SeedDemoCounty => true;

    public async Task InitializeAsync()
    {
        Provider = DatabaseProvider;
        ConnectionString = await CreateDatabaseAsync();
        StartHost(); // migrations run before the host takes requests
        if (SeedDemoCounty)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync();
        }
    }

    /// <summary>Starts the in-memory test server; a browser fixture starts Kestrel instead.</summary>
    protected virtual void StartHost() => _ = Server;

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Portal"] = ConnectionString,
            ["Portal:DataFolder"] = dataFolder,
            ["Portal:SeedDemoData"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(dataFolder, "logs", "portal-.log"),
        }));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A client with its own cookies that does not follow redirects.</summary>
    public PortalClient AnonymousClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") }));

    /// <summary>A client signed in as a demo user (county, street, secretary, secretary2, unit, member).</summary>
    public async Task<PortalClient> ClientFor(string userName, string password = DemoCountySeeder.Password)
    {
        var client = AnonymousClient();
        var response = await client.SignInAsync(userName, password);
        if ((int)response.StatusCode != 302 || response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return client;
    }

    /// <summary>Arrange or assert with a system-scope context (sees every tenant).</summary>
    public async Task WithDbAsync(Func<PortalDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb));
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb));
    }
}

/// <summary>The portal over a fresh SQLite file.</summary>
public sealed class SqlitePortal : PortalFactory
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.Sqlite;
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(SqliteFiles.NewDatabase("portal"));
}

/// <summary>The portal over a fresh database on the test run's PostgreSQL server.</summary>
public sealed class PostgresPortal : PortalFactory
{
    protected override DatabaseProvider DatabaseProvider => DatabaseProvider.PostgreSql;
    protected override Task<string> CreateDatabaseAsync() => PostgresServer.Instance.CreateDatabaseAsync("portal");
}
