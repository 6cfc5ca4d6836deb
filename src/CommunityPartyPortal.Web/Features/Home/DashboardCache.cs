using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The home dashboards' figures, computed once and shared by every user of the same scope, served from memory and
/// refreshed in the background (stale-while-revalidate), so that no user waits for a computation in normal use.
/// A singleton: <see cref="DashboardRefresher"/> keeps the entries that are read warm.
/// </summary>
/// <remarks>
/// <para><b>Key.</b> (part, scope kind, role, organisation, China date, organisation-tree version): every user bound to the same
/// organisation with the same role sees the same figures (the scope is a function of those two), a new China day starts
/// new figures (the figures are "as of today"), and a change to the organisation tree (a unit or community added,
/// renamed, moved) starts new figures at once.</para>
/// <para><b>Freshness.</b> By the portal's <see cref="TimeProvider"/>: an entry younger than <see cref="Lifetime"/> is
/// served as it is. From <see cref="Lifetime"/> to <see cref="MaxStale"/> it is served at once, marked
/// <see cref="IDashboardEntry.IsStale"/> (the page says 「数据统计于 HH:mm，正在更新」), and one background refresh starts
/// (single-flight per key: further stale hits start nothing); its result replaces the entry. Older than
/// <see cref="MaxStale"/>, or missing, the entry is computed and the request waits (concurrent requests share the one
/// computation). So the figures a user sees are at most <see cref="MaxStale"/> old, and the page says how old.
/// Nothing removes an entry early: the figures are counts over thousands of records, where a few minutes' delay is
/// acceptable and explicit, and invalidating on every write would defeat the cache at county scale.</para>
/// <para><b>Unit of work.</b> A computation never runs on the request's context: the cache runs the delegate in a DI scope
/// of its own whose <see cref="ScopeOverride"/> is the first caller's <see cref="AccessScope"/> (as
/// <see cref="Exports.ExportWorker"/> does), without the request's execution context, so a background refresh
/// outlives the request. The delegates therefore capture only what is safe outside a request (the immutable
/// <c>OrgTree</c>, singletons such as the <see cref="TimeProvider"/>) and query through the context they are given.</para>
/// <para><b>Failures.</b> A failed background refresh is logged (warning) and the stale entry stays (the next stale hit
/// tries again); a failed awaited computation is not kept (the request fails, the next one computes again).</para>
/// </remarks>
public sealed partial class DashboardCache(IServiceScopeFactory scopes, TimeProvider time, ILogger<DashboardCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxStale = TimeSpan.FromMinutes(15);

    /// <summary>How often entries of a past day or tree version and entries not read for long are dropped.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    /// <summary>Guards <see cref="slots"/> and every slot's state (held only for bookkeeping, never while computing).</summary>
    private readonly Lock gate = new();
    private readonly Dictionary<Key, Slot> slots = [];
    private DateTimeOffset lastPrune;

    /// <summary>
    /// The figures of <paramref name="part"/> for the scope today: cached, stale (and refreshing), or
    /// <paramref name="compute"/>'s, given a context with <paramref name="scope"/> and today's China date.
    /// </summary>
    public async Task<Entry<T>> GetAsync<T>(string part, AccessScope scope, Func<PortalDbContext, DateOnly, Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var now = time.GetUtcNow();
        var key = KeyOf(part, scope);
        Task<Entry<T>> awaited;
        lock (gate)
        {
            if (now - lastPrune >= PruneEvery) Prune(now);
            if (!slots.TryGetValue(key, out var found))
            {
                found = new Slot<T>(key, scope, compute);
                slots[key] = found;
            }
            var slot = (Slot<T>)found;
            slot.LastRead = now;
            if (slot.Value is { } value && now - value.ComputedAt < MaxStale)
            {
                if (now - value.ComputedAt < Lifetime) return value;
                _ = Start(slot); // stale: served at once, refreshed in the background (a running refresh is reused)
                return value with { IsStale = true };
            }
            awaited = Start(slot); // missing or too old: computed (or the running computation joined) and awaited
        }
        return await awaited;
    }

    /// <summary>The entry of <paramref name="part"/> for the scope today, if any, without reading it (no refresh, no read time).</summary>
    public Entry<T>? Peek<T>(string part, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (gate)
        {
            return slots.TryGetValue(KeyOf(part, scope), out var slot) ? ((Slot<T>)slot).Value : null;
        }
    }

    /// <summary>Whether a computation of <paramref name="part"/> for the scope today is under way.</summary>
    public bool IsComputing(string part, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (gate)
        {
            return slots.TryGetValue(KeyOf(part, scope), out var slot) && slot.Computing;
        }
    }

    /// <summary>
    /// Refreshes, one at a time and awaited, every entry of today's keys that is at least <paramref name="minAge"/> old and
    /// was read since <paramref name="readSince"/> (a county admin's entries whenever they are old enough), except the
    /// ones already refreshing; drops the entries no request can reach any more. Returns how many were refreshed.
    /// A failed refresh is logged and the loop goes on.
    /// </summary>
    public async Task<int> RefreshDueAsync(TimeSpan minAge, DateTimeOffset readSince, CancellationToken ct)
    {
        List<Slot> due;
        lock (gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            due = [.. slots.Values
                .Where(s => !s.Computing && s.ComputedAt is { } at && now - at >= minAge && (s.LastRead >= readSince || KeptWarm(s.Key)))
                .OrderBy(s => s.ComputedAt)];
        }
        var refreshed = 0;
        foreach (var slot in due)
        {
            ct.ThrowIfCancellationRequested();
            Task running;
            lock (gate)
            {
                if (slot.Computing) continue; // a stale hit started it meanwhile
                running = slot.StartRefresh(this);
            }
            try
            {
                await running.WaitAsync(ct); // on shutdown, stop waiting (the computation ends on its own)
                refreshed++;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // logged by the computation; the stale entry stays
            }
        }
        return refreshed;
    }

    /// <summary>A county admin's entries are kept warm even when nobody read them lately.</summary>
    private static bool KeptWarm(Key key) => key.Kind == ScopeKind.County;

    private Key KeyOf(string part, AccessScope scope) =>
        new(part, scope.Kind, scope.Role, scope.OrganizationId, Clock.TodayInChina(time), PortalDbContext.OrganizationTreeVersion);

    /// <summary>The slot's running computation, or a new one (call under the gate).</summary>
    private Task<Entry<T>> Start<T>(Slot<T> slot)
    {
        if (slot.Running is { IsCompleted: false } running) return running;
        // Without the caller's execution context (no HttpContext, no request-bound async locals): the work outlives the request.
        AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            var cold = new Task<Task<Entry<T>>>(() => ComputeAsync(slot));
            var task = cold.Unwrap();
            slot.Running = task;
            cold.Start(TaskScheduler.Default);
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return task;
        }
        finally
        {
            suppressed?.Undo();
        }
    }

    private async Task<Entry<T>> ComputeAsync<T>(Slot<T> slot)
    {
        try
        {
            Entry<T> entry;
            await using (var unit = scopes.CreateAsyncScope())
            {
                // The scope is set before anything in this DI scope resolves the context (which reads it once).
                unit.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = slot.Scope;
                var db = unit.ServiceProvider.GetRequiredService<PortalDbContext>();
                entry = new Entry<T>(await slot.Compute(db, slot.Key.Date), time.GetUtcNow());
            }
            lock (gate) slot.Value = entry;
            return entry;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, slot.Key.Part, slot.Key.Kind, slot.Key.OrganizationId, slot.Value is null ? "none" : TimeText(slot.Value.ComputedAt));
            throw;
        }
    }

    /// <summary>
    /// Drops the entries of a past day or tree version, and those neither read nor usable lately except a county admin's
    /// (call under the gate).
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        lastPrune = now;
        var today = Clock.TodayInChina(time);
        var version = PortalDbContext.OrganizationTreeVersion;
        foreach (var (key, slot) in slots.ToList())
        {
            if (slot.Computing) continue;
            var unreachable = key.Date != today || key.TreeVersion != version;
            var expired = slot.ComputedAt is not { } at || now - at >= MaxStale;
            if (unreachable || (expired && now - slot.LastRead >= MaxStale && !KeptWarm(key))) slots.Remove(key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard figures {Part} for {Kind} {OrganizationId} could not be computed; the entry of {ComputedAt} stays")]
    private static partial void LogFailed(ILogger logger, Exception exception, string part, ScopeKind kind, Guid? organizationId, string computedAt);
}
