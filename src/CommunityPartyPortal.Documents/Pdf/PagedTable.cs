using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>A column of a <see cref="PagedTable"/>: header text, share of the width, alignment of its values.</summary>
public sealed record TableColumn(string Header, double Weight, TextAlign Align = TextAlign.Center);

/// <summary>
/// A ruled table for rosters and summaries that runs over as many pages as it needs, repeating its shaded
/// header row on each page. Rows are consumed one at a time (an enumerable can stream them from a query);
/// cell text wraps by character and each row is as tall as its tallest cell.
/// </summary>
public sealed class PagedTable(IReadOnlyList<TableColumn> columns)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns.Count > 0 ? columns : throw new ArgumentException("A table needs columns.", nameof(columns));

    /// <summary>Minimum row height, mm (default: the style's row height × 0.8).</summary>
    public double? MinRowHeight { get; init; }

    /// <summary>
    /// Draws the rows on new pages of <paramref name="batch"/>. <paramref name="pageHeading"/>(canvas, index of the
    /// page within this table, 0-based) draws what precedes the table on each page (title, header line) and returns
    /// the y where the table starts. Returns the number of pages used.
    /// </summary>
    public int Draw(PdfBatch batch, IEnumerable<IReadOnlyList<string?>> rows, Func<FormCanvas, int, double>? pageHeading = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        var style = batch.Style;
        var pages = 0;
        FormCanvas? canvas = null;
        double[] widths = [];
        double y = 0;
        var bottom = 0.0;
        var rowsOnPage = 0;

        void StartPage()
        {
            canvas = batch.AddPage();
            var top = pageHeading?.Invoke(canvas, pages) ?? 0;
            pages++;
            var sum = Columns.Sum(c => c.Weight);
            widths = [.. Columns.Select(c => canvas.Width * c.Weight / sum)];
            bottom = canvas.Height - (batch.PageNumbers ? 6 : 0);
            y = DrawRow(canvas, widths, [.. Columns.Select(c => (string?)c.Header)], top, header: true);
            rowsOnPage = 0;
        }

        StartPage();
        foreach (var row in rows)
        {
            var height = MeasureRow(canvas!, widths, row);
            if (y + height > bottom && rowsOnPage > 0)
            {
                StartPage();
            }

            y = DrawRow(canvas!, widths, row, y, header: false);
            rowsOnPage++;
        }

        return pages;
    }

    private double MeasureRow(FormCanvas canvas, double[] widths, IReadOnlyList<string?> cells)
    {
        var style = canvas.Style;
        var height = MinRowHeight ?? (style.RowHeight * 0.8);
        for (var i = 0; i < widths.Length; i++)
        {
            var text = i < cells.Count ? cells[i] : null;
            var needed = canvas.MeasureParagraph(text, style.Cell, widths[i] - (2 * style.CellPadding), 0, 1.35) + (1.2 * style.CellPadding);
            height = Math.Max(height, needed);
        }

        return height;
    }

    private double DrawRow(FormCanvas canvas, double[] widths, IReadOnlyList<string?> cells, double y, bool header)
    {
        var style = canvas.Style;
        var height = MeasureRow(canvas, widths, cells);
        var x = 0.0;
        for (var i = 0; i < widths.Length; i++)
        {
            var rect = new MmRect(x, y, widths[i], height);
            if (header)
            {
                canvas.Rectangle(rect, null, style.LabelShade);
            }

            var text = i < cells.Count ? cells[i] : null;
            var font = header ? style.CellBold : style.Cell;
            var align = header ? TextAlign.Center : Columns[i].Align;
            canvas.DrawTextBox(text, font, rect.Deflate(style.CellPadding, style.CellPadding * 0.6), align, VerticalAlign.Middle);
            canvas.Rectangle(rect, header ? style.OuterBorder : style.Border);
            x += widths[i];
        }

        return y + height;
    }
}
