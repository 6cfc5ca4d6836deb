namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// The Render plumbing of a card that may run over several pages (写实登记卡, 联系对象档案卡): each card starts on a
/// new page and flows down as many pages as it needs (<see cref="PageFlow"/>); the pages after the first open with
/// "title（续）", who the card is about and its 编号; each card's pages are numbered on their own ("第 1 页 共 2 页").
/// </summary>
/// <param name="title">The card's title (also the PDF's title).</param>
/// <param name="continuation">Who the card is about, for the heading of its later pages (姓名：张三　年度：2026年), and its 编号.</param>
/// <param name="draw">Draws the card into the flow, from the top of its first page.</param>
internal sealed class PagedCardForm<T>(string title, Func<T, (string Caption, string Serial)> continuation, Action<PageFlow, T> draw)
    where T : class
{
    public byte[] Render(IReadOnlyList<T> records, PaperSize paper) =>
        FormDocument.ToBytes(title, paper, records, (batch, record) => AddTo(batch, record));

    public void Render(IReadOnlyList<T> records, Stream output, PaperSize paper) =>
        FormDocument.Write(title, paper, records, output, (batch, record) => AddTo(batch, record));

    /// <summary>Adds one card from a new page of the batch; returns the number of pages it took.</summary>
    public int AddTo(PdfBatch batch, T record)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(record);
        var (caption, serial) = continuation(record);
        var flow = new PageFlow(batch, (canvas, page) => page == 0 ? 0 : PagedCard.ContinuationHeading(canvas, title, caption, serial));
        flow.NewPage();
        draw(flow, record);
        flow.NumberPages();
        return flow.Pages;
    }
}

/// <summary>The pieces of the multi-page cards.</summary>
internal static class PagedCard
{
    /// <summary>"title（续）" over a line with <paramref name="caption"/> on the left and 编号 on the right. Returns the y below, mm.</summary>
    public static double ContinuationHeading(FormCanvas canvas, string title, string caption, string serial)
    {
        var style = canvas.Style;
        var y = FormParts.Title(canvas, $"{title}（续）", 0, style.StubTitle) + 1;
        var serialWidth = canvas.MeasureWidth($"编号：{serial}", style.Header);
        var used = canvas.DrawParagraph(caption, style.Header, 0, y, canvas.Width - serialWidth - 4, TextAlign.Left, 0, 1.45);
        var below = FormParts.SerialLine(canvas, y, serial);
        return Math.Max(below, y + used) + 2;
    }

    /// <summary>The card's title and its header line (organisation, date, 编号) at the top of the first page.</summary>
    public static void Head(PageFlow flow, string title, string serial, string organisationCaption, string? organisation, string dateCaption, DateOnly? date)
    {
        var canvas = flow.Canvas;
        var style = canvas.Style;
        var y = FormParts.Title(canvas, title, flow.Y, style.Title);
        flow.MoveTo(FormParts.HeaderLine(canvas, y + (1.5 * style.Scale), serial, organisationCaption, organisation, dateCaption, date) + 1.5);
    }

    /// <summary>
    /// A bold section caption (一、服务记录) kept on the same page as the <paramref name="keepWithNext"/> mm that
    /// follow it (a table's header and first row).
    /// </summary>
    public static void Section(PageFlow flow, string caption, double keepWithNext)
    {
        flow.Space(2.5 * flow.Batch.Style.Scale);
        flow.Block(
            c =>
            {
                c.DrawText(caption, c.Style.CellBold, 0, 0, TextAlign.Left, 1.5);
                return FormCanvas.LineHeight(c.Style.CellBold, 1.5);
            },
            keepWithNext,
            c => FormCanvas.LineHeight(c.Style.CellBold, 1.5));
    }

    /// <summary>Room a section caption asks for below it: a table's header row and one row, mm.</summary>
    public static double TableStart(FormStyle style) => 2.2 * style.RowHeight;

    /// <summary>
    /// The opinion, seal and signature boxes with the small-print note under them, kept together: on a new page
    /// when they do not fit in the room left (never a page holding only the note).
    /// </summary>
    public static void Footer(PageFlow flow, FormGrid boxes, string note)
    {
        flow.Space(3 * flow.Batch.Style.Scale);
        flow.Block(
            c =>
            {
                var y = boxes.Draw(c, 0, 0) + 1.5;
                return y + FormParts.Note(c, 0, y, c.Width, note);
            },
            measure: c => boxes.Measure(c) + 1.5 + c.MeasureParagraph(note, c.Style.Small, c.Width, 0, 1.45));
    }
}
