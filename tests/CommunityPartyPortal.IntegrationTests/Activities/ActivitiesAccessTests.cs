using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Activities;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Activities.ActivitiesTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Activities;

/// <summary>
/// Who may use the activity routes: secretary2 gets 404 on every route of the secretary's activity and writes nothing;
/// unit, street and member get 403 on the staff routes; the member's own QR check-in (in and outside the window,
/// another community's activity, staff and anonymous users).
/// </summary>
public abstract class ActivitiesAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private sealed record World(Activity Activity, Guid RecordId, Guid PendingId, Member Member);

    /// <summary>The secretary's activity (running now) with a confirmed check-in and a pending self check-in.</summary>
    private async Task<World> WorldAsync()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromMinutes(-30));
        var member = await AddMemberAsync(portal);
        var other = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var form = await CheckInFormAsync(secretary, activity.Id, ("MemberId", member.Id.ToString()));
        (await secretary.PostFormAsync($"/activities/{activity.Id}/checkin", form, "/activities")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var pending = new ServiceRecord
        {
            MemberId = other.Id, CommunityId = activity.CommunityId, ActivityId = activity.Id, ServedOn = CheckInRules.ServedOn(activity),
            Content = activity.Title, Minutes = 60, Source = RecordSource.SelfCheckIn, Status = RecordStatus.Pending, RecordedBy = other.Name,
        };
        await portal.WithDbAsync(async db => { db.ServiceRecords.Add(pending); await db.SaveChangesAsync(); });
        var record = (await RecordsOfAsync(portal, activity.Id)).Single(r => r.MemberId == member.Id);
        return new World(activity, record.Id, pending.Id, member);
    }

    private static IEnumerable<string> GetRoutes(World w) =>
    [
        $"/activities/{w.Activity.Id}", $"/activities/{w.Activity.Id}/edit", $"/activities/{w.Activity.Id}/checkin",
    ];

    private static IEnumerable<(string Url, List<KeyValuePair<string, string>> Fields)> PostRoutes(World w) =>
    [
        ($"/activities/{w.Activity.Id}/edit", Fields(("Title", "越权"), ("Kind", "Regular"), ("Category", "LegalAid"), ("StartsAt", "2026-12-05T09:00"),
            ("EndsAt", "2026-12-05T10:00"), ("DefaultHours", "1"), ("Version", w.Activity.Version.ToString()))),
        ($"/activities/{w.Activity.Id}/cancel", Fields(("reason", "越权"))),
        ($"/activities/{w.Activity.Id}/checkin", Fields(("MemberId", w.Member.Id.ToString()), ("Hours", "1"), ("IdempotencyKey", Guid.NewGuid().ToString("N")))),
        ($"/activities/{w.Activity.Id}/checkin/{w.RecordId}/undo", Fields(("reason", "越权"))),
        ($"/activities/{w.Activity.Id}/checkin/{w.PendingId}/confirm", Fields()),
    ];

    [Fact]
    public async Task Secretary2_gets_404_on_every_route_of_another_communitys_activity_and_writes_nothing()
    {
        var w = await WorldAsync();
        using var secretary2 = await portal.ClientFor("secretary2");
        var before = await FingerprintAsync(portal);
        foreach (var url in GetRoutes(w))
        {
            (await secretary2.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"GET {url}");
        }
        foreach (var (url, fields) in PostRoutes(w))
        {
            (await secretary2.PostFormAsync(url, fields, "/activities")).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"POST {url}");
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await secretary2.GetDocumentAsync("/activities")).QuerySelector($"tr[data-activity-id='{w.Activity.Id}']").ShouldBeNull();
        // Nor the secretary's QR address: secretary2 is staff.
        (await secretary2.GetAsync($"/checkin/{w.Activity.CheckInCode}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unit_street_and_member_cannot_use_the_staff_routes()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(portal);
        foreach (var user in new[] { "unit", "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            foreach (var url in GetRoutes(w).Concat(["/activities", "/activities/new", "/activities/generate"]))
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
            }
            var posts = PostRoutes(w).Append(("/activities/new", Fields(("Title", "越权")))).Append(("/activities/generate", Fields(("Year", "2026"))));
            foreach (var (url, fields) in posts)
            {
                (await client.PostFormAsync(url, fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST {url}");
            }
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_secretary_confirms_a_pending_self_check_in()
    {
        var w = await WorldAsync();
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.PostFormAsync($"/activities/{w.Activity.Id}/checkin/{w.PendingId}/confirm", Fields(), "/activities")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var confirmed = (await RecordsOfAsync(portal, w.Activity.Id)).Single(r => r.Id == w.PendingId);
        confirmed.Status.ShouldBe(RecordStatus.Confirmed);
        confirmed.ConfirmedBy.ShouldBe((await UserAsync(portal, "secretary")).DisplayName);
        confirmed.ConfirmedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_member_checks_in_by_the_qr_address_during_the_activity_only()
    {
        var memberId = (await UserAsync(portal, "member")).MemberId!.Value;
        var running = await AddActivityAsync(portal, TimeSpan.FromMinutes(-30));
        var ended = await AddActivityAsync(portal, TimeSpan.FromHours(-3));
        var foreign = await AddActivityAsync(portal, TimeSpan.FromMinutes(-30), secretary: "secretary2");
        using var member = await portal.ClientFor("member");

        // Another community's activity does not exist for this member.
        var before = await FingerprintAsync(portal);
        (await member.GetAsync($"/checkin/{foreign.CheckInCode}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.PostFormAsync($"/checkin/{foreign.CheckInCode}", Fields(("IdempotencyKey", Guid.NewGuid().ToString("N"))), $"/checkin/{running.CheckInCode}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Ended: refused with the reason, nothing written.
        (await member.GetStringAsync($"/checkin/{ended.CheckInCode}")).ShouldContain("不在活动签到时间内（活动已结束");
        (await member.PostFormAsync($"/checkin/{ended.CheckInCode}", Fields(("IdempotencyKey", Guid.NewGuid().ToString("N"))), $"/checkin/{running.CheckInCode}"))
            .StatusCode.ShouldBe(HttpStatusCode.Found);
        (await FingerprintAsync(portal)).ShouldBe(before);

        // Running: a pending record, once, whatever the repeats.
        var page = await member.GetDocumentAsync($"/checkin/{running.CheckInCode}");
        var key = page.QuerySelector("#self-form input[name=IdempotencyKey]")!.GetAttribute("value")!;
        for (var i = 0; i < 2; i++)
        {
            (await member.PostFormAsync($"/checkin/{running.CheckInCode}", Fields(("IdempotencyKey", key)), $"/checkin/{running.CheckInCode}")).StatusCode.ShouldBe(HttpStatusCode.Found);
        }
        (await member.PostFormAsync($"/checkin/{running.CheckInCode}", Fields(("IdempotencyKey", Guid.NewGuid().ToString("N"))), "/")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var record = (await RecordsOfAsync(portal, running.Id)).ShouldHaveSingleItem();
        record.MemberId.ShouldBe(memberId);
        record.Source.ShouldBe(RecordSource.SelfCheckIn);
        record.Status.ShouldBe(RecordStatus.Pending);
        record.ConfirmedBy.ShouldBeNull();
        record.Minutes.ShouldBe(running.DefaultMinutes);
        record.CommunityId.ShouldBe(running.CommunityId);
        (await member.GetDocumentAsync($"/checkin/{running.CheckInCode}")).QuerySelector("#self-status")!.TextContent.ShouldContain("待确认");
    }

    [Fact]
    public async Task Staff_get_403_and_anonymous_users_sign_in_first_on_the_qr_address()
    {
        var running = await AddActivityAsync(portal, TimeSpan.FromMinutes(-30));
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync($"/checkin/{running.CheckInCode}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = portal.AnonymousClient();
        var response = await anonymous.GetAsync($"/checkin/{running.CheckInCode}");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldContain("/account/login");
    }
}

public sealed class SqliteActivitiesAccessTests(SqlitePortal portal) : ActivitiesAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresActivitiesAccessTests(PostgresPortal portal) : ActivitiesAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
