using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// Official summary tables (汇总表) as PDF, A4 landscape, Song typeface: each table from a new page with its title, the
/// line with 填报单位, 范围, 年度, 统计截至 and 编号, and the table: the two-level header (a group's cell spanning its
/// columns, an ungrouped header spanning both header rows) repeated at the top of every page, the rows numbered 序号
/// under their group's name, the group subtotals and the total bold, highlighted rows shaded light red; the later pages
/// open with 「…（续）」. The table ends with the line for 填报人、审核人、单位盖章、日期 (kept on the page of the total row),
/// and each table's pages are numbered 「第 x 页 共 y 页」. Rows are drawn as they are enumerated (once); the figures
/// are the same as the workbook's (<see cref="SummaryWorkbook"/>), computed subtotals and totals included.
/// </summary>
public static partial class SummaryTablePdf
{
    /// <summary>The title of a document of several tables (each table is titled as its record says).</summary>
    public const string DocumentTitle = "汇总表";

    /// <summary>The signature captions of the closing line, in order.</summary>
    public static IReadOnlyList<string> SignatureCaptions { get; } = ["填报人", "审核人", "单位（盖章）", "日期"];

    /// <summary>The tables, each from a new page, as one PDF.</summary>
    /// <exception cref="ArgumentException">No table, a table with unusable columns, or a row that does not fit its columns.</exception>
    public static byte[] Render(IReadOnlyList<SummaryTableRecord> tables)
    {
        using var output = new MemoryStream();
        Render(tables, output);
        return output.ToArray();
    }

    public static void Render(IReadOnlyList<SummaryTableRecord> tables, Stream output)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(output);
        if (tables.Count == 0)
        {
            throw new ArgumentException("No summary table to print.", nameof(tables));
        }

        using var batch = new PdfBatch(tables.Count == 1 ? tables[0].Title : $"{DocumentTitle}（{tables.Count}份）", PaperSize.A4, PaperOrientation.Landscape);
        foreach (var table in tables)
        {
            ArgumentNullException.ThrowIfNull(table, nameof(tables));
            AddTo(batch, table);
        }

        batch.Save(output);
    }

    /// <summary>Adds one table from a new page of <paramref name="batch"/> (A4 landscape); returns the number of pages it took.</summary>
    public static int AddTo(PdfBatch batch, SummaryTableRecord table)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(table);
        var lines = SummaryLines.Of(table); // validates the columns before any page is added
        var flow = new PageFlow(batch, (canvas, page) => Heading(canvas, table, page > 0));
        flow.NewPage();
        var signature = SignatureHeight(flow.Canvas);
        new Table(table).Draw(flow, lines, signature + Gap(flow.Canvas));
        flow.Space(Gap(flow.Canvas));
        flow.Block(c => Signature(c), measure: SignatureHeight);
        flow.NumberPages();
        return flow.Pages;
    }

    private static double Gap(FormCanvas canvas) => 5 * canvas.Style.Scale;

    /// <summary>The title (「…（续）」 on the later pages) and the info line. Returns the y below them, mm.</summary>
    private static double Heading(FormCanvas canvas, SummaryTableRecord table, bool continued)
    {
        var style = canvas.Style;
        var title = continued ? $"{table.Title}（续）" : table.Title;
        var font = continued ? style.StubTitle : canvas.MeasureWidth(title, style.HalfTitle) <= canvas.Width ? style.HalfTitle : style.StubTitle;
        var y = canvas.DrawParagraph(title, font, 0, 0, canvas.Width, TextAlign.Center, 0, 1.4) + 1;
        y += canvas.DrawParagraph(table.InfoLine, style.Header, 0, y, canvas.Width, TextAlign.Left, 0, 1.45);
        return y + 1.5;
    }

    private static double SignatureHeight(FormCanvas canvas) => FormCanvas.LineHeight(canvas.Style.Cell, 1.5) + 1;

    /// <summary>填报人、审核人、单位（盖章）and 日期 with their rules across the width. Returns its height, mm.</summary>
    private static double Signature(FormCanvas canvas)
    {
        var font = canvas.Style.Cell;
        var slot = canvas.Width / SignatureCaptions.Count;
        for (var i = 0; i < SignatureCaptions.Count; i++)
        {
            var caption = SignatureCaptions[i];
            var rule = slot - canvas.MeasureWidth($"{caption}：", font) - 8;
            FormParts.SignatureLine(canvas, i * slot, 0, caption, Math.Max(10, rule), i == SignatureCaptions.Count - 1 ? "　　年　　月　　日" : null, font);
        }

        return SignatureHeight(canvas);
    }
}
