using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>A cell as read: its text as Excel would show it plainly, and its number or date when it is one.</summary>
/// <param name="Text">Strings as stored; numbers in plain digits (13812345678, 2.5); dates as yyyy-MM-dd; booleans TRUE/FALSE.</param>
/// <param name="IsNumber">The cell is numeric (a number or a date), not text.</param>
/// <param name="Date">The date of a numeric cell with a date format.</param>
internal readonly record struct XlsxReadCell(string Text, bool IsNumber, DateOnly? Date);

/// <summary>One non-empty row as read: its number and its cells by zero-based column index.</summary>
internal sealed record XlsxReadRow(int Number, IReadOnlyDictionary<int, XlsxReadCell> Cells);

/// <summary>
/// Reads the first sheet of a workbook row by row with the SDK's <see cref="OpenXmlReader"/>: shared strings,
/// inline strings, formula results, numbers, dates (by number format, 1900 and 1904 systems) and booleans.
/// </summary>
internal sealed class XlsxSheetReader
{
    private readonly WorksheetPart _sheet;
    private readonly List<string> _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;

    private XlsxSheetReader(WorksheetPart sheet, List<string> sharedStrings, bool[] dateStyles, bool date1904)
    {
        _sheet = sheet;
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
        _date1904 = date1904;
    }

    /// <summary>The reader of the workbook's first sheet (in tab order), or null when that is not a worksheet.</summary>
    public static XlsxSheetReader? ForFirstSheet(SpreadsheetDocument document)
    {
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var workbook = workbookPart.Workbook ?? throw new InvalidDataException("No workbook.");
        var first = workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (first?.Id?.Value is not { } id) return null;
        if (workbookPart.GetPartById(id) is not WorksheetPart sheet) return null;
        var date1904 = workbook.WorkbookProperties?.Date1904?.Value == true;
        return new XlsxSheetReader(sheet, ReadSharedStrings(workbookPart), DateStyles(workbookPart), date1904);
    }

    /// <summary>The rows that hold at least one cell, in order.</summary>
    public IEnumerable<XlsxReadRow> Rows()
    {
        using var reader = OpenXmlReader.Create(_sheet);
        var previous = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            // Loads one row (the reader then sits on its end tag): memory holds one row at a time.
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } r and > 0 ? (int)Math.Min(r, int.MaxValue) : previous + 1;
            previous = number;
            var cells = new Dictionary<int, XlsxReadCell>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference && XlsxText.ColumnIndex(reference) is >= 0 and var c ? c : column + 1;
                if (Read(cell) is { } value) cells[column] = value;
            }
            if (cells.Count > 0) yield return new XlsxReadRow(number, cells);
        }
    }

    private XlsxReadCell? Read(Cell cell)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? Text(RichText(inline)) : null;
        }
        if (raw is null) return null;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Count
                ? Text(_sharedStrings[i])
                : null;
        }
        if (type == CellValues.String || type == CellValues.Error) return Text(XlsxText.Decode(raw));
        if (type == CellValues.Boolean) return Text(raw.Trim() is "1" or "true" ? "TRUE" : "FALSE");
        if (type == CellValues.Date)
        {
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt)
                ? DateCell(DateOnly.FromDateTime(dt))
                : Text(raw);
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return Text(raw);
        var style = cell.StyleIndex?.Value ?? 0;
        if (style < _dateStyles.Length && _dateStyles[style] && XlsxText.FromSerial(number, _date1904) is { } date)
        {
            return DateCell(date);
        }
        return new XlsxReadCell(FormatNumber(number), true, null);
    }

    private static XlsxReadCell? Text(string text) => text.Length == 0 ? null : new XlsxReadCell(text, false, null);

    private static XlsxReadCell DateCell(DateOnly date) =>
        new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), true, date);

    /// <summary>Whole numbers in plain digits (a phone number stays 13812345678), others with up to 15 significant digits.</summary>
    private static string FormatNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>The text of a string item: its plain text or its runs, without phonetic (rPh) runs.</summary>
    private static string RichText(OpenXmlCompositeElement item)
    {
        string? plain = null;
        System.Text.StringBuilder? runs = null;
        foreach (var child in item.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    plain = (plain ?? "") + t.Text;
                    break;
                case Run r:
                    runs ??= new System.Text.StringBuilder();
                    foreach (var t in r.Elements<Text>()) runs.Append(t.Text);
                    break;
            }
        }
        return XlsxText.Decode((plain ?? "") + (runs?.ToString() ?? ""));
    }

    private static List<string> ReadSharedStrings(WorkbookPart workbookPart)
    {
        var list = new List<string>();
        if (workbookPart.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement) continue;
            list.Add(RichText((SharedStringItem)reader.LoadCurrentElement()!));
        }
        return list;
    }

    /// <summary>For each cell format (cellXfs index), whether its number format shows a date or time.</summary>
    private static bool[] DateStyles(WorkbookPart workbookPart)
    {
        var stylesheet = workbookPart.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats) return [];
        var custom = new Dictionary<uint, string>();
        foreach (var f in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (f.NumberFormatId?.Value is { } id && f.FormatCode?.Value is { } code) custom[id] = code;
        }
        return [.. formats.Elements<CellFormat>().Select(xf =>
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            return custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : IsBuiltInDateFormat(id);
        })];
    }

    /// <summary>Built-in date and time formats, including the zh-CN ones (27–36, 50–58).</summary>
    private static bool IsBuiltInDateFormat(uint id) => id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58;

    /// <summary>A custom format shows a date or time when, outside quoted text, [colour] sections and escapes, it has y, m, d, h or s.</summary>
    internal static bool IsDateFormatCode(string code)
    {
        var section = code.Split(';')[0];
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            switch (c)
            {
                case '"':
                    var end = section.IndexOf('"', i + 1);
                    if (end < 0) return false;
                    i = end;
                    break;
                case '[':
                    var close = section.IndexOf(']', i + 1);
                    if (close < 0) return false;
                    var inner = section[(i + 1)..close].ToLowerInvariant();
                    if (inner is "h" or "hh" or "m" or "mm" or "s" or "ss") return true; // elapsed time
                    i = close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                default:
                    var lower = char.ToLowerInvariant(c);
                    if (lower is 'y' or 'm' or 'd' or 'h' or 's') return true;
                    if (lower == 'e' && !IsScientific(section, i)) return true; // era year
                    if (c == 'G' && section.AsSpan(i).StartsWith("General", StringComparison.OrdinalIgnoreCase)) i += 6;
                    break;
            }
        }
        return false;
    }

    private static bool IsScientific(string section, int i) => i + 1 < section.Length && section[i + 1] is '+' or '-';
}
