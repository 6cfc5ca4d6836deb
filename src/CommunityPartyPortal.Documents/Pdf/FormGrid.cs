using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>
/// One cell of a <see cref="FormGrid"/>: a shaded label, a value, or custom content (photo, tick list,
/// seal box). Cells span columns and rows; text wraps by character and the row grows to fit it.
/// </summary>
public sealed class GridCell
{
    private GridCell(int colSpan, int rowSpan)
    {
        ColSpan = Math.Max(1, colSpan);
        RowSpan = Math.Max(1, rowSpan);
    }

    public int ColSpan { get; }

    public int RowSpan { get; }

    public string? Text { get; private init; }

    public bool Shaded { get; private init; }

    public TextAlign Align { get; private init; }

    public VerticalAlign VAlign { get; private init; } = VerticalAlign.Middle;

    /// <summary>Bold label text.</summary>
    public bool Bold { get; private init; }

    /// <summary>Minimum height this cell asks of its row(s), mm.</summary>
    public double MinHeight { get; private init; }

    internal Func<FormCanvas, double, double>? MeasureContent { get; private init; }

    internal Action<FormCanvas, MmRect>? DrawContent { get; private init; }

    /// <summary>A shaded caption cell, centred (姓名, 性别 …).</summary>
    public static GridCell Label(string text, int colSpan = 1, int rowSpan = 1) =>
        new(colSpan, rowSpan) { Text = text, Shaded = true, Align = TextAlign.Center, Bold = false };

    /// <summary>A filled-in value, left-aligned by default, vertically centred.</summary>
    public static GridCell Value(string? text, int colSpan = 1, int rowSpan = 1, TextAlign align = TextAlign.Left) =>
        new(colSpan, rowSpan) { Text = text, Align = align };

    /// <summary>A block of text from the top-left corner (承诺事项, 意见) with a minimum height in mm.</summary>
    public static GridCell Block(string? text, double minHeight, int colSpan = 1, int rowSpan = 1) =>
        new(colSpan, rowSpan) { Text = text, Align = TextAlign.Left, VAlign = VerticalAlign.Top, MinHeight = minHeight };

    /// <summary>Custom content: <paramref name="measure"/>(canvas, width) gives the height needed, <paramref name="draw"/> draws in the padded rectangle.</summary>
    public static GridCell Custom(Func<FormCanvas, double, double> measure, Action<FormCanvas, MmRect> draw, int colSpan = 1, int rowSpan = 1) =>
        new(colSpan, rowSpan) { MeasureContent = measure, DrawContent = draw };

    /// <summary>A 2-inch photo (or the 照片 placeholder) centred in the cell.</summary>
    public static GridCell Photo(XImage? photo, int rowSpan, int colSpan = 1) =>
        Custom(
            (_, _) => FormParts.PhotoHeight,
            (canvas, rect) => FormParts.PhotoBox(canvas, rect.X + ((rect.Width - FormParts.PhotoWidth) / 2), rect.Y + ((rect.Height - FormParts.PhotoHeight) / 2), photo),
            colSpan,
            rowSpan);

    /// <summary>Tick boxes of <paramref name="options"/>, ticked when in <paramref name="selected"/>, plus 其他 for selected names outside the options.</summary>
    public static GridCell CheckList(IReadOnlyList<string> options, IEnumerable<string>? selected, int colSpan = 1, int perLine = 4) =>
        Custom(
            (canvas, width) => FormParts.MeasureCheckList(canvas, options, selected, width, perLine),
            (canvas, rect) => FormParts.CheckList(canvas, rect, options, selected, perLine),
            colSpan);

    /// <summary>
    /// An opinion / seal box: optional text at the top, and at the bottom right "organisation（盖章）" over the
    /// date (blank 年 月 日 when null); optional signature caption at the bottom left (经办人：).
    /// </summary>
    public static GridCell Seal(string? organisation, DateOnly? date, double minHeight, string? opinion = null, string? signatureCaption = null, int colSpan = 1) =>
        Custom(
            (canvas, width) => Math.Max(minHeight, FormParts.MeasureSealBox(canvas, width, opinion, organisation)),
            (canvas, rect) => FormParts.SealBox(canvas, rect, organisation, date, opinion, signatureCaption),
            colSpan);
}

/// <summary>
/// A bordered form grid: fixed column widths (mm), rows of cells with column and row spans; each row is as
/// tall as its tallest cell (and at least the style's row height). Label cells are shaded lightly.
/// </summary>
public sealed class FormGrid
{
    private readonly double[] _columns;
    private readonly List<(double? MinHeight, bool Stretch, GridCell[] Cells)> _rows = [];

    public FormGrid(params double[] columnWidthsMm)
    {
        if (columnWidthsMm.Length == 0)
        {
            throw new ArgumentException("A grid needs at least one column.", nameof(columnWidthsMm));
        }

        _columns = columnWidthsMm;
    }

    /// <summary>Columns sharing <paramref name="totalWidth"/> mm by <paramref name="weights"/>.</summary>
    public static FormGrid Fit(double totalWidth, params double[] weights)
    {
        var sum = weights.Sum();
        return new FormGrid([.. weights.Select(w => totalWidth * w / sum)]);
    }

    public double TotalWidth => _columns.Sum();

    public FormGrid Row(params GridCell[] cells) => Add(null, false, cells);

    /// <summary>A row at least <paramref name="minHeight"/> mm tall.</summary>
    public FormGrid Row(double minHeight, params GridCell[] cells) => Add(minHeight, false, cells);

