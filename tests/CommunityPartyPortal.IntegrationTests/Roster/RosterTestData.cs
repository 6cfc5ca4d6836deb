using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Roster;

/// <summary>Arrange and assert helpers of the roster tests: 报到 records, import files, reading the workbooks back.</summary>
internal static class RosterTestData
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] RosterHeaders =
    [
        "序号", "姓名", "性别", "出生日期", "民族", "学历", "入党日期", "正式/预备", "身份证号", "手机", "工作单位", "职务",
        "居住社区", "网格", "楼栋/房号", "特长", "服务意向", "报到日期", "报到状态", "备注",
    ];

    private static int serial;
    private static int ids;

    /// <summary>
    /// A valid national ID unique in the test process (region 110108, used by neither the seed nor the other tests):
    /// birth dates 1960-01-01 … 1984-08-23, then the sequence number moves on.
    /// </summary>
    public static string NewNationalId()
    {
        var n = Interlocked.Increment(ref ids);
        var born = new DateOnly(1960, 1, 1).AddDays(n % 9000);
        return TestMembers.NationalIdOf("110108", born, n / 9000 % 1000);
    }

    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Inserts an active (confirmed) 报到 of the member to the community, with the system context.</summary>
    public static Task<CommunityReport> ConfirmReportAsync(PortalFactory portal, Guid memberId, Guid communityId, int year, DateOnly reportedOn,
        bool late = false, ReportStatus status = ReportStatus.Confirmed) =>
        portal.WithDbAsync(async db =>
        {
            var n = Interlocked.Increment(ref serial).ToString("000000", CultureInfo.InvariantCulture);
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var report = new CommunityReport
            {
                Year = year,
                MemberId = memberId,
                CommunityId = communityId,
                ReportedOn = reportedOn,
                IsLate = late,
                Status = status,
                ActiveSlot = status == ReportStatus.Confirmed ? 1 : null,
                WithdrawnOn = status == ReportStatus.Withdrawn ? reportedOn : null,
                ConfirmedBy = "测试",
                ReceiptSerial = $"T-R-{n}-{suffix}",
                InfoCardSerial = $"T-I-{n}-{suffix}",
                CommitmentSerial = $"T-C-{n}-{suffix}",
            };
            db.CommunityReports.Add(report);
            await db.SaveChangesAsync();
            return report;
        });

    public static Task<int> AuditCountAsync(PortalFactory portal, string action, string userName) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.UserName == userName));

    public static Task<string?> LastAuditDetailAsync(PortalFactory portal, string action, string userName) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.UserName == userName)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Select(a => a.Detail).FirstOrDefaultAsync());

    public static Task<string> OrgNameAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleAsync());

    /// <summary>Downloads an .xlsx: 200, the spreadsheet type, an attachment with the given UTF-8 file name.</summary>
    public static async Task<byte[]> DownloadAsync(PortalClient client, string url, string? fileName = null)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500))));
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        if (fileName is not null) disposition.FileNameStar.ShouldBe(fileName);
        return body;
    }

    /// <summary>A cell of a sheet as read back: its text, whether it is a formula, whether its style has the quote prefix.</summary>
    public sealed record Cell(string Text, bool IsFormula, bool QuotePrefix);

    /// <summary>The first worksheet: rows by number, cells by column letters.</summary>
    public sealed class Sheet
    {
        public required string Name { get; init; }
        public required SortedDictionary<int, Dictionary<string, Cell>> Rows { get; init; }

        /// <summary>The row holding 姓名 (the header) and the header texts in column order.</summary>
        public (int Row, List<string> Headers, List<string> Columns) Header()
        {
            var (number, cells) = Rows.First(r => r.Value.Values.Any(c => c.Text == "姓名"));
            var columns = cells.Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
            return (number, [.. columns.Select(c => cells[c].Text)], columns);
        }

        /// <summary>The data rows under the header, each by header text.</summary>
        public List<Dictionary<string, Cell>> Data()
        {
            var (headerRow, headers, columns) = Header();
            return
            [
                .. Rows.Where(r => r.Key > headerRow).Select(r =>
                    columns.Select((c, i) => (headers[i], r.Value.GetValueOrDefault(c)))
                        .Where(x => x.Item2 is not null)
                        .ToDictionary(x => x.Item1, x => x.Item2!)),
            ];
        }
    }

    public static Sheet Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var first = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(first.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var rows = new SortedDictionary<int, Dictionary<string, Cell>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new Dictionary<string, Cell>();
            foreach (var cell in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                var column = new string([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);
                var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text ?? "";
                var style = cell.StyleIndex?.Value is { } s && s < formats.Count ? formats[(int)s] : null;
                cells[column] = new Cell(text, cell.CellFormula is not null, style?.QuotePrefix?.Value == true);
            }
            rows[(int)row.RowIndex!.Value] = cells;
        }
        return new Sheet { Name = first.Name!, Rows = rows };
    }

    /// <summary>A date cell as exported (a serial number with a date style) back to a date.</summary>
    public static DateOnly FromSerial(string text) =>
        DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(text, CultureInfo.InvariantCulture)));

    /// <summary>A valid import row for the secretary's community (or the given grid/unit names).</summary>
    public static Dictionary<string, string> GoodRow(string name, string unitName, string? gridName, string? nationalId = null, string? mobile = null) => new()
    {
        [MemberImportColumns.Name] = name,
        [MemberImportColumns.Ethnicity] = "汉族",
        [MemberImportColumns.Education] = "大学本科",
        [MemberImportColumns.Category] = "在职党员",
        [MemberImportColumns.Status] = "正式党员",
        [MemberImportColumns.JoinedPartyOn] = "2008-07-01",
        [MemberImportColumns.NationalId] = nationalId ?? NewNationalId(),
        [MemberImportColumns.Mobile] = mobile ?? MembersTestData.NewMobile(),
        [MemberImportColumns.WorkUnit] = unitName,
        [MemberImportColumns.JobTitle] = "科员",
        [MemberImportColumns.Grid] = gridName ?? "",
        [MemberImportColumns.Building] = "3栋",
        [MemberImportColumns.Room] = "2单元501",
        [MemberImportColumns.Specialties] = "法律咨询",
        [MemberImportColumns.ServiceIntentions] = "政策宣传、法律援助",
        [MemberImportColumns.FreeTime] = "周末",
    };

    /// <summary>An import file: the template's columns (or the given ones) as the header, one row per dictionary, all text cells.</summary>
    public static byte[] ImportFile(IEnumerable<Dictionary<string, string>> rows, IReadOnlyList<string>? columns = null)
    {
        var names = columns ?? [.. MemberImportColumns.All.Select(c => c.Name)];
        using var buffer = new MemoryStream();
        using (var writer = new XlsxWorkbookWriter(buffer))
        {
            writer.AddSheet(new XlsxSheet(RosterWorkbook.TemplateSheetName),
                [.. names.Select(n => new XlsxColumn<Dictionary<string, string>>(n, r => r.GetValueOrDefault(n)))], rows);
            writer.Complete();
        }
        return buffer.ToArray();
    }

    /// <summary>POST /roster/import with the file (and the county's community).</summary>
    public static Task<HttpResponseMessage> ImportAsync(PortalClient client, byte[] file, string fileName = "党员信息.xlsx", Guid? community = null)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        content.Add(part, "file", fileName);
        if (community is { } c) content.Add(new StringContent(c.ToString()), "community");
        return client.PostMultipartAsync("/roster/import", content, "/roster/import");
    }

    /// <summary>A refused import: the page again (200) with its errors.</summary>
    public static async Task<IDocument> ShouldBeRefusedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 500 ? html[..500] : html);
        var page = PortalClient.Parse(html);
        page.QuerySelector("#import-form").ShouldNotBeNull();
        return page;
    }

    /// <summary>The rows of the error table: (row number, column, message).</summary>
    public static List<(int Row, string Column, string Message)> Errors(IDocument page) =>
    [
        .. page.QuerySelectorAll("#import-errors tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            return (int.Parse(tr.GetAttribute("data-row")!, CultureInfo.InvariantCulture), cells[1], cells[2]);
        }),
    ];

    public static string FileErrors(IDocument page) => page.QuerySelector("#import-file-errors")?.TextContent ?? "";

    /// <summary>A successful import: 302 to /members, and the flash on the next page.</summary>
    public static async Task<string> ShouldSucceedAsync(PortalClient client, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Found)
        {
            var html = await response.Content.ReadAsStringAsync();
            var page = PortalClient.Parse(html);
            var errors = string.Join(" | ", Errors(page).Select(e => $"{e.Row} {e.Column} {e.Message}"));
            throw new ShouldAssertException($"import answered {(int)response.StatusCode}: {FileErrors(page)} {errors}");
        }
        response.Headers.Location!.OriginalString.ShouldBe("/members");
        var list = await client.GetDocumentAsync("/members");
        return list.QuerySelector(".alert-success")?.TextContent.Trim() ?? "";
    }

    /// <summary>The first grid of a community, and a unit below the unit admin's department, by name.</summary>
    public static async Task<(string Grid, Guid GridId, string Unit, Guid UnitId)> NamesForAsync(PortalFactory portal, Guid community)
    {
        var grid = await MembersTestData.GridOfAsync(portal, community);
        var unitId = await MembersTestData.UnitInsideAsync(portal);
        return (grid.Name, grid.Id, await OrgNameAsync(portal, unitId), unitId);
    }

    public static Task<Guid?> StreetOfAsync(PortalFactory portal, Guid community) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id == community && o.Kind == OrgKind.Community).Select(o => o.ParentId).SingleAsync());
}
