using System.Net;
using System.Text.Json;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Activities.ActivitiesTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Activities;

/// <summary>The secretary's check-in screen through HTTP: the record it writes, idempotency, duplicates, undo, and every refusal.</summary>
public abstract class CheckInTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static string CheckInUrl(Activity a) => $"/activities/{a.Id}/checkin";

    private async Task<(HttpResponseMessage Response, string Html)> CheckInAsync(PortalClient secretary, Activity a, params (string Key, string Value)[] values)
    {
        var form = await CheckInFormAsync(secretary, a.Id, values);
        var response = await secretary.PostFormAsync(CheckInUrl(a), form, CheckInUrl(a));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pinyin_initials_through_the_search_then_enter_checks_the_member_in()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromMinutes(-20));
        var member = await AddMemberAsync(portal, surname: "曾");
        var initials = (await MemberAsync(portal, member.Id)).NameInitials!;
        initials.ShouldStartWith("z", customMessage: "曾 as a surname reads zēng");
        using var secretary = await portal.ClientFor("secretary");

        var hits = JsonDocument.Parse(await secretary.GetStringAsync($"/members/search?q={initials}")).RootElement.EnumerateArray()
            .Select(h => h.GetProperty("id").GetGuid()).ToList();
        hits.ShouldContain(member.Id);
        var (response, html) = await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()), ("Hours", "1.5"));
        response.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(html));
        response.Headers.Location!.OriginalString.ShouldBe(CheckInUrl(activity));

        var record = (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem();
        var secretaryName = (await UserAsync(portal, "secretary")).DisplayName;
        record.MemberId.ShouldBe(member.Id);
        record.CommunityId.ShouldBe(activity.CommunityId);
        record.Source.ShouldBe(RecordSource.CheckIn);
        record.Status.ShouldBe(RecordStatus.Confirmed);
        record.ConfirmedBy.ShouldBe(secretaryName);
        record.RecordedBy.ShouldBe(secretaryName);
        record.ServedOn.ShouldBe(CheckInRules.ServedOn(activity));
        record.Content.ShouldBe(activity.Title);
        record.Category.ShouldBe(activity.Category);
        record.IsPublicWelfare.ShouldBeTrue();
        record.Minutes.ShouldBe(90);
        record.ActiveSlot.ShouldBe(1);

        var screen = await secretary.GetDocumentAsync(CheckInUrl(activity));
        screen.QuerySelector(".alert-success")!.TextContent.ShouldContain($"已签到：{member.Name}，1.5小时");
        screen.QuerySelector($"#checked-in-list tr[data-member-id='{member.Id}'] .member-name")!.TextContent.ShouldBe(member.Name);
        screen.QuerySelector("#checkin-count")!.TextContent.ShouldContain("已签到 1 / 30");
        screen.QuerySelector("#checkin-q")!.HasAttribute("autofocus").ShouldBeTrue();
        screen.QuerySelector("#checkin-hours")!.GetAttribute("value").ShouldBe("2.0", "the hours default again after each check-in");
    }

    [Fact]
    public async Task A_search_text_matching_one_member_checks_in_without_script_and_several_list_the_candidates()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromMinutes(10));
        var member = await AddMemberAsync(portal);
        await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);

        // "签" starts every test member's name: several matches, nothing written, the candidates as buttons.
        var (several, html) = await CheckInAsync(secretary, activity, ("Q", "签"));
        several.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = PortalClient.Parse(html);
        page.QuerySelectorAll("#checkin-candidates button[name=Pick]").Length.ShouldBeGreaterThan(1);
        (await FingerprintAsync(portal)).ShouldBe(before);

        // The mobile's last eight digits match this member alone.
        var (one, oneHtml) = await CheckInAsync(secretary, activity, ("Q", member.Mobile[^8..]));
        one.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(oneHtml));
        (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem().MemberId.ShouldBe(member.Id);

        var (none, noneHtml) = await CheckInAsync(secretary, activity, ("Q", "查无此人"));
        none.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(PortalClient.Parse(noneHtml), "Q").ShouldBe(CheckInMember.NoMatch);
    }

    [Fact]
    public async Task The_same_key_twice_writes_one_record_and_the_same_member_twice_is_refused()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromHours(-1));
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var form = await CheckInFormAsync(secretary, activity.Id, ("MemberId", member.Id.ToString()));
        var first = await secretary.PostFormAsync(CheckInUrl(activity), form, CheckInUrl(activity));
        var again = await secretary.PostFormAsync(CheckInUrl(activity), form, CheckInUrl(activity));
        first.StatusCode.ShouldBe(HttpStatusCode.Found);
        again.StatusCode.ShouldBe(HttpStatusCode.Found, "a repeated submission answers the first result");
        (await secretary.GetStringAsync(CheckInUrl(activity))).ShouldContain($"已签到：{member.Name}，2.0小时");
        (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem();

        // A new page view (a new key), the same member: refused.
        var (second, html) = await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()));
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(PortalClient.Parse(html), "Q").ShouldBe($"{member.Name}：{CheckInRules.AlreadyCheckedIn}");
        (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Undo_marks_the_record_undone_and_the_member_can_check_in_again()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromHours(-1));
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        (await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()))).Response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var record = (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem();

        var undo = await secretary.PostFormAsync($"{CheckInUrl(activity)}/{record.Id}/undo", Fields(("reason", "录错人")), CheckInUrl(activity));
        undo.StatusCode.ShouldBe(HttpStatusCode.Found);
        var undone = (await RecordsOfAsync(portal, activity.Id)).ShouldHaveSingleItem();
        undone.Status.ShouldBe(RecordStatus.Undone);
        undone.StatusReason.ShouldBe("录错人");
        undone.ActiveSlot.ShouldBeNull();
        var screen = await secretary.GetDocumentAsync(CheckInUrl(activity));
        screen.QuerySelector($"tr[data-record-id='{record.Id}']")!.TextContent.ShouldContain("已撤销");
        screen.QuerySelector("#checkin-count")!.TextContent.ShouldContain("已签到 0");

        // Undoing again changes nothing; checking in again writes a second record.
        var fingerprint = await FingerprintAsync(portal);
        (await secretary.PostFormAsync($"{CheckInUrl(activity)}/{record.Id}/undo", Fields(), CheckInUrl(activity))).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await FingerprintAsync(portal)).ShouldBe(fingerprint);
        (await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()))).Response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var records = await RecordsOfAsync(portal, activity.Id);
        records.Count.ShouldBe(2);
        records.Count(r => r.Status == RecordStatus.Confirmed).ShouldBe(1);
    }

    [Theory]
    [InlineData("0", CheckInRules.HoursPositive)]
    [InlineData("-2", CheckInRules.HoursPositive)]
    [InlineData("2.1", "服务时长不能超过活动时长（2.0小时）")]
    [InlineData("", CheckInRules.HoursRequired)]
    [InlineData("abc", "请填写正确的时长（小时，可含一位小数）")]
    public async Task Bad_hours_are_refused_beside_the_field(string hours, string message)
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromHours(-1));
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        var (response, html) = await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()), ("Hours", hours));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(PortalClient.Parse(html), "Hours").ShouldBe(message);
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task Outside_the_window_or_cancelled_nothing_is_written()
    {
        var member = await AddMemberAsync(portal);
        var future = await AddActivityAsync(portal, TimeSpan.FromMinutes(45));
        var late = await AddActivityAsync(portal, TimeSpan.FromHours(-27));
        var cancelled = await AddActivityAsync(portal, TimeSpan.FromMinutes(-10), change: a => { a.IsCancelled = true; a.CancelReason = "下雨"; });
        using (var secretary = await portal.ClientFor("secretary"))
        {
            var before = await FingerprintAsync(portal);
            foreach (var (activity, message) in new[]
                     {
                         (future, "不在活动签到时间内（活动尚未开始"), (late, "不在活动签到时间内（活动结束已超过24小时"), (cancelled, CheckInRules.Cancelled),
                     })
            {
                var (response, html) = await CheckInAsync(secretary, activity, ("MemberId", member.Id.ToString()));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                PortalClient.Parse(html).QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain(message);
            }
            (await FingerprintAsync(portal)).ShouldBe(before);
        }

        // 20 minutes later the future activity starts in 25 minutes: its window is open.
        portal.Time.Advance(TimeSpan.FromMinutes(20));
        using var later = await portal.ClientFor("secretary");
        (await CheckInAsync(later, future, ("MemberId", member.Id.ToString()))).Response.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await RecordsOfAsync(portal, future.Id)).ShouldHaveSingleItem().Status.ShouldBe(RecordStatus.Confirmed);
    }

    [Fact]
    public async Task Members_of_other_communities_and_moved_out_members_are_not_checked_in()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromHours(-1));
        var foreign = await AddMemberAsync(portal, "secretary2");
        var movedOut = await AddMemberAsync(portal);
        await portal.WithDbAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == movedOut.Id);
            m.MovedOutOn = new DateOnly(2026, 1, 1);
            await db.SaveChangesAsync();
        });
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        foreach (var id in new[] { foreign.Id, movedOut.Id })
        {
            var (response, html) = await CheckInAsync(secretary, activity, ("MemberId", id.ToString()));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            FieldError(PortalClient.Parse(html), "Q").ShouldBe(CheckInMember.NoMatch);
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
    }
}

public sealed class SqliteCheckInTests(SqlitePortal portal) : CheckInTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresCheckInTests(PostgresPortal portal) : CheckInTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
