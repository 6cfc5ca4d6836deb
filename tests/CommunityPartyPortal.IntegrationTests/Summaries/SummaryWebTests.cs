using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Reporting;
using CommunityPartyPortal.Web.Seeding;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Summaries;

/// <summary>
/// The summary tables' pages, downloads and 报送 through HTTP on the demo county: a department added with two units (one
/// fully reported, one with nobody reported: below the threshold), the county's download of that department's table read
/// back (xlsx with OpenXML, PDF with pdftotext), the scoping of streets and secretaries, and 报送 with its deadline.
/// </summary>
public abstract class SummaryWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private sealed record Department(Organization Own, Organization Good, Organization Behind, string CountyName);

    private DateOnly Today => Clock.TodayInChina(portal.Time);

    /// <summary>Moves the portal's clock to a China time (backwards too: the tests of a class share the portal).</summary>
    private void SetChinaTime(int year, int month, int day, int hour) =>
        portal.Time.Advance(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)) - portal.Time.GetUtcNow());

    /// <summary>A new department with a unit whose two members reported on 1 March and a unit whose two members did not.</summary>
    private async Task<Department> AddDepartmentAsync(int year)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (county, countyName, community) = await portal.WithDbAsync(async db =>
        {
            var c = await db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrgKind.County);
            var secretary = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary");
            return (c.Id, c.Name, secretary.OrganizationId);
        });
        var own = new Organization { Name = $"测试汇总局{tag}", Code = $"T{tag}", Kind = OrgKind.WorkUnit, ParentId = county, SortOrder = 90 };
        var good = new Organization { Name = $"测试一所{tag}", Code = $"T{tag}-01", Kind = OrgKind.WorkUnit, ParentId = own.Id, SortOrder = 1 };
        var behind = new Organization { Name = $"测试二所{tag}", Code = $"T{tag}-02", Kind = OrgKind.WorkUnit, ParentId = own.Id, SortOrder = 2 };
        await portal.WithDbAsync(async db =>
        {
            db.Organizations.AddRange(own, good, behind);
            return await db.SaveChangesAsync();
        });
        foreach (var unit in new[] { good, good, behind, behind })
        {
            var member = await TestMembers.AddMemberAsync(portal, community, unit.Id, id => "汇总" + id[^4..]);
            if (unit != good) continue;
            await portal.WithDbAsync(async db =>
            {
                var n = Guid.NewGuid().ToString("N")[..10];
                db.CommunityReports.Add(new CommunityReport
                {
                    Year = year, MemberId = member.Id, CommunityId = community, ReportedOn = new DateOnly(year, 3, 1), Status = ReportStatus.Confirmed,
                    ConfirmedBy = "社区书记", ReceiptSerial = $"T-回执-{n}", InfoCardSerial = $"T-信息卡-{n}", CommitmentSerial = $"T-承诺卡-{n}",
                });
                return await db.SaveChangesAsync();
            });
        }
        return new Department(own, good, behind, countyName);
    }

    [Fact]
    public async Task The_county_downloads_one_departments_reporting_table_as_xlsx_and_pdf_and_the_page_highlights_the_unit_behind()
    {
        var year = Today.Year;
        var d = await AddDepartmentAsync(year);
        using var county = await portal.ClientFor("county");
        var query = $"year={year}&asOf={year}-06-30&root={d.Own.Id}";

        var xlsx = await county.DownloadExportAsync($"/summaries/reporting.xlsx?{query}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheets = SheetText.Read(await xlsx.Content.ReadAsByteArrayAsync());
        sheets.Select(s => s.Name).ShouldBe(["报到情况（按单位）", "报到情况（按社区）"]);
        var units = sheets[0];
        units.Text("A1").ShouldBe("在职党员进社区报到情况汇总表（按单位）");
        units.Text("A2")!.ShouldContain($"填报单位：中共{d.CountyName}委组织部");
        units.Text("A2")!.ShouldContain($"范围：{d.Own.Name}");
        units.Text("A2")!.ShouldContain($"编号：{year}-汇总-报到-{d.Own.Code}-0630");

        // The department's own row and its two units only; columns D 平台在册, E 计算基数, G 已报到, H 报到率.
        var rows = units.DataRows();
        rows.Select(r => units.Text($"B{r}")).ShouldBe([$"{d.Own.Name}（本级）", d.Good.Name, d.Behind.Name]);
        var good = rows[1];
        var behind = rows[2];
        (units.Number($"D{good}"), units.Number($"G{good}"), units.Number($"H{good}")).ShouldBe((2m, 2m, 1m));
        (units.Number($"D{behind}"), units.Number($"G{behind}"), units.Number($"H{behind}")).ShouldBe((2m, 0m, 0m));
        var subtotal = units.RowOf($"{d.Own.Name}小计");
        var total = units.RowOf("合计");
        foreach (var column in new[] { "D", "E", "G" })
        {
            units.Number($"{column}{total}").ShouldBe(rows.Sum(r => units.Number($"{column}{r}")), column);
            units.Number($"{column}{subtotal}").ShouldBe(units.Number($"{column}{total}"), column);
        }
        units.Number($"D{total}").ShouldBe(4m);
        units.Number($"H{total}").ShouldBe(0.5m);
        units.FillOf($"B{behind}").ShouldBe("FFFFC7CE");
        units.FillOf($"B{good}").ShouldBeNull();
        units.Text($"L{behind}").ShouldBe("否");

        var pdf = PdfText.FromBytes(await (await county.DownloadExportAsync($"/summaries/reporting.pdf?{query}")).Content.ReadAsByteArrayAsync(), "summary");
        pdf.Compact.ShouldContain("在职党员进社区报到情况汇总表（按单位）");
        pdf.Compact.ShouldContain(d.Behind.Name);
        pdf.Compact.ShouldContain("第1页共");
        pdf.Compact.ShouldContain($"{year}-汇总-报到-{d.Own.Code}-0630");

        var page = await county.GetDocumentAsync($"/summaries?{query}");
        var row = page.QuerySelector($"#reporting-units tr[data-org-id='{d.Behind.Id}']")!;
        row.ClassList.ShouldContain("table-danger");
        row.QuerySelector(".below-threshold")!.TextContent.ShouldBe("未达标");
        page.QuerySelector($"#reporting-units tr[data-org-id='{d.Good.Id}']")!.ClassList.ShouldNotContain("table-danger");
        page.QuerySelector($"#reporting-units tr[data-org-id='{d.Good.Id}'] a")!.GetAttribute("href").ShouldBe($"/members?unit={d.Good.Id}");

        var all = SheetText.Read(await (await county.DownloadExportAsync($"/summaries/all.xlsx?{query}")).Content.ReadAsByteArrayAsync());
        all.Select(s => s.Name).ShouldBe(["报到情况（按单位）", "报到情况（按社区）", "服务群众情况（按单位）", "服务群众情况（按社区）"]);
        all[2].Text("A1").ShouldBe("在职党员进社区服务群众情况汇总表（按单位）");

        // A date outside the year: the message next to the field, the default date used.
        var wrong = await county.GetDocumentAsync($"/summaries?year={year}&asOf={year - 1}-12-31&root={d.Own.Id}");
        wrong.QuerySelector("#asOf-error")!.TextContent.ShouldContain($"统计截至日期须在{year}年内");
    }

    [Fact]
    public async Task A_street_sees_only_its_communities_and_nobody_sees_a_subtree_outside_the_scope()
    {
        var (streetId, otherStreet, own, others, county) = await portal.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "street");
            var streets = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.Street).Select(o => o.Id).ToListAsync();
            var communities = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.Community).ToListAsync();
            var countyId = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.County).Select(o => o.Id).SingleAsync();
            return (user.OrganizationId, streets.First(s => s != user.OrganizationId),
                communities.Where(c => c.ParentId == user.OrganizationId).Select(c => c.Id.ToString()).ToHashSet(),
                communities.Where(c => c.ParentId != user.OrganizationId).Select(c => c.Id.ToString()).ToList(), countyId);
        });
        using var street = await portal.ClientFor("street");
        var page = await street.GetDocumentAsync("/summaries");
        var shown = page.QuerySelectorAll("#reporting-communities tr[data-org-id], #service-communities tr[data-org-id]")
            .Select(r => r.GetAttribute("data-org-id")!).ToHashSet();
        shown.ShouldBe(own, ignoreOrder: true);
        foreach (var other in others) page.QuerySelector($"tr[data-org-id='{other}']").ShouldBeNull();
        (await street.GetAsync($"/summaries?root={otherStreet}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await street.GetAsync($"/summaries/reporting.xlsx?root={otherStreet}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await street.GetAsync($"/summaries?root={streetId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync($"/summaries?root={county}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"/summaries/all.xlsx?root={county}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync("/summaries/submissions")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        var mine = await secretary.GetDocumentAsync("/summaries");
        mine.QuerySelectorAll("#reporting-communities tr[data-org-id]").Select(r => r.GetAttribute("data-org-id"))
            .ShouldBe([(await TestMembers.UserAsync(portal, "secretary")).OrganizationId.ToString()]);
        // A unit admin: its own department's units; another department is not found.
        var (department, otherDepartment) = await portal.WithDbAsync(async db =>
        {
            var own = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "unit")).OrganizationId;
            var other = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind == OrgKind.WorkUnit && o.ParentId == county && o.Id != own).Select(o => o.Id).FirstAsync();
            return (own, other);
        });
        using var unit = await portal.ClientFor("unit");
        var unitPage = await unit.GetDocumentAsync("/summaries");
        unitPage.QuerySelector($"#reporting-units tr[data-org-id='{department}']").ShouldNotBeNull();
        unitPage.QuerySelector($"#reporting-units tr[data-org-id='{otherDepartment}']").ShouldBeNull();
        (await unit.GetAsync($"/summaries?root={otherDepartment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unit.GetAsync($"/summaries/service.pdf?root={county}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var member = await portal.ClientFor("member");
        (await member.GetAsync("/summaries")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_unit_submits_withdraws_and_submits_again_the_county_sees_who_is_missing_and_a_late_submission_is_marked()
    {
        var year = Today.Year;
        SetChinaTime(year, 11, 20, 10);
        var d = await AddDepartmentAsync(year);
        var unitOrg = (await TestMembers.UserAsync(portal, "unit")).OrganizationId;
        var otherAdmin = "unit" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>()
                .CreateAsync(otherAdmin, DemoCountySeeder.Password, "测试一所 党支部", PortalRole.UnitAdmin, d.Good.Id);
        }
        Task<List<SummarySubmission>> SubmissionsAsync(Guid org) =>
            portal.WithDbAsync(db => db.SummarySubmissions.AsNoTracking().Where(s => s.OrganizationId == org && s.Year == year).OrderBy(s => s.SubmittedAt).ToListAsync());

        using var unit = await portal.ClientFor("unit");
        var url = $"/summaries/submission?year={year}";
        (await unit.GetDocumentAsync(url)).QuerySelector("#submission-state")!.GetAttribute("data-state").ShouldBe("Missing");
        var posted = await unit.PostFormAsync("/summaries/submission", new Dictionary<string, string> { ["year"] = $"{year}", ["note"] = "全年报到情况已核实" }, url);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.OriginalString.ShouldBe(url);
        var first = (await SubmissionsAsync(unitOrg)).ShouldHaveSingleItem();
        (first.Status, first.IsLate, first.Note).ShouldBe((SubmissionStatus.Submitted, false, "全年报到情况已核实"));
        (await unit.GetDocumentAsync(url)).QuerySelector("#submission-state")!.GetAttribute("data-state").ShouldBe("Submitted");
        (await unit.PostWithoutTokenAsync("/summaries/submission", new Dictionary<string, string> { ["year"] = $"{year}" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using (var county = await portal.ClientFor("county"))
        {
            var overview = await county.GetDocumentAsync($"/summaries/submissions?year={year}");
            overview.QuerySelector($"#submissions-units tr[data-org-id='{unitOrg}']")!.GetAttribute("data-state").ShouldBe("Submitted");
            overview.QuerySelector($"#submissions-units tr[data-org-id='{d.Good.Id}']")!.GetAttribute("data-state").ShouldBe("Missing");
            var missing = await county.GetDocumentAsync($"/summaries/submissions?year={year}&missing=true");
            missing.QuerySelector($"tr[data-org-id='{unitOrg}']").ShouldBeNull();
            missing.QuerySelector($"tr[data-org-id='{d.Good.Id}']").ShouldNotBeNull();
        }

        // Another unit cannot withdraw it: not found, nothing written.
        using (var other = await portal.ClientFor(otherAdmin))
        {
            var token = await other.TokenFromAsync(url);
            var refused = await other.Http.PostAsync($"/summaries/submission/{first.Id}/withdraw",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await SubmissionsAsync(unitOrg)).ShouldHaveSingleItem().Status.ShouldBe(SubmissionStatus.Submitted);

        (await unit.PostFormAsync($"/summaries/submission/{first.Id}/withdraw", formPageUrl: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SubmissionsAsync(unitOrg)).ShouldHaveSingleItem().Status.ShouldBe(SubmissionStatus.Withdrawn);
        (await unit.GetDocumentAsync(url)).QuerySelector("#submission-state")!.GetAttribute("data-state").ShouldBe("Missing");
        await unit.PostFormAsync("/summaries/submission", new Dictionary<string, string> { ["year"] = $"{year}", ["note"] = "更正后重新报送" }, url);
        (await SubmissionsAsync(unitOrg)).Select(s => (s.Status, s.Note)).ShouldBe(
            [(SubmissionStatus.Withdrawn, "全年报到情况已核实"), (SubmissionStatus.Submitted, "更正后重新报送")]);

        // After 30 November: the secretary's submission is marked late, and nobody withdraws any more.
        SetChinaTime(year, 12, 1, 9);
        using var secretary = await portal.ClientFor("secretary");
        var community = (await TestMembers.UserAsync(portal, "secretary")).OrganizationId;
        await secretary.PostFormAsync("/summaries/submission", new Dictionary<string, string> { ["year"] = $"{year}" }, url);
        (await SubmissionsAsync(community)).ShouldHaveSingleItem().IsLate.ShouldBeTrue();
        var page = await secretary.GetDocumentAsync(url);
        page.QuerySelector("#submission-state")!.TextContent.ShouldBe("逾期报送");
        page.QuerySelector("#withdraw").ShouldBeNull();
        using var county2 = await portal.ClientFor("county");
        var after = await county2.GetDocumentAsync($"/summaries/submissions?year={year}");
        after.QuerySelector($"#submissions-communities tr[data-org-id='{community}']")!.GetAttribute("data-state").ShouldBe("Late");
        after.QuerySelector($"#submissions-communities tr[data-org-id='{community}']")!.TextContent.ShouldContain("逾期报送");
    }

    /// <summary>The sheets of a workbook read back with OpenXML: cell texts and the fill of each cell.</summary>
    private sealed class SheetText
    {
        private readonly Dictionary<string, (string? Text, string? Fill)> cells = [];

        public required string Name { get; init; }

        public string? Text(string reference) => cells.TryGetValue(reference, out var c) ? c.Text : null;

        public string? FillOf(string reference) => cells.TryGetValue(reference, out var c) ? c.Fill : null;

        public decimal Number(string reference) => decimal.Parse(Text(reference) ?? throw new ShouldAssertException($"{Name}!{reference} is empty"),
            NumberStyles.Float, CultureInfo.InvariantCulture);

        /// <summary>The rows numbered in column A (序号): units and communities, not headings, subtotals or the total.</summary>
        public List<int> DataRows() => [.. cells.Keys.Where(k => k.StartsWith('A') && int.TryParse(Text(k), out _) && Row(k) > 4).Select(Row).Order()];

        public int RowOf(string label) => cells.Single(c => c.Key.StartsWith('B') && c.Value.Text == label).Key[1..] is var r ? int.Parse(r, CultureInfo.InvariantCulture) : 0;

        private static int Row(string reference) => int.Parse(reference[1..], CultureInfo.InvariantCulture);

        public static List<SheetText> Read(byte[] xlsx)
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var part = document.WorkbookPart!;
            var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var stylesheet = part.WorkbookStylesPart!.Stylesheet;
            var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            var fills = stylesheet.Fills!.Elements<Fill>().ToList();
            var result = new List<SheetText>();
            foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
            {
                var book = new SheetText { Name = sheet.Name! };
                foreach (var cell in ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>())
                {
                    var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
                        : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                        : cell.CellValue?.Text;
                    var format = cell.StyleIndex?.Value is { } s ? formats[(int)s] : null;
                    var fill = format?.FillId?.Value is { } f ? fills[(int)f].PatternFill?.ForegroundColor?.Rgb?.Value : null;
                    book.cells[cell.CellReference!.Value!] = (string.IsNullOrEmpty(text) ? null : text, fill);
                }
                result.Add(book);
            }
            return result;
        }
    }
}

public sealed class SqliteSummaryWebTests(SqlitePortal portal) : SummaryWebTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresSummaryWebTests(PostgresPortal portal) : SummaryWebTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
