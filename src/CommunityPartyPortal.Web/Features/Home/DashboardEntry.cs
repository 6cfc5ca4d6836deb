using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>Cached figures as the page sees them: when they were computed and whether a newer computation is under way.</summary>
public interface IDashboardEntry
{
    DateTimeOffset ComputedAt { get; }

    /// <summary>Served past <see cref="DashboardCache.Lifetime"/>: a background refresh is running or about to.</summary>
    bool IsStale { get; }
}

public sealed partial class DashboardCache
{
    /// <summary>Figures and when they were computed; <see cref="IsStale"/> when served past <see cref="Lifetime"/>.</summary>
    public sealed record Entry<T>(T Value, DateTimeOffset ComputedAt) : IDashboardEntry
    {
        public bool IsStale { get; init; }

        /// <summary>The China time of the computation, HH:mm.</summary>
        public string ComputedAtText => TimeText(ComputedAt);
    }

    /// <summary>The China time of <paramref name="at"/>, HH:mm.</summary>
    public static string TimeText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Clock.China).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Key(string Part, Domain.Scoping.ScopeKind Kind, Domain.Identity.PortalRole? Role, Guid? OrganizationId, DateOnly Date, long TreeVersion);

    /// <summary>One key's figures: the last successful entry, the computation under way (at most one), the last read.</summary>
    private abstract class Slot(Key key, Domain.Scoping.AccessScope scope)
    {
        public Key Key { get; } = key;
        public Domain.Scoping.AccessScope Scope { get; } = scope;
        public DateTimeOffset LastRead { get; set; }
        public abstract DateTimeOffset? ComputedAt { get; }
        public abstract bool Computing { get; }

        /// <summary>Starts a computation unless one runs (call under the gate); the task completes when it is stored.</summary>
        public abstract Task StartRefresh(DashboardCache owner);
    }

    private sealed class Slot<T>(Key key, Domain.Scoping.AccessScope scope, Func<Domain.Data.PortalDbContext, DateOnly, Task<T>> compute) : Slot(key, scope)
    {
        public Func<Domain.Data.PortalDbContext, DateOnly, Task<T>> Compute { get; } = compute;
        public Entry<T>? Value { get; set; }
        public Task<Entry<T>>? Running { get; set; }
        public override DateTimeOffset? ComputedAt => Value?.ComputedAt;
        public override bool Computing => Running is { IsCompleted: false };
        public override Task StartRefresh(DashboardCache owner) => owner.Start(this);
    }
}
