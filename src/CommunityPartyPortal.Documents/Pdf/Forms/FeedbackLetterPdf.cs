using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 社区党员表现情况反馈函 (seed 004): the covering letter of a unit's batch of 反馈卡, A4 portrait. The title and 编号,
/// the addressee, the body (how many members for which cycle, the count per grade, the vetoes by name with their
/// reasons, 附：反馈卡 N 份), the list of the members (序号, 姓名, 评议等次, 是否否决), the community party organisation
/// with 「（盖章）」 and the date, and the contact line. A long list runs over more pages, the header row repeated and
/// each later page headed "…（续）" with the addressee and 编号; the pages are numbered 第 N 页 共 M 页.
/// </summary>
public static class FeedbackLetterPdf
{
    public const string Title = "社区党员表现情况反馈函";

    /// <summary>The text in the grade column of a member without a grade.</summary>
    public const string Ungraded = "未评定";

    /// <summary>The columns of the list of members.</summary>
    public static IReadOnlyList<TableColumn> MemberColumns { get; } =
    [
        new("序号", 14),
        new("姓名", 46),
        new("评议等次", 40),
        new("是否否决", 30),
    ];

    /// <summary>The letter as a PDF.</summary>
    public static byte[] Render(FeedbackLetterRecord record)
    {
        using var output = new MemoryStream();
        Render(record, output);
        return output.ToArray();
    }

    public static void Render(FeedbackLetterRecord record, Stream output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        using var batch = new PdfBatch(Title);
        AddTo(batch, record);
        batch.Save(output);
    }

    /// <summary>Adds the letter from a new page of the batch (before the cards, say); returns the number of pages it took.</summary>
    /// <exception cref="ArgumentException">The letter lists no member, or a grade is not one of <see cref="FeedbackGrades.All"/>.</exception>
    public static int AddTo(PdfBatch batch, FeedbackLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Members.Count == 0)
        {
            throw new ArgumentException($"The letter {r.Serial} lists no member: there are no cards to send.", nameof(r));
        }

        foreach (var member in r.Members)
        {
            FeedbackGrades.EnsureValid(member.Grade, $"Letter {r.Serial}, {member.Name}");
        }

