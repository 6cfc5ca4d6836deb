using System.Net;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.IntegrationTests.Roster;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// The feedback documents read back (the card PDF and the unit's batch with pdftotext, the cycle's .xlsx with OpenXML),
/// who may download them, and another community's secretary: 404 on every card and cycle route, nothing written.
/// </summary>
public abstract class FeedbackDocumentsWebTests<TPortal>(TPortal portal) : FeedbackWebTests<TPortal>(portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_card_the_units_batch_and_the_workbook_carry_the_review()
    {
        var s = await ClosedQuarterAsync("安", "白", "陈");
        var (a, b, c) = (await CardOfAsync(s, s.Here[0]), await CardOfAsync(s, s.Here[1]), await CardOfAsync(s, s.Here[2]));
        using var secretary = await Portal.ClientFor("secretary");
        using var unit = await Portal.ClientFor("unit");
        await ReviewAsync(secretary, a.Id, FeedbackGrade.Excellent, "带头参加疫情防控志愿服务");
        await ReviewAsync(secretary, b.Id, FeedbackGrade.Unqualified, "多次无故缺席", vetoReason: "全年未参加社区活动");

        // A draft: the secretary may preview it, the unit does not see it.
        var draft = await PdfText.ReadAsync(await secretary.GetAsync($"/feedback/cards/{a.Id}.pdf"), "feedback-draft");
        draft.Compact.ShouldContain(s.Here[0].Name);
        (await unit.GetAsync($"/feedback/cards/{a.Id}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await SendAsync(secretary, b.Id);
        await SendAsync(secretary, a.Id);
        var (sentA, sentB) = (await CardAsync(a.Id), await CardAsync(b.Id));

        var card = await PdfText.ReadAsync(await unit.GetAsync($"/feedback/cards/{a.Id}.pdf"), "feedback-card");
        card.Pages.ShouldBe(1);
        card.Compact.ShouldContain("在职党员现实表现评议情况反馈卡");
        card.Compact.ShouldContain(sentA.Serial!);
        card.Compact.ShouldContain(s.Here[0].Name);
        card.Compact.ShouldContain("✓优秀");
        card.Compact.ShouldContain("带头参加疫情防控志愿服务");
        card.Compact.ShouldContain($"{s.Year}年第一季度");

        // The batch to the unit: the letter, then its two sent cards (not the draft), one per page.
        var batch = await PdfText.ReadAsync(await secretary.GetAsync($"{s.CycleUrl}/units/{s.Unit}/batch.pdf"), "feedback-batch");
        batch.Pages.ShouldBe(3);
        batch.Compact.ShouldContain("社区党员表现情况反馈函");
        var lowest = new[] { sentA.Serial!, sentB.Serial! }.Order(StringComparer.Ordinal).First();
        batch.Compact.ShouldContain($"{s.Year}-反馈函-{lowest[(lowest.LastIndexOf('-') + 1)..]}");
        batch.Compact.ShouldContain(sentA.Serial!);
        batch.Compact.ShouldContain(sentB.Serial!);
        batch.Count(s.Here[0].Name).ShouldBeGreaterThanOrEqualTo(2, "in the letter's list and on the card");
        batch.Compact.ShouldContain("全年未参加社区活动");
        batch.Compact.ShouldNotContain(s.Here[2].Name, customMessage: "a draft is not in the batch");
        var again = await PdfText.ReadAsync(await secretary.GetAsync($"{s.CycleUrl}/units/{s.Unit}/batch.pdf"), "feedback-batch-again");
        again.Compact.ShouldContain($"{s.Year}-反馈函-{lowest[(lowest.LastIndexOf('-') + 1)..]}", customMessage: "the letter's serial is stable");
        (await secretary.GetAsync($"{s.CycleUrl}/units/{s.OtherUnit}/batch.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The workbook of the community's cards of the cycle.
        var sheet = RosterTestData.Read(await RosterTestData.DownloadAsync(secretary, $"{s.CycleUrl}/cards.xlsx"));
        sheet.Name.ShouldBe("反馈卡");
        var rows = sheet.Data().Where(r => r.TryGetValue("姓名", out var n) && n.Text.Length > 0).ToDictionary(r => r["姓名"].Text);
        rows.Keys.Order().ShouldBe(s.Here.Select(m => m.Name).Order(), "the community's three cards; not the other community's");
        rows[s.Here[0].Name]["编号"].Text.ShouldBe(sentA.Serial);
        rows[s.Here[0].Name]["评议等次"].Text.ShouldBe("优秀");
        rows[s.Here[0].Name]["社区意见"].Text.ShouldBe("带头参加疫情防控志愿服务");
        rows[s.Here[0].Name]["签收状态"].Text.ShouldBe("未读", "downloading the PDF does not mark the card read");
        rows[s.Here[1].Name]["否决理由"].Text.ShouldBe("全年未参加社区活动");
        rows[s.Here[2].Name]["签收状态"].Text.ShouldBe("未发送");
    }

    [Fact]
    public async Task Another_communitys_secretary_gets_404_on_every_card_route_and_writes_nothing()
    {
        var s = await ClosedQuarterAsync("安", "白");
        var (a, b) = (await CardOfAsync(s, s.Here[0]), await CardOfAsync(s, s.Here[1]));
        using var secretary = await Portal.ClientFor("secretary");
        await ReviewAsync(secretary, a.Id, FeedbackGrade.Qualified, "表现良好");
        await ReviewAsync(secretary, b.Id, FeedbackGrade.Qualified);
        await SendAsync(secretary, a.Id);
        var sent = await CardAsync(a.Id);

        using var secretary2 = await Portal.ClientFor("secretary2");
        var before = await FeedbackFingerprintAsync();
        foreach (var url in new[] { $"/feedback/cards/{a.Id}", $"/feedback/cards/{b.Id}", $"/feedback/cards/{a.Id}.pdf", $"/feedback/cards/{b.Id}.pdf",
                     $"{s.CycleUrl}/units/{s.Unit}/batch.pdf" })
        {
            (await secretary2.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
        var cycle = await secretary2.GetDocumentAsync(s.CycleUrl);
        cycle.QuerySelector($"tr[data-card-id='{a.Id}']").ShouldBeNull();
        cycle.QuerySelector($"tr[data-card-id='{b.Id}']").ShouldBeNull();
        var own = RosterTestData.Read(await RosterTestData.DownloadAsync(secretary2, $"{s.CycleUrl}/cards.xlsx"));
        own.Data().Select(r => r.GetValueOrDefault("姓名")?.Text).ShouldNotContain(s.Here[0].Name);

        var review = new Dictionary<string, string> { ["Grade"] = nameof(FeedbackGrade.Unqualified), ["Opinion"] = "越权", ["Version"] = b.Version.ToString() };
        (await secretary2.PostFormAsync($"/feedback/cards/{b.Id}/review", review, "/feedback")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary2.PostFormAsync($"/feedback/cards/{b.Id}/send", new Dictionary<string, string>(), "/feedback")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary2.PostFormAsync($"/feedback/cards/{a.Id}/correct", new Dictionary<string, string>(), "/feedback")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary2.PostFormAsync($"{s.CycleUrl}/send", Selected(b.Id), "/feedback")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FeedbackFingerprintAsync()).ShouldBe(before);

        // The unit sees the sent card only; the member page and the county may print it too.
        using var unit = await Portal.ClientFor("unit");
        (await PdfText.ReadAsync(await unit.GetAsync($"/feedback/cards/{a.Id}.pdf"), "feedback-unit")).Compact.ShouldContain(sent.Serial!);
        (await unit.GetAsync($"/feedback/cards/{b.Id}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unit.GetAsync($"/feedback/cards/{a.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var county = await Portal.ClientFor("county");
        (await PdfText.ReadAsync(await county.GetAsync($"/feedback/cards/{b.Id}.pdf"), "feedback-county")).Compact.ShouldContain(s.Here[1].Name);
    }

    [Fact]
    public async Task The_demo_seeder_leaves_last_years_fourth_quarter_drafted_reviewed_sent_and_corrected()
    {
        await Portal.WithDbAsync(db => new DemoFeedbackSeeder(db, Portal.Time, NullLogger<DemoFeedbackSeeder>.Instance).SeedAsync());
        var year = Today(Portal).Year - 1;
        var cycle = await Portal.WithDbAsync(db => db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Year == year && c.Period == FeedbackPeriod.Quarter && c.Number == 4));
        cycle.Status.ShouldBe(FeedbackCycleStatus.Closed);
        var cards = await Portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().Where(c => c.CycleId == cycle.Id).ToListAsync());
        cards.Count(c => c.Status == FeedbackCardStatus.Draft && c.Revision == 1).ShouldBe(6);
        cards.Count(c => c.Status == FeedbackCardStatus.Sent).ShouldBe(9);
        cards.Count(c => c.Status == FeedbackCardStatus.Superseded).ShouldBe(1);
        cards.Count(c => c.Revision == 2 && c.Status == FeedbackCardStatus.Draft).ShouldBe(1);
        cards.Count(c => c.AcknowledgedAt != null).ShouldBe(1);
        cards.Count(c => c.Veto).ShouldBeGreaterThanOrEqualTo(1);

        using var secretary = await Portal.ClientFor("secretary");
        var row = (await secretary.GetDocumentAsync("/feedback")).QuerySelector($"tr[data-cycle-id='{cycle.Id}']")!;
        row.QuerySelector("[data-count='Sent']")!.TextContent.Trim().ShouldBe("9");
        row.QuerySelector("[data-count='Acknowledged']")!.TextContent.Trim().ShouldBe("1");
        (await secretary.GetDocumentAsync($"/feedback/cycles/{cycle.Id}")).QuerySelectorAll("#cards tr[data-card-id]").Length.ShouldBe(16);

        // Running again adds nothing.
        await Portal.WithDbAsync(db => new DemoFeedbackSeeder(db, Portal.Time, NullLogger<DemoFeedbackSeeder>.Instance).SeedAsync());
        (await Portal.WithDbAsync(db => db.FeedbackCards.CountAsync(c => c.CycleId == cycle.Id))).ShouldBe(17);
    }
}

public sealed class SqliteFeedbackDocumentsWebTests(SqlitePortal portal) : FeedbackDocumentsWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresFeedbackDocumentsWebTests(PostgresPortal portal) : FeedbackDocumentsWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
