using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>The database providers the portal runs on, chosen by the <c>Database:Provider</c> setting.</summary>
public enum DatabaseProvider
{
    Sqlite = 1,
    PostgreSql = 2,
}

/// <summary>The provider seam: one place that turns a provider and a connection string into options.</summary>
public static class PortalDatabase
{
    public static DatabaseProvider ParseProvider(string? value) => (value ?? "Sqlite").Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
        var other => throw new InvalidOperationException($"Unknown Database:Provider '{other}'. Use Sqlite or PostgreSql."),
    };

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName));
                // One writer at a time in the process, queued without the provider's 150 ms busy sleeps.
                options.AddInterceptors(SqliteWriteGate.For(connectionString), SqliteConnectionSetup.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName));
                break;
        }
        options.ReplaceService<IModelCacheKeyFactory, ScopedModelCacheKeyFactory>();
        return options;
    }

    public static DbContextOptions<PortalDbContext> Options(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }
}

/// <summary>One EF model per scope kind, so each kind's query filter is exactly its own predicate.</summary>
internal sealed class ScopedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is PortalDbContext portal
            ? (context.GetType(), portal.ModelScopeKind, designTime)
            : (object)(context.GetType(), designTime);
}
