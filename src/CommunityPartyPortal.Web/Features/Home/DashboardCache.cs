using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>
/// The home dashboards' figures, computed once and shared by every user of the same scope for
/// <see cref="Lifetime"/>, so that the home page renders from memory.
/// </summary>
/// <remarks>
/// <para><b>Key.</b> (part, scope kind, role, organisation, China date, organisation-tree version): every user bound to the same
/// organisation with the same role sees the same figures (the scope is a function of those two), a new China day starts
/// new figures (the figures are "as of today"), and a change to the organisation tree (a unit or community added,
/// renamed, moved) starts new figures at once.</para>
/// <para><b>Invalidation.</b> Only by time: an entry is recomputed when it is <see cref="Lifetime"/> old by the portal's
/// <see cref="TimeProvider"/> (the memory entry itself expires after the same time, to free it). A record saved in the
/// meantime shows at the latest 5 minutes later; the page says when the figures were computed (「数据统计于 HH:mm」).
/// Nothing removes an entry early: the figures are counts over thousands of records, where a few minutes' delay is
/// acceptable and explicit, and invalidating on every write would defeat the cache at county scale.</para>
/// <para><b>Concurrency.</b> Concurrent requests for a missing or expired entry share one computation (the first
/// request's, on its own context; the others await it), so 32 users opening the page together cost one computation.
/// A failed computation is not kept.</para>
/// </remarks>
public sealed class DashboardCache(IMemoryCache cache, TimeProvider time) : IUseCase
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Makes look-up-or-add atomic (held only for the dictionary operations, never while computing).</summary>
    private static readonly Lock Gate = new();

    private sealed record Key(string Part, ScopeKind Kind, PortalRole? Role, Guid? OrganizationId, DateOnly Date, long TreeVersion);

    /// <summary>Figures and when they were computed.</summary>
    public sealed record Entry<T>(T Value, DateTimeOffset ComputedAt)
    {
        /// <summary>The China time of the computation, HH:mm.</summary>
        public string ComputedAtText => TimeZoneInfo.ConvertTime(ComputedAt, Clock.China).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The cached figures of <paramref name="part"/> for the scope today, or <paramref name="compute"/>'s (given today's China date).</summary>
    public async Task<Entry<T>> GetAsync<T>(string part, AccessScope scope, Func<DateOnly, Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var today = Clock.TodayInChina(time);
        var key = new Key(part, scope.Kind, scope.Role, scope.OrganizationId, today, PortalDbContext.OrganizationTreeVersion);
        for (var attempt = 0; ; attempt++)
        {
            Lazy<Task<Entry<T>>>? shared;
            lock (Gate)
            {
                if (!cache.TryGetValue(key, out shared) || shared is null)
                {
                    shared = new Lazy<Task<Entry<T>>>(async () => new Entry<T>(await compute(today), time.GetUtcNow()));
                    cache.Set(key, shared, Lifetime);
                }
            }
            Entry<T> entry;
            try
            {
                entry = await shared.Value;
            }
            catch
            {
                Forget(key, shared);
                throw;
            }
            if (time.GetUtcNow() - entry.ComputedAt < Lifetime || attempt > 0) return entry;
            Forget(key, shared); // expired by the portal's clock: compute again once
        }
    }

    private void Forget(object key, object shared)
    {
        lock (Gate)
        {
            if (cache.TryGetValue(key, out var current) && ReferenceEquals(current, shared)) cache.Remove(key);
        }
    }
}
