using System.Net;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// 反馈周期 and 反馈卡 through HTTP: the county creates a year's cycles from a preset and closes a quarter (drafts); the
/// secretary reviews, sends one or many, corrects; bad input, a sent card and a stale version are refused with the
/// Chinese message and write nothing.
/// </summary>
public abstract class FeedbackReviewWebTests<TPortal>(TPortal portal) : FeedbackWebTests<TPortal>(portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_county_creates_a_years_cycles_from_a_preset_and_closing_one_drafts_the_reported_members()
    {
        var s = await ClosedQuarterAsync("安", "白");
        var cycles = await Portal.WithDbAsync(db => db.FeedbackCycles.AsNoTracking().Where(c => c.Year == s.Year).OrderBy(c => c.EndsOn).ThenBy(c => c.Period).ToListAsync());
        cycles.Select(c => c.Label).ShouldBe([$"{s.Year}年第一季度", $"{s.Year}年第二季度", $"{s.Year}年第三季度", $"{s.Year}年第四季度", $"{s.Year}年度"]);
        cycles[0].Status.ShouldBe(FeedbackCycleStatus.Closed);
        cycles.Skip(1).ShouldAllBe(c => c.Status == FeedbackCycleStatus.Open);
        var cards = await Portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().Where(c => c.CycleId == s.CycleId).ToListAsync());
        cards.Select(c => c.MemberId).Order().ShouldBe(new[] { s.Here[0].Id, s.Here[1].Id, s.There.Id }.Order());
        cards.ShouldAllBe(c => c.Status == FeedbackCardStatus.Draft && c.Serial == null);

        using var county = await Portal.ClientFor("county");
        var page = $"/feedback/cycles?year={s.Year}";
        var row = (await county.GetDocumentAsync(page)).QuerySelector($"tr[data-cycle-id='{s.CycleId}']")!;
        row.QuerySelector("[data-count='Draft']")!.TextContent.Trim().ShouldBe("3");
        row.QuerySelector(".cycle-status")!.TextContent.ShouldContain("已关闭");

        // The preset again: refused, nothing added.
        (await FlashAfterAsync(county, await county.PostFormAsync("/feedback/cycles/preset",
            new Dictionary<string, string> { ["year"] = Text(s.Year), ["preset"] = FeedbackCyclePresets.Seed000 }, page))).ShouldContain("不能重复创建");
        (await Portal.WithDbAsync(db => db.FeedbackCycles.CountAsync(c => c.Year == s.Year))).ShouldBe(5);

        // Closing again drafts only the members still missing.
        var late = await TestMembers.AddMemberAsync(Portal, await CommunityOfAsync(Portal, "secretary"), s.Unit, id => "迟报" + id[^4..]);
        await Roster.RosterTestData.ConfirmReportAsync(Portal, late.Id, late.CommunityId!.Value, s.Year, new DateOnly(s.Year, 2, 1));
        (await FlashAfterAsync(county, await county.PostFormAsync($"/feedback/cycles/{s.CycleId}/close", new Dictionary<string, string>(), page)))
            .ShouldContain("已生成 1 张反馈卡草稿");
        (await Portal.WithDbAsync(db => db.FeedbackCards.CountAsync(c => c.CycleId == s.CycleId))).ShouldBe(4);

        // A cycle that has not ended cannot be closed.
        var next = Today(Portal).Year + 1;
        await RedirectAsync(await county.PostFormAsync("/feedback/cycles/preset",
            new Dictionary<string, string> { ["year"] = Text(next), ["preset"] = FeedbackCyclePresets.Seed000 }, page));
        var open = await Portal.WithDbAsync(db => db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Year == next && c.Period == FeedbackPeriod.Year));
        (await FlashAfterAsync(county, await county.PostFormAsync($"/feedback/cycles/{open.Id}/close", new Dictionary<string, string>(), page)))
            .ShouldContain("结束后才能关闭");
        (await Portal.WithDbAsync(db => db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Id == open.Id))).Status.ShouldBe(FeedbackCycleStatus.Open);

        // Only the county manages cycles.
        using var secretary = await Portal.ClientFor("secretary");
        (await secretary.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_secretary_reviews_and_sends_and_bad_input_writes_nothing()
    {
        var s = await ClosedQuarterAsync("安", "白", "陈");
        var (a, b, c) = (await CardOfAsync(s, s.Here[0]), await CardOfAsync(s, s.Here[1]), await CardOfAsync(s, s.Here[2]));
        using var secretary = await Portal.ClientFor("secretary");

        (await secretary.GetDocumentAsync("/feedback")).QuerySelector($"tr[data-cycle-id='{s.CycleId}'] [data-count='Draft']")!.TextContent.Trim().ShouldBe("3");
        var list = await secretary.GetDocumentAsync(s.CycleUrl);
        list.QuerySelectorAll("#cards tr[data-card-id]").Select(r => r.GetAttribute("data-card-id")).ShouldBe([a.Id.ToString(), b.Id.ToString(), c.Id.ToString()],
            "pinyin order of the names; another community's card is not listed");

        await ReviewAsync(secretary, a.Id, FeedbackGrade.Excellent, "积极参加社区志愿服务");
        var reviewed = await CardAsync(a.Id);
        (reviewed.Grade, reviewed.Opinion, reviewed.Veto).ShouldBe((FeedbackGrade.Excellent, "积极参加社区志愿服务", false));
        reviewed.ReviewedBy.ShouldNotBeNullOrWhiteSpace();

        // Bad input: the message beside the field, nothing written.
        var before = await FeedbackFingerprintAsync();
        var page = $"/feedback/cards/{b.Id}";
        List<KeyValuePair<string, string>> Form() => [new("Grade", nameof(FeedbackGrade.Qualified)), new("Version", b.Version.ToString())];
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"{page}/review", Form().With("Veto", "true"), page)), "VetoReason")
            .ShouldContain("一票否决必须填写否决理由");
        FieldError(await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"{page}/review", Form().With("Opinion", new string('长', 501)), page)), "Opinion")
            .ShouldContain("不能超过500字");
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"{page}/send", new Dictionary<string, string>(), page))).ShouldContain("发送前请先评定等次");
        (await FeedbackFingerprintAsync()).ShouldBe(before);

        // One card from its page.
        await SendAsync(secretary, a.Id);
        var sent = await CardAsync(a.Id);
        sent.Status.ShouldBe(FeedbackCardStatus.Sent);
        ShouldBeSerial(sent.Serial, s.Year);

        // A sent card is not reviewed again.
        before = await FeedbackFingerprintAsync();
        var refused = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/feedback/cards/{a.Id}/review",
            new List<KeyValuePair<string, string>> { new("Grade", nameof(FeedbackGrade.Unqualified)), new("Opinion", "改"), new("Version", sent.Version.ToString()) },
            $"/feedback/cards/{a.Id}"));
        ErrorMessages(refused.DocumentElement.OuterHtml).ShouldContain("只有草稿可以评议");
        (await FeedbackFingerprintAsync()).ShouldBe(before);

        // Many: one card without a grade refuses the batch, naming its member; nothing is sent.
        await ReviewAsync(secretary, c.Id, FeedbackGrade.Qualified, vetoReason: "无故缺席集中服务三次");
        before = await FeedbackFingerprintAsync();
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"{s.CycleUrl}/send", Selected(b.Id, c.Id), s.CycleUrl)))
            .ShouldContain($"{s.Here[1].Name}的反馈卡不能发送：发送前请先评定等次");
        (await FeedbackFingerprintAsync()).ShouldBe(before);

        // 发送全部已评议 sends every reviewed draft (c), not the unreviewed one (b); then the ticked one.
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"{s.CycleUrl}/send", new List<KeyValuePair<string, string>> { new("all", "true") }, s.CycleUrl))).ShouldContain("已发送 1 张反馈卡");
        (await CardAsync(c.Id)).Status.ShouldBe(FeedbackCardStatus.Sent);
        (await CardAsync(b.Id)).Status.ShouldBe(FeedbackCardStatus.Draft);
        await ReviewAsync(secretary, b.Id, FeedbackGrade.BasicallyQualified);
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"{s.CycleUrl}/send", Selected(b.Id), s.CycleUrl))).ShouldContain("已发送 1 张反馈卡");
        var all = await Portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().Where(x => x.CycleId == s.CycleId && x.CommunityId == a.CommunityId).ToListAsync());
        all.ShouldAllBe(x => x.Status == FeedbackCardStatus.Sent);
        all.Select(x => x.Serial).Distinct().Count().ShouldBe(3);
        (await secretary.GetDocumentAsync("/feedback")).QuerySelector($"tr[data-cycle-id='{s.CycleId}'] [data-count='Sent']")!.TextContent.Trim().ShouldBe("3");
    }

    [Fact]
    public async Task A_sent_card_is_corrected_as_a_new_revision_and_a_stale_version_is_refused()
    {
        var s = await ClosedQuarterAsync("安");
        var first = await CardOfAsync(s, s.Here[0]);
        using var secretary = await Portal.ClientFor("secretary");
        await ReviewAsync(secretary, first.Id, FeedbackGrade.Qualified, "按时参加活动");
        await SendAsync(secretary, first.Id);

        var location = await RedirectAsync(await secretary.PostFormAsync($"/feedback/cards/{first.Id}/correct", new Dictionary<string, string>(), $"/feedback/cards/{first.Id}"));
        var second = await CardOfAsync(s, s.Here[0], revision: 2);
        location.ShouldBe($"/feedback/cards/{second.Id}");
        (second.Status, second.PreviousId, second.Grade, second.Serial).ShouldBe((FeedbackCardStatus.Draft, (Guid?)first.Id, (FeedbackGrade?)FeedbackGrade.Qualified, (string?)null));
        var old = await CardAsync(first.Id);
        old.Status.ShouldBe(FeedbackCardStatus.Superseded);
        ShouldBeSerial(old.Serial, s.Year);

        var page = await secretary.GetDocumentAsync(location);
        page.QuerySelector($"#versions tr[data-version-id='{first.Id}'] .version-status")!.TextContent.ShouldBe("已更正");
        page.QuerySelector($"#versions tr[data-version-id='{first.Id}'] a")!.GetAttribute("href").ShouldBe($"/feedback/cards/{first.Id}");
        page.QuerySelector($"#versions tr[data-version-id='{second.Id}'] .version-status")!.TextContent.ShouldBe("草稿");
        (await secretary.GetDocumentAsync($"/feedback/cards/{first.Id}")).QuerySelector("#card-status")!.TextContent.ShouldContain("已更正");

        // Two forms open on the same draft: the first save wins, the second (stale version) is refused and writes nothing.
        var stale = FieldsOf(page, "#review-form", trimTextAreas: true).With("Grade", nameof(FeedbackGrade.Unqualified)).With("Opinion", "后保存的意见");
        await ReviewAsync(secretary, second.Id, FeedbackGrade.Excellent, "更正后的意见");
        var before = await FeedbackFingerprintAsync();
        var refused = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"{location}/review", stale, location));
        ErrorMessages(refused.DocumentElement.OuterHtml).ShouldContain("该反馈卡已被他人修改，请刷新后重试");
        (await FeedbackFingerprintAsync()).ShouldBe(before);
        (await CardAsync(second.Id)).Opinion.ShouldBe("更正后的意见");

        // The correction is sent with a new serial; the superseded card cannot be corrected again.
        await SendAsync(secretary, second.Id);
        var resent = await CardAsync(second.Id);
        ShouldBeSerial(resent.Serial, s.Year);
        resent.Serial.ShouldNotBe(old.Serial);
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"/feedback/cards/{first.Id}/correct", new Dictionary<string, string>(), $"/feedback/cards/{first.Id}")))
            .ShouldContain("只有已发送的反馈卡可以更正");
    }
}

public sealed class SqliteFeedbackReviewWebTests(SqlitePortal portal) : FeedbackReviewWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresFeedbackReviewWebTests(PostgresPortal portal) : FeedbackReviewWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
