using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// Official summary tables (汇总表) as one .xlsx, ONE SHEET PER TABLE (e.g. 报到情况（按单位）, 报到情况（按社区）,
/// 服务群众情况（按单位）, 服务群众情况（按社区）). Each sheet: the official title merged across the width (宋体, bold,
/// 16 pt); the line with 填报单位, 范围, 年度, 统计截至 and 编号; the two-level header with merged cells (a group's name over
/// its columns, an ungrouped header over both rows); the rows numbered 序号, each group under its name with its subtotal
/// row and the grand total at the end, both bold and as values (computed sums and ratios of sums when the record leaves
/// them out, so they add up: no formulas); highlighted rows filled light red; numbers as <c>0</c>, <c>0.0</c> and
/// <c>0.0%</c>; panes frozen below the header and after the label column; A4 landscape fitted to the width with the
/// header rows repeated on each page (the sheet's <c>_xlnm.Print_Titles</c>) and 「第 x 页，共 y 页」 in the footer; and
/// the line for 填报人, 审核人, 单位（盖章） and 日期 under the table. The rows stream through
/// <see cref="XlsxWorkbookWriter"/>: each table's groups and rows are enumerated once and never held.
/// </summary>
public static class SummaryWorkbook
{
    /// <summary>Writes the tables, one sheet each, in order; returns the number of lines written per table (rows, headings, subtotals, total).</summary>
    /// <param name="output">Where the .xlsx goes (left open). For an ASP.NET response body use <see cref="WriteAsync"/>.</param>
    /// <param name="tables">The tables; at least one.</param>
    /// <exception cref="ArgumentException">No table, a table with unusable columns, or a row that does not fit its columns.</exception>
    public static IReadOnlyList<int> Write(Stream output, IReadOnlyList<SummaryTableRecord> tables)
    {
        using var writer = new XlsxWorkbookWriter(output);
        var counts = AddSheets(writer, tables);
        writer.Complete();
        return counts;
    }

    /// <summary>As <see cref="Write"/>, copying the finished workbook to the output asynchronously (an ASP.NET response body).</summary>
    public static async Task<IReadOnlyList<int>> WriteAsync(Stream output, IReadOnlyList<SummaryTableRecord> tables, CancellationToken cancellationToken = default)
    {
        await using var writer = new XlsxWorkbookWriter(output);
        var counts = AddSheets(writer, tables);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }

    /// <summary>
    /// The physical limit the performance suite compares <see cref="Write"/> with: the same lines of the same tables,
    /// one sheet each, through the same streaming writer, but bare — no title, info line, merged or grouped header,
    /// row emphasis, frozen columns or closing line, a single plain header row, the numbers as plain numbers. What
    /// <see cref="Write"/> costs beyond this is the cost of the official layout.
    /// </summary>
    public static IReadOnlyList<int> WriteBare(Stream output, IReadOnlyList<SummaryTableRecord> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        EnsureAny(tables);
        using var writer = new XlsxWorkbookWriter(output);
        var names = SheetNames(tables);
        var counts = new List<int>(tables.Count);
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var columns = new List<XlsxColumn<SummaryLine>> { new(table.LabelHeader, l => l.Label) };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var index = i;
                columns.Add(new(table.Columns[i].Header, l => l.Values[index] switch
                {
                    decimal d => XlsxCell.FromDecimal(d),
                    bool b => XlsxCell.FromBoolean(b),
                    string s => XlsxCell.FromText(s),
                    _ => XlsxCell.Empty,
                }));
            }

