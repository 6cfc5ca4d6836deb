using System.Net;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Npgsql;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Security;

/// <summary>/health answers 503 while the database cannot be reached, and 200 again when it can.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly PostgresPortal portal = new();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)portal).DisposeAsync();

    [Fact]
    public async Task Health_reports_a_database_outage()
    {
        var client = portal.AnonymousClient();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var database = new NpgsqlConnectionStringBuilder(portal.ConnectionString).Database!;
        await AdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        NpgsqlConnection.ClearAllPools();
        try
        {
            var down = await client.GetAsync("/health");
            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await down.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }
        NpgsqlConnection.ClearAllPools();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(portal.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
