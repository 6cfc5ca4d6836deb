using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// Keeps the <see cref="DashboardCache"/> warm so that no user waits for a dashboard computation in normal use
/// (<see cref="PortalOptions.DashboardRefresh"/>, on by default). Once the application has started (migrations and demo
/// seeding done) it computes the county admin's figures (the overview and the county dashboard, under the key a county
/// admin's request looks up); then every <see cref="Period"/> by the portal's <see cref="TimeProvider"/> it computes them
/// again if they are missing (a new day, a changed organisation tree) and refreshes every entry read in the last
/// <see cref="ReadWindow"/> (the county admin's always) that is at least <see cref="RefreshAge"/> old, one at a time.
/// Errors are logged and never stop the loop.
/// </summary>
public sealed partial class DashboardRefresher(
    DashboardCache cache, IServiceScopeFactory scopes, OrgTreeCache trees, TimeProvider time, IHostApplicationLifetime lifetime,
    IOptions<PortalOptions> options, ILogger<DashboardRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ReadWindow = TimeSpan.FromMinutes(30);

    /// <summary>An entry is refreshed this old, so that one read every few minutes never meets a stale entry.</summary>
    public static readonly TimeSpan RefreshAge = DashboardCache.Lifetime - TimeSpan.FromMinutes(1);

    /// <summary>One pass at a time, whoever calls it: the refresher never runs two computations at once.</summary>
    private readonly SemaphoreSlim pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DashboardRefresh) return;
        try
        {
            await WhenStartedAsync(stoppingToken);
            using var timer = new PeriodicTimer(Period, time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: whatever was under way ends with the host
        }
    }

    /// <summary>
    /// One pass: the county admin's figures computed if missing, then the due entries refreshed. Returns how many
    /// entries were refreshed. Public for tests that run a pass without waiting for the period.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await pass.WaitAsync(ct);
        try
        {
            try
            {
                await WarmCountyAsync();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogWarmFailed(logger, e);
            }
            try
            {
                return await cache.RefreshDueAsync(RefreshAge, time.GetUtcNow() - ReadWindow, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogRefreshFailed(logger, e);
                return 0;
            }
        }
        finally
        {
            pass.Release();
        }
    }

    /// <summary>
    /// The scope a county admin's request gets for <paramref name="county"/> (see <see cref="HttpAccessScopeAccessor.For"/>):
    /// the dashboard key is (kind, role, organisation), so its figures are the ones every county admin is served.
    /// </summary>
    public static AccessScope CountyAdminScope(Guid county) => new()
    {
        Kind = ScopeKind.County,
        Role = PortalRole.CountyAdmin,
        OrganizationId = county,
        UserName = "dashboard-refresher",
        CanViewPersonalData = true,
    };

    private async Task WarmCountyAsync()
    {
        var tree = await trees.GetAsync();
        if (tree.County is not { } county) return; // an empty database: nothing to show yet
        var scope = CountyAdminScope(county.Id);
        var overviewMissing = cache.Peek<HomeSummary.Model>(HomeSummary.Part, scope) is null;
        var countyMissing = cache.Peek<AreaFigures>(CountyDashboard.Part, scope) is null;
        if (!overviewMissing && !countyMissing) return;

        // Through the use cases themselves, as the county admin's request runs them: same keys, same delegates.
        await using var unit = scopes.CreateAsyncScope();
        unit.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = scope;
        if (overviewMissing) await unit.ServiceProvider.GetRequiredService<HomeSummary>().HandleAsync();
        if (countyMissing) await unit.ServiceProvider.GetRequiredService<CountyDashboard>().HandleAsync();
        LogWarmed(logger, county.Name);
    }

    public override void Dispose()
    {
        pass.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard figures of {County} computed ahead of the county admin's requests")]
    private static partial void LogWarmed(ILogger logger, string county);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The county's dashboard figures could not be computed ahead")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard figures could not be refreshed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
