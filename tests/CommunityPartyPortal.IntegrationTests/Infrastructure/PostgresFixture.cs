using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// For xunit: <c>[Collection(PostgresCollection.Name)]</c> on a test class starts the shared server before
/// the class runs (and fails it loudly when PostgreSQL is missing). Using <see cref="PostgresServer.Instance"/>
/// directly works as well; both give the same server.
/// </summary>
public sealed class PostgresFixture
{
    public PostgresServer Server { get; } = PostgresServer.Instance;

    public Task<string> CreateDatabaseAsync(string prefix) => Server.CreateDatabaseAsync(prefix);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
