using CommunityPartyPortal.Web.Commands;
using CommunityPartyPortal.Web.Infrastructure;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Settings.Configuration;

namespace CommunityPartyPortal.Web;

/// <summary>Builds and runs the portal, or one of its commands (see <see cref="PortalCommands"/>).</summary>
public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && PortalCommands.IsCommand(args[0]))
        {
            return await PortalCommands.RunAsync(args);
        }
        var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Serilog from the "Serilog" section; built when logging starts, so every configuration source counts.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerProvider>(sp => new SerilogLoggerProvider(
            new LoggerConfiguration()
                .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>(), new ConfigurationReaderOptions(
                    typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly))
                .Enrich.FromLogContext()
                .CreateLogger(),
            dispose: true));

        builder.Services.AddPortal(builder.Configuration);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapControllers();
    }
}