        var flow = new PageFlow(batch, (canvas, page) => page == 0 ? 0 : ContinuationHeading(canvas, r));
        flow.NewPage();
        Draw(flow, r);
        flow.NumberPages();
        return flow.Pages;
    }

    /// <summary>The body's sentence with the count per grade: "本次共反馈在职党员5名，其中评议为优秀1名、合格2名、基本合格1名、不合格1名。".</summary>
    public static string GradeSentence(FeedbackLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var counts = FeedbackGrades.All.Select(g => $"{g}{Number(r.CountOf(g))}名").ToList();
        if (r.Ungraded > 0)
        {
            counts.Add($"{Ungraded}{Number(r.Ungraded)}名");
        }

        return $"本次共反馈在职党员{Number(r.Members.Count)}名，其中评议为{string.Join("、", counts)}。";
    }

    /// <summary>
    /// The body's sentence on the vetoes: none, or the vetoed members by name with their reasons in one sentence
    /// ("（1）张三：理由；（2）李四：理由。").
    /// </summary>
    public static string VetoSentence(FeedbackLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var vetoed = r.Vetoed;
        if (vetoed.Count == 0)
        {
            return "本周期社区党组织未对你单位党员提出一票否决意见。";
        }

        var items = vetoed.Select((m, i) =>
            $"（{Number(i + 1)}）{m.Name}：{(string.IsNullOrWhiteSpace(m.VetoReason) ? "未填写理由" : m.VetoReason.Trim().TrimEnd('。', '；', ';'))}");
        return $"社区党组织对以下{Number(vetoed.Count)}名党员提出一票否决意见，建议其本年度不作为评先评优对象：{string.Join("；", items)}。";
    }

    /// <summary>Draws the letter into the flow from the top of its first page.</summary>
    public static void Draw(PageFlow flow, FeedbackLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(r);
        var style = flow.Batch.Style;
        var canvas = flow.Canvas;
        var y = FormParts.Title(canvas, Title, flow.Y, style.Title) + 1;

        // The addressee at the left and the 编号 at the right of the same line (the addressee wraps before it).
        var serialWidth = canvas.MeasureWidth($"编号：{r.Serial}", style.Header);
        FormParts.SerialLine(canvas, y + ((FormCanvas.LineHeight(style.Body) - FormCanvas.LineHeight(style.Header, 1.45)) / 2), r.Serial);
        y += canvas.DrawParagraph([new TextRun($"{r.ToUnit.Trim()}：", Bold: true)], style.Body, 0, y, canvas.Width - serialWidth - 4, bold: style.BodyBold);
        flow.MoveTo(y);

        var period = $"{ChineseDate.Format(r.PeriodStart)}至{ChineseDate.Format(r.PeriodEnd)}";
        Paragraph(flow, $"根据在职党员进社区“双向反馈”工作要求，现将你单位在我社区报到的在职党员{r.CycleLabel}（{period}）参加社区活动、服务群众的现实表现评议情况反馈如下：");
        Paragraph(flow, GradeSentence(r));
        Paragraph(flow, VetoSentence(r));
        Paragraph(flow, "请你单位将反馈情况纳入党员年度民主评议、评先选优、预备党员转正和干部考察等工作综合运用，对长期不参加社区活动、在社区表现差的党员予以批评教育，并将有关处理结果反馈我社区党组织。");
        Paragraph(flow, $"附：反馈卡{Number(r.Members.Count)}份");

        PagedCard.Section(flow, "反馈党员名单", PagedCard.TableStart(style));
        new PagedTable(MemberColumns) { Dense = true }.Draw(flow, r.Members.Select(MemberRow));

        flow.Space(4 * style.Scale);
        var contact = FormDocument.ContactText("联系人", r.ContactPerson, r.ContactPhone);
        flow.Block(c => Closing(c, r, contact, draw: true), measure: c => Closing(c, r, contact, draw: false));
    }

    /// <summary>
    /// The closing block: the community party organisation with 「（盖章）」 over the date at the right, the contact
    /// line at the left, its last line on the date line. Returns its height, mm (drawing it when <paramref name="draw"/>).
    /// </summary>
    private static double Closing(FormCanvas canvas, FeedbackLetterRecord r, string contact, bool draw)
    {
        var body = canvas.Style.Body;
        var font = canvas.Style.Cell;
        var right = canvas.Width - 4;
        var sealHeight = FormParts.MeasureSealBlock(canvas, right, r.IssuedBy, r.IssuedOn, body);
        var sealWidth = Math.Min(
            right * 0.62,
            Math.Max(canvas.MeasureWidth($"{r.IssuedBy.Trim()}（盖章）", body), canvas.MeasureWidth(ChineseDate.Format(r.IssuedOn), body)));
        var contactWidth = Math.Max(canvas.Width * 0.3, canvas.Width - sealWidth - 10);
        var lines = canvas.CountLines(contact, font, contactWidth);
        var lineHeight = FormCanvas.LineHeight(font, 1.5);
        var dateLine = FormCanvas.LineHeight(body, 1.6);

        // The contact's last line shares the date line (centred on it); when it wraps above the seal, the block grows.
        var contactBottom = sealHeight - ((dateLine - lineHeight) / 2);
        var grow = Math.Max(0, (lines * lineHeight) - contactBottom);
        if (draw)
        {
            FormParts.SealBlock(canvas, right, grow, r.IssuedBy, r.IssuedOn, body);
            if (lines > 0)
            {
                canvas.DrawParagraph(contact, font, 0, grow + contactBottom - (lines * lineHeight), contactWidth, TextAlign.Left, 0, 1.5);
            }
        }

        return grow + sealHeight;
    }

    /// <summary>
    /// The one-line heading of the later pages (they hold the rest of the list): "社区党员表现情况反馈函（续）　致：…" at the
    /// left, wrapped before the 编号 at the right. Returns the y below it, mm.
    /// </summary>
    private static double ContinuationHeading(FormCanvas canvas, FeedbackLetterRecord r)
    {
        var font = canvas.Style.Header;
        var serialWidth = canvas.MeasureWidth($"编号：{r.Serial}", font);
        var used = canvas.DrawParagraph(
            [new TextRun($"{Title}（续）", Bold: true), $"　致：{r.ToUnit.Trim()}"], font, 0, 0, canvas.Width - serialWidth - 4, TextAlign.Left, 0, 1.45, FormStyle.Font(font.Size, bold: true));
        var below = FormParts.SerialLine(canvas, 0, r.Serial, font);
        return Math.Max(below, used) + 2;
    }

    private static IReadOnlyList<string?> MemberRow(FeedbackLetterMember m, int index) =>
        [Number(index + 1), m.Name, m.Grade ?? Ungraded, m.Veto ? "是" : "否"];

    /// <summary>A paragraph of running text (first line indented two characters), kept whole on a page.</summary>
    private static void Paragraph(PageFlow flow, string text, bool indent = true)
    {
        flow.Block(
            c => c.DrawParagraph(text, c.Style.Body, 0, 0, c.Width, TextAlign.Left, Indent(c, indent)),
            measure: c => c.MeasureParagraph(text, c.Style.Body, c.Width, Indent(c, indent)));
    }

    private static double Indent(FormCanvas canvas, bool indent) => indent ? 2 * FormCanvas.SizeMm(canvas.Style.Body) : 0;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
