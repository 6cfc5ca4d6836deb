using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.IntegrationTests.Roster;
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
/// The 考评 exports through HTTP on seed 001: the street scores its communities (the secretary's community one point short on
/// item 1, with a comment; another community 2.5 short on item 2), downloads a draft sheet (草稿（未锁定）, 未排名), locks, and
/// reads back the locked sheet PDF (title, community, item, score, comment, evidence of item 16, total, rank, issuer, serial)
/// and the ranking .xlsx (header, rows in rank order, category points, totals). Another street gets 404; the community's
/// secretary gets its own sheet (and its rank on /scoring/results) only once the session is locked, never another community's.
/// </summary>
public abstract partial class ScoringExportWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static int nextYear = 2060;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Compact(string value) => WhiteSpace().Replace(value, "");

    private sealed record Scored(PortalClient Street, ScoringSession Session, Rubric Rubric, Guid Mine, Guid Lower, Dictionary<Guid, string> Names);

    /// <summary>
    /// The street opens a session on a freshly published seed 001 and scores every community: the secretary's 99 (item 1 minus
    /// one, commented 材料齐全), another 97.5 (item 2 minus 2.5), the rest (if any) 100.
    /// </summary>
    private async Task<Scored> ScoredSessionAsync(string title)
    {
        var rubric = await portal.WithDbAsync(async db =>
        {
            var r = RubricPresets.Load(RubricPresets.Wuzhong2011, Interlocked.Increment(ref nextYear));
            r.Publish();
            db.Rubrics.Add(r);
            await db.SaveChangesAsync();
            return r;
        });
        var street = await portal.ClientFor("street");
        await RedirectAsync(await street.PostFormAsync("/scoring", new Dictionary<string, string>
        {
            ["rubricId"] = rubric.Id.ToString(), ["year"] = Text(Today(portal).Year), ["title"] = title,
        }, "/scoring"));
        var session = await portal.WithDbAsync(db => db.ScoringSessions.AsNoTracking().Include(s => s.Targets).SingleAsync(s => s.Title == title));
        var orgIds = session.Targets.Select(t => t.OrganizationId!.Value).ToList();
        var names = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name));
        var community = await CommunityOfAsync(portal, "secretary");
        var mine = session.Targets.Single(t => t.OrganizationId == community).Id;
        session.Targets.Count.ShouldBeGreaterThanOrEqualTo(2);
        var lower = session.Targets.First(t => t.Id != mine).Id;
        foreach (var target in session.Targets)
        {
            Func<RubricItem, decimal> points = target.Id == mine ? i => i.No == 1 ? i.Points - 1 : i.Points
                : target.Id == lower ? i => i.No == 2 ? i.Points - 2.5m : i.Points
                : i => i.Points;
            var fields = rubric.Items.SelectMany(i => new[]
            {
                KeyValuePair.Create(ScoringController.PointsField + i.Id, Text(points(i))),
                KeyValuePair.Create(ScoringController.CommentField + i.Id, target.Id == mine && i.No == 1 ? "材料齐全" : ""),
            }).ToDictionary();
            var url = $"/scoring/{session.Id}/targets/{target.Id}";
            await RedirectAsync(await street.PostFormAsync(url, fields, url));
        }
        (await portal.WithDbAsync(db => db.Scores.CountAsync(s => s.SessionId == session.Id))).ShouldBe(23 * session.Targets.Count);
        return new Scored(street, session, rubric, mine, lower, session.Targets.ToDictionary(t => t.Id, t => names[t.OrganizationId!.Value]));
    }

    private static async Task LockAsync(Scored s) =>
        (await RedirectAsync(await s.Street.PostFormAsync($"/scoring/{s.Session.Id}/lock", null, $"/scoring/{s.Session.Id}"))).ShouldBe($"/scoring/{s.Session.Id}");

    /// <summary>The serial the sheet must carry: year, the session id's last 8 hex digits, the target's place by id.</summary>
    private static string Serial(Scored s, Guid targetId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Session.Year}-考评-{s.Session.Id.ToString("N")[^8..].ToUpperInvariant()}-{s.Session.Targets.Select(t => t.Id).Order().ToList().IndexOf(targetId) + 1:000}");

    [Fact]
    public async Task The_street_downloads_a_draft_and_a_locked_score_sheet_and_the_ranking_read_back_with_their_content()
    {
        var title = "社区党建考评导出" + Guid.NewGuid().ToString("N")[..6];
        var s = await ScoredSessionAsync(title);
        using var street = s.Street;
        var streetName = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id == s.Session.OrganizationId).Select(o => o.Name).SingleAsync());
        var sheetUrl = $"/scoring/{s.Session.Id}/targets/{s.Mine}/sheet.pdf";
        var n = s.Session.Targets.Count;

        // The pages link the downloads.
        var page = await street.GetDocumentAsync($"/scoring/{s.Session.Id}");
        page.QuerySelector("#ranking-xlsx")!.GetAttribute("href").ShouldBe($"/scoring/{s.Session.Id}/ranking.xlsx");
        page.QuerySelector($"#ranking tr[data-target-id='{s.Mine}'] [data-sheet]")!.GetAttribute("href").ShouldBe(sheetUrl);
        (await street.GetDocumentAsync($"/scoring/{s.Session.Id}/targets/{s.Mine}")).QuerySelector("#sheet-pdf")!.GetAttribute("href").ShouldBe(sheetUrl);

        // A draft: marked on the page, not ranked, the same serial as later (derived, not taken per print).
        var draft = await PdfText.ReadAsync(await street.GetAsync(sheetUrl), "score-sheet-draft");
        draft.Compact.ShouldContain("草稿（未锁定）");
        draft.Compact.ShouldContain("未排名");
        draft.Compact.ShouldContain(Serial(s, s.Mine));

        await LockAsync(s);
        var response = await street.GetAsync(sheetUrl);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe($"考评评分表-{s.Names[s.Mine]}-{Serial(s, s.Mine)}.pdf");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldMatch(@"^score-sheet-\d{4}-[0-9A-F]{8}-\d{3}\.pdf$");
        var pdf = await PdfText.ReadAsync(response, "score-sheet-locked");
        pdf.Compact.ShouldContain(Compact($"{s.Rubric.Name}评分表"));
        pdf.Compact.ShouldContain(s.Names[s.Mine]);
        pdf.Compact.ShouldContain(s.Session.Title);
        pdf.Compact.ShouldContain(Serial(s, s.Mine));
        pdf.Compact.ShouldContain("已锁定");
        pdf.Compact.ShouldNotContain("草稿（未锁定）");
        pdf.Compact.ShouldContain($"第{n - 1}名（共{n}个）");
        pdf.Compact.ShouldContain("99分（满分100分）");
        pdf.Compact.ShouldContain($"{streetName}（盖章）");
        // In content order (pdftotext -raw): item 1's number, text, points, score (one less) and comment; item 16 with the
        // evidence under its text as the scoring page shows it; the 合计 with the full marks and the total.
        var raw = Compact(Raw(pdf.Path));
        var item1 = s.Rubric.Items.Single(i => i.No == 1);
        raw.ShouldContain(Compact($"1{item1.Text}{Text(item1.Points)}{Text(item1.Points - 1)}材料齐全"));
        var item16 = s.Rubric.Items.Single(i => i.No == 16);
        var community = await CommunityOfAsync(portal, "secretary");
        var evidence = await portal.WithDbAsync(db => AssessmentEvidence.ForCommunitiesAsync(db, [community], s.Session.Year, Today(portal)));
        var expected = evidence.For(community, EvidenceKeys.Participation)!;
        raw.ShouldContain(Compact($"16{item16.Text}平台数据：{expected.Explanation}，建议得分 {RubricRules.Points(expected.SuggestedScore(item16.Points))}" +
            $"{Text(item16.Points)}{Text(item16.Points)}"));
        raw.ShouldContain("合计10099");

        // The ranking: header, one row per community best first, category points and totals, then the averages.
        var xlsx = await RosterTestData.DownloadAsync(street, $"/scoring/{s.Session.Id}/ranking.xlsx", $"考评排名表-{title}.xlsx");
        var sheet = RosterTestData.Read(xlsx);
        sheet.Name.ShouldBe("考评排名");
        sheet.Rows.Values.SelectMany(r => r.Values).ShouldContain(c => c.Text == $"{title}排名表");
        sheet.Rows.Values.SelectMany(r => r.Values).ShouldContain(c => c.Text.Contains($"制表单位：{streetName}"));
        var (headerRow, header) = sheet.Rows.First(r => r.Value.Values.Any(c => c.Text == "名次"));
        var columns = header.Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var categories = s.Rubric.Categories.OrderBy(c => c.No).ToList();
        columns.Select(c => header[c].Text).ShouldBe(["名次", "社区", .. categories.Select(c => $"{c.Name}（{Text(c.Points)}分）"), "总分（100分）"]);
        // Numbers as numbers (the cell holds 19.0 or 19.00 depending on the provider's decimal scale).
        var data = sheet.Rows.Where(r => r.Key > headerRow).Select(r => columns.Select(c => r.Value.GetValueOrDefault(c)?.Text ?? "")
            .Select(t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("0.##", CultureInfo.InvariantCulture) : t).ToList()).ToList();
        data.Count.ShouldBe(n + 1);
        data[..(n - 2)].Select(r => r[1]).ShouldBe(s.Session.Targets.Where(t => t.Id != s.Mine && t.Id != s.Lower).Select(t => s.Names[t.Id]), ignoreOrder: true);
        data[..(n - 2)].ShouldAllBe(r => r[0] == "1" && r[r.Count - 1] == "100");
        data[n - 2].ShouldBe([Text(n - 1), s.Names[s.Mine], Text(categories[0].Points - 1), .. categories.Skip(1).Select(c => Text(c.Points)), "99"]);
        data[n - 1][0].ShouldBe(n.ToString(CultureInfo.InvariantCulture));
        data[n - 1][1].ShouldBe(s.Names[s.Lower]);
        data[n - 1][^1].ShouldBe("97.5");
        data[n][1].ShouldBe("平均分");
    }

    [Fact]
    public async Task Another_street_gets_404_and_the_secretary_gets_its_own_sheet_only_once_locked()
    {
        var title = "考评导出权限" + Guid.NewGuid().ToString("N")[..6];
        var s = await ScoredSessionAsync(title);
        using var street = s.Street;
        var other = s.Session.Targets.First(t => t.Id != s.Mine).Id;
        var own = $"/scoring/results/{s.Session.Id}/targets/{s.Mine}/sheet.pdf";
        var others = $"/scoring/results/{s.Session.Id}/targets/{other}/sheet.pdf";

        // Another street's admin: nothing of the session, nor of its documents.
        var streetId = (await UserAsync(portal, "street")).OrganizationId;
        var otherStreet = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().FirstAsync(o => o.Kind == OrgKind.Street && o.Id != streetId));
        var userName = "street3" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>().CreateAsync(userName, DemoCountySeeder.Password, "另一街道管理员",
                PortalRole.StreetAdmin, otherStreet.Id, pii: false);
        }
        using var outsider = await portal.ClientFor(userName);
        (await outsider.GetAsync($"/scoring/{s.Session.Id}/targets/{s.Mine}/sheet.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/scoring/{s.Session.Id}/ranking.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The secretary: not the street's routes; its own sheet not before the lock, and no result listed.
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync($"/scoring/{s.Session.Id}/targets/{s.Mine}/sheet.pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await secretary.GetAsync($"/scoring/{s.Session.Id}/ranking.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await secretary.GetAsync(own)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetDocumentAsync("/scoring/results")).QuerySelector($"#results tr[data-session-id='{s.Session.Id}']").ShouldBeNull();

        await LockAsync(s);

        // Locked: its row with rank and total, its own sheet read back; another community's sheet stays 404.
        var row = (await secretary.GetDocumentAsync("/scoring/results")).QuerySelector($"#results tr[data-session-id='{s.Session.Id}']")!;
        row.ShouldNotBeNull();
        var n = s.Session.Targets.Count;
        row.QuerySelector("[data-rank]")!.TextContent.Trim().ShouldBe($"第{n - 1}名（共{n}个）");
        row.QuerySelector("[data-total]")!.TextContent.Trim().ShouldBe("99/100");
        row.QuerySelector("[data-sheet]")!.GetAttribute("href").ShouldBe(own);
        var pdf = await PdfText.ReadAsync(await secretary.GetAsync(own), "score-sheet-secretary");
        pdf.Compact.ShouldContain(s.Names[s.Mine]);
        pdf.Compact.ShouldContain(Serial(s, s.Mine));
        pdf.Compact.ShouldContain($"第{n - 1}名（共{n}个）");
        pdf.Compact.ShouldContain("99分（满分100分）");
        pdf.Compact.ShouldContain("材料齐全");
        pdf.Compact.ShouldNotContain(s.Names[other]);
        (await secretary.GetAsync(others)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The secretary of a community in the other street sees neither the result nor the sheet.
        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetDocumentAsync("/scoring/results")).QuerySelector($"#results tr[data-session-id='{s.Session.Id}']").ShouldBeNull();
        (await secretary2.GetAsync(own)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The unit admin is not a secretary.
        using var unit = await portal.ClientFor("unit");
        (await unit.GetAsync("/scoring/results")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>pdftotext -raw: the text in the order it was drawn (a cell's wrapped lines stay together).</summary>
    private static string Raw(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (var arg in new[] { "-raw", "-enc", "UTF-8", path, "-" }) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>
/// The sheet of a MEMBER target (五带头, weighted parts) as mapped for the member evaluation pages: the item's score is the
/// weighted value of the three parts once all are entered, its comment lists the parts; a draft has no rank. Read back
/// from the rendered PDF. No database: the mapping is a pure function of the session's rows.
/// </summary>
public sealed class ScoringExportMemberSheetTests
{
    [Fact]
    public void A_member_targets_item_shows_the_weighted_score_and_the_parts_in_its_comment()
    {
        var rubric = RubricPresets.Load(RubricPresets.FiveLead, 2031);
        rubric.Publish();
        rubric.Target.ShouldBe(RubricTarget.Member);
        rubric.Parts.Count.ShouldBe(3);
        var session = ScoringSession.Open(rubric, 2031, "2031年度党员评议", Guid.NewGuid());
        var target = new ScoringTarget { SessionId = session.Id, SessionOrganizationId = session.OrganizationId, MemberId = Guid.NewGuid(), CommunityId = Guid.NewGuid() };
        session.Targets.Add(target);
        var item = rubric.Items.First();
        var second = rubric.Items.Skip(1).First();
        var points = new Dictionary<ScorePart, decimal> { [ScorePart.Organisation] = item.Points, [ScorePart.Peers] = item.Points - 1, [ScorePart.Public] = item.Points - 2 };
        var scores = points.Select(p => new Score
        {
            SessionId = session.Id, TargetId = target.Id, ItemId = item.Id, Part = p.Key, Points = p.Value, ScoredBy = "secretary",
            Comment = p.Key == ScorePart.Organisation ? "表现突出" : null,
        }).Append(new Score { SessionId = session.Id, TargetId = target.Id, ItemId = second.Id, Part = ScorePart.Organisation, Points = 1, ScoredBy = "secretary" }).ToList();
        var data = new ScoringSessionData(session, rubric, [target], scores, ScoreTotals.Compute(rubric, [target.Id], scores),
            new Dictionary<Guid, string> { [target.Id] = "张三" }, "东关社区", new DateOnly(2031, 12, 20));

        var record = ScoringRecords.Sheet(data, target.Id, evidence: null);
        var weighted = points.Sum(p => p.Value * rubric.WeightOf(p.Key) / 100m);
        var first = record.Categories.SelectMany(c => c.Items).Single(i => i.No == item.No);
        first.Score.ShouldBe(weighted);
        var text = (decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        first.Comment.ShouldBe($"组织点评{text(item.Points)} 党员互评{text(item.Points - 1)} 群众评议{text(item.Points - 2)}；表现突出");
        // Only one part of the second item: not scored yet, the comment says which parts are missing.
        var other = record.Categories.SelectMany(c => c.Items).Single(i => i.No == second.No);
        other.Score.ShouldBeNull();
        other.Comment.ShouldBe("组织点评1 党员互评未评 群众评议未评");
        record.Target.ShouldBe("张三");
        record.Rank.ShouldBeNull();
        record.Locked.ShouldBeFalse();
        record.Serial.ShouldBe($"2031-考评-{session.Id.ToString("N")[^8..].ToUpperInvariant()}-001");

        var pdf = PdfText.FromBytes(CommunityPartyPortal.Documents.Pdf.Forms.ScoreSheetPdf.Render([record]), "score-sheet-member");
        pdf.Compact.ShouldContain("张三");
        pdf.Compact.ShouldContain("草稿（未锁定）");
        pdf.Compact.ShouldContain("未排名");
        pdf.Compact.ShouldContain($"{text(weighted)}分（满分{text(record.Points)}分）");
    }
}

public sealed class SqliteScoringExportWebTests(SqlitePortal portal) : ScoringExportWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresScoringExportWebTests(PostgresPortal portal) : ScoringExportWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
