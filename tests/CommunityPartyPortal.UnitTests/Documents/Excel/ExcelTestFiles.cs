using System.Globalization;
using System.IO.Compression;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Rules;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

/// <summary>Reading written workbooks back, and building workbooks to import, with the OpenXML SDK.</summary>
internal static class ExcelTestFiles
{
    public static readonly DateOnly Today = new(2026, 11, 22);
    public static readonly Guid UnitId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Guid GridId = Guid.Parse("22222222-2222-2222-2222-222222222222");

    /// <summary>Valid GB 11643 numbers (check digits computed by the Domain).</summary>
    public static string Id(string first17) => first17 + NationalId.CheckDigit(first17);

    public static WorksheetPart Sheet(SpreadsheetDocument doc, int index = 0)
    {
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().ElementAt(index);
        return (WorksheetPart)wb.GetPartById(sheet.Id!);
    }

    public static Cell? Cell(WorksheetPart part, string reference) =>
        part.Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);

    /// <summary>The text of a string cell (inline or shared), or the raw value of another cell.</summary>
    public static string? Text(SpreadsheetDocument doc, WorksheetPart part, string reference)
    {
        var cell = Cell(part, reference);
        if (cell is null) return null;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            var sst = doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable;
            return sst.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText;
        }
        return cell.CellValue?.Text;
    }

    public static CellFormat Format(SpreadsheetDocument doc, Cell cell) =>
        doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public static string? FormatCode(SpreadsheetDocument doc, uint numFmtId) =>
        doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .FirstOrDefault(f => f.NumberFormatId?.Value == numFmtId)?.FormatCode?.Value;

    /// <summary>A roster row with plausible values.</summary>
    public static RosterRow Roster(int i) => new()
    {
        No = i,
        Name = "党员" + i.ToString(CultureInfo.InvariantCulture),
        Gender = i % 2 == 0 ? "女" : "男",
        BirthDate = new DateOnly(1970, 1, 1).AddDays(i % 9000),
        Ethnicity = "汉族",
        Education = "大学本科",
        JoinedPartyOn = new DateOnly(1995, 7, 1).AddDays(i % 7000),
        Status = "正式党员",
        NationalId = "110***********" + (1000 + i % 9000).ToString(CultureInfo.InvariantCulture),
        Mobile = "138****" + (1000 + i % 9000).ToString(CultureInfo.InvariantCulture),
        WorkUnit = "县发展和改革局",
        JobTitle = "科员",
        Community = "幸福社区",
        Grid = "第" + (i % 8 + 1).ToString(CultureInfo.InvariantCulture) + "网格",
        BuildingRoom = $"{i % 30 + 1}栋{i % 600 + 101}",
        Specialties = "法律咨询",
        ServiceIntentions = "政策宣传、法律援助",
        ReportedOn = new DateOnly(2026, 3, 1).AddDays(i % 60),
        ReportStatus = "已报到",
        Notes = i % 10 == 0 ? "楼栋联络员" : null,
    };

    /// <summary>
    /// An .xlsx to import, built with the SDK: strings in a shared-string table, <see cref="DateOnly"/> as date
    /// cells (built-in format 14), numbers as numbers, null as no cell.
    /// </summary>
    public static MemoryStream Workbook(IReadOnlyList<object?[]> rows)
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = "rId1" }));
            var ws = wb.AddNewPart<WorksheetPart>("rId1");
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 176, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
                    new NumberingFormat { NumberFormatId = 177, FormatCode = "0.00_);[Red]\\(0.00\\)" })
                { Count = 2 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 176, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 177, ApplyNumberFormat = true })
                { Count = 4 });
            var strings = new List<string>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case string s:
                            var index = strings.IndexOf(s);
                            if (index < 0) { index = strings.Count; strings.Add(s); }
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) });
                            break;
                        case DateOnly d:
                            row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(Serial(d)) });
                            break;
                        case Styled styled:
                            row.Append(new Cell { CellReference = reference, StyleIndex = styled.Style, CellValue = new CellValue(styled.Value) });
                            break;
                        case IConvertible n:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(n, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) });
                            break;
                    }
                }
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>A numeric cell with a cellXfs index of <see cref="Workbook"/>: 2 = yyyy"年"m"月"d"日", 3 = 0.00_);[Red]\(0.00\).</summary>
    public sealed record Styled(string Value, uint Style);

    public static string Serial(DateOnly d) => (d.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture);

    /// <summary>The template's header and three valid members, for the error tests to spoil one cell at a time.</summary>
    public static readonly string[] ImportHeader = [.. MemberImportColumns.All.Select(c => c.Name)];

    public static object?[] ValidRow(int i) =>
    [
        "张三" + i.ToString(CultureInfo.InvariantCulture), "男", null, "汉族", "大学本科", "在职党员", "正式党员", new DateOnly(2010, 7, 1),
        Id("11010519800101" + (100 + i).ToString(CultureInfo.InvariantCulture).PadLeft(3, '0')), "1381234567" + (i % 10).ToString(CultureInfo.InvariantCulture),
        "县发展和改革局", "科员", "第一网格", "3栋", "501", null, "法律咨询", "政策宣传、法律援助", "周末",
    ];

    public static int Col(string name) => Array.IndexOf(ImportHeader, name);

    public static MemoryStream WithRows(params object?[][] rows) => Workbook([ImportHeader, .. rows]);

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : "A" + (char)('A' + index - 26);

    /// <summary>A zip holding the given entries, deflated.</summary>
    public static MemoryStream Zip(IEnumerable<(string Name, Action<Stream> Write)> entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(s);
            }
        }
        stream.Position = 0;
        return stream;
    }
}

/// <summary>Rules with fixed answers, so the import tests do not depend on the Domain's checks.</summary>
internal sealed class FakeRules : IMemberImportRules
{
    public const string BadId = "110105198001011235";
    public const string BadIdMessage = "身份证号校验位不正确，请核对";
    public const string BadMobileMessage = "手机号码应为以1开头的11位数字（第二位为3-9）";

    public DateOnly Today => ExcelTestFiles.Today;

    public string? ValidateNationalId(string value) =>
        value == BadId ? BadIdMessage : value.Length != 18 ? "身份证号应为18位" : null;

    public string? ValidateMobile(string value) =>
        value.Length == 11 && value[0] == '1' && value.All(char.IsAsciiDigit) ? null : BadMobileMessage;

    public Guid? FindWorkUnit(string name) => name == "县发展和改革局" ? ExcelTestFiles.UnitId : null;

    public Guid? FindGrid(string name) => name == "第一网格" ? ExcelTestFiles.GridId : null;
}

/// <summary>The rules as the web layer would wire them: the Domain's GB 11643 and mobile checks.</summary>
internal sealed class DomainRules : IMemberImportRules
{
    public DateOnly Today => ExcelTestFiles.Today;

    public string? ValidateNationalId(string value) => NationalId.TryValidate(value, Today, out var error) ? null : error;

    public string? ValidateMobile(string value) => MobilePhone.TryValidate(value, out var error) ? null : error;

    public Guid? FindWorkUnit(string name) => name == "县发展和改革局" ? ExcelTestFiles.UnitId : null;

    public Guid? FindGrid(string name) => name == "第一网格" ? ExcelTestFiles.GridId : null;
}

/// <summary>A write-only, non-seekable stream, like an ASP.NET response body.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public bool SyncWrites { get; private set; }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        SyncWrites = true;
        inner.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
