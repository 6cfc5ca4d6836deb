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

    /// <summary>Minimum row height, mm (default: the style's row height × 0.8, × 0.62 when <see cref="Dense"/>, one line of small text).</summary>
    public double? MinRowHeight { get; init; }

    /// <summary>Set the cells in the style's small font (9 pt on A4) for tables with long rows (写实登记卡, 走访记录).</summary>
    public bool Dense { get; init; }

    /// <summary>
    /// Draws the rows on new pages of <paramref name="batch"/>. <paramref name="pageHeading"/>(canvas, index of the
    /// page within this table, 0-based) draws what precedes the table on each page (title, header line) and returns
    /// the y where the table starts. Returns the number of pages used.
    /// </summary>
    public int Draw(PdfBatch batch, IEnumerable<IReadOnlyList<string?>> rows, Func<FormCanvas, int, double>? pageHeading = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        var flow = new PageFlow(batch, pageHeading, batch.PageNumbers ? 6 : 0);
        flow.NewPage();
        Draw(flow, rows);
        return flow.Pages;
    }

    /// <summary>
    /// Draws the table into <paramref name="flow"/> from its current y (on a new page when not even the header and
    /// one row fit there), breaking between rows onto new pages of the flow with the header row repeated. With no
    /// rows, the header and one row of <paramref name="whenEmpty"/> (when given) are drawn.
    /// </summary>
    public void Draw(PageFlow flow, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<string?>? whenEmpty = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(rows);
        var first = flow.Canvas;
        var sum = Columns.Sum(c => c.Weight);
        double[] widths = [.. Columns.Select(c => first.Width * c.Weight / sum)];
        IReadOnlyList<string?> header = [.. Columns.Select(c => (string?)c.Header)];
        var headerHeight = MeasureRow(first, widths, header);
        var canvas = flow.Reserve(headerHeight + MeasureRow(first, widths, whenEmpty ?? []));
        var y = DrawRow(canvas, widths, header, flow.Y, header: true);
        var rowsOnPage = 0;

        foreach (var row in rows.DefaultIfEmpty(whenEmpty))
        {
            if (row is null)
            {
                break;
            }

            var height = MeasureRow(canvas, widths, row);
            if (y + height > flow.Bottom && rowsOnPage > 0)
            {
                canvas = flow.NewPage();
                y = DrawRow(canvas, widths, header, flow.Y, header: true);
                rowsOnPage = 0;
            }

            y = DrawRow(canvas, widths, row, y, header: false, height);
            rowsOnPage++;
        }

        flow.MoveTo(y);
    }

    private double MeasureRow(FormCanvas canvas, double[] widths, IReadOnlyList<string?> cells)
    {
        var style = canvas.Style;
        var height = MinRowHeight ?? (style.RowHeight * (Dense ? 0.62 : 0.8));
        var font = Dense ? style.Small : style.Cell;
        for (var i = 0; i < widths.Length; i++)
        {
            var text = i < cells.Count ? cells[i] : null;
            var needed = canvas.MeasureParagraph(text, font, widths[i] - (2 * style.CellPadding), 0, 1.35) + (1.2 * style.CellPadding);
            height = Math.Max(height, needed);
        }

        return height;
    }

    private double DrawRow(FormCanvas canvas, double[] widths, IReadOnlyList<string?> cells, double y, bool header, double? measured = null)
    {
        var style = canvas.Style;
        var height = measured ?? MeasureRow(canvas, widths, cells);
        var x = 0.0;
        for (var i = 0; i < widths.Length; i++)
        {
            var rect = new MmRect(x, y, widths[i], height);
            if (header)
            {
                canvas.Rectangle(rect, null, style.LabelShade);
            }

            var text = i < cells.Count ? cells[i] : null;
            var font = (header, Dense) switch
            {
                (true, true) => style.SmallBold,
                (true, false) => style.CellBold,
                (false, true) => style.Small,
                _ => style.Cell,
            };
            var align = header ? TextAlign.Center : Columns[i].Align;
            canvas.DrawTextBox(text, font, rect.Deflate(style.CellPadding, style.CellPadding * 0.6), align, VerticalAlign.Middle);
            canvas.Rectangle(rect, header ? style.OuterBorder : style.Border);
            x += widths[i];
        }

        return y + height;
    }
}