    /// <summary>A row that takes the height left over when the grid is drawn down to a given bottom.</summary>
    public FormGrid StretchRow(double minHeight, params GridCell[] cells) => Add(minHeight, true, cells);

    /// <summary>Total height, mm.</summary>
    public double Measure(FormCanvas canvas) => Layout(canvas, null).Heights.Sum();

    /// <summary>
    /// Draws the grid with its top-left corner at (x, y); when <paramref name="stretchToBottom"/> is given, the
    /// stretch rows (or the last row) grow so the grid ends there. Returns the bottom, mm.
    /// </summary>
    public double Draw(FormCanvas canvas, double x, double y, double? stretchToBottom = null)
    {
        var (heights, placed) = Layout(canvas, stretchToBottom is { } b ? b - y : null);
        var rowTops = new double[heights.Length + 1];
        rowTops[0] = y;
        for (var r = 0; r < heights.Length; r++)
        {
            rowTops[r + 1] = rowTops[r] + heights[r];
        }

        var columnLefts = new double[_columns.Length + 1];
        columnLefts[0] = x;
        for (var c = 0; c < _columns.Length; c++)
        {
            columnLefts[c + 1] = columnLefts[c] + _columns[c];
        }

        var style = canvas.Style;
        var rects = placed.Select(p => (p.Cell, Rect: new MmRect(
            columnLefts[p.Column],
            rowTops[p.Row],
            columnLefts[p.Column + p.Cell.ColSpan] - columnLefts[p.Column],
            rowTops[p.Row + p.Cell.RowSpan] - rowTops[p.Row]))).ToList();

        // Shading first, then content, then the rules, so no fill covers a rule.
        foreach (var (cell, rect) in rects.Where(r => r.Cell.Shaded))
        {
            canvas.Rectangle(rect, null, style.LabelShade);
        }

        foreach (var (cell, rect) in rects)
        {
            var inner = rect.Deflate(style.CellPadding, style.CellPadding * 0.6);
            if (cell.DrawContent is { } draw)
            {
                draw(canvas, inner);
            }
            else
            {
                canvas.DrawTextBox(cell.Text, cell.Bold ? style.CellBold : style.Cell, inner, cell.Align, cell.VAlign);
            }
        }

        foreach (var (_, rect) in rects)
        {
            canvas.Rectangle(rect, style.Border);
        }

        var bottom = rowTops[^1];
        canvas.Rectangle(new MmRect(x, y, TotalWidth, bottom - y), style.OuterBorder);
        return bottom;
    }

    private FormGrid Add(double? minHeight, bool stretch, GridCell[] cells)
    {
        _rows.Add((minHeight, stretch, cells));
        return this;
    }

    private (double[] Heights, List<PlacedCell> Placed) Layout(FormCanvas canvas, double? targetHeight)
    {
        var style = canvas.Style;
        var occupied = new bool[_rows.Count, _columns.Length];
        var placed = new List<PlacedCell>();
        for (var r = 0; r < _rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in _rows[r].Cells)
            {
                while (c < _columns.Length && occupied[r, c])
                {
                    c++;
                }

                if (c + cell.ColSpan > _columns.Length || r + cell.RowSpan > _rows.Count)
                {
                    throw new InvalidOperationException($"Grid row {r + 1}: a cell does not fit the {_columns.Length} columns / {_rows.Count} rows.");
                }

                for (var rr = r; rr < r + cell.RowSpan; rr++)
                {
                    for (var cc = c; cc < c + cell.ColSpan; cc++)
                    {
                        occupied[rr, cc] = true;
                    }
                }

                placed.Add(new PlacedCell(cell, r, c));
                c += cell.ColSpan;
            }
        }

        var heights = _rows.Select(row => row.MinHeight ?? style.RowHeight).ToArray();
        foreach (var p in placed.Where(p => p.Cell.RowSpan == 1))
        {
            heights[p.Row] = Math.Max(heights[p.Row], Needed(canvas, p));
        }

        foreach (var p in placed.Where(p => p.Cell.RowSpan > 1))
        {
            var have = heights.Skip(p.Row).Take(p.Cell.RowSpan).Sum();
            var need = Needed(canvas, p);
            if (need > have)
            {
                heights[p.Row + p.Cell.RowSpan - 1] += need - have;
            }
        }

        if (targetHeight is { } target && heights.Sum() < target)
        {
            var stretch = Enumerable.Range(0, _rows.Count).Where(r => _rows[r].Stretch).ToList();
            if (stretch.Count == 0)
            {
                stretch.Add(_rows.Count - 1);
            }

            var extra = (target - heights.Sum()) / stretch.Count;
            foreach (var r in stretch)
            {
                heights[r] += extra;
            }
        }

        return (heights, placed);
    }

    private double Needed(FormCanvas canvas, PlacedCell p)
    {
        var style = canvas.Style;
        var width = _columns.Skip(p.Column).Take(p.Cell.ColSpan).Sum() - (2 * style.CellPadding);
        var content = p.Cell.MeasureContent is { } measure
            ? measure(canvas, width)
            : canvas.MeasureParagraph(p.Cell.Text, p.Cell.Bold ? style.CellBold : style.Cell, width, 0, 1.35);
        return Math.Max(p.Cell.MinHeight, content + (2 * style.CellPadding * 0.6));
    }

    private sealed record PlacedCell(GridCell Cell, int Row, int Column);
}
