using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员现实表现评议情况反馈卡 (seed 003 att. 5): one card per A4 portrait page, as the paper form: the title, the
/// community party organisation, the date and the 编号; a grid with the member, the cycle, the period's figures
/// (参加社区活动情况) and, when given, the annual requirement lines; the grade as four tick boxes; the community's
/// opinion with its seal and date; the one-vote veto (是/否 and the reason); the unit party organisation's receipt with
/// room for signature, seal and date. A correction (revision above 1) is marked 更正件（第N版） and names the card it
/// corrects. A card whose opinion is too long for the page is scaled down to fit it: a card never takes two pages.
/// </summary>
public static class FeedbackCardPdf
{
    public const string Title = "在职党员现实表现评议情况反馈卡";

    /// <summary>
    /// The tick in a chosen box. Noto Serif SC has no ☑ / ☐ (U+2611 / U+2610): the box is drawn and this glyph
    /// (U+2713, in the font) is set inside it, so the chosen option reads "✓合格" in the PDF's text.
    /// </summary>
    public const string Tick = "✓";

    public const string FootNote =
        "注：本卡由社区党组织根据在职党员参加社区活动、服务群众的现实表现如实填写，按反馈周期送党员所在单位党组织，" +
        "作为党员民主评议、评先选优、预备党员转正和干部考察的重要依据；社区党组织提出一票否决的，该党员当年不宜评先评优。" +
        "服务时长以小时计，保留一位小数。";

    private static readonly string[] YesNo = ["是", "否"];

    /// <summary>One card per page (a list of one for a single card), A4 portrait, in one document.</summary>
    public static byte[] Render(IReadOnlyList<FeedbackCardRecord> records) => FormDocument.ToBytes(Title, PaperSize.A4, records, AddTo);

    public static void Render(IReadOnlyList<FeedbackCardRecord> records, Stream output) => FormDocument.Write(Title, PaperSize.A4, records, output, AddTo);

    /// <summary>Adds one card on a new page of the batch.</summary>
    /// <exception cref="ArgumentException">The grade is not one of <see cref="FeedbackGrades.All"/>.</exception>
    public static void AddTo(PdfBatch batch, FeedbackCardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        FeedbackGrades.EnsureValid(record.Grade, $"Card {record.Serial}");
        FormDocument.AddCardPage(batch, null, c => Draw(c, record));
    }

    /// <summary>"更正件（第2版）".</summary>
    public static string CorrectionMark(int revision) => $"更正件（第{revision}版）";

    /// <summary>Draws the card on the canvas; returns the bottom reached, mm (below the canvas when the content is too long for it).</summary>
    public static double Draw(FormCanvas canvas, FeedbackCardRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var y = 0.0;
        if (r.Revision > 1)
        {
            y = RevisionBox(canvas, CorrectionMark(r.Revision)) + 1;
        }

        y = FormParts.Title(canvas, Title, y, style.Title);
        y = FormParts.HeaderLine(canvas, y + (1.5 * style.Scale), r.Serial, "社区党组织", r.IssuedBy, "反馈日期", r.IssuedOn) + 1.5;
        if (r.Revision > 1)
        {
            y += FormParts.Note(canvas, 0, y, canvas.Width, CorrectionText(r), style.Header) + 1;
        }

        var noteHeight = canvas.MeasureParagraph(FootNote, style.Small, canvas.Width, 0, 1.45);
        y = MemberGrid(canvas.Width, style, r).Draw(canvas, 0, y);
        if (r.Requirements.Count > 0)
        {
            y = RequirementGrid(canvas.Width, style, r.Requirements).Draw(canvas, 0, y);
        }

        y = AssessmentGrid(canvas.Width, style, r).Draw(canvas, 0, y, canvas.Height - noteHeight - 2);
        return y + 1.5 + FormParts.Note(canvas, 0, y + 1.5, canvas.Width, FootNote);
    }

