using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;
using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

public static partial class SummaryTablePdf
{
    /// <summary>The shade of highlighted rows (Excel's light red, as in the workbook).</summary>
    private static readonly XBrush HighlightShade = new XSolidBrush(XColor.FromArgb(255, 199, 206));

    /// <summary>
    /// One table's grid: 序号, the label and the data columns (shares of the width by format), the header of one or two
    /// rows drawn at the top of each page, then the lines; a line that does not fit on the page starts a new one. The
    /// total row keeps the given room free under it (for the signature line).
    /// </summary>
    private sealed class Table(SummaryTableRecord table)
    {
        private double[] _lefts = [];
        private string?[] _groups = [];
        private string[] _headers = [];
        private TextAlign[] _aligns = [];

        public void Draw(PageFlow flow, IEnumerable<SummaryLine> lines, double keepWithTotal)
        {
            var canvas = flow.Canvas;
            Layout(canvas.Width);
            var style = canvas.Style;
            var (top, leaves) = HeaderHeights(canvas);
            var headerHeight = top + leaves;

            canvas = flow.Reserve(headerHeight + (2 * style.RowHeight));
            var pageTop = flow.Y;
            var y = DrawHeader(canvas, pageTop, top, leaves);
            var rowsOnPage = false;
            foreach (var line in lines)
            {
                var height = Height(canvas, line);
                var keep = line.Kind == SummaryLineKind.Total ? keepWithTotal : 0;
                if (y + height + keep > flow.Bottom && rowsOnPage)
                {
                    Frame(canvas, pageTop, y);
                    canvas = flow.NewPage();
                    pageTop = flow.Y;
                    y = DrawHeader(canvas, pageTop, top, leaves);
                    rowsOnPage = false;
                }

                DrawLine(canvas, line, y, height);
                y += height;
                rowsOnPage = true;
            }

            Frame(canvas, pageTop, y);
            flow.MoveTo(y);
        }

        private void Layout(double width)
        {
            var columns = table.Columns;
            double[] weights = [4.5, 15, .. columns.Select(c => c.Format == SummaryFormat.Text ? 10.0 : 6.5)];
            var sum = weights.Sum();
            _lefts = new double[weights.Length + 1];
            for (var i = 0; i < weights.Length; i++)
            {
                _lefts[i + 1] = _lefts[i] + (width * weights[i] / sum);
            }

            _groups = [null, null, .. columns.Select(c => c.Group)];
            _headers = [SummaryTableRecord.NumberHeader, table.LabelHeader, .. columns.Select(c => c.Header)];
            _aligns =
            [
                TextAlign.Center, TextAlign.Left,
                .. columns.Select(c => c.Format switch { SummaryFormat.Text => TextAlign.Left, SummaryFormat.YesNo => TextAlign.Center, _ => TextAlign.Right }),
            ];
        }

        private bool TwoRows => _groups.Any(g => g is not null);

        /// <summary>The group cells as (first column, columns spanned, name).</summary>
        private IEnumerable<(int First, int Span, string Name)> GroupSpans()
        {
            for (var i = 0; i < _groups.Length;)
            {
                if (_groups[i] is not { } group)
                {
                    i++;
                    continue;
                }

                var end = i + 1;
                while (end < _groups.Length && string.Equals(_groups[end], group, StringComparison.Ordinal))
                {
                    end++;
                }

                yield return (i, end - i, group);
                i = end;
            }
        }

        /// <summary>The heights of the group row (0 without groups) and of the leaf row, mm; an ungrouped header spans both.</summary>
        private (double Top, double Leaves) HeaderHeights(FormCanvas canvas)
        {
            var style = canvas.Style;
            var min = style.RowHeight * 0.7;
            if (!TwoRows)
            {
                return (0, Math.Max(min, Enumerable.Range(0, _headers.Length).Max(i => TextHeight(canvas, _headers[i], style.SmallBold, i, 1))));
            }

            var top = Math.Max(min, GroupSpans().Select(g => TextHeight(canvas, g.Name, style.SmallBold, g.First, g.Span)).DefaultIfEmpty(0).Max());
            var leaves = Math.Max(min, Enumerable.Range(0, _headers.Length).Where(i => _groups[i] is not null).Max(i => TextHeight(canvas, _headers[i], style.SmallBold, i, 1)));
            var spanning = Enumerable.Range(0, _headers.Length).Where(i => _groups[i] is null).Select(i => TextHeight(canvas, _headers[i], style.SmallBold, i, 1)).DefaultIfEmpty(0).Max();
            return (top, Math.Max(leaves, spanning - top));
        }

