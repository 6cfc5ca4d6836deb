namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>A clock the tests can move forward: cookie expiry, security-stamp checks and audit times follow it.</summary>
public sealed class MutableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
