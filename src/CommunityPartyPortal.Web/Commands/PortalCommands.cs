using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Commands;

/// <summary>
/// Commands of the portal's executable, run instead of the web server:
/// <list type="bullet">
/// <item><c>schema-sql</c> — write db/&lt;provider&gt;/schema.sql from the migrations.</item>
/// <item><c>create-admin --user NAME --password PWD [--name 显示名] [--county 县名]</c> — the first county admin of a production database.</item>
/// <item><c>seed-scale [--members 60000] [--streets 20] [--communities 150] [--units 400] [--seed N] [--records 500000]</c> — fill an empty database with a synthetic county (and, with --records, a year of service).</item>
/// </list>
/// Database settings come from the usual configuration (appsettings, environment, <c>--Database:Provider</c>, <c>--ConnectionStrings:Portal</c>).
/// </summary>
public static class PortalCommands
{
    private static readonly string[] Names = ["schema-sql", "create-admin", "seed-scale"];

    public static bool IsCommand(string arg) => Names.Contains(arg);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseOptions(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "schema-sql" => WriteSchemaSql(options),
                "create-admin" => await CreateAdminAsync(args, options),
                "seed-scale" => await SeedScaleAsync(args, options),
                _ => 2,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>The command's own options: <c>--name value</c> pairs without a colon in the name.</summary>
    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var isConfig = list[i].Contains(':');
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            if (!isConfig) result[list[i][2..]] = hasValue ? list[i + 1] : "true";
            if (hasValue) i++;
        }
        return result;
    }

    /// <summary>Configuration arguments (<c>--Section:Key value</c>) are passed on to the host.</summary>
    private static string[] HostArgs(string[] args)
    {
        var result = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !args[i].Contains(':')) continue;
            result.Add(args[i]);
            if (!args[i].Contains('=') && i + 1 < args.Length) result.Add(args[++i]);
        }
        return [.. result];
    }

    private static int WriteSchemaSql(Dictionary<string, string> options)
    {
        var root = options.GetValueOrDefault("root") ?? RepositoryRoot();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var path = Path.Combine(root, SchemaScripts.PathFor(provider));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, SchemaScripts.Generate(provider));
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityPartyPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run schema-sql inside the repository (or pass --root).");
    }

    private static async Task<int> CreateAdminAsync(string[] args, Dictionary<string, string> options)
    {
        var user = options.GetValueOrDefault("user") ?? throw new ArgumentException("--user is required");
        var password = options.GetValueOrDefault("password") ?? throw new ArgumentException("--password is required");
        var name = options.GetValueOrDefault("name") ?? user;
        await using var app = PortalApp.Build(HostArgs(args));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb);
        await DatabaseStartup.MigrateAsync(db);
        var county = await db.Organizations.FirstOrDefaultAsync(o => o.Kind == OrgKind.County);
        if (county is null)
        {
            var countyName = options.GetValueOrDefault("county") ?? throw new ArgumentException("The database has no county yet: pass --county 县名");
            county = new Organization { Name = countyName, Code = "C", Kind = OrgKind.County };
            db.Organizations.Add(county);
            await db.SaveChangesAsync();
        }
        var created = await scope.ServiceProvider.GetRequiredService<AccountFactory>()
            .CreateAsync(user, password, name, PortalRole.CountyAdmin, county.Id, pii: true, mustChangePassword: true);
        Console.WriteLine($"created county admin '{created.UserName}' for {county.Name}; the password must be changed at first sign-in");
        return 0;
    }

    private static async Task<int> SeedScaleAsync(string[] args, Dictionary<string, string> options)
    {
        int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var defaults = new SyntheticCountyOptions();
        var county = new SyntheticCountyOptions
        {
            Members = Int("members", defaults.Members),
            Streets = Int("streets", defaults.Streets),
            Communities = Int("communities", defaults.Communities),
            Units = Int("units", defaults.Units),
            Seed = Int("seed", defaults.Seed),
        };
        await using var app = PortalApp.Build(HostArgs(args));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<PortalDbContext>(PortalServices.SystemDb);
        await DatabaseStartup.MigrateAsync(db);
        if (await db.Organizations.AnyAsync()) throw new InvalidOperationException("seed-scale needs an empty database.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var records = Int("records", 0);
        var service = records > 0 ? new SyntheticServiceOptions { Records = records, Seed = county.Seed } : null;
        var (orgs, members) = await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync(county, service);
        Console.WriteLine($"loaded {orgs} organisations and {members} members{(service is null ? "" : $" with about {records} service records")} in {clock.Elapsed.TotalSeconds:0.0} s; logins as in the demo county");
        return 0;
    }
}
