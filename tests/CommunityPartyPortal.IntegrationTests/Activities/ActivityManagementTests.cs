using System.Net;
using CommunityPartyPortal.Domain.Common;
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

/// <summary>活动管理 through HTTP: create, edit, cancel, the list, and the recurring generation (counts, idempotency).</summary>
public abstract class ActivityManagementTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static List<KeyValuePair<string, string>> Valid(string title, string start = "2026-12-05T09:00", string end = "2026-12-05T11:30") => Fields(
        ("Title", title), ("Kind", nameof(ActivityKind.Regular)), ("Category", nameof(Domain.Members.ServiceCategory.CultureRecreation)),
        ("IsPublicWelfare", "true"), ("Place", "社区活动室"), ("StartsAt", start), ("EndsAt", end), ("Organiser", "张书记"),
        ("Capacity", "20"), ("DefaultHours", "2.5"), ("Description", "文艺汇演"));

    [Fact]
    public async Task The_secretary_creates_edits_and_cancels_an_activity()
    {
        using var secretary = await portal.ClientFor("secretary");
        var title = "新建活动" + Guid.NewGuid().ToString("N")[..6];
        var created = await secretary.PostFormAsync("/activities/new", Valid(title), "/activities/new");
        created.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(await created.Content.ReadAsStringAsync()));
        var activity = await portal.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Title == title));
        activity.CommunityId.ShouldBe((await UserAsync(portal, "secretary")).OrganizationId);
        Clock.ToChina(activity.StartsAt).ShouldBe(new DateTime(2026, 12, 5, 9, 0, 0));
        activity.LengthMinutes.ShouldBe(150);
        activity.DefaultMinutes.ShouldBe(150);
        activity.IsPublicWelfare.ShouldBeTrue();
        activity.CheckInCode.Length.ShouldBeGreaterThanOrEqualTo(16);
        created.Headers.Location!.OriginalString.ShouldBe($"/activities/{activity.Id}");
        (await secretary.GetStringAsync($"/activities/{activity.Id}")).ShouldContain($"/checkin/{activity.CheckInCode}");

        // Edit with the version the page carries.
        var edit = FieldsOf(await secretary.GetDocumentAsync($"/activities/{activity.Id}/edit"), "#activity-form", trimTextAreas: true)
            .With("Place", "党群服务中心").With("DefaultHours", "1.5");
        (await secretary.PostFormAsync($"/activities/{activity.Id}/edit", edit, "/activities/new")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var edited = (await ActivityAsync(portal, activity.Id))!;
        edited.Place.ShouldBe("党群服务中心");
        edited.DefaultMinutes.ShouldBe(90);

        // The same stale form again: someone else saved in between.
        var before = await FingerprintAsync(portal);
        var stale = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{activity.Id}/edit", edit.With("Place", "别处"), "/activities/new"));
        stale.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain(SaveActivity.Stale);
        (await FingerprintAsync(portal)).ShouldBe(before);

        // Cancel: a reason is required.
        var noReason = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{activity.Id}/cancel", Fields(("reason", " ")), "/activities/new"));
        FieldError(noReason, "reason").ShouldBe(CancelActivity.ReasonRequired);
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await secretary.PostFormAsync($"/activities/{activity.Id}/cancel", Fields(("reason", "天气原因")), "/activities/new")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var cancelled = (await ActivityAsync(portal, activity.Id))!;
        cancelled.IsCancelled.ShouldBeTrue();
        cancelled.CancelReason.ShouldBe("天气原因");
        // A cancelled activity is no longer edited.
        var after = await FingerprintAsync(portal);
        var refused = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{activity.Id}/edit", Valid("改名"), "/activities/new"));
        refused.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain(SaveActivity.CancelledNoEdit);
        (await FingerprintAsync(portal)).ShouldBe(after);
    }

    [Theory]
    [InlineData("EndsAt", "2026-12-05T08:00", "结束时间必须晚于开始时间")]
    [InlineData("EndsAt", "2026-12-05T09:00", "结束时间必须晚于开始时间")]
    [InlineData("DefaultHours", "0", "默认服务时长必须大于0")]
    [InlineData("DefaultHours", "-1", "默认服务时长必须大于0")]
    [InlineData("DefaultHours", "2.6", "默认服务时长不能超过活动时长（2.5小时）")]
    [InlineData("Capacity", "0", "人数上限至少为1人（不限人数请留空）")]
    [InlineData("Title", "", "请填写活动名称")]
    [InlineData("Category", "", "请选择服务类别")]
    [InlineData("StartsAt", "", "请填写开始时间")]
    public async Task A_bad_activity_form_writes_nothing_and_says_why_beside_the_field(string field, string value, string message)
    {
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        var existing = await AddActivityAsync(portal, TimeSpan.FromDays(3));
        var afterArrange = await FingerprintAsync(portal);
        afterArrange.ShouldNotBe(before);

        var page = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/activities/new", Valid("坏活动").With(field, value), "/activities/new"));
        FieldError(page, field).ShouldBe(message);
        var edit = FieldsOf(await secretary.GetDocumentAsync($"/activities/{existing.Id}/edit"), "#activity-form", trimTextAreas: true)
            .With("StartsAt", "2026-12-05T09:00").With("EndsAt", "2026-12-05T11:30").With("DefaultHours", "2").With(field, value);
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{existing.Id}/edit", edit, "/activities/new")), field).ShouldBe(message);
        (await FingerprintAsync(portal)).ShouldBe(afterArrange);
    }

    [Fact]
    public async Task With_members_checked_in_the_date_stays_and_the_length_covers_their_hours()
    {
        var activity = await AddActivityAsync(portal, TimeSpan.FromMinutes(-10));
        var member = await ActivitiesTestData.AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var form = await CheckInFormAsync(secretary, activity.Id, ("MemberId", member.Id.ToString()));
        (await secretary.PostFormAsync($"/activities/{activity.Id}/checkin", form, "/activities")).StatusCode.ShouldBe(HttpStatusCode.Found);
        var start = Clock.ToChina(activity.StartsAt);
        var before = await FingerprintAsync(portal);
        var edit = FieldsOf(await secretary.GetDocumentAsync($"/activities/{activity.Id}/edit"), "#activity-form", trimTextAreas: true)
            .With("StartsAt", start.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .With("EndsAt", start.AddDays(1).AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{activity.Id}/edit", edit, "/activities")), "StartsAt")
            .ShouldBe("已有党员签到，不能改变活动日期（请先撤销签到）");
        edit.With("StartsAt", start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .With("EndsAt", start.AddHours(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)).With("DefaultHours", "1");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/activities/{activity.Id}/edit", edit, "/activities")), "EndsAt")
            .ShouldBe("已有签到时长2.0小时，活动时长不能短于它");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_list_shows_upcoming_and_past_activities_filtered()
    {
        var upcoming = await AddActivityAsync(portal, TimeSpan.FromDays(2), change: a => a.Kind = ActivityKind.ConcentratedService);
        var past = await AddActivityAsync(portal, TimeSpan.FromDays(-3));
        var foreign = await AddActivityAsync(portal, TimeSpan.FromDays(2), secretary: "secretary2");
        using var secretary = await portal.ClientFor("secretary");
        var month = Clock.ToChina(upcoming.StartsAt).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var list = await secretary.GetDocumentAsync($"/activities?when=upcoming&month={month}&kind=ConcentratedService");
        list.QuerySelector($"tr[data-activity-id='{upcoming.Id}']").ShouldNotBeNull();
        list.QuerySelector($"tr[data-activity-id='{past.Id}']").ShouldBeNull();
        list.QuerySelector($"tr[data-activity-id='{foreign.Id}']").ShouldBeNull();
        (await secretary.GetDocumentAsync("/activities?when=upcoming&kind=MeetingDay")).QuerySelector($"tr[data-activity-id='{upcoming.Id}']").ShouldBeNull();
        (await secretary.GetDocumentAsync("/activities?when=upcoming&category=LegalAid")).QuerySelector($"tr[data-activity-id='{upcoming.Id}']").ShouldBeNull();
        var pastList = await secretary.GetDocumentAsync("/activities?when=past&category=Environment");
        pastList.QuerySelector($"tr[data-activity-id='{past.Id}']").ShouldNotBeNull();
        pastList.QuerySelector($"tr[data-activity-id='{upcoming.Id}']").ShouldBeNull();
    }

    [Fact]
    public async Task Recurring_activities_are_generated_for_a_year_once()
    {
        var year = Clock.TodayInChina(portal.Time).Year + 1;
        var community = (await UserAsync(portal, "secretary")).OrganizationId;
        using var secretary = await portal.ClientFor("secretary");
        List<KeyValuePair<string, string>> Form(ActivityKind kind) => Fields(("Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Kind", kind.ToString()), ("StartTime", "09:00"), ("EndTime", "11:00"), ("Place", "党群服务中心"),
            ("Category", "PolicyPublicity"), ("IsPublicWelfare", "true"), ("DefaultHours", "2"));
        Task<List<Activity>> GeneratedAsync(ActivityKind kind) => portal.WithDbAsync(db => db.Activities.AsNoTracking()
            .Where(a => a.CommunityId == community && a.Kind == kind).ToListAsync());

        // Bad input first: nothing written.
        var before = await FingerprintAsync(portal);
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/activities/generate", Form(ActivityKind.MeetingDay).With("EndTime", "08:00"), "/activities/generate")), "EndTime")
            .ShouldBe("结束时刻必须晚于开始时刻");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/activities/generate", Form(ActivityKind.MeetingDay).With("DefaultHours", "3"), "/activities/generate")), "DefaultHours")
            .ShouldBe("默认服务时长不能超过活动时长（2.0小时）");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/activities/generate", Form(ActivityKind.Regular), "/activities/generate")), "Kind")
            .ShouldBe("请选择党员活动日或志愿服务日");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/activities/generate", Form(ActivityKind.MeetingDay).With("Year", "1999"), "/activities/generate")), "Year")
            .ShouldStartWith("年度须在");
        (await FingerprintAsync(portal)).ShouldBe(before);

        foreach (var (kind, count) in new[] { (ActivityKind.MeetingDay, 6), (ActivityKind.VolunteerDay, 4) })
        {
            var first = await secretary.PostFormAsync("/activities/generate", Form(kind), "/activities/generate");
            first.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(await first.Content.ReadAsStringAsync()));
            var generated = (await GeneratedAsync(kind)).Where(a => Clock.ToChina(a.StartsAt).Year == year).ToList();
            generated.Count.ShouldBe(count);
            generated.Select(a => a.SeriesId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
            generated.Select(a => DateOnly.FromDateTime(Clock.ToChina(a.StartsAt))).Order().ShouldBe(RecurringDates.For(kind, year));
            generated.ShouldAllBe(a => Clock.ToChina(a.StartsAt).Hour == 9 && a.LengthMinutes == 120 && a.Place == "党群服务中心" && a.Title == kind.Text());

            // Again: every date exists already, nothing is added.
            var fingerprint = await FingerprintAsync(portal);
            (await secretary.PostFormAsync("/activities/generate", Form(kind), "/activities/generate")).StatusCode.ShouldBe(HttpStatusCode.Found);
            (await secretary.GetStringAsync("/activities")).ShouldContain($"已生成{year}年{kind.Text()}0场，{count}场已存在未重复生成");
            (await FingerprintAsync(portal)).ShouldBe(fingerprint);
        }
    }
}

public sealed class SqliteActivityManagementTests(SqlitePortal portal) : ActivityManagementTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresActivityManagementTests(PostgresPortal portal) : ActivityManagementTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
