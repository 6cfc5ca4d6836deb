using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>At start: apply the migrations, and in Development seed the demo county into an empty database.</summary>
public static class DatabaseStartup
{
    public static async Task InitializeAsync(IServiceProvider services, IHostEnvironment env, IConfiguration config)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb);
        await MigrateAsync(db);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (env.IsDevelopment() && options.SeedDemoData && !await db.Organizations.AnyAsync())
        {
            await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync();
        }
    }

    public static async Task MigrateAsync(PortalDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work side by side; it is a property of the file and persists.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync();
    }
}