        private double DrawHeader(FormCanvas canvas, double y, double top, double leaves)
        {
            var font = canvas.Style.SmallBold;
            for (var i = 0; i < _headers.Length; i++)
            {
                if (_groups[i] is null)
                {
                    Cell(canvas, Rect(i, 1, y, top + leaves), _headers[i], font, TextAlign.Center, canvas.Style.LabelShade);
                }
                else
                {
                    Cell(canvas, Rect(i, 1, y + top, leaves), _headers[i], font, TextAlign.Center, canvas.Style.LabelShade);
                }
            }

            foreach (var (first, span, name) in GroupSpans())
            {
                Cell(canvas, Rect(first, span, y, top), name, font, TextAlign.Center, canvas.Style.LabelShade);
            }

            canvas.Rectangle(new MmRect(0, y, _lefts[^1], top + leaves), canvas.Style.OuterBorder);
            return y + top + leaves;
        }

        private double Height(FormCanvas canvas, SummaryLine line)
        {
            var style = canvas.Style;
            var font = line.Bold ? style.SmallBold : style.Small;
            var height = style.RowHeight * 0.62;
            if (line.Kind == SummaryLineKind.GroupHeading)
            {
                return Math.Max(height, TextHeight(canvas, line.Label, font, 0, _headers.Length));
            }

            var cells = Cells(line);
            for (var i = 0; i < cells.Length; i++)
            {
                height = Math.Max(height, TextHeight(canvas, cells[i], font, i, 1));
            }

            return height;
        }

        private void DrawLine(FormCanvas canvas, SummaryLine line, double y, double height)
        {
            var style = canvas.Style;
            var font = line.Bold ? style.SmallBold : style.Small;
            var fill = line.Highlight ? HighlightShade : null;
            if (line.Kind == SummaryLineKind.GroupHeading)
            {
                Cell(canvas, Rect(0, _headers.Length, y, height), line.Label, font, TextAlign.Left, fill);
                return;
            }

            var cells = Cells(line);
            for (var i = 0; i < cells.Length; i++)
            {
                var align = line.Kind == SummaryLineKind.Row || i != 1 ? _aligns[i] : TextAlign.Center;
                Cell(canvas, Rect(i, 1, y, height), cells[i], font, align, fill);
            }
        }

        /// <summary>The printed cells of a line: 序号, the label, then each value as the column's format shows it.</summary>
        private string?[] Cells(SummaryLine line)
        {
            var cells = new string?[_headers.Length];
            cells[0] = line.No?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cells[1] = line.Label;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                cells[i + 2] = SummaryLines.Text(table.Columns[i].Format, line.Values[i]);
            }

            return cells;
        }

        private MmRect Rect(int first, int span, double y, double height) => new(_lefts[first], y, _lefts[first + span] - _lefts[first], height);

        private double TextHeight(FormCanvas canvas, string? text, XFont font, int first, int span) =>
            canvas.MeasureParagraph(text, font, _lefts[first + span] - _lefts[first] - (2 * canvas.Style.CellPadding), 0, 1.35) + (1.2 * canvas.Style.CellPadding);

        private static void Cell(FormCanvas canvas, MmRect rect, string? text, XFont font, TextAlign align, XBrush? fill)
        {
            var style = canvas.Style;
            if (fill is not null)
            {
                canvas.Rectangle(rect, null, fill);
            }

            canvas.DrawTextBox(text, font, rect.Deflate(style.CellPadding, style.CellPadding * 0.6), align, VerticalAlign.Middle);
            canvas.Rectangle(rect, style.Border);
        }

        private void Frame(FormCanvas canvas, double top, double bottom) =>
            canvas.Rectangle(new MmRect(0, top, _lefts[^1], bottom - top), canvas.Style.OuterBorder);
    }
}