    private static string CorrectionText(FeedbackCardRecord r) =>
        string.IsNullOrWhiteSpace(r.Corrects)
            ? $"本卡为{CorrectionMark(r.Revision)}，以本卡为准。"
            : $"本卡为编号 {r.Corrects.Trim()} 反馈卡的{CorrectionMark(r.Revision)}，原卡存档备查，以本卡为准。";

    /// <summary>The member, the cycle and 参加社区活动情况 (the caption spanning the three rows of figures).</summary>
    private static FormGrid MemberGrid(double width, FormStyle style, FeedbackCardRecord r)
    {
        var row = 9 * style.Scale;
        return FormGrid.Fit(width, 24, 20, 16, 27, 16, 35, 32)
            .Row(row, GridCell.Label("姓名"), GridCell.Value(r.Name, colSpan: 2), GridCell.Label("性别"), Figure(r.Gender), GridCell.Label("职务"), GridCell.Value(r.Post))
            .Row(row, GridCell.Label("工作单位"), GridCell.Value(r.WorkUnit, colSpan: 6))
            .Row(row, GridCell.Label("居住社区"), GridCell.Value(r.Community, colSpan: 6))
            .Row(row, GridCell.Label("反馈周期"), GridCell.Value(r.CycleLabel, colSpan: 2), GridCell.Label("统计期间"), GridCell.Value(r.PeriodText, colSpan: 3))
            .Row(
                row,
                GridCell.Label("参加社区\n活动情况", rowSpan: 3),
                GridCell.Label("服务次数"), Figure($"{Count(r.Services)}次"),
                GridCell.Label("服务天数"), Figure($"{Count(r.Days)}天"),
                GridCell.Label("服务时长（小时）"), Figure(r.HoursText))
            .Row(
                row,
                GridCell.Label("认领岗位"), Figure($"{Count(r.PostsClaimed)}个"),
                GridCell.Label("完成微心愿"), Figure($"{Count(r.WishesFulfilled)}个"),
                GridCell.Label("结对联系户/\n走访次数"), Figure($"{Count(r.HouseholdsPaired)}户/{Count(r.HouseholdVisits)}次"))
            .Row(
                row,
                GridCell.Label("提出建议"), Figure($"{Count(r.Suggestions)}条"),
                GridCell.Label("年度要求完成"), Figure(r.RequirementsText, colSpan: 3));
    }

    /// <summary>年度要求完成情况: one line per requirement, as the 写实登记卡 lists them.</summary>
    private static FormGrid RequirementGrid(double width, FormStyle style, IReadOnlyList<RequirementProgress> requirements)
    {
        var row = 8 * style.Scale;
        var grid = FormGrid.Fit(width, 24, 66, 32, 28, 20)
            .Row(row, GridCell.Label("年度要求\n完成情况", rowSpan: requirements.Count + 1), GridCell.Label("考核要求"), GridCell.Label("要求"), GridCell.Label("完成情况"), GridCell.Label("是否达标"));
        foreach (var q in requirements)
        {
            grid.Row(row, GridCell.Value(q.Label), Figure(q.Required), Figure(q.Achieved), Figure(q.Met ? "是" : "否"));
        }

        return grid;
    }

    /// <summary>评议等次, the community's opinion (stretched to the room left), the veto and the unit's receipt.</summary>
    private static FormGrid AssessmentGrid(double width, FormStyle style, FeedbackCardRecord r)
    {
        var row = 9 * style.Scale;
        var opinion = 36 * style.Scale;
        var receipt = 30 * style.Scale;
        return FormGrid.Fit(width, 24, 146)
            .Row(row, GridCell.Label("评议等次"), Boxes(FeedbackGrades.All, r.Grade, perOption: null, reason: null))
            .StretchRow(opinion, GridCell.Label("社区党组织\n意见"), GridCell.Seal(r.IssuedBy, r.IssuedOn, opinion, r.Opinion, "经办人"))
            .Row(row, GridCell.Label("一票否决"), Boxes(YesNo, r.Veto ? "是" : "否", perOption: 16 * style.Scale, reason: r.Veto ? VetoText(r.VetoReason) : null))
            .Row(receipt, GridCell.Label("单位党组织\n签收意见"), GridCell.Seal(r.UnitPartyOrganisation, null, receipt, null, "签收人"));
    }

