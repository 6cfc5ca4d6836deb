using CommunityPartyPortal.Documents.Records;
using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 考评评分表: the score sheet of one target in a scoring session, A4 portrait, laid out as the paper 考评细则 (seed 001
/// attachment). The title 「{rubric}评分表」, the session, target, year, 编号 and rank; the rubric's table (类别（分值）|
/// 序号 | 考评内容 | 分值 | 得分 | 评分说明) with each category's cell spanning its items' rows and its 小计 row, the
/// portal's evidence under an item's text, and the 合计 row with the full marks; then 评分人（签字）, 审核人（签字）
/// and the scoring organisation with 「（盖章）」 over the date. The table runs over as many pages as it needs with its
/// header row repeated (a category split by a page break is captioned again, 「（续）」); the later pages open with
/// 「…评分表（续）」, the target and the 编号. Each sheet starts on a new page and its pages are numbered 第 N 页 共 M 页;
/// an unlocked sheet carries a large grey 「草稿（未锁定）」 across every page.
/// </summary>
public static partial class ScoreSheetPdf
{
    /// <summary>The title of a batch (the PDF's title); each sheet is titled 「{rubric}评分表」.</summary>
    public const string DocumentTitle = "考评评分表";

    /// <summary>The mark of a sheet whose session is not locked.</summary>
    public const string DraftMark = "草稿（未锁定）";

    /// <summary>The status of a locked sheet in its head.</summary>
    public const string LockedMark = "已锁定";

    /// <summary>The rank of a sheet without one.</summary>
    public const string Unranked = "未排名";

    /// <summary>Put before the portal's computed evidence under an item's text.</summary>
    public const string EvidencePrefix = "平台数据：";

    public const string FootNote =
        "注：1. 各项得分不超过该项分值，扣分的请在评分说明中写明理由；2. “平台数据”由本平台根据服务岗位、活动签到、" +
        "写实登记、结对走访和党员名册等记录自动计算，供评分参考；3. 本表经评分人、审核人签字并加盖考评单位公章后有效。";

    /// <summary>The sheet's title: 「{rubric}评分表」.</summary>
    public static string Title(ScoreSheetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{record.RubricName.Trim()}评分表";
    }

    /// <summary>One sheet per record, each from a new page (a list of one for a single sheet), A4 portrait.</summary>
    /// <exception cref="ArgumentException">No record, or a record is not printable (<see cref="ScoreSheetRecord.EnsurePrintable"/>).</exception>
    public static byte[] Render(IReadOnlyList<ScoreSheetRecord> records) =>
        FormDocument.ToBytes(DocumentTitle, PaperSize.A4, records, (batch, record) => AddTo(batch, record));

    public static void Render(IReadOnlyList<ScoreSheetRecord> records, Stream output) =>
        FormDocument.Write(DocumentTitle, PaperSize.A4, records, output, (batch, record) => AddTo(batch, record));

    /// <summary>Adds one sheet from a new page of the batch; returns the number of pages it took.</summary>
    public static int AddTo(PdfBatch batch, ScoreSheetRecord record)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(record);
        record.EnsurePrintable();
        var flow = new PageFlow(batch, (canvas, page) =>
        {
            if (!record.Locked)
            {
                Watermark(canvas);
            }

            return page == 0 ? 0 : ContinuationHeading(canvas, record);
        });
        flow.NewPage();
        Draw(flow, record);
        flow.NumberPages();
        return flow.Pages;
    }

    /// <summary>Draws the sheet into the flow from the top of its first page.</summary>
    public static void Draw(PageFlow flow, ScoreSheetRecord r)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(r);
        r.EnsurePrintable();
        var canvas = flow.Canvas;
        var style = canvas.Style;
        var y = flow.Y + TitleBlock(canvas, Title(r), flow.Y) + (1.5 * style.Scale);
        flow.MoveTo(y);

        var row = 8 * style.Scale;
        flow.Grid(FormGrid.Fit(canvas.Width, 20, 44, 20, 26, 18, 42)
            .Row(row, GridCell.Label("考评对象"), GridCell.Value(r.Target), GridCell.Label("考评年度"), GridCell.Value($"{r.Year}年", align: TextAlign.Center), GridCell.Label("编号"), GridCell.Value(r.Serial))
            .Row(row, GridCell.Label("考评活动"), GridCell.Value(r.SessionTitle, colSpan: 3), GridCell.Label("名次"), GridCell.Value(r.RankText ?? Unranked, align: TextAlign.Center))
            .Row(row, GridCell.Label("考评单位"), GridCell.Value(r.IssuedBy, colSpan: 3), GridCell.Label("状态"), GridCell.Value(r.Locked ? LockedMark : DraftMark, align: TextAlign.Center))
            .Row(row, GridCell.Label("细则制定"), GridCell.Value(r.Issuer, colSpan: 3), GridCell.Label("总分"), GridCell.Value($"{ScoreText.Format(r.Total)}分（满分{ScoreText.Format(r.Points)}分）", align: TextAlign.Center)));

        // The signatures and the seal stay on the page of the 合计 row.
        flow.Space(3 * style.Scale);
        var closingSpace = 5 * style.Scale;
        new SheetTable(r).Draw(flow, closingSpace + Closing(flow.Canvas, r, draw: false));

        flow.Space(closingSpace);
        flow.Block(c => Closing(c, r, draw: true), measure: c => Closing(c, r, draw: false));
    }

    /// <summary>The title, in the full-page title font when it fits on a line, else smaller and wrapped. Returns its height, mm.</summary>
    private static double TitleBlock(FormCanvas canvas, string title, double y)
    {
        var style = canvas.Style;
        var font = canvas.MeasureWidth(title, style.Title) <= canvas.Width ? style.Title : style.HalfTitle;
        return canvas.DrawParagraph(title, font, 0, y, canvas.Width, TextAlign.Center, 0, 1.4);
    }

    /// <summary>
    /// The closing block: 评分人（签字） and 审核人（签字） with their rules at the left, the scoring organisation with
    /// 「（盖章）」 over the date at the right (under the signatures when it is too wide to sit beside them), and the note.
    /// Returns its height, mm (drawing it when <paramref name="draw"/>).
    /// </summary>
    private static double Closing(FormCanvas canvas, ScoreSheetRecord r, bool draw)
    {
        var style = canvas.Style;
        var font = style.Cell;
        var line = FormCanvas.LineHeight(font, 1.5);
        var rule = 34 * style.Scale;
        var signatureEnd = canvas.MeasureWidth("审核人（签字）：", font) + rule;
        var right = canvas.Width - 4;
        var sealWidth = Math.Max(canvas.MeasureWidth($"{r.IssuedBy.Trim()}（盖章）", font), canvas.MeasureWidth(ChineseDate.Format(r.IssuedOn), font));
        var sealTop = right - Math.Min(sealWidth, right * 0.62) < signatureEnd + 6 ? 3 * line : line * 0.5;
        var sealHeight = FormParts.MeasureSealBlock(canvas, right, r.IssuedBy, r.IssuedOn, font);
        var noteTop = Math.Max(2.5 * line, sealTop + sealHeight) + (3 * style.Scale);
        if (draw)
        {
            FormParts.SignatureLine(canvas, 0, 0, "评分人（签字）", rule, null, font);
            FormParts.SignatureLine(canvas, 0, 1.5 * line, "审核人（签字）", rule, null, font);
            FormParts.SealBlock(canvas, right, sealTop, r.IssuedBy, r.IssuedOn, font);
            FormParts.Note(canvas, 0, noteTop, canvas.Width, FootNote);
        }

        return noteTop + canvas.MeasureParagraph(FootNote, style.Small, canvas.Width, 0, 1.45);
    }

    /// <summary>
    /// The heading of the later pages: 「…评分表（续）」 (wrapped when long) over a line with the target and year at the
    /// left and the 编号 at the right. Returns the y below it, mm.
    /// </summary>
    private static double ContinuationHeading(FormCanvas canvas, ScoreSheetRecord r)
    {
        var style = canvas.Style;
        var y = canvas.DrawParagraph($"{Title(r)}（续）", style.StubTitle, 0, 0, canvas.Width, TextAlign.Center, 0, 1.4) + 1;
        var serialWidth = canvas.MeasureWidth($"编号：{r.Serial}", style.Header);
        var used = canvas.DrawParagraph($"考评对象：{r.Target}　考评年度：{r.Year}年", style.Header, 0, y, canvas.Width - serialWidth - 4, TextAlign.Left, 0, 1.45);
        var below = FormParts.SerialLine(canvas, y, r.Serial);
        return Math.Max(below, y + used) + 2;
    }

    /// <summary>
    /// 「草稿（未锁定）」 in large light grey letters across the middle of the page, under everything else. It is text
    /// (PDFsharp Core cannot outline glyphs), drawn first on the page: <c>pdftotext -raw</c> gives it at the start of
    /// each page, while the layout mode scatters its letters among the table's lines.
    /// </summary>
    private static void Watermark(FormCanvas canvas)
    {
        var gfx = canvas.Graphics;
        var area = canvas.PageArea;
        var centre = new XPoint(Mm.ToPoints(area.X + (area.Width / 2)), Mm.ToPoints(area.Y + (area.Height / 2)));
        var state = gfx.Save();
        gfx.RotateAtTransform(-50, centre);
        gfx.DrawString(DraftMark, FormStyle.Font(64 * canvas.Style.Scale, bold: true), new XSolidBrush(XColor.FromArgb(215, 215, 215)), centre, XStringFormats.Center);
        gfx.Restore(state);
    }
}
