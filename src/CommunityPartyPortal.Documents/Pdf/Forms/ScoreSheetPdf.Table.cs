using CommunityPartyPortal.Documents.Records;
using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

public static partial class ScoreSheetPdf
{
    /// <summary>The columns of the rubric's table (the widths are shares of the page width).</summary>
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("类别（分值）", 28),
        new("序号", 12),
        new("考评内容", 66, TextAlign.Left),
        new("分值", 12),
        new("得分", 12),
        new("评分说明", 40, TextAlign.Left),
    ];

    /// <summary>
    /// The rubric's table of one sheet. Its rows are laid out one category at a time: the category's item rows and
    /// its 小计 row form segments, one per page the category reaches; each segment has the category's cell spanning its
    /// rows (captioned 「（续）」 after a page break), and its last row grows when the category's caption needs more
    /// height than the rows give. A segment never ends between the last item and its 小计, nor the last 小计 and the
    /// 合计 row, nor the 合计 row and the block after the table (the signatures). Each page's part of the table opens
    /// with the header row and is framed.
    /// </summary>
    private sealed class SheetTable(ScoreSheetRecord sheet)
    {
        private double[] _widths = [];
        private double[] _lefts = [];

        /// <summary>Draws the table into the flow, keeping <paramref name="keepWithTotal"/> mm free under the 合计 row on its page.</summary>
        public void Draw(PageFlow flow, double keepWithTotal)
        {
            var canvas = flow.Canvas;
            var sum = Columns.Sum(c => c.Weight);
            _widths = [.. Columns.Select(c => canvas.Width * c.Weight / sum)];
            _lefts = new double[_widths.Length + 1];
            for (var i = 0; i < _widths.Length; i++)
            {
                _lefts[i + 1] = _lefts[i] + _widths[i];
            }

            var style = canvas.Style;
            var header = Columns.Select(c => c.Header).ToArray();
            var headerHeight = Enumerable.Range(0, header.Length).Max(i => TextHeight(canvas, header[i], style.CellBold, i)) + Padding(style);
            var total = new Line(LineKind.Total, ["合计", null, null, ScoreText.Format(sheet.Points), ScoreText.Format(sheet.Total), UnscoredNote(sheet.Unscored)], null);
            var totalHeight = Height(canvas, total);

            canvas = flow.Reserve(headerHeight + (3 * style.RowHeight));
            var top = flow.Y;
            var y = DrawHeader(canvas, header, top, headerHeight);
            var rowsOnPage = false;

            void NextPage()
            {
                Frame(canvas, top, y);
                canvas = flow.NewPage();
                top = flow.Y;
                y = DrawHeader(canvas, header, top, headerHeight);
                rowsOnPage = false;
            }

            for (var k = 0; k < sheet.Categories.Count; k++)
            {
                var category = sheet.Categories[k];
                var lines = Lines(category);
                double[] heights = [.. lines.Select(l => Height(canvas, l))];
                var tail = k == sheet.Categories.Count - 1 ? totalHeight + keepWithTotal : 0;
                var i = 0;
                while (i < lines.Count)
                {
                    var caption = i == 0 ? category.Caption : $"{category.Caption}（续）";
                    var captionHeight = TextHeight(canvas, caption, style.Cell, 0) + Padding(style);
                    var end = Fit(heights, i, captionHeight, flow.Bottom - y, tail);
                    if (end == i && rowsOnPage)
                    {
                        NextPage();
                        continue;
                    }

                    // Even an empty page cannot hold the next row (with its 小计): it is drawn anyway, running long.
                    end = end > i ? end : Math.Min(lines.Count, i + (i == lines.Count - 2 ? 2 : 1));
                    var rows = heights[i..end].Sum();
                    var grow = Math.Max(0, captionHeight - rows);
                    DrawCell(canvas, new MmRect(0, y, _widths[0], rows + grow), caption, style.Cell, TextAlign.Center, shaded: false);
                    for (var j = i; j < end; j++)
                    {
                        var height = heights[j] + (j == end - 1 ? grow : 0);
                        DrawLine(canvas, lines[j], y, height);
                        y += height;
                    }

                    rowsOnPage = true;
                    i = end;
                    if (i < lines.Count)
                    {
                        NextPage();
                    }
                }
            }

            if (y + totalHeight + keepWithTotal > flow.Bottom && rowsOnPage)
            {
                NextPage();
            }

            DrawLine(canvas, total, y, totalHeight);
            y += totalHeight;
            Frame(canvas, top, y);
            flow.MoveTo(y);
        }

        /// <summary>
        /// The end (exclusive) of the segment from line <paramref name="start"/> that fits in <paramref name="room"/> mm,
        /// with the caption's growth and, when it reaches the category's end, <paramref name="tail"/>; never between the
        /// last item and the 小计. <paramref name="start"/> when not even the first line fits.
        /// </summary>
        private static int Fit(double[] heights, int start, double captionHeight, double room, double tail)
        {
            var end = start;
            var used = 0.0;
            for (var j = start; j < heights.Length; j++)
            {
                used += heights[j];
                var last = j == heights.Length - 1;
                if (used + Math.Max(0, captionHeight - used) + (last ? tail : 0) > room + 0.01)
                {
                    break;
                }

                end = j + 1;
            }

            // The 小计 (the last line) stays with the last item.
            return end == heights.Length - 1 && end > start ? end - 1 : end;
        }

        private static List<Line> Lines(ScoreSheetCategory category)
        {
            var lines = category.Items
                .Select(item => new Line(
                    LineKind.Item,
                    [null, ScoreText.Number(item.No), item.Text, ScoreText.Format(item.Points), ScoreText.Format(item.Score), item.Comment],
                    string.IsNullOrWhiteSpace(item.Evidence) ? null : EvidencePrefix + item.Evidence.Trim()))
                .ToList();
            lines.Add(new Line(LineKind.Subtotal, [null, "小计", null, ScoreText.Format(category.Points), ScoreText.Format(category.Subtotal), UnscoredNote(category.Unscored)], null));
            return lines;
        }

        private static string? UnscoredNote(int unscored) => unscored > 0 ? $"尚有{ScoreText.Number(unscored)}项未评分" : null;

        private static double Padding(FormStyle style) => 1.2 * style.CellPadding;

        private double TextHeight(FormCanvas canvas, string? text, XFont font, int column, int span = 1) =>
            canvas.MeasureParagraph(text, font, _lefts[column + span] - _lefts[column] - (2 * canvas.Style.CellPadding), 0, 1.35);

        private double Height(FormCanvas canvas, Line line)
        {
            var style = canvas.Style;
            var height = style.RowHeight * 0.8;
            foreach (var (column, span) in Spans(line.Kind))
            {
                var text = line.Cells[column];
                var font = Font(style, line.Kind, column);
                var needed = TextHeight(canvas, text, font, column, span) + Padding(style);
                if (column == 2 && line.Evidence is { } evidence)
                {
                    needed += TextHeight(canvas, evidence, style.Small, column) + (0.5 * style.CellPadding);
                }

                height = Math.Max(height, needed);
            }

            return height;
        }

        /// <summary>The cells of a line as (first column, columns spanned); an item's category cell is drawn by its segment.</summary>
        private static IEnumerable<(int Column, int Span)> Spans(LineKind kind) => kind switch
        {
            LineKind.Item => [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)],
            LineKind.Subtotal => [(1, 2), (3, 1), (4, 1), (5, 1)],
            _ => [(0, 3), (3, 1), (4, 1), (5, 1)],
        };

        private static XFont Font(FormStyle style, LineKind kind, int column) =>
            kind != LineKind.Item && column < 5 ? style.CellBold : style.Cell;

        private void DrawLine(FormCanvas canvas, Line line, double y, double height)
        {
            var style = canvas.Style;
            foreach (var (column, span) in Spans(line.Kind))
            {
                var rect = new MmRect(_lefts[column], y, _lefts[column + span] - _lefts[column], height);
                var align = line.Kind == LineKind.Item ? Columns[column].Align : column == 5 ? TextAlign.Left : TextAlign.Center;
                var font = Font(style, line.Kind, column);
                if (column == 2 && line.Evidence is { } evidence)
                {
                    DrawCell(canvas, rect, null, font, align, shaded: false);
                    var inner = rect.Deflate(style.CellPadding, style.CellPadding * 0.6);
                    var textHeight = canvas.MeasureParagraph(line.Cells[column], font, inner.Width, 0, 1.35);
                    var gap = 0.5 * style.CellPadding;
                    var evidenceHeight = canvas.MeasureParagraph(evidence, style.Small, inner.Width, 0, 1.35);
                    var top = inner.Y + ((inner.Height - textHeight - gap - evidenceHeight) / 2);
                    canvas.DrawParagraph(line.Cells[column], font, inner.X, top, inner.Width, align, 0, 1.35);
                    canvas.DrawParagraph(evidence, style.Small, inner.X, top + textHeight + gap, inner.Width, align, 0, 1.35);
                    continue;
                }

                DrawCell(canvas, rect, line.Cells[column], font, align, shaded: line.Kind != LineKind.Item && column < 3);
            }
        }

        private double DrawHeader(FormCanvas canvas, string[] header, double y, double height)
        {
            var style = canvas.Style;
            for (var i = 0; i < header.Length; i++)
            {
                DrawCell(canvas, new MmRect(_lefts[i], y, _widths[i], height), header[i], style.CellBold, TextAlign.Center, shaded: true);
            }

            canvas.Rectangle(new MmRect(0, y, _lefts[^1], height), style.OuterBorder);
            return y + height;
        }

        private static void DrawCell(FormCanvas canvas, MmRect rect, string? text, XFont font, TextAlign align, bool shaded)
        {
            var style = canvas.Style;
            if (shaded)
            {
                canvas.Rectangle(rect, null, style.LabelShade);
            }

            canvas.DrawTextBox(text, font, rect.Deflate(style.CellPadding, style.CellPadding * 0.6), align, VerticalAlign.Middle);
            canvas.Rectangle(rect, style.Border);
        }

        private void Frame(FormCanvas canvas, double top, double bottom) =>
            canvas.Rectangle(new MmRect(0, top, _lefts[^1], bottom - top), canvas.Style.OuterBorder);
    }

    private enum LineKind
    {
        Item,
        Subtotal,
        Total,
    }

    /// <summary>A row of the table: its six cells' text (some spanned over), and the evidence under an item's text.</summary>
    private sealed record Line(LineKind Kind, string?[] Cells, string? Evidence);
}
