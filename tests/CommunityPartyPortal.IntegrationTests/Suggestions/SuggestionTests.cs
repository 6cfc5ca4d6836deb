using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Suggestions;

/// <summary>合理建议 and 表彰 through HTTP: recorded by the secretary or submitted by the member, answered, listed; bad input refused.</summary>
public abstract class SuggestionTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<Suggestion?> SuggestionAsync(Guid id) => portal.WithDbAsync(db => db.Suggestions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id));

    private Task<Guid> DemoMemberIdAsync() => portal.WithDbAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "member")).MemberId!.Value);

    [Fact]
    public async Task The_secretary_records_and_answers_a_suggestion_and_the_counts_follow()
    {
        var member = await AddMemberAsync(portal);
        var today = Today(portal);
        using var secretary = await portal.ClientFor("secretary");
        var location = await RedirectAsync(await secretary.PostFormAsync("/suggestions/new", new Dictionary<string, string>
        {
            ["MemberId"] = member.Id.ToString(), ["SubmittedOn"] = Iso(today), ["Title"] = "增设夜间路灯", ["Content"] = "小区北门路段夜间太暗", ["Addressee"] = "社区党组织",
        }));
        var id = Guid.Parse(location["/suggestions/".Length..]);
        var saved = (await SuggestionAsync(id))!;
        saved.MemberId.ShouldBe(member.Id);
        saved.CommunityId.ShouldBe(await CommunityOfAsync(portal, "secretary"));
        saved.Status.ShouldBe(SuggestionStatus.Submitted);

        var list = await secretary.GetDocumentAsync($"/suggestions?year={today.Year}&status=Submitted");
        list.QuerySelector($"tr[data-suggestion-id='{id}']").ShouldNotBeNull();

        var form = FieldsOf(await secretary.GetDocumentAsync($"/suggestions/{id}"), "#answer-form", trimTextAreas: true)
            .With("Status", nameof(SuggestionStatus.Adopted)).With("Answer", "已协调物业安装").With("AnsweredOn", Iso(today));
        await RedirectAsync(await secretary.PostFormAsync($"/suggestions/{id}/answer", form, $"/suggestions/{id}"));
        var answered = (await SuggestionAsync(id))!;
        answered.Status.ShouldBe(SuggestionStatus.Adopted);
        answered.Answer.ShouldBe("已协调物业安装");
        answered.AnsweredOn.ShouldBe(today);
        answered.AnsweredBy.ShouldNotBeNullOrWhiteSpace();

        var adopted = await secretary.GetDocumentAsync($"/suggestions?year={today.Year}&status=Adopted");
        adopted.QuerySelector($"tr[data-suggestion-id='{id}']").ShouldNotBeNull();
        (await secretary.GetDocumentAsync($"/suggestions?year={today.Year}&status=Submitted")).QuerySelector($"tr[data-suggestion-id='{id}']").ShouldBeNull();
        adopted.QuerySelector("#suggestion-counts [data-status='Adopted']")!.TextContent.ShouldNotContain(" 0");
    }

    [Fact]
    public async Task Bad_suggestions_and_answers_are_refused_and_nothing_is_written()
    {
        var member = await AddMemberAsync(portal);
        var today = Today(portal);
        using var secretary = await portal.ClientFor("secretary");
        Dictionary<string, string> Fields() => new()
        {
            ["MemberId"] = member.Id.ToString(), ["SubmittedOn"] = Iso(today), ["Title"] = "标题", ["Content"] = "内容",
        };
        async Task<AngleSharp.Dom.IDocument> RefusedAsync(string url, Dictionary<string, string> fields, string page)
        {
            var before = await FingerprintAsync(portal);
            var doc = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync(url, fields, page));
            (await FingerprintAsync(portal)).ShouldBe(before);
            return doc;
        }
        FieldError(await RefusedAsync("/suggestions/new", new(Fields()) { ["SubmittedOn"] = Iso(today.AddDays(1)) }, "/suggestions/new"), "SubmittedOn").ShouldContain("不能晚于今天");
        FieldError(await RefusedAsync("/suggestions/new", new(Fields()) { ["MemberId"] = "" }, "/suggestions/new"), "MemberId").ShouldContain("请选择");
        FieldError(await RefusedAsync("/suggestions/new", new(Fields()) { ["Title"] = "" }, "/suggestions/new"), "Title").ShouldContain("请填写建议标题");
        FieldError(await RefusedAsync("/suggestions/new", new(Fields()) { ["Content"] = new string('长', 1001) }, "/suggestions/new"), "Content").ShouldContain("不能超过1000");

        var suggestion = await AddSuggestionAsync(portal, member, today.AddDays(-2));
        Dictionary<string, string> Answer() => new()
        {
            ["Status"] = nameof(SuggestionStatus.Answered), ["Answer"] = "答复", ["AnsweredOn"] = Iso(today), ["Version"] = suggestion.Version.ToString(),
        };
        var url = $"/suggestions/{suggestion.Id}/answer";
        var page = $"/suggestions/{suggestion.Id}";
        FieldError(await RefusedAsync(url, new(Answer()) { ["AnsweredOn"] = Iso(today.AddDays(1)) }, page), "AnsweredOn").ShouldContain("不能晚于今天");
        FieldError(await RefusedAsync(url, new(Answer()) { ["AnsweredOn"] = Iso(today.AddDays(-3)) }, page), "AnsweredOn").ShouldContain("不能早于建议提出日期");
        FieldError(await RefusedAsync(url, new(Answer()) { ["Status"] = nameof(SuggestionStatus.Submitted) }, page), "Status").ShouldContain("请选择答复结果");
        FieldError(await RefusedAsync(url, new(Answer()) { ["Answer"] = "" }, page), "Answer").ShouldContain("请填写答复内容");
        (await SuggestionAsync(suggestion.Id))!.Status.ShouldBe(SuggestionStatus.Submitted);
    }

    [Fact]
    public async Task A_member_submits_his_own_suggestion_sees_the_answer_and_only_his_own()
    {
        var self = await DemoMemberIdAsync();
        var other = await AddMemberAsync(portal);
        var othersSuggestion = await AddSuggestionAsync(portal, other, Today(portal));
        using var member = await portal.ClientFor("member");

        var before = await FingerprintAsync(portal);
        var refused = await ShouldBeFormWithErrorsAsync(await member.PostFormAsync("/suggestions/mine", new Dictionary<string, string>
        {
            ["Form.SubmittedOn"] = Iso(Today(portal).AddDays(1)), ["Form.Title"] = "标题", ["Form.Content"] = "内容",
        }));
        FieldError(refused, "Form.SubmittedOn").ShouldContain("不能晚于今天");
        (await FingerprintAsync(portal)).ShouldBe(before);

        // The posted member is ignored: a member submits only for himself.
        await RedirectAsync(await member.PostFormAsync("/suggestions/mine", new Dictionary<string, string>
        {
            ["Form.MemberId"] = other.Id.ToString(), ["Form.SubmittedOn"] = Iso(Today(portal)), ["Form.Title"] = "增加健身器材", ["Form.Content"] = "广场的器材老化", ["Form.Addressee"] = "社区",
        }));
        var mine = await portal.WithDbAsync(db => db.Suggestions.AsNoTracking().SingleAsync(s => s.Title == "增加健身器材"));
        mine.MemberId.ShouldBe(self);
        mine.CommunityId.ShouldBe(await CommunityOfAsync(portal, "secretary"));

        using var secretary = await portal.ClientFor("secretary");
        var form = FieldsOf(await secretary.GetDocumentAsync($"/suggestions/{mine.Id}"), "#answer-form", trimTextAreas: true)
            .With("Status", nameof(SuggestionStatus.Answered)).With("Answer", "已报街道统一更换").With("AnsweredOn", Iso(Today(portal)));
        await RedirectAsync(await secretary.PostFormAsync($"/suggestions/{mine.Id}/answer", form, $"/suggestions/{mine.Id}"));

        var page = await member.GetDocumentAsync("/suggestions/mine");
        page.QuerySelector($"[data-suggestion-id='{mine.Id}'] .my-answer")!.TextContent.ShouldContain("已报街道统一更换");
        page.QuerySelector($"[data-suggestion-id='{othersSuggestion.Id}']").ShouldBeNull();
        (await member.GetAsync($"/suggestions/{othersSuggestion.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.PostFormAsync($"/suggestions/{mine.Id}/answer", form, "/suggestions/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await secretary.GetAsync("/suggestions/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_secretary_records_a_recognition_and_a_future_date_is_refused()
    {
        var member = await AddMemberAsync(portal);
        var today = Today(portal);
        using var secretary = await portal.ClientFor("secretary");
        Dictionary<string, string> Fields(DateOnly on) => new()
        {
            ["Form.MemberId"] = member.Id.ToString(), ["Form.Title"] = "服务标兵", ["Form.AwardedOn"] = Iso(on), ["Form.AwardedBy"] = "社区党委",
        };
        var before = await FingerprintAsync(portal);
        var refused = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/recognitions", Fields(today.AddDays(1))));
        FieldError(refused, "Form.AwardedOn").ShouldContain("不能晚于今天");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/recognitions", new Dictionary<string, string>(Fields(today)) { ["Form.Title"] = "" })), "Form.Title")
            .ShouldContain("请填写表彰名称");
        (await FingerprintAsync(portal)).ShouldBe(before);

        await RedirectAsync(await secretary.PostFormAsync("/recognitions", Fields(today)));
        var saved = await portal.WithDbAsync(db => db.Recognitions.AsNoTracking().SingleAsync(r => r.MemberId == member.Id));
        saved.Year.ShouldBe(today.Year);
        saved.Title.ShouldBe("服务标兵");
        saved.CommunityId.ShouldBe(await CommunityOfAsync(portal, "secretary"));
        (await secretary.GetDocumentAsync($"/recognitions?year={today.Year}")).QuerySelector($"tr[data-recognition-id='{saved.Id}']").ShouldNotBeNull();

        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetDocumentAsync($"/recognitions?year={today.Year}")).QuerySelector($"tr[data-recognition-id='{saved.Id}']").ShouldBeNull();
    }
}

public sealed class SqliteSuggestionTests(SqlitePortal portal) : SuggestionTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresSuggestionTests(PostgresPortal portal) : SuggestionTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
