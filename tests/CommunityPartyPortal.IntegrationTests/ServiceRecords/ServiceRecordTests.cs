using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.ServiceRecords.ServiceRecordTestData;

namespace CommunityPartyPortal.IntegrationTests.ServiceRecords;

/// <summary>写实登记 through HTTP: recording outside activities, confirming, rejecting, correcting; bad input and other tenants write nothing.</summary>
public abstract class ServiceRecordTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private DateOnly Today => Domain.Common.Clock.TodayInChina(portal.Time);

    [Fact]
    public async Task A_service_with_a_confirmer_is_confirmed_without_one_pending_and_a_repeated_post_writes_nothing()
    {
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetStringAsync("/service-records/new")).ShouldContain("IdempotencyKey");

        var form = RecordForm(member.Id, Today.AddDays(-3), hours: "2.5");
        var saved = await secretary.PostFormAsync("/service-records/new", form);
        await ShouldRedirectAsync(saved);
        var record = (await RecordsOfAsync(portal, member.Id)).ShouldHaveSingleItem();
        record.Status.ShouldBe(RecordStatus.Confirmed);
        record.ConfirmedBy.ShouldBe("网格长 李四");
        record.Source.ShouldBe(RecordSource.Manual);
        record.Minutes.ShouldBe(150);
        record.IsPublicWelfare.ShouldBeTrue();
        record.Category.ShouldBe(Domain.Members.ServiceCategory.Environment);
        record.CommunityId.ShouldBe(member.CommunityId!.Value);

        // The same form again (double click, back and resubmit): nothing new.
        await ShouldRedirectAsync(await secretary.PostFormAsync("/service-records/new", form));
        (await RecordsOfAsync(portal, member.Id)).Count.ShouldBe(1);

        await ShouldRedirectAsync(await secretary.PostFormAsync("/service-records/new", RecordForm(member.Id, Today, hours: "1", confirmedBy: null)));
        var pending = (await RecordsOfAsync(portal, member.Id))[1];
        pending.Status.ShouldBe(RecordStatus.Pending);
        pending.ConfirmedBy.ShouldBeNull();

        var list = await secretary.GetDocumentAsync($"/service-records?member={member.Id}&year={Today.Year}");
        list.QuerySelectorAll("#record-list tr[data-record-id]").Length.ShouldBe(2);
        list.QuerySelector("#record-hours")!.TextContent.ShouldBe("3.5");
        list.QuerySelector("#confirmed-hours")!.TextContent.ShouldBe("2.5");
        var filtered = await secretary.GetDocumentAsync($"/service-records?member={member.Id}&year={Today.Year}&status=Pending");
        filtered.QuerySelector($"#record-list tr[data-record-id='{pending.Id}']").ShouldNotBeNull();
        filtered.QuerySelectorAll("#record-list tr[data-record-id]").Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("future")]
    [InlineData("hours0")]
    [InlineData("hours25")]
    [InlineData("nocontent")]
    [InlineData("nomember")]
    [InlineData("othercommunity")]
    [InlineData("nocategory")]
    public async Task Bad_input_shows_a_message_and_writes_nothing(string bad)
    {
        var member = await AddMemberAsync(portal);
        var other = await AddMemberAsync(portal, "secretary2");
        var form = RecordForm(member.Id, Today.AddDays(-1));
        var (field, message) = bad switch
        {
            "future" => ("ServedOn", "服务日期不能晚于今天"),
            "hours0" => ("Hours", "服务时长应大于0且不超过24小时"),
            "hours25" => ("Hours", "服务时长应大于0且不超过24小时"),
            "nocontent" => ("Content", "请填写服务内容"),
            "nocategory" => ("Category", "请选择一个服务类别"),
            _ => ("MemberId", "请选择本社区的党员"),
        };
        switch (bad)
        {
            case "future": form["ServedOn"] = Iso(Today.AddDays(1)); break;
            case "hours0": form["Hours"] = "0"; break;
            case "hours25": form["Hours"] = "25"; break;
            case "nocontent": form["Content"] = "  "; break;
            case "nocategory": form["Category"] = ""; break;
            case "nomember": form["MemberId"] = ""; break;
            case "othercommunity": form["MemberId"] = other.Id.ToString(); break;
        }
        var before = await FingerprintAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var response = await secretary.PostFormAsync("/service-records/new", form);
        var page = await TestForms.ShouldBeFormWithErrorsAsync(response);
        TestForms.FieldError(page, field).ShouldBe(message);
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task Pending_records_are_confirmed_or_rejected_once_and_confirmed_ones_only_corrected()
    {
        var member = await AddMemberAsync(portal);
        var toReject = await AddRecordAsync(portal, member, Today.AddDays(-5), 60, RecordStatus.Pending);
        var toConfirm = await AddRecordAsync(portal, member, Today.AddDays(-4), 90, RecordStatus.Pending);
        using var secretary = await portal.ClientFor("secretary");

        // Rejecting needs a reason.
        var before = await FingerprintAsync(portal);
        await secretary.PostFormAsync($"/service-records/{toReject.Id}/reject", new Dictionary<string, string> { ["reason"] = " " }, "/service-records");
        (await FingerprintAsync(portal)).ShouldBe(before);
        await ShouldRedirectAsync(await secretary.PostFormAsync($"/service-records/{toReject.Id}/reject", new Dictionary<string, string> { ["reason"] = "当天未到场" }, "/service-records"));
        var rejected = await RecordAsync(portal, toReject.Id);
        rejected.Status.ShouldBe(RecordStatus.Rejected);
        rejected.StatusReason.ShouldBe("当天未到场");

        await ShouldRedirectAsync(await secretary.PostFormAsync($"/service-records/{toConfirm.Id}/confirm", new Dictionary<string, string>(), "/service-records"));
        var confirmed = await RecordAsync(portal, toConfirm.Id);
        confirmed.Status.ShouldBe(RecordStatus.Confirmed);
        confirmed.ConfirmedBy.ShouldNotBeNullOrEmpty();

        // State violations: a rejected record is not confirmed, a confirmed one not rejected, neither is corrected twice.
        before = await FingerprintAsync(portal);
        var again = await secretary.PostFormAsync($"/service-records/{toReject.Id}/confirm", new Dictionary<string, string>(), "/service-records");
        var error = await FlashErrorAsync(secretary, again);
        error.ShouldContain("只有待确认的记录可以确认或不通过");
        error = await FlashErrorAsync(secretary, await secretary.PostFormAsync($"/service-records/{toConfirm.Id}/reject", new Dictionary<string, string> { ["reason"] = "改主意" }, "/service-records"));
        error.ShouldContain("只有待确认的记录可以确认或不通过");
        var correctRejected = await secretary.PostFormAsync($"/service-records/{toReject.Id}/correct", CorrectionFields(toReject, "1"), "/service-records");
        (await TestForms.ShouldBeFormWithErrorsAsync(correctRejected)).QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("只有待确认或已确认的记录可以更正");
        (await FingerprintAsync(portal)).ShouldBe(before);

        // Correcting a confirmed record: a new record pointing back, the old one 已更正 with the reason.
        var fields = CorrectionFields(confirmed, "3");
        fields.Remove("Reason");
        var noReason = await secretary.PostFormAsync($"/service-records/{toConfirm.Id}/correct", fields, "/service-records");
        TestForms.FieldError(await TestForms.ShouldBeFormWithErrorsAsync(noReason), "Reason").ShouldBe("请填写更正原因");
        (await FingerprintAsync(portal)).ShouldBe(before);
        await ShouldRedirectAsync(await secretary.PostFormAsync($"/service-records/{toConfirm.Id}/correct", CorrectionFields(confirmed, "3"), "/service-records"));
        var old = await RecordAsync(portal, toConfirm.Id);
        old.Status.ShouldBe(RecordStatus.Corrected);
        old.StatusReason.ShouldBe("时长登记有误");
        var correction = (await RecordsOfAsync(portal, member.Id)).Single(r => r.CorrectsId == toConfirm.Id);
        correction.Minutes.ShouldBe(180);
        correction.Status.ShouldBe(RecordStatus.Confirmed);
        correction.ConfirmedBy.ShouldBe("楼长 王五");
        (await RecordsOfAsync(portal, member.Id)).Count.ShouldBe(3);

        // A stale correction form (the old version) is refused.
        var stale = await secretary.PostFormAsync($"/service-records/{toConfirm.Id}/correct", CorrectionFields(confirmed, "4"), "/service-records");
        (await TestForms.ShouldBeFormWithErrorsAsync(stale)).QuerySelector(".validation-summary-errors").ShouldNotBeNull();
        (await RecordsOfAsync(portal, member.Id)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_service_record_cannot_be_deleted()
    {
        var member = await AddMemberAsync(portal);
        var record = await AddRecordAsync(portal, member, Today.AddDays(-1), 60);
        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => portal.WithDbAsync(async db =>
        {
            db.ServiceRecords.Remove(await db.ServiceRecords.SingleAsync(r => r.Id == record.Id));
            await db.SaveChangesAsync();
        }));
        thrown.Message.ShouldContain("不能删除");
        (await RecordAsync(portal, record.Id)).Status.ShouldBe(RecordStatus.Confirmed);
    }

    [Fact]
    public async Task Another_community_and_other_roles_reach_no_record()
    {
        var member = await AddMemberAsync(portal);
        var record = await AddRecordAsync(portal, member, Today.AddDays(-2), 60, RecordStatus.Pending);
        var before = await FingerprintAsync(portal);
        using (var other = await portal.ClientFor("secretary2"))
        {
            (await other.GetAsync($"/service-records/{record.Id}/correct")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostFormAsync($"/service-records/{record.Id}/confirm", new Dictionary<string, string>(), "/service-records")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostFormAsync($"/service-records/{record.Id}/reject", new Dictionary<string, string> { ["reason"] = "x" }, "/service-records")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostFormAsync($"/service-records/{record.Id}/correct", CorrectionFields(record, "2"), "/service-records")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var list = await other.GetDocumentAsync($"/service-records?year={record.ServedOn.Year}&member={member.Id}");
            list.QuerySelector($"tr[data-record-id='{record.Id}']").ShouldBeNull();
        }
        foreach (var user in new[] { "county", "street", "unit", "member" })
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync("/service-records")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.GetAsync("/service-records/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.GetAsync($"/service-records/{record.Id}/correct")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostFormAsync($"/service-records/{record.Id}/confirm", new Dictionary<string, string>(), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostFormAsync($"/service-records/{record.Id}/reject", new Dictionary<string, string> { ["reason"] = "x" }, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
            (await client.PostFormAsync("/service-records/new", RecordForm(member.Id, Today), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    private static Dictionary<string, string> CorrectionFields(ServiceRecord r, string hours) => new()
    {
        ["ServedOn"] = Iso(r.ServedOn),
        ["Content"] = r.Content,
        ["Category"] = r.Category.ToString(),
        ["Hours"] = hours,
        ["ConfirmedBy"] = "楼长 王五",
        ["Reason"] = "时长登记有误",
        ["Version"] = r.Version.ToString(),
    };

    private static async Task<string> FlashErrorAsync(PortalClient client, HttpResponseMessage response)
    {
        await ShouldRedirectAsync(response);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return page.QuerySelector(".alert-danger")?.TextContent.Trim() ?? "";
    }
}

public sealed class SqliteServiceRecordTests(SqlitePortal portal) : ServiceRecordTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresServiceRecordTests(PostgresPortal portal) : ServiceRecordTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