    private static string VetoText(string? reason) => $"否决理由：{(string.IsNullOrWhiteSpace(reason) ? "（未填写）" : reason.Trim())}";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static GridCell Figure(string? text, int colSpan = 1) => GridCell.Value(text, colSpan, align: TextAlign.Center);

    /// <summary>
    /// Tick boxes of <paramref name="options"/> on a line, the <paramref name="chosen"/> one ticked (<see cref="Tick"/>):
    /// spread over the width (<paramref name="perOption"/> null) or <paramref name="perOption"/> mm apart, then
    /// <paramref name="reason"/> (when given) wrapped in the width left.
    /// </summary>
    private static GridCell Boxes(IReadOnlyList<string> options, string? chosen, double? perOption, string? reason) =>
        GridCell.Custom(
            (canvas, width) => Layout(canvas, options, perOption, reason, width).Height,
            (canvas, rect) => DrawBoxes(canvas, rect, options, chosen, perOption, reason));

    private static (double Column, int PerLine, double ReasonX, double Height) Layout(
        FormCanvas canvas, IReadOnlyList<string> options, double? perOption, string? reason, double width)
    {
        var font = canvas.Style.Cell;
        var box = FormCanvas.SizeMm(font) * 0.85;
        var widest = options.Max(o => canvas.MeasureWidth(o, font)) + box + 3;
        var column = Math.Max(widest, perOption ?? (width / options.Count));
        var perLine = Math.Clamp((int)Math.Floor(width / column), 1, options.Count);
        var lines = (options.Count + perLine - 1) / perLine;
        var lineHeight = FormCanvas.LineHeight(font, 1.45);
        var height = lines * lineHeight;
        var reasonX = perLine == options.Count ? options.Count * column : 0;
        if (!string.IsNullOrEmpty(reason))
        {
            var reasonHeight = canvas.MeasureParagraph(reason, font, width - reasonX, 0, 1.45);
            height = reasonX > 0 ? Math.Max(height, reasonHeight) : height + reasonHeight;
        }

        return (column, perLine, reasonX, height);
    }

    private static void DrawBoxes(FormCanvas canvas, MmRect rect, IReadOnlyList<string> options, string? chosen, double? perOption, string? reason)
    {
        var font = canvas.Style.Cell;
        var box = FormCanvas.SizeMm(font) * 0.85;
        var lineHeight = FormCanvas.LineHeight(font, 1.45);
        var (column, perLine, reasonX, height) = Layout(canvas, options, perOption, reason, rect.Width);
        var top = rect.Y + ((rect.Height - height) / 2);
        for (var i = 0; i < options.Count; i++)
        {
            var x = rect.X + (i % perLine * column);
            var y = top + (i / perLine * lineHeight);
            canvas.CheckBox(x, y + ((lineHeight - box) / 2), box, false);
            if (string.Equals(options[i], chosen, StringComparison.Ordinal))
            {
                canvas.DrawText(Tick, font, x + (box / 2), y, TextAlign.Center, 1.45);
            }

            canvas.DrawText(options[i], font, x + box + 1.2, y, TextAlign.Left, 1.45);
        }

        if (!string.IsNullOrEmpty(reason))
        {
            var reasonTop = reasonX > 0 ? top : top + ((options.Count + perLine - 1) / perLine * lineHeight);
            canvas.DrawParagraph(reason, font, rect.X + reasonX, reasonTop, rect.Width - reasonX, TextAlign.Left, 0, 1.45);
        }
    }

    /// <summary>The correction mark boxed in the top left corner; returns the y below it.</summary>
    private static double RevisionBox(FormCanvas canvas, string text)
    {
        var font = canvas.Style.CellBold;
        var width = canvas.MeasureWidth(text, font) + 4;
        var height = FormCanvas.LineHeight(font, 1.6);
        canvas.Rectangle(new MmRect(0, 0, width, height), canvas.Style.Border);
        canvas.DrawText(text, font, width / 2, 0, TextAlign.Center, 1.6);
        return height;
    }
}
