using System.Net;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Activities.ActivitiesTestData;

namespace CommunityPartyPortal.IntegrationTests.Activities;

/// <summary>The self check-in QR code image: a PNG for the activity's secretary, 404 across tenants, 403 for other roles.</summary>
public abstract class ActivityQrTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_qr_code_is_a_png_for_the_secretary_only()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromDays(1));
        using var secretary = await portal.ClientFor("secretary");
        var response = await secretary.GetAsync($"/activities/{activity.Id}/qr.png");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        (await secretary.GetStringAsync($"/activities/{activity.Id}")).ShouldContain($"http://localhost/checkin/{activity.CheckInCode}");

        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetAsync($"/activities/{activity.Id}/qr.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var user in new[] { "unit", "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync($"/activities/{activity.Id}/qr.png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
    }
}

public sealed class SqliteActivityQrTests(SqlitePortal portal) : ActivityQrTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresActivityQrTests(PostgresPortal portal) : ActivityQrTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
