using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Scoring;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Accounts.AccountsTestData;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// 考评评分 through HTTP on seed 001's published rubric: the street opens a session (its communities are the targets, its admin
/// the scorer), enters scores (a score above the points is refused with the domain's message and nothing is written), sees
/// the evidence of item 16 with the suggested score, cannot lock while scores are missing and locks once complete; the
/// ranking follows the totals. A secretary gets 403; another street's admin sees nothing of the session (404).
/// </summary>
public abstract class ScoringWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static int nextYear = 2040;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seed 001 loaded and published through the system scope, for a year of its own.</summary>
    private Task<Rubric> PublishedRubricAsync() => portal.WithDbAsync(async db =>
    {
        var rubric = RubricPresets.Load(RubricPresets.Wuzhong2011, Interlocked.Increment(ref nextYear));
        rubric.Publish();
        db.Rubrics.Add(rubric);
        await db.SaveChangesAsync();
        return rubric;
    });

    /// <summary>The street admin opens a session through the form; returns the session (system read) and the client.</summary>
    private async Task<(PortalClient Street, ScoringSession Session, Rubric Rubric)> OpenAsync(string title)
    {
        var rubric = await PublishedRubricAsync();
        var street = await portal.ClientFor("street");
        var form = await street.GetDocumentAsync("/scoring");
        form.QuerySelectorAll("#rubricId option").Select(o => o.GetAttribute("value")).ShouldContain(rubric.Id.ToString());
        var location = await RedirectAsync(await street.PostFormAsync("/scoring", new Dictionary<string, string>
        {
            ["rubricId"] = rubric.Id.ToString(), ["year"] = Text(Today(portal).Year), ["title"] = title,
        }, "/scoring"));
        var session = await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().Include(s => s.Targets).Include(s => s.Scorers).SingleAsync(s => s.Title == title));
        location.ShouldBe($"/scoring/{session.Id}");
        return (street, session, rubric);
    }

    private static Dictionary<string, string> Sheet(Rubric rubric, Func<RubricItem, decimal?> points, string? comment = null) =>
        rubric.Items.Where(i => points(i) is not null).SelectMany(i => new[]
        {
            KeyValuePair.Create(ScoringController.PointsField + i.Id, Text(points(i)!.Value)),
            KeyValuePair.Create(ScoringController.CommentField + i.Id, comment ?? ""),
        }).ToDictionary();

    private Task<List<Score>> ScoresAsync(Guid sessionId) =>
        portal.WithDbAsync(db => db.Scores.AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync());

    private static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        var page = await client.GetDocumentAsync(await RedirectAsync(response));
        return string.Join(" | ", page.QuerySelectorAll("main > .alert-success, main > .alert-danger").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task A_street_opens_a_session_scores_its_communities_sees_the_evidence_and_locks_only_when_complete()
    {
        var title = "城关街道社区党建考评 " + Guid.NewGuid().ToString("N")[..6];
        int OpenOnHome(AngleSharp.Dom.IDocument home) =>
            home.QuerySelector("#home-links a[href='/scoring']")!.TextContent.Trim() is var text && text.StartsWith("考评评分（", StringComparison.Ordinal)
                ? int.Parse(text["考评评分（".Length..text.IndexOf('场', StringComparison.Ordinal)], CultureInfo.InvariantCulture)
                : 0;
        int before;
        using (var home = await portal.ClientFor("street")) before = OpenOnHome(await home.GetDocumentAsync("/"));
        var (street, session, rubric) = await OpenAsync(title);
        using var _ = street;
        OpenOnHome(await street.GetDocumentAsync("/")).ShouldBe(before + 1, "the home page counts the open session the street admin scores");

        // The street's own communities are the targets; the opener is the scorer.
        var streetId = (await UserAsync(portal, "street")).OrganizationId;
        var communities = await portal.WithDbAsync(db => db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrgKind.Community && o.ParentId == streetId && o.IsActive).ToDictionaryAsync(o => o.Id, o => o.Name));
        communities.Count.ShouldBeGreaterThan(1);
        session.Targets.Select(t => t.OrganizationId!.Value).ShouldBe(communities.Keys, ignoreOrder: true);
        session.Scorers.Select(s => s.UserId).ShouldBe([(await UserAsync(portal, "street")).Id]);

        var row = (await street.GetDocumentAsync("/scoring")).QuerySelector($"tr[data-session-id='{session.Id}']")!;
        row.QuerySelector("[data-targets]")!.TextContent.Trim().ShouldBe(communities.Count.ToString(CultureInfo.InvariantCulture));
        row.QuerySelector(".session-status")!.TextContent.Trim().ShouldBe("评分中");
        row.QuerySelector("[data-progress]")!.TextContent.Trim().ShouldBe($"0/{communities.Count * 23}");

        // The first target's sheet: 23 items; item 16 shows the platform's participation evidence and the suggested score.
        var first = session.Targets.OrderBy(t => communities[t.OrganizationId!.Value], StringComparer.Ordinal).First();
        var sheetUrl = $"/scoring/{session.Id}/targets/{first.Id}";
        var sheet = await street.GetDocumentAsync(sheetUrl);
        sheet.QuerySelector("#target-name")!.TextContent.Trim().ShouldBe(communities[first.OrganizationId!.Value]);
        sheet.QuerySelectorAll("#score-items tr[data-item-id]").Length.ShouldBe(23);
        var evidence = await portal.WithDbAsync(db => AssessmentEvidence.ForCommunitiesAsync(db, [first.OrganizationId!.Value], Today(portal).Year, Today(portal)));
        var item16 = rubric.Items.Single(i => i.No == 16);
        var expected = evidence.For(first.OrganizationId!.Value, EvidenceKeys.Participation)!;
        var line = sheet.QuerySelector("#score-items tr[data-item-no='16'] .evidence")!;
        line.TextContent.Trim().ShouldBe($"平台数据：{expected.Explanation}，建议得分 {RubricRules.Points(expected.SuggestedScore(item16.Points))}");
        line.TextContent.ShouldContain("组织关系在社区的党员");
        sheet.QuerySelector("#score-items tr[data-item-no='1'] .evidence").ShouldBeNull();

        // A score above item 16's points: refused with the domain's message, nothing written for any item.
        var tooHigh = Sheet(rubric, i => i.No == 16 ? i.Points + 0.5m : i.Points);
        (await FlashAfterAsync(street, await street.PostFormAsync(sheetUrl, tooHigh, sheetUrl))).ShouldBe("第16项的得分不能超过该项分值3分");
        (await ScoresAsync(session.Id)).ShouldBeEmpty();
        (await FlashAfterAsync(street, await street.PostFormAsync(sheetUrl, Sheet(rubric, i => i.No == 2 ? -1 : 1), sheetUrl))).ShouldBe("第2项的得分不能为负数");
        (await ScoresAsync(session.Id)).ShouldBeEmpty();

        // Full points on the first target except item 1 (one point less), with a comment: 23 scores written, shown back.
        (await FlashAfterAsync(street, await street.PostFormAsync(sheetUrl, Sheet(rubric, i => i.No == 1 ? i.Points - 1 : i.Points, "材料齐全"), sheetUrl)))
            .ShouldBe("已保存23项评分");
        var saved = await ScoresAsync(session.Id);
        saved.Count.ShouldBe(23);
        saved.Sum(s => s.Points).ShouldBe(99m);
        saved.ShouldAllBe(s => s.TargetId == first.Id && s.Comment == "材料齐全" && s.ScoredBy == "street");
        var again = await street.GetDocumentAsync(sheetUrl);
        again.QuerySelector($"input[name='{ScoringController.PointsField}{item16.Id}']")!.GetAttribute("value").ShouldBe(RubricRules.Points(item16.Points));

        // Locking with the other targets unscored is refused with the domain's count; the session stays open.
        var missing = (communities.Count - 1) * 23;
        (await FlashAfterAsync(street, await street.PostFormAsync($"/scoring/{session.Id}/lock", null, $"/scoring/{session.Id}")))
            .ShouldBe($"还有{missing}项未评分，全部评分后才能锁定");
        (await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id))).Status.ShouldBe(ScoringSessionStatus.Open);

        // Score the others in full: the ranking puts them first (100), the first target last (99); then the lock succeeds.
        foreach (var target in session.Targets.Where(t => t.Id != first.Id))
        {
            var url = $"/scoring/{session.Id}/targets/{target.Id}";
            (await FlashAfterAsync(street, await street.PostFormAsync(url, Sheet(rubric, i => i.Points), url))).ShouldBe("已保存23项评分");
        }
        var ranking = (await street.GetDocumentAsync($"/scoring/{session.Id}")).QuerySelectorAll("#ranking tbody tr").ToList();
        ranking.Count.ShouldBe(communities.Count);
        ranking[^1].GetAttribute("data-target-id").ShouldBe(first.Id.ToString());
        ranking[^1].QuerySelector("[data-total]")!.TextContent.Trim().ShouldBe("99");
        ranking[^1].QuerySelector("[data-rank]")!.TextContent.Trim().ShouldBe(communities.Count.ToString(CultureInfo.InvariantCulture));
        ranking[^1].QuerySelector("[data-category-no='1']")!.TextContent.Trim().ShouldBe("19");
        ranking[0].QuerySelector("[data-total]")!.TextContent.Trim().ShouldBe("100");
        ranking[0].QuerySelector("[data-rank]")!.TextContent.Trim().ShouldBe("1");

        (await FlashAfterAsync(street, await street.PostFormAsync($"/scoring/{session.Id}/lock", null, $"/scoring/{session.Id}"))).ShouldBe($"考评“{title}”已锁定");
        (await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id))).Status.ShouldBe(ScoringSessionStatus.Locked);
        OpenOnHome(await street.GetDocumentAsync("/")).ShouldBe(before, "a locked session is no longer to be scored");
        (await street.GetDocumentAsync("/scoring")).QuerySelector($"tr[data-session-id='{session.Id}'] .session-status")!.TextContent.Trim().ShouldBe("已锁定");

        // A locked session: the sheet is read-only and a posted score is refused, nothing changed.
        (await street.GetDocumentAsync(sheetUrl)).QuerySelector("#save-scores").ShouldBeNull();
        var tokenPage = "/scoring";
        (await FlashAfterAsync(street, await street.PostFormAsync(sheetUrl, Sheet(rubric, i => i.No == 1 ? 0 : null), tokenPage)))
            .ShouldBe("本次考评已锁定，不能再修改");
        (await ScoresAsync(session.Id)).Sum(s => s.Points).ShouldBe(99m + 100m * (communities.Count - 1));
    }

    [Fact]
    public async Task A_secretary_gets_403_and_another_streets_admin_sees_nothing_of_the_session()
    {
        var title = "越界检查考评 " + Guid.NewGuid().ToString("N")[..6];
        var (street, session, rubric) = await OpenAsync(title);
        using var _ = street;
        var target = session.Targets[0];
        var urls = new[] { "/scoring", $"/scoring/{session.Id}", $"/scoring/{session.Id}/targets/{target.Id}" };

        using (var secretary = await portal.ClientFor("secretary"))
        {
            foreach (var url in urls) (await secretary.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        var streetId = (await UserAsync(portal, "street")).OrganizationId;
        var otherStreet = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().FirstAsync(o => o.Kind == OrgKind.Street && o.Id != streetId));
        var userName = "street2" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>().CreateAsync(userName, DemoCountySeeder.Password, "另一街道管理员",
                PortalRole.StreetAdmin, otherStreet.Id, pii: false);
        }
        using var other = await portal.ClientFor(userName);
        var list = await other.GetStringAsync("/scoring");
        list.ShouldNotContain(title);
        list.ShouldNotContain(session.Id.ToString());
        (await other.GetAsync(urls[1])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(urls[2])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostFormAsync(urls[2], Sheet(rubric, i => i.Points), "/scoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostFormAsync($"/scoring/{session.Id}/lock", null, "/scoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ScoresAsync(session.Id)).ShouldBeEmpty();

        // The county sees the street's session; a session it opens has every community as a target, and the street does not see it.
        using var county = await portal.ClientFor("county");
        (await county.GetStringAsync("/scoring")).ShouldContain(title);
        var countyTitle = "全县社区考评 " + Guid.NewGuid().ToString("N")[..6];
        await RedirectAsync(await county.PostFormAsync("/scoring", new Dictionary<string, string>
        {
            ["rubricId"] = rubric.Id.ToString(), ["year"] = Text(Today(portal).Year), ["title"] = countyTitle,
        }, "/scoring"));
        var countySession = await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().Include(s => s.Targets).SingleAsync(s => s.Title == countyTitle));
        var all = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.Community && o.IsActive).Select(o => o.Id).ToListAsync());
        countySession.Targets.Select(t => t.OrganizationId!.Value).ShouldBe(all, ignoreOrder: true);
        (await street.GetStringAsync("/scoring")).ShouldNotContain(countyTitle);
        (await street.GetAsync($"/scoring/{countySession.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteScoringWebTests(SqlitePortal portal) : ScoringWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresScoringWebTests(PostgresPortal portal) : ScoringWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
