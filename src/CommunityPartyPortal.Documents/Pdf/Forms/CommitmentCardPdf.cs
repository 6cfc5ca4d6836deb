using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员服务承诺卡: one card per page (A4, or A5 when asked): who promises, the post claimed, the service
/// categories as tick boxes, free time, the promises, the member's signature, the community's opinion and the
/// unit party organisation's review (审定), each with room for its seal.
/// </summary>
public static class CommitmentCardPdf
{
    public const string Title = "在职党员服务承诺卡";

    public const string FootNote =
        "注：本卡一式两份，由在职党员本人填写，经单位党组织审定后，党员所在单位党组织和居住地社区党组织各存一份；" +
        "承诺事项在社区公开，接受党组织和居民群众监督。";

    private static readonly CardForm<CommitmentCardRecord> Form = new(Title, AddTo);

    /// <summary>One card per page on A4 (a list of one for a single card).</summary>
    public static byte[] Render(IReadOnlyList<CommitmentCardRecord> records) => Render(records, PaperSize.A4);

    /// <summary>One card per page on <paramref name="paper"/>; with <paramref name="bothCopies"/>, each card twice (单位党组织留存, 社区党组织留存).</summary>
    public static byte[] Render(IReadOnlyList<CommitmentCardRecord> records, PaperSize paper, bool bothCopies = false) =>
        Form.Render(records, paper, bothCopies);

    public static void Render(IReadOnlyList<CommitmentCardRecord> records, Stream output, PaperSize paper = PaperSize.A4, bool bothCopies = false) =>
        Form.Render(records, output, paper, bothCopies);

    /// <summary>Adds one card on a new page of the batch; <paramref name="copyMark"/> (see <see cref="CardCopies"/>) is boxed in the corner.</summary>
    public static void AddTo(PdfBatch batch, CommitmentCardRecord record, string? copyMark = null) =>
        FormDocument.AddCardPage(batch, copyMark, c => Draw(c, record));

    /// <summary>Draws the card on the canvas; returns the bottom reached, mm (below the canvas when the content is too long for it).</summary>
    public static double Draw(FormCanvas canvas, CommitmentCardRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var y = FormParts.Title(canvas, Title, 0, style.Title);
        y = FormParts.HeaderLine(canvas, y + (1.5 * style.Scale), r.Serial, "所在社区", r.Community, "承诺日期", r.SignedOn) + 1.5;

        var label = canvas.Width * 24 / 170;
        var half = (canvas.Width - (2 * label)) / 2;
        var grid = new FormGrid(label, half, label, half)
            .Row(GridCell.Label("姓名"), GridCell.Value(r.Name), GridCell.Label("党员类别"), GridCell.Value(r.Status))
            .Row(GridCell.Label("工作单位"), GridCell.Value(r.WorkUnit), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(GridCell.Label("所在社区"), GridCell.Value(r.Community), GridCell.Label("空闲时间"), GridCell.Value(r.FreeTime))
            .Row(GridCell.Label("认领岗位"), GridCell.Value(r.PostWanted, colSpan: 3))
            .Row(GridCell.Label("服务类别"), GridCell.CheckList(ServiceCategories.Default, r.Categories, colSpan: 3, perLine: 4))
            .StretchRow(60 * style.Scale, GridCell.Label("承诺事项"), GridCell.Block(r.Promises, 60 * style.Scale, colSpan: 3))
            .Row(GridCell.Label("本人签字"), GridCell.Value(null), GridCell.Label("承诺日期"), GridCell.Value(ChineseDate.Format(r.SignedOn)))
            .Row(26 * style.Scale, GridCell.Label("社区党组织\n意见"), GridCell.Seal(r.Community, null, 26 * style.Scale, signatureCaption: "经办人", colSpan: 3))
            .Row(26 * style.Scale, GridCell.Label("单位党组织\n审定意见"), GridCell.Seal(r.UnitPartyOrganisation, null, 26 * style.Scale, signatureCaption: "经办人", colSpan: 3));

        var noteHeight = canvas.MeasureParagraph(FootNote, style.Small, canvas.Width, 0, 1.45);
        var bottom = canvas.Height - noteHeight - 2;
        y = grid.Draw(canvas, 0, y, bottom);
        return y + 1.5 + FormParts.Note(canvas, 0, y + 1.5, canvas.Width, FootNote);
    }
}