            counts.Add(writer.AddSheet(new XlsxSheet(names[t]) { AutoFilter = false, Landscape = true }, columns, SummaryLines.Of(table)));
        }

        writer.Complete();
        return counts;
    }

    /// <summary>The sheet layout of a table: its header groups (序号 and the label spanning both rows), frozen columns, closing line.</summary>
    internal static XlsxSheetLayout Layout(SummaryTableRecord table)
    {
        var hasGroups = table.Columns.Any(c => c.Group is not null);
        return new XlsxSheetLayout
        {
            HeaderGroups = hasGroups ? [null, null, .. table.Columns.Select(c => c.Group)] : null,
            FrozenColumns = 2,
            PercentOneDecimal = true,
            ClosingLines = [SummaryTableRecord.SignatureLine],
        };
    }

    /// <summary>The columns of a table's sheet: 序号, the label, then one per <see cref="SummaryColumn"/>.</summary>
    internal static List<XlsxColumn<SummaryLine>> Columns(SummaryTableRecord table)
    {
        var columns = new List<XlsxColumn<SummaryLine>>
        {
            new(SummaryTableRecord.NumberHeader, l => l.No) { Width = 6 },
            new(table.LabelHeader, l => l.Label) { Width = 30 },
        };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var index = i;
            var column = table.Columns[i];
            columns.Add(new(column.Header, l => Cell(column.Format, l.Values[index])) { Width = column.Width ?? Math.Max(9, XlsxWidth.Of(column.Header)) });
        }

        return columns;
    }

    /// <summary>The sheet names: each table's <see cref="SummaryTableRecord.SheetName"/> or its title made a valid tab name, unique.</summary>
    internal static string[] SheetNames(IReadOnlyList<SummaryTableRecord> tables)
    {
        var names = new string[tables.Count];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var t = 0; t < tables.Count; t++)
        {
            ArgumentNullException.ThrowIfNull(tables[t], nameof(tables));
            var name = tables[t].SheetName ?? TabName(tables[t].Title);
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = $"({n})";
                candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
            }

            names[t] = candidate;
        }

        return names;
    }

    /// <summary>A title as a valid tab name: the characters Excel refuses dropped, at most 31 characters.</summary>
    internal static string TabName(string title)
    {
        var name = new string([.. (title ?? string.Empty).Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim().Trim('\'');
        if (name.Length == 0)
        {
            name = "汇总表";
        }

        return name.Length <= 31 ? name : name[..31];
    }

    private static List<int> AddSheets(XlsxWorkbookWriter writer, IReadOnlyList<SummaryTableRecord> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        EnsureAny(tables);
        var names = SheetNames(tables);
        var counts = new List<int>(tables.Count);
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var sheet = new XlsxSheet(names[t])
            {
                Title = table.Title,
                Subtitle = table.InfoLine,
                Landscape = true,
                AutoFilter = false, // sorting would move the subtotal and total rows among the units
            };
            counts.Add(writer.AddSheet(sheet, Layout(table), Columns(table), SummaryLines.Of(table), Emphasis));
        }

        return counts;
    }

    private static XlsxRowStyle Emphasis(SummaryLine line) =>
        (line.Bold ? XlsxRowStyle.Bold : XlsxRowStyle.None) | (line.Highlight ? XlsxRowStyle.Highlight : XlsxRowStyle.None);

    private static XlsxCell Cell(SummaryFormat format, object? value) => (format, value) switch
    {
        (SummaryFormat.Integer, decimal d) when d == decimal.Truncate(d) && Math.Abs(d) < long.MaxValue => XlsxCell.FromInteger((long)d),
        (SummaryFormat.Integer, decimal d) => XlsxCell.FromDecimal(d),
        (SummaryFormat.Decimal1, decimal d) => XlsxCell.FromOneDecimal(d),
        (SummaryFormat.Percent1, decimal d) => XlsxCell.FromPercent(d),
        (SummaryFormat.YesNo, bool b) => XlsxCell.FromBoolean(b),
        (_, string s) => XlsxCell.FromText(s),
        _ => XlsxCell.Empty,
    };

    private static void EnsureAny(IReadOnlyList<SummaryTableRecord> tables)
    {
        if (tables.Count == 0)
        {
            throw new ArgumentException("No summary table to write.", nameof(tables));
        }
    }
}
