using System.Globalization;
using System.Text;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.Web.Features.Reporting;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// The data of the documents benchmark: 报到 records to print, import files of generated members, and the checks
/// that read the downloaded files back (so a figure is never the time of a short or broken file).
/// </summary>
internal static class DocumentsData
{
    /// <summary>
    /// Makes <paramref name="count"/> members 报到 in the community they live in, as the portal records it: a letter
    /// from their unit (used) and a confirmed report with its serials, through the system context (SaveChanges audits
    /// every row, as in the portal). In-service members in a fixed random order, so every community has some.
    /// Returns the report ids in that order.
    /// </summary>
    public static async Task<List<Guid>> CreateReportsAsync(BenchPortal portal, int count, int year, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && m.MovedOutOn == null && m.WorkUnitId != null && m.CommunityId != null)
            .Select(m => new { m.Id, WorkUnitId = m.WorkUnitId!.Value, CommunityId = m.CommunityId!.Value, m.JoinedPartyOn })
            .ToListAsync(ct);
        if (candidates.Count < count) throw new InvalidOperationException($"Only {candidates.Count} in-service members, {count} reports asked for.");
        var random = new Random(20261122);
        var picked = candidates.OrderBy(c => c.Id).ToArray();
        random.Shuffle(picked);

        var clerks = new[] { "张书记", "李委员", "王干事", "刘主任", "陈书记" };
        var ids = new List<Guid>(count);
        var start = new DateOnly(year, 3, 1);
        for (var i = 0; i < count; i++)
        {
            var m = picked[i];
            var issued = start.AddDays(i % 60);
            var letter = new ReportLetter
            {
                Serial = SerialNumbers.Format(year, DocumentTypes.Letter, i + 1),
                Year = year,
                MemberId = m.Id,
                WorkUnitId = m.WorkUnitId,
                CommunityId = m.CommunityId,
                IssuedOn = issued,
                IssuedBy = "组织委员",
                Status = LetterStatus.Used,
            };
            var report = new CommunityReport
            {
                Year = year,
                MemberId = m.Id,
                CommunityId = m.CommunityId,
                LetterId = letter.Id,
                ReportedOn = issued.AddDays(3 + i % 10),
                IsLate = i % 25 == 0,
                ConfirmedBy = clerks[i % clerks.Length],
                ReceiptSerial = SerialNumbers.Format(year, DocumentTypes.Receipt, i + 1),
                InfoCardSerial = SerialNumbers.Format(year, DocumentTypes.InfoCard, i + 1),
                CommitmentSerial = SerialNumbers.Format(year, DocumentTypes.Commitment, i + 1),
                Categories = ServiceCategory.PolicyPublicity | ServiceCategory.LegalAid,
                FreeTime = "周末",
            };
            db.ReportLetters.Add(letter);
            db.CommunityReports.Add(report);
            ids.Add(report.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }

    /// <summary>
    /// The 回执 records of the reports, as <see cref="PrintReceipts"/> builds them for a user who sees the full ID and
    /// phone (the county admin): for the renderer run without HTTP.
    /// </summary>
    public static async Task<List<ReportReceiptRecord>> ReceiptRecordsAsync(BenchPortal portal, IReadOnlyList<Guid> reportIds, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var tree = await OrgTree.LoadAsync(db, ct);
        var reports = await db.CommunityReports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var memberIds = reports.Values.Select(r => r.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var letterIds = reports.Values.Where(r => r.LetterId != null).Select(r => r.LetterId!.Value).ToList();
        var letters = await db.ReportLetters.AsNoTracking().Where(l => letterIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var communityIds = reports.Values.Select(r => r.CommunityId).Distinct().ToList();
        var contacts = await db.Organizations.AsNoTracking().Where(o => communityIds.Contains(o.Id))
            .Select(o => new { o.Id, o.ContactPerson, o.ContactPhone }).ToDictionaryAsync(o => o.Id, ct);
        return
        [
            .. reportIds.Select(id =>
            {
                var r = reports[id];
                var m = members[r.MemberId];
                var letter = r.LetterId is { } l ? letters.GetValueOrDefault(l) : null;
                var contact = contacts.GetValueOrDefault(r.CommunityId);
                return new ReportReceiptRecord(
                    r.ReceiptSerial,
                    ReportingDocuments.PartyOrganisation(tree.NameOf(letter?.WorkUnitId ?? m.WorkUnitId)),
                    ReportingDocuments.PartyOrganisation(ReportingDocuments.Place(tree, r.CommunityId)),
                    m.Name, m.Gender.Text(), m.Mobile, m.NationalId, r.ReportedOn, r.IsLate, letter?.Serial, r.ConfirmedBy,
                    DateOnly.FromDateTime(Clock.ToChina(r.CreatedAt)))
                {
                    CommunityContact = contact?.ContactPerson,
                    CommunityPhone = contact?.ContactPhone,
                    Address = ReportingDocuments.AddressOf(m, tree),
                };
            }),
        ];
    }

    /// <summary>What an import file needs from the database: unit names (unique), the grids of the target community, the IDs and phones in use.</summary>
    public sealed record ImportContext(Guid Community, string CommunityName, string[] Units, string[] Grids, HashSet<string> NationalIds, HashSet<string> Mobiles);

    public static async Task<ImportContext> ImportContextAsync(BenchPortal portal, Guid community, CancellationToken ct)
    {
        await using var scope = portal.SystemScope(out var db);
        var tree = await OrgTree.LoadAsync(db, ct);
        var units = tree.OfKind(OrgKind.WorkUnit).Where(n => n.IsActive).GroupBy(n => n.Name.Trim(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToArray();
        var grids = tree.ChildrenOf(community).Where(n => n.Kind == OrgKind.Grid && n.IsActive).Select(n => n.Name).ToArray();
        var ids = (await db.Members.AsNoTracking().Select(m => m.NationalId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var mobiles = (await db.Members.AsNoTracking().Select(m => m.Mobile).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return new ImportContext(community, tree.NameOf(community), units, grids, ids, mobiles);
    }

    /// <summary>
    /// <paramref name="count"/> valid rows of new in-service members, every column of the template filled as a
    /// community would (性别 and 出生日期 left to the ID, half of the rows with a grid): names from the county's name
    /// lists, GB 11643 IDs of a neighbouring county (610331) unused so far, unique phones (prefix 196). The IDs and
    /// phones are added to the context's sets, so a second call gives other members.
    /// </summary>
    public static List<Dictionary<string, string>> ImportRows(ImportContext context, int count, int seed, DateOnly today)
    {
        var random = new Random(seed);
        var rows = new List<Dictionary<string, string>>(count);
        string[] educations = ["研究生", "大学本科", "大学本科", "大学本科", "大学专科", "中专", "高中"];
        string[] titles = ["科员", "副科长", "科长", "主任科员", "工程师", "教师", "医师", "职员"];
        string[] intentions = ["政策宣传", "法律援助", "医疗保健", "扶贫帮困", "便民利民", "文化娱乐", "治安调解", "环境保护"];
        for (var i = 0; i < count; i++)
        {
            var male = random.Next(2) == 0;
            var born = DateOnly.FromDayNumber(random.Next(new DateOnly(1962, 1, 1).DayNumber, new DateOnly(1995, 12, 31).DayNumber));
            string id;
            do
            {
                var sequence = random.Next(0, 500) * 2 + (male ? 1 : 0);
                var first17 = string.Create(CultureInfo.InvariantCulture, $"610331{born:yyyyMMdd}{sequence:000}");
                id = first17 + NationalId.CheckDigit(first17);
                if (context.NationalIds.Add(id)) break;
                born = born.AddDays(1);
            } while (true);
            string mobile;
            do mobile = string.Create(CultureInfo.InvariantCulture, $"196{random.Next(0, 100_000_000):00000000}");
            while (!context.Mobiles.Add(mobile));

            var joinedEarliest = born.AddYears(19).DayNumber;
            var joined = DateOnly.FromDayNumber(random.Next(joinedEarliest, Math.Max(joinedEarliest + 1, today.AddDays(-30).DayNumber)));
            var picks = intentions.OrderBy(_ => random.Next()).Take(1 + random.Next(3));
            rows.Add(new Dictionary<string, string>
            {
                [MemberImportColumns.Name] = ChineseNames.FullName(random, male ? Gender.Male : Gender.Female),
                [MemberImportColumns.Gender] = "",
                [MemberImportColumns.BirthDate] = "",
                [MemberImportColumns.Ethnicity] = random.Next(20) == 0 ? "回族" : "汉族",
                [MemberImportColumns.Education] = educations[random.Next(educations.Length)],
                [MemberImportColumns.Category] = "在职党员",
                [MemberImportColumns.Status] = random.Next(30) == 0 ? "预备党员" : "正式党员",
                [MemberImportColumns.JoinedPartyOn] = joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [MemberImportColumns.NationalId] = id,
                [MemberImportColumns.Mobile] = mobile,
                [MemberImportColumns.WorkUnit] = context.Units[random.Next(context.Units.Length)],
                [MemberImportColumns.JobTitle] = titles[random.Next(titles.Length)],
                [MemberImportColumns.Grid] = context.Grids.Length > 0 && i % 2 == 0 ? context.Grids[random.Next(context.Grids.Length)] : "",
                [MemberImportColumns.Building] = $"{1 + random.Next(30)}栋",
                [MemberImportColumns.Room] = $"{1 + random.Next(4)}单元{1 + random.Next(18)}0{1 + random.Next(4)}",
                [MemberImportColumns.Address] = "",
                [MemberImportColumns.Specialties] = random.Next(3) == 0 ? "法律咨询" : "",
                [MemberImportColumns.ServiceIntentions] = string.Join("、", picks),
                [MemberImportColumns.FreeTime] = random.Next(2) == 0 ? "周末" : "工作日晚上",
            });
        }
        return rows;
    }

    /// <summary>The import file: the template's header and one row per dictionary, all text cells (as a filled-in template).</summary>
    public static byte[] ImportFile(IEnumerable<Dictionary<string, string>> rows)
    {
        var names = MemberImportColumns.All.Select(c => c.Name).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new XlsxWorkbookWriter(buffer))
        {
            writer.AddSheet(new XlsxSheet(RosterWorkbook.TemplateSheetName),
                [.. names.Select(n => new XlsxColumn<Dictionary<string, string>>(n, r => r.GetValueOrDefault(n)))], rows);
            writer.Complete();
        }
        return buffer.ToArray();
    }

    /// <summary>What reading a roster back found.</summary>
    public sealed record RosterCheck(int DataRows, string? Problem);

    private static readonly string[] RosterHeaders =
    [
        "序号", "姓名", "性别", "出生日期", "民族", "学历", "入党日期", "正式/预备", "身份证号", "手机", "工作单位", "职务",
        "居住社区", "网格", "楼栋/房号", "特长", "服务意向", "报到日期", "报到状态", "备注",
    ];

    /// <summary>
    /// Reads the downloaded roster back with the OpenXML SDK (a streaming reader over the sheet part): the header
    /// row is the roster's 20 columns, then <paramref name="expected"/> data rows numbered 1…n in 序号 with a name, an
    /// 18-character 身份证号 (the county admin sees it in full) and an 11-digit phone; the AutoFilter covers them all.
    /// </summary>
    public static RosterCheck ReadRoster(string path, int expected)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("no workbook part");
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var data = 0;
        var headerRow = 0;
        string? problem = null;
        using (var reader = OpenXmlReader.Create(part))
        {
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var cells = row.Elements<Cell>().ToDictionary(c => new string([.. c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter)]), Text);
                if (headerRow == 0)
                {
                    if (cells.GetValueOrDefault("A") == "序号")
                    {
                        headerRow = (int)row.RowIndex!.Value;
                        var headers = Enumerable.Range(0, RosterHeaders.Length).Select(i => cells.GetValueOrDefault(Column(i)) ?? "").ToArray();
                        if (!headers.SequenceEqual(RosterHeaders)) problem ??= "header row: " + string.Join(",", headers);
                    }
                    continue;
                }
                data++;
                if (problem is not null) continue;
                if (row.RowIndex?.Value != headerRow + data) problem = $"row {data}: row index {row.RowIndex?.Value}";
                else if (cells.GetValueOrDefault("A") != data.ToString(CultureInfo.InvariantCulture)) problem = $"row {data}: 序号 {cells.GetValueOrDefault("A")}";
                else if (string.IsNullOrEmpty(cells.GetValueOrDefault("B"))) problem = $"row {data}: no 姓名";
                else if (cells.GetValueOrDefault("I") is not { Length: 18 }) problem = $"row {data}: 身份证号 '{cells.GetValueOrDefault("I")}'";
                else if (cells.GetValueOrDefault("J") is not { Length: 11 } phone || !phone.All(char.IsAsciiDigit)) problem = $"row {data}: 手机 '{cells.GetValueOrDefault("J")}'";
            }
        }
        if (headerRow == 0) problem ??= "no header row";
        var filter = part.Worksheet.GetFirstChild<AutoFilter>()?.Reference?.Value;
        if (filter != $"A{headerRow}:T{headerRow + data}") problem ??= $"AutoFilter {filter}";
        if (data != expected) problem ??= $"{data} data rows, {expected} expected";
        return new RosterCheck(data, problem);
    }

    private static string Column(int index) => ((char)('A' + index)).ToString();

    private static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";

    /// <summary>
    /// Checks a downloaded PDF: %PDF header and trailer, the page count PDFsharp reads, and, when poppler's pdftotext is
    /// installed, that the text holds the first and the last serial (the Chinese text is really there).
    /// </summary>
    public static async Task<string?> CheckPdfAsync(string path, int pages, string firstSerial, string lastSerial, CancellationToken ct)
    {
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            if (await file.ReadAsync(head, ct) != 5 || Encoding.ASCII.GetString(head) != "%PDF-") return "not a PDF";
        }
        int count;
        try
        {
            using var document = PdfSharp.Pdf.IO.PdfReader.Open(path, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            count = document.PageCount;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or PdfSharp.Pdf.IO.PdfReaderException)
        {
            return "PDFsharp cannot read it: " + e.Message;
        }
        if (count != pages) return $"{count} pages, {pages} expected";
        if (!File.Exists("/usr/bin/pdftotext")) return null;
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (!text.Contains(firstSerial, StringComparison.Ordinal) || !text.Contains(lastSerial, StringComparison.Ordinal))
        {
            return $"pdftotext does not find {firstSerial} and {lastSerial}";
        }
        return text.Contains("报到回执", StringComparison.Ordinal) ? null : "pdftotext does not find 报到回执";
    }
}
