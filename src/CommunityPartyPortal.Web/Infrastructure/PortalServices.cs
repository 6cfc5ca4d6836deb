using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>The composition of the portal's services.</summary>
public static class PortalServices
{
    /// <summary>The key of the system-scope DbContext (Identity stores, audit log): not tenant data.</summary>
    public const string SystemDb = "system-db";

    public static string DataFolder(IConfiguration config, string contentRoot)
    {
        var folder = config.GetSection("Portal").Get<PortalOptions>()?.DataFolder ?? "App_Data";
        return Path.GetFullPath(Path.Combine(contentRoot, folder));
    }

    public static (DatabaseProvider Provider, string ConnectionString) Database(IConfiguration config, string contentRoot)
    {
        var provider = PortalDatabase.ParseProvider(config["Database:Provider"]);
        var cs = config.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider != DatabaseProvider.Sqlite) throw new InvalidOperationException("ConnectionStrings:Portal is required for PostgreSQL.");
            var folder = DataFolder(config, contentRoot);
            Directory.CreateDirectory(folder);
            cs = $"Data Source={Path.Combine(folder, "portal.db")}";
        }
        return (provider, cs);
    }

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PortalOptions>(config.GetSection("Portal"));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        // Chinese text is written as text, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // Settings are read when the services are first resolved, not now: hosts (tests, commands) may
        // still add configuration after the services are registered.
        services.AddDbContext<PortalDbContext>((sp, o) =>
        {
            var (provider, cs) = Database(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
            PortalDatabase.Configure(o, provider, cs);
        }, optionsLifetime: ServiceLifetime.Singleton);
        services.AddKeyedScoped(SystemDb, (sp, _) =>
            new PortalDbContext(sp.GetRequiredService<DbContextOptions<PortalDbContext>>(), FixedScopeAccessor.System, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OrgTreeCache>();
        services.AddScoped<ScopeOverride>();
        services.AddScoped<IAccessScopeAccessor, HttpAccessScopeAccessor>();
        services.AddSingleton<Features.Exports.ExportStore>();
        services.AddSingleton<Features.Exports.ExportQueue>();
        services.AddSingleton<Features.Exports.ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Exports.ExportWorker>());
        services.AddSingleton<Features.Home.DashboardCache>();
        services.AddSingleton<Features.Home.DashboardRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Home.DashboardRefresher>());
        services.AddScoped<AuditLog>();
        services.AddScoped<ScopeViolationFilter>();
        services.AddScoped<Seeding.AccountFactory>();
        services.AddScoped<Seeding.DemoCountySeeder>();
        services.AddScoped<Seeding.DemoServiceSeeder>();
        services.AddScoped<Seeding.DemoFeedbackSeeder>();
        services.AddHostedService<Seeding.DatabaseStartup>();

        AddIdentity(services);
        services.AddAuthorization(Policies.Add);

        services.AddDataProtection().SetApplicationName("CommunityPartyPortal");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IWebHostEnvironment, ILoggerFactory>((o, cfg, host, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataFolder(cfg, host.ContentRootPath), "keys")), logs));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".cpp.af";
            o.FormFieldName = "__RequestVerificationToken";
        });

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.AddService<ScopeViolationFilter>();
                ChineseBindingMessages.Apply(o.ModelBindingMessageProvider);
                o.ModelMetadataDetailsProviders.Add(new ChineseValidationMessages());
            })
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureViewLocations()));
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", customTestQuery: (db, ct) => db.Database.CanConnectAsync(ct));

        foreach (var type in typeof(PortalServices).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IUseCase).IsAssignableFrom(t)))
        {
            services.AddScoped(type);
        }
        return services;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = ".cpp.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                // A signed-in user without the role gets a plain 403 (rendered by the error page), not a redirect.
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            }));

        services.AddScoped<IUserStore<PortalUser>>(sp => new UserOnlyStore<PortalUser, PortalDbContext, Guid>(
            sp.GetRequiredKeyedService<PortalDbContext>(SystemDb), sp.GetRequiredService<IdentityErrorDescriber>()));
        services.AddIdentityCore<PortalUser>(o =>
            {
                o.Password.RequiredLength = PasswordClassesValidator<PortalUser>.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordClassesValidator<PortalUser>>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddSignInManager<PortalSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
    }
}
