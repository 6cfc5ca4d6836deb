using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.IntegrationTests.Roster;
using CommunityPartyPortal.Web.Features.Evaluation;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Accounts.AccountsTestData;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// 党员评议 through HTTP on seed 002's 五带头 rubric (组织点评 50%, 党员互评 25%, 群众评议 25%): the secretary opens a session
/// (the community's members not moved out are the targets, no other community's), enters the three parts of a member's
/// sheet (the weighted values follow Σ weight × points ÷ 100), a score out of range is refused and nothing is written, a
/// stale sheet is refused, the lock waits for every part of every member. Another community's secretary gets 404 on every
/// route; the street, unit and county admins get 403 (as /scoring answers a secretary).
/// </summary>
public abstract class MemberEvaluationWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static readonly ScorePart[] Parts = [ScorePart.Organisation, ScorePart.Peers, ScorePart.Public];
    private static int nextYear = 2060;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The weighted value of an item by hand: the preset's weights are 50/25/25 (db/presets/rubric-five-lead-2010.json).</summary>
    private static decimal Weighted(decimal organisation, decimal peers, decimal @public) => (50m * organisation + 25m * peers + 25m * @public) / 100m;

    /// <summary>Seed 002's 五带头 loaded and published through the system scope, for a year of its own.</summary>
    private Task<Rubric> PublishedRubricAsync() => portal.WithDbAsync(async db =>
    {
        var rubric = RubricPresets.Load(RubricPresets.FiveLead, Interlocked.Increment(ref nextYear));
        rubric.Publish();
        db.Rubrics.Add(rubric);
        await db.SaveChangesAsync();
        return rubric;
    });

    /// <summary>The secretary posts the open form as a browser would (all members checked), or with the members <paramref name="pick"/> keeps.</summary>
    private async Task<HttpResponseMessage> PostOpenAsync(PortalClient secretary, Rubric rubric, string title, Func<List<string>, IEnumerable<string>>? pick = null)
    {
        var page = await secretary.GetDocumentAsync("/evaluation");
        var fields = TestForms.FieldsOf(page, "#open-form", trimTextAreas: true).With("rubricId", rubric.Id.ToString()).With("title", title);
        if (pick is not null)
        {
            var all = fields.Where(f => f.Key == "memberIds").Select(f => f.Value).ToList();
            fields.RemoveAll(f => f.Key == "memberIds");
            fields.AddRange(pick(all).Select(v => KeyValuePair.Create("memberIds", v)));
        }
        return await secretary.PostFormAsync("/evaluation", fields, "/evaluation");
    }

    private async Task<ScoringSession> OpenAsync(PortalClient secretary, Rubric rubric, string title, Func<List<string>, IEnumerable<string>>? pick = null)
    {
        var location = await RedirectAsync(await PostOpenAsync(secretary, rubric, title, pick));
        var session = await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().Include(s => s.Targets).Include(s => s.Scorers).SingleAsync(s => s.Title == title));
        location.ShouldBe($"/evaluation/{session.Id}");
        return session;
    }

    /// <summary>The sheet's form as shown (with the versions), the points replaced by <paramref name="points"/> (null: blank).</summary>
    private static async Task<List<KeyValuePair<string, string>>> SheetAsync(PortalClient client, string url, Rubric rubric,
        Func<RubricItem, ScorePart, decimal?> points, Func<RubricItem, string>? comment = null)
    {
        var fields = TestForms.FieldsOf(await client.GetDocumentAsync(url), "#score-form", trimTextAreas: true);
        foreach (var item in rubric.Items)
        {
            foreach (var part in Parts) fields.With(MemberScoring.Field(MemberScoring.PointsField, part, item.Id), points(item, part) is { } p ? Text(p) : "");
            if (comment is not null) fields.With(MemberScoring.CommentField + item.Id, comment(item));
        }
        return fields;
    }

    private Task<List<Score>> ScoresAsync(Guid sessionId) =>
        portal.WithDbAsync(db => db.Scores.AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync());

    private static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        var page = await client.GetDocumentAsync(await RedirectAsync(response));
        return string.Join(" | ", page.QuerySelectorAll("main > .alert-success, main > .alert-danger").Select(a => a.TextContent.Trim()));
    }

    private static string Cell(IElement? row, string selector) => row!.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public async Task Opening_makes_the_communitys_members_not_moved_out_the_targets_and_the_secretary_the_scorer()
    {
        var rubric = await PublishedRubricAsync();
        var community = await CommunityOfAsync(portal, "secretary");
        var unit = await MembersTestData.UnitInsideAsync(portal);
        var movedOut = await TestMembers.AddMemberAsync(portal, community, unit, id => "迁出" + id[^5..], m =>
        {
            m.MovedOutOn = Today(portal).AddDays(-10);
            m.MovedOutTo = "外区";
            m.MoveOutReason = "搬家";
        });
        var elsewhere = await TestMembers.AddMemberAsync(portal, await CommunityOfAsync(portal, "secretary2"), unit, id => "外社区" + id[^5..]);
        var expected = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.CommunityId == community && m.MovedOutOn == null).Select(m => m.Id).ToListAsync());
        expected.Count.ShouldBeGreaterThan(2);

        using var secretary = await portal.ClientFor("secretary");
        var page = await secretary.GetDocumentAsync("/evaluation");
        page.QuerySelectorAll("#rubricId option").Select(o => o.GetAttribute("value")).ShouldContain(rubric.Id.ToString());
        page.QuerySelector("#no-rubric").ShouldBeNull();
        var boxes = page.QuerySelectorAll("#open-form input[name='memberIds']").ToList();
        boxes.Select(b => Guid.Parse(b.GetAttribute("value")!)).ShouldBe(expected, ignoreOrder: true);
        boxes.ShouldAllBe(b => b.HasAttribute("checked"));
        page.QuerySelector("#open-form")!.TextContent.ShouldNotContain(movedOut.Name);
        page.QuerySelector("#open-form")!.TextContent.ShouldNotContain(elsewhere.Name);

        // A member of another community slipped into the form: refused, nothing opened.
        var sneaky = "越界评议 " + Guid.NewGuid().ToString("N")[..6];
        (await FlashAfterAsync(secretary, await PostOpenAsync(secretary, rubric, sneaky, all => all.Take(1).Append(elsewhere.Id.ToString()))))
            .ShouldBe("所选党员不是本社区的在册党员，请刷新后重新选择");
        (await FlashAfterAsync(secretary, await PostOpenAsync(secretary, rubric, sneaky, _ => []))).ShouldBe("请至少选择一名党员作为考评对象");
        (await portal.WithDbAsync(db => db.ScoringSessions.AnyAsync(s => s.Title == sneaky))).ShouldBeFalse();

        var title = "党员五带头评议 " + Guid.NewGuid().ToString("N")[..6];
        var session = await OpenAsync(secretary, rubric, title);
        session.OrganizationId.ShouldBe(community);
        session.Targets.Select(t => t.MemberId!.Value).ShouldBe(expected, ignoreOrder: true);
        session.Targets.ShouldAllBe(t => t.CommunityId == community && t.SessionOrganizationId == community && t.OrganizationId == null);
        session.Targets.ShouldNotContain(t => t.MemberId == movedOut.Id || t.MemberId == elsewhere.Id);
        session.Scorers.Select(s => s.UserId).ShouldBe([(await UserAsync(portal, "secretary")).Id]);

        var row = (await secretary.GetDocumentAsync("/evaluation")).QuerySelector($"tr[data-session-id='{session.Id}']");
        Cell(row, "[data-targets]").ShouldBe(Text(expected.Count));
        Cell(row, ".session-status").ShouldBe("评分中");
        Cell(row, "[data-progress]").ShouldBe($"0/{expected.Count * 11 * 3}");
        var ranking = await secretary.GetDocumentAsync($"/evaluation/{session.Id}");
        ranking.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(expected.Count);
        Cell(ranking.DocumentElement, "#session-weights").ShouldBe("组织点评50%、党员互评25%、群众评议25%");
        ranking.Body!.TextContent.ShouldNotContain(elsewhere.Name);
    }

    [Fact]
    public async Task The_secretary_enters_the_three_parts_the_weighted_totals_rank_the_members_and_the_lock_waits_for_every_part()
    {
        var rubric = await PublishedRubricAsync();
        using var secretary = await portal.ClientFor("secretary");
        var title = "党员评议评分 " + Guid.NewGuid().ToString("N")[..6];
        var session = await OpenAsync(secretary, rubric, title, all => all.Take(2));
        session.Targets.Count.ShouldBe(2);
        var (a, b) = (session.Targets[0], session.Targets[1]);
        var urlA = $"/evaluation/{session.Id}/members/{a.Id}";
        var urlB = $"/evaluation/{session.Id}/members/{b.Id}";
        var item1 = rubric.Items.Single(i => i.No == 1); // 7 points
        var item4 = rubric.Items.Single(i => i.No == 4); // 10 points

        // The sheet: one column per weighted part with its weight, the help line on paper averages, 11 items × 3 inputs.
        var sheet = await secretary.GetDocumentAsync(urlA);
        sheet.QuerySelectorAll("#score-items thead th[data-part]").Select(th => th.TextContent.Trim()).ShouldBe(["组织点评（50%）", "党员互评（25%）", "群众评议（25%）"]);
        Cell(sheet.DocumentElement, "#sheet-help").ShouldContain("党员互评、群众评议按收回的评议表平均分录入");
        sheet.QuerySelectorAll("#score-items tr[data-item-id]").Length.ShouldBe(11);
        sheet.QuerySelectorAll("#score-items input[type='number']").Length.ShouldBe(33);
        sheet.Body!.TextContent.ShouldNotContain((await portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == a.MemberId))).NationalId);

        // Out of range: refused with the domain's message, nothing written for any item or part.
        var full = (RubricItem i, ScorePart _) => (decimal?)i.Points;
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA,
                await SheetAsync(secretary, urlA, rubric, (i, p) => i.No == 4 && p == ScorePart.Organisation ? 10.5m : i.Points), urlA)))
            .ShouldBe("第4项的得分不能超过该项分值10分");
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA,
                await SheetAsync(secretary, urlA, rubric, (i, p) => i.No == 2 && p == ScorePart.Public ? -1m : i.Points), urlA)))
            .ShouldBe("第2项的得分不能为负数");
        (await ScoresAsync(session.Id)).ShouldBeEmpty();

        // Member A: full points except item 1 (6/5/7) and item 4 (9/8/7, with the 组织点评's comment).
        decimal? PointsOfA(RubricItem i, ScorePart p) => (i.No, p) switch
        {
            (1, ScorePart.Organisation) => 6, (1, ScorePart.Peers) => 5, (1, ScorePart.Public) => 7,
            (4, ScorePart.Organisation) => 9, (4, ScorePart.Peers) => 8, (4, ScorePart.Public) => 7,
            _ => i.Points,
        };
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA,
                await SheetAsync(secretary, urlA, rubric, PointsOfA, i => i.No == 4 ? "带头作用明显" : ""), urlA)))
            .ShouldBe("已保存33项评分");
        var saved = await ScoresAsync(session.Id);
        saved.Count.ShouldBe(33);
        foreach (var part in Parts) saved.Count(s => s.Part == part).ShouldBe(11, part.ToString());
        saved.ShouldAllBe(s => s.TargetId == a.Id && s.ScoredBy == "secretary");
        saved.Single(s => s.ItemId == item4.Id && s.Part == ScorePart.Organisation).Comment.ShouldBe("带头作用明显");
        saved.Where(s => s.Comment != null).Count().ShouldBe(1);

        Weighted(9, 8, 7).ShouldBe(8.25m);
        Weighted(6, 5, 7).ShouldBe(6m);
        var totalA = 100m - item1.Points - item4.Points + Weighted(6, 5, 7) + Weighted(9, 8, 7);
        totalA.ShouldBe(97.25m);
        var again = await secretary.GetDocumentAsync(urlA);
        Cell(again.QuerySelector($"tr[data-item-no='4']"), "[data-weighted]").ShouldBe("8.25");
        Cell(again.QuerySelector($"tr[data-item-no='1']"), "[data-weighted]").ShouldBe("6");
        Cell(again.QuerySelector($"tr[data-item-no='5']"), "[data-weighted]").ShouldBe("10");
        Cell(again.DocumentElement, "#member-total").ShouldBe("97.25");
        Cell(again.DocumentElement, "#member-missing").ShouldBe("0");
        again.QuerySelector($"input[name='{MemberScoring.Field(MemberScoring.PointsField, ScorePart.Peers, item4.Id)}']")!.GetAttribute("value").ShouldBe("8");

        // Member B: the 组织点评 only — the items wait for their other parts; the lock is refused with the count of them.
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlB,
                await SheetAsync(secretary, urlB, rubric, (i, p) => p == ScorePart.Organisation ? i.Points : null), urlB)))
            .ShouldBe("已保存11项评分");
        var sheetB = await secretary.GetDocumentAsync(urlB);
        Cell(sheetB.QuerySelector("tr[data-item-no='1']"), "[data-weighted]").ShouldBe("—");
        Cell(sheetB.DocumentElement, "#member-total").ShouldBe("50");
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"/evaluation/{session.Id}/lock", null, $"/evaluation/{session.Id}")))
            .ShouldBe("还有22项未评分，全部评分后才能锁定");
        (await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id))).Status.ShouldBe(ScoringSessionStatus.Open);

        var rows = (await secretary.GetDocumentAsync($"/evaluation/{session.Id}")).QuerySelectorAll("#ranking tbody tr").ToList();
        rows.Select(r => r.GetAttribute("data-target-id")).ShouldBe([a.Id.ToString(), b.Id.ToString()]);
        Cell(rows[0], "[data-total]").ShouldBe("97.25");
        Cell(rows[0], "[data-rank]").ShouldBe("1");
        Cell(rows[0], "[data-category-no='2']").ShouldBe(Text(Weighted(9, 8, 7) + 10m));
        Cell(rows[0], "[data-missing]").ShouldBe("0");
        Cell(rows[1], "[data-total]").ShouldBe("50");
        Cell(rows[1], "[data-rank]").ShouldBe("2");
        Cell(rows[1], "[data-missing]").ShouldBe("22");

        // A stale sheet (A's page read before another save changed item 1) is refused; the other save stays.
        var stale = await SheetAsync(secretary, urlA, rubric, (i, p) => i.No == 1 ? 1 : PointsOfA(i, p));
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA,
                await SheetAsync(secretary, urlA, rubric, (i, p) => i.No == 1 ? 7 : PointsOfA(i, p)), urlA)))
            .ShouldBe("已保存33项评分");
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA, stale, urlA))).ShouldBe(MemberScoring.Stale);
        (await ScoresAsync(session.Id)).Where(s => s.ItemId == item1.Id && s.TargetId == a.Id).ShouldAllBe(s => s.Points == 7m);

        // B complete: the lock succeeds; the sheet is read-only and a posted score is refused.
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlB, await SheetAsync(secretary, urlB, rubric, full), urlB)))
            .ShouldBe("已保存33项评分");
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync($"/evaluation/{session.Id}/lock", null, $"/evaluation/{session.Id}")))
            .ShouldBe($"党员评议“{title}”已锁定");
        (await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id))).Status.ShouldBe(ScoringSessionStatus.Locked);
        Cell((await secretary.GetDocumentAsync("/evaluation")).QuerySelector($"tr[data-session-id='{session.Id}']"), ".session-status").ShouldBe("已锁定");
        (await secretary.GetDocumentAsync(urlA)).QuerySelector("#save-scores").ShouldBeNull();
        var before = (await ScoresAsync(session.Id)).Sum(s => s.Points);
        (await FlashAfterAsync(secretary, await secretary.PostFormAsync(urlA,
                new[] { KeyValuePair.Create(MemberScoring.Field(MemberScoring.PointsField, ScorePart.Organisation, item1.Id), "0") }, "/evaluation")))
            .ShouldBe("本次考评已锁定，不能再修改");
        (await ScoresAsync(session.Id)).Sum(s => s.Points).ShouldBe(before);

        // The documents: member A's sheet (weighted item points, the parts beside them, the total) and the ranking.
        var nameA = (await portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == a.MemberId))).Name;
        var finalTotal = Cell((await secretary.GetDocumentAsync(urlA)).DocumentElement, "#member-total");
        finalTotal.ShouldBe("98.25"); // item 1 was re-entered as 7/7/7 above
        var pdf = await PdfText.ReadAsync(await secretary.GetAsync(urlA + "/sheet.pdf"), "evaluation-sheet");
        pdf.Compact.ShouldContain(nameA);
        pdf.Compact.ShouldContain(finalTotal);
        pdf.Compact.ShouldContain("8.25");
        pdf.Compact.ShouldContain("组织点评9");
        var ranking = RosterTestData.Read(await RosterTestData.DownloadAsync(secretary, $"/evaluation/{session.Id}/ranking.xlsx"));
        var cells = ranking.Rows.Values.SelectMany(r => r.Values).Select(c => c.Text).ToList();
        cells.ShouldContain(nameA);
        cells.ShouldContain(finalTotal);
    }

    [Fact]
    public async Task Another_communitys_secretary_gets_404_and_street_unit_and_county_admins_get_403()
    {
        var rubric = await PublishedRubricAsync();
        using var secretary = await portal.ClientFor("secretary");
        var title = "越界检查评议 " + Guid.NewGuid().ToString("N")[..6];
        var session = await OpenAsync(secretary, rubric, title, all => all.Take(1));
        var target = session.Targets.Single();
        var sheetUrl = $"/evaluation/{session.Id}/members/{target.Id}";
        var sheet = await SheetAsync(secretary, sheetUrl, rubric, (i, _) => i.Points);

        using (var other = await portal.ClientFor("secretary2"))
        {
            var list = await other.GetStringAsync("/evaluation");
            list.ShouldNotContain(title);
            list.ShouldNotContain(session.Id.ToString());
            (await other.GetAsync($"/evaluation/{session.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync(sheetUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostFormAsync(sheetUrl, sheet, "/evaluation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostFormAsync($"/evaluation/{session.Id}/lock", null, "/evaluation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync(sheetUrl + "/sheet.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync($"/evaluation/{session.Id}/ranking.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        foreach (var user in new[] { "street", "unit", "county" })
        {
            using var client = await portal.ClientFor(user);
            foreach (var url in new[] { "/evaluation", $"/evaluation/{session.Id}", sheetUrl, sheetUrl + "/sheet.pdf", $"/evaluation/{session.Id}/ranking.xlsx" })
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
            }
            (await client.PostFormAsync(sheetUrl, sheet, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST sheet");
            (await client.PostFormAsync($"/evaluation/{session.Id}/lock", null, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST lock");
            (await client.PostFormAsync("/evaluation", new Dictionary<string, string> { ["rubricId"] = rubric.Id.ToString(), ["year"] = "2026", ["title"] = title + user }, "/"))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST open");
        }

        (await ScoresAsync(session.Id)).ShouldBeEmpty();
        (await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id))).Status.ShouldBe(ScoringSessionStatus.Open);
        (await portal.WithDbAsync(db => db.ScoringSessions.CountAsync(s => s.Title.StartsWith(title)))).ShouldBe(1);
    }
}

public sealed class SqliteMemberEvaluationWebTests(SqlitePortal portal) : MemberEvaluationWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberEvaluationWebTests(PostgresPortal portal) : MemberEvaluationWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
