namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>Tiny real images for upload tests.</summary>
public static class TestImages
{
    /// <summary>A valid 1×1 red PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
