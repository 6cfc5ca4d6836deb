using System.Net;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.IntegrationTests.Roster;
using CommunityPartyPortal.Web.Features.FeedbackInbox;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Feedback.FeedbackInboxTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// The unit's inbox through HTTP: sent cards only (never drafts), unread first, opening marks read once (audited),
/// 签收 with the uses saved and audited, a stale form refused; the downloads read back; a second unit gets 404 on every
/// route of the first unit's cards and writes nothing.
/// </summary>
public abstract class FeedbackInboxTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static List<string> RowIds(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("#inbox-table tbody tr").Select(r => r.GetAttribute("data-card-id")!)];

    [Fact]
    public async Task The_unit_sees_sent_cards_unread_first_opening_marks_read_once_and_acknowledging_saves_the_uses()
    {
        var cycle = await FreshQuarterAsync(portal);
        var (a, b, c) = (await UnitMemberAsync(portal, "收甲"), await UnitMemberAsync(portal, "收乙"), await UnitMemberAsync(portal, "收丙"));
        var cardA = await CardAsync(portal, a, cycle);
        var cardB = await CardAsync(portal, b, cycle);
        var draft = await CardAsync(portal, c, cycle, send: false);
        using var unit = await portal.ClientFor("unit");

        // Both unread: the newest first; the draft never.
        RowIds(await unit.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}")).ShouldBe([cardB.Id.ToString(), cardA.Id.ToString()]);
        (await unit.GetAsync($"/feedback/inbox/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Opening A marks it read, once: A drops below B… then B opened too, A (older) stays second.
        var opened = await unit.GetDocumentAsync($"/feedback/inbox/{cardA.Id}");
        opened.QuerySelector("#card-serial")!.TextContent.ShouldBe(cardA.Serial);
        opened.QuerySelector("#card-member")!.TextContent.ShouldBe(a.Name);
        opened.QuerySelector("#card-grade")!.TextContent.ShouldBe("合格");
        var read = await ReloadAsync(portal, cardA.Id);
        read.ReadAt.ShouldNotBeNull();
        (await AuditDetailsAsync(portal, "FeedbackCard.update", cardA.Id)).Count(d => d == "ReadAt").ShouldBe(1);
        await unit.GetDocumentAsync($"/feedback/inbox/{cardA.Id}");
        var again = await ReloadAsync(portal, cardA.Id);
        (again.ReadAt, again.Version).ShouldBe((read.ReadAt, read.Version), "opening again writes nothing");
        (await AuditDetailsAsync(portal, "FeedbackCard.update", cardA.Id)).Count(d => d == "ReadAt").ShouldBe(1);

        var list = await unit.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}");
        RowIds(list).ShouldBe([cardB.Id.ToString(), cardA.Id.ToString()]);
        var rowB = list.QuerySelector($"tr[data-card-id='{cardB.Id}']")!;
        rowB.GetAttribute("data-unread").ShouldBe("true");
        rowB.QuerySelector(".unread-badge")!.TextContent.ShouldBe("未读");
        list.QuerySelector($"tr[data-card-id='{cardA.Id}'] .unread-badge").ShouldBeNull();
        RowIds(await unit.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}&state=unread")).ShouldBe([cardB.Id.ToString()]);

        // 签收 B with two uses and a note.
        var page = await unit.GetDocumentAsync($"/feedback/inbox/{cardB.Id}");
        var fields = FieldsOf(page, "#acknowledge-form", trimTextAreas: true);
        fields.Add(new("Uses", nameof(FeedbackUse.DemocraticAppraisal)));
        fields.Add(new("Uses", nameof(FeedbackUse.Commendation)));
        fields.With("UsageNote", "用于年度民主评议和评先选优");
        var response = await unit.PostFormAsync($"/feedback/inbox/{cardB.Id}/acknowledge", fields, $"/feedback/inbox/{cardB.Id}");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestForms.ErrorMessages(await response.Content.ReadAsStringAsync()));
        response.Headers.Location!.OriginalString.ShouldBe($"/feedback/inbox/{cardB.Id}");
        var acknowledged = await ReloadAsync(portal, cardB.Id);
        acknowledged.AcknowledgedAt.ShouldNotBeNull();
        acknowledged.AcknowledgedBy.ShouldNotBeNullOrWhiteSpace();
        acknowledged.Uses.ShouldBe(FeedbackUse.DemocraticAppraisal | FeedbackUse.Commendation);
        acknowledged.UsageNote.ShouldBe("用于年度民主评议和评先选优");
        (await AuditDetailsAsync(portal, "FeedbackCard.update", cardB.Id)).ShouldContain(d => d != null && d.Contains("AcknowledgedAt") && d.Contains("Uses"));
        (await unit.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}")).QuerySelector($"tr[data-card-id='{cardB.Id}'] .receipt")!
            .TextContent.ShouldBe("已签收（民主评议、评先选优）");

        // The form of before (its old version) is refused: nothing overwritten.
        var stale = fields.With("UsageNote", "旧页面提交").Where(f => f.Value != nameof(FeedbackUse.Commendation)).ToList();
        var refused = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync($"/feedback/inbox/{cardB.Id}/acknowledge", stale, $"/feedback/inbox/{cardB.Id}"));
        refused.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain(AcknowledgeCard.Stale);
        var kept = await ReloadAsync(portal, cardB.Id);
        (kept.Uses, kept.UsageNote, kept.Version).ShouldBe((acknowledged.Uses, acknowledged.UsageNote, acknowledged.Version));
    }

    [Fact]
    public async Task A_superseded_card_points_to_its_correction_and_the_downloads_read_back()
    {
        var cycle = await FreshQuarterAsync(portal);
        var (a, b) = (await UnitMemberAsync(portal, "载甲"), await UnitMemberAsync(portal, "载乙"));
        var first = await CardAsync(portal, a, cycle, grade: FeedbackGrade.Excellent, opinion: "带头参加志愿服务");
        var vetoed = await CardAsync(portal, b, cycle, vetoReason: "全年未参加社区活动", grade: FeedbackGrade.Unqualified);
        var correction = await CorrectAsync(portal, first.Id, vetoReason: null);
        using var unit = await portal.ClientFor("unit");

        var old = await unit.GetDocumentAsync($"/feedback/inbox/{first.Id}");
        old.QuerySelector("#card-superseded")!.TextContent.ShouldContain("已更正，见第2版");
        old.QuerySelector("#card-current-link")!.GetAttribute("href").ShouldBe($"/feedback/inbox/{correction.Id}");
        (await ReloadAsync(portal, first.Id)).ReadAt.ShouldBeNull("a superseded card is not marked read");
        var current = await unit.GetDocumentAsync($"/feedback/inbox/{correction.Id}");
        current.QuerySelector("#card-corrects")!.TextContent.ShouldContain(first.Serial!);
        current.QuerySelector("#card-revision")!.TextContent.ShouldBe("更正件（第2版）");

        var card = await PdfText.ReadAsync(await unit.GetAsync($"/feedback/inbox/cards/{vetoed.Id}.pdf"), "inbox-card");
        card.Pages.ShouldBe(1);
        card.Compact.ShouldContain(vetoed.Serial!);
        card.Compact.ShouldContain(b.Name);
        card.Compact.ShouldContain("全年未参加社区活动");

        var batch = await PdfText.ReadAsync(await unit.GetAsync($"/feedback/inbox/cycles/{cycle.Id}/batch.pdf"), "inbox-batch");
        batch.Pages.ShouldBe(3, "the community's covering letter, then its two current cards");
        batch.Compact.ShouldContain("社区党员表现情况反馈函");
        batch.Compact.ShouldContain(correction.Serial!);
        batch.Compact.ShouldContain(vetoed.Serial!);
        batch.Compact.ShouldContain("更正件（第2版）");

        var xlsx = await unit.GetAsync($"/feedback/inbox/cycles/{cycle.Id}/cards.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe(CommunityPartyPortal.Web.Infrastructure.DocumentResults.XlsxContentType);
        var sheet = RosterTestData.Read(await xlsx.Content.ReadAsByteArrayAsync());
        var (_, headers, columns) = sheet.Header();
        var texts = sheet.Rows.Values.Select(r => r.Values.Select(c => c.Text).ToList()).ToList();
        texts.ShouldContain(r => r.Contains(correction.Serial!) && r.Contains(a.Name) && r.Contains("合格"));
        texts.ShouldContain(r => r.Contains(vetoed.Serial!) && r.Contains(b.Name) && r.Contains("不合格") && r.Contains("全年未参加社区活动"));
        texts.ShouldNotContain(r => r.Contains(first.Serial!));
        headers.ShouldContain("一票否决");
        columns.Count.ShouldBe(headers.Count);
    }

    [Fact]
    public async Task The_unit_and_the_community_see_each_requirement_line_kept_with_the_card()
    {
        var cycle = await FreshQuarterAsync(portal);
        var lines = FeedbackRequirementLines.Write([
            new RuleProgress(Guid.NewGuid(), 2, RequirementKind.Suggestion, "每年提出1条意见建议", "≥1条", "1条", 1, true, false),
            new RuleProgress(Guid.NewGuid(), 1, RequirementKind.DistinctDays, "每年参加社区活动时间不少于5天", "≥5天", "3天", 0.6, false, true),
        ]);
        var card = await CardAsync(portal, await UnitMemberAsync(portal, "要求"), cycle, requirementLines: lines);
        var plain = await CardAsync(portal, await UnitMemberAsync(portal, "无要"), cycle);
        string[][] expected =
        [
            ["每年参加社区活动时间不少于5天", "≥5天", "3天", "未达到"],
            ["每年提出1条意见建议", "≥1条", "1条", "达到"],
        ];

        using var unit = await portal.ClientFor("unit");
        Lines(await unit.GetDocumentAsync($"/feedback/inbox/{card.Id}")).ShouldBe(expected, "in the rules' order, as the printed card");
        (await unit.GetDocumentAsync($"/feedback/inbox/{plain.Id}")).QuerySelector("#card-requirements").ShouldBeNull("a card without lines shows no table");
        using var secretary = await portal.ClientFor("secretary");
        Lines(await secretary.GetDocumentAsync($"/feedback/cards/{card.Id}")).ShouldBe(expected);

        static string[][] Lines(AngleSharp.Dom.IDocument page) =>
            [.. page.QuerySelectorAll("#card-requirements tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];
    }

    [Fact]
    public async Task A_second_unit_gets_404_on_every_route_of_the_first_units_cards_and_writes_nothing()
    {
        var cycle = await FreshQuarterAsync(portal);
        var card = await CardAsync(portal, await UnitMemberAsync(portal, "隔离"), cycle);
        var audits = await AuditDetailsAsync(portal, "FeedbackCard.update", card.Id);
        using var other = await OtherUnitAsync(portal);

        (await other.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}")).QuerySelector($"tr[data-card-id='{card.Id}']").ShouldBeNull();
        foreach (var url in new[]
                 {
                     $"/feedback/inbox/{card.Id}", $"/feedback/inbox/cards/{card.Id}.pdf", $"/feedback/inbox/cycles/{cycle.Id}/batch.pdf",
                     $"/feedback/inbox/cycles/{cycle.Id}/cards.xlsx",
                 })
        {
            (await other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
        var post = await other.PostFormAsync($"/feedback/inbox/{card.Id}/acknowledge", new Dictionary<string, string>
        {
            ["Uses"] = nameof(FeedbackUse.Commendation), ["UsageNote"] = "越权签收", ["Version"] = card.Version.ToString(),
        }, "/feedback/inbox");
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var after = await ReloadAsync(portal, card.Id);
        (after.ReadAt, after.AcknowledgedAt, after.Uses, after.Version).ShouldBe((null, null, FeedbackUse.None, card.Version));
        (await AuditDetailsAsync(portal, "FeedbackCard.update", card.Id)).ShouldBe(audits);

        // Not a unit admin: the secretary and the member are refused the inbox.
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync("/feedback/inbox")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_member_sees_own_sent_cards_current_and_superseded_never_drafts_nor_others()
    {
        var member = await TestMembers.MemberAsync(portal, (await TestMembers.UserAsync(portal, "member")).MemberId!.Value);
        var (q1, q2) = (await FreshQuarterAsync(portal), (FeedbackCycle?)null);
        var sent = await CardAsync(portal, member, q1);
        var correction = await CorrectAsync(portal, sent.Id, vetoReason: null);
        q2 = await FreshQuarterAsync(portal);
        var draft = await CardAsync(portal, member, q2, send: false);
        var foreign = await CardAsync(portal, await UnitMemberAsync(portal, "他人"), q2);
        using var client = await portal.ClientFor("member");

        var mine = await client.GetDocumentAsync("/feedback/mine");
        var ids = mine.QuerySelectorAll("#mine-table tbody tr").Select(r => r.GetAttribute("data-card-id")).ToList();
        ids.ShouldBe([correction.Id.ToString(), sent.Id.ToString()], ignoreOrder: true);
        mine.QuerySelector($"tr[data-card-id='{sent.Id}']")!.TextContent.ShouldContain("已更正");
        ids.ShouldNotContain(draft.Id.ToString());

        (await client.GetDocumentAsync($"/feedback/mine/{sent.Id}")).QuerySelector("#card-superseded")!.TextContent.ShouldContain("见第2版");
        (await client.GetDocumentAsync($"/feedback/mine/{correction.Id}")).QuerySelector("#acknowledge-form").ShouldBeNull();
        (await ReloadAsync(portal, correction.Id)).ReadAt.ShouldBeNull("the member opening it is not the unit reading it");
        var pdf = await PdfText.ReadAsync(await client.GetAsync($"/feedback/mine/cards/{correction.Id}.pdf"), "mine-card");
        pdf.Compact.ShouldContain(correction.Serial!);
        pdf.Compact.ShouldContain(member.Name);
        foreach (var url in new[] { $"/feedback/mine/{draft.Id}", $"/feedback/mine/{foreign.Id}", $"/feedback/mine/cards/{foreign.Id}.pdf", $"/feedback/mine/cards/{draft.Id}.pdf" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }
}

public sealed class SqliteFeedbackInboxTests(SqlitePortal portal) : FeedbackInboxTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresFeedbackInboxTests(PostgresPortal portal) : FeedbackInboxTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
