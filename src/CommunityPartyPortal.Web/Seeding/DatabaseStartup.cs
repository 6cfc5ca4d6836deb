using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>
/// Runs before the server takes requests: applies the migrations, and in Development seeds the demo
/// county into an empty database.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IHostEnvironment env, IOptions<PortalOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb);
        await MigrateAsync(db, cancellationToken);
        await Domain.Members.PinyinBackfill.RunAsync(db, cancellationToken);
        if (env.IsDevelopment() && options.Value.SeedDemoData && !await db.Organizations.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoServiceSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoFeedbackSeeder>().SeedAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work side by side; it is a property of the file and persists.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}
