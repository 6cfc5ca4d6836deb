using System.Globalization;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Records;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// The physical limit of the summary tables as PDF (the documents project has no bare PDF writer; this is the benchmark's):
/// the same lines of the same tables (each group's name, its rows, its subtotal, the total) drawn with PDFsharp in the
/// same typeface and size as the real table's cells (<see cref="FormStyle.Cell"/>), A4 landscape, one plain header line
/// of the leaf headers on each page and one text per cell — no title, info line, grouped header, rules, shading, bold,
/// fitting of long names, page numbers or signature line. What <c>SummaryTablePdf</c> costs beyond this is the cost of
/// the official layout.
/// </summary>
internal static class SummariesBarePdf
{
    private const double Margin = 12 * 72 / 25.4; // 12 mm in points
    private const double LabelWidth = 150;

    /// <summary>Draws the tables, each from a new page, into <paramref name="output"/>; returns the number of pages.</summary>
    public static int Render(IReadOnlyList<SummaryTableRecord> tables, Stream output)
    {
        var font = FormStyle.For(PaperSize.A4).Cell; // initialises the fonts and the PDFsharp licence
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        var lineHeight = font.GetHeight() * 1.3;
        foreach (var table in tables)
        {
            XGraphics? gfx = null;
            double y = 0, bottom = 0, step = 0;
            try
            {
                foreach (var (label, values) in Lines(table))
                {
                    if (gfx is null || y + lineHeight > bottom)
                    {
                        gfx?.Dispose();
                        var page = document.AddPage();
                        page.Size = PdfSharp.PageSize.A4;
                        page.Orientation = PdfSharp.PageOrientation.Landscape;
                        gfx = XGraphics.FromPdfPage(page);
                        bottom = page.Height.Point - Margin;
                        step = (page.Width.Point - 2 * Margin - LabelWidth) / table.Columns.Count;
                        y = Margin;
                        Draw(gfx, font, y, step, table.LabelHeader, [.. table.Columns.Select(c => c.Header)]);
                        y += lineHeight;
                    }
                    Draw(gfx, font, y, step, label, values);
                    y += lineHeight;
                }
            }
            finally
            {
                gfx?.Dispose();
            }
        }
        var pages = document.PageCount;
        document.Save(output, closeStream: false);
        return pages;
    }

    private static void Draw(XGraphics gfx, XFont font, double y, double step, string label, IReadOnlyList<string?> cells)
    {
        gfx.DrawString(label, font, XBrushes.Black, new XPoint(Margin, y), XStringFormats.TopLeft);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { Length: > 0 } text) gfx.DrawString(text, font, XBrushes.Black, new XPoint(Margin + LabelWidth + i * step, y), XStringFormats.TopLeft);
        }
    }

    /// <summary>The printed lines: each group's name, its rows and subtotal, then the total; values as plain text.</summary>
    private static IEnumerable<(string Label, string?[] Values)> Lines(SummaryTableRecord table)
    {
        string?[] Texts(SummaryRow row) => [.. row.Values.Select(v => v switch
        {
            null => null,
            bool b => b ? "是" : "否",
            decimal d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        })];
        foreach (var group in table.Groups)
        {
            yield return (group.Name, []);
            foreach (var row in group.Rows) yield return (row.Label, Texts(row));
            if (group.Subtotal is { } subtotal) yield return (subtotal.Label, Texts(subtotal));
        }
        if (table.Total is { } total) yield return (total.Label, Texts(total));
    }
}
