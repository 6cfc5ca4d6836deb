using CommunityPartyPortal.Documents.Records;
using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员基本情况信息卡: one card per page (A4, or A5 when asked), the member's particulars with the 2-inch photo,
/// specialties, service intentions as tick boxes, free time, the member's signature and the opinion/seal boxes of
/// the community and the unit party organisations.
/// </summary>
public static class MemberInfoCardPdf
{
    public const string Title = "在职党员基本情况信息卡";

    public const string FootNote =
        "注：1. 本卡一式两份，由在职党员本人填写，党员所在单位党组织和居住地社区党组织各存一份；" +
        "2. 粘贴本人近期红底小二寸免冠照片；3. 服务意向在相应类别前的方框内打“√”，可多选。";

    private static readonly CardForm<MemberInfoCardRecord> Form = new(Title, AddTo);

    /// <summary>One card per page on A4 (a list of one for a single card).</summary>
    public static byte[] Render(IReadOnlyList<MemberInfoCardRecord> records) => Render(records, PaperSize.A4);

    /// <summary>One card per page on <paramref name="paper"/>; with <paramref name="bothCopies"/>, each card twice (单位党组织留存, 社区党组织留存).</summary>
    public static byte[] Render(IReadOnlyList<MemberInfoCardRecord> records, PaperSize paper, bool bothCopies = false) =>
        Form.Render(records, paper, bothCopies);

    public static void Render(IReadOnlyList<MemberInfoCardRecord> records, Stream output, PaperSize paper = PaperSize.A4, bool bothCopies = false) =>
        Form.Render(records, output, paper, bothCopies);

    /// <summary>Adds one card on a new page of the batch; <paramref name="copyMark"/> (see <see cref="CardCopies"/>) is boxed in the corner.</summary>
    public static void AddTo(PdfBatch batch, MemberInfoCardRecord record, string? copyMark = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(record);
        var photo = batch.LoadImage(record.Photo);
        FormDocument.AddCardPage(batch, copyMark, c => Draw(c, record, photo));
    }

    /// <summary>Draws the card on the canvas; returns the bottom reached, mm (below the canvas when the content is too long for it).</summary>
    public static double Draw(FormCanvas canvas, MemberInfoCardRecord r, XImage? photo)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var y = FormParts.Title(canvas, Title, 0, style.Title);
        y = FormParts.HeaderLine(canvas, y + (1.5 * style.Scale), r.Serial, "填报社区", r.Community, "填表日期", r.FilledOn) + 1.5;

        // One grid: label, value, label, value, photo; the rows under the photo span its column.
        var photoColumn = FormParts.PhotoWidth + 4;
        var rest = canvas.Width - photoColumn;
        var photoRow = (FormParts.PhotoHeight + 4) / 5;
        var grid = new FormGrid(rest * 24 / 131, rest * 44 / 131, rest * 22 / 131, rest * 41 / 131, photoColumn)
            .Row(photoRow, GridCell.Label("姓名"), GridCell.Value(r.Name), GridCell.Label("性别"), GridCell.Value(r.Gender), GridCell.Photo(photo, rowSpan: 5))
            .Row(photoRow, GridCell.Label("民族"), GridCell.Value(r.Ethnicity), GridCell.Label("出生日期"), GridCell.Value(ChineseDate.Format(r.BirthDate)))
            .Row(photoRow, GridCell.Label("文化程度"), GridCell.Value(r.Education), GridCell.Label("入党时间"), GridCell.Value(ChineseDate.Format(r.JoinedPartyOn)))
            .Row(photoRow, GridCell.Label("党员类别"), GridCell.Value(r.Status), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(photoRow, GridCell.Label("身份证号"), GridCell.Value(r.NationalId, colSpan: 3))
            .Row(GridCell.Label("工作单位"), GridCell.Value(r.WorkUnit), GridCell.Label("职务"), GridCell.Value(r.JobTitle, colSpan: 2))
            .Row(GridCell.Label("居住地址"), GridCell.Value(r.Address, colSpan: 4))
            .Row(GridCell.Label("所在网格"), GridCell.Value(r.Grid), GridCell.Label("楼栋房号"), GridCell.Value(JoinNonEmpty(string.Empty, r.Building, r.Room), colSpan: 2))
            .Row(GridCell.Label("个人特长"), GridCell.Block(r.Specialties, 14 * style.Scale, colSpan: 4))
            .Row(GridCell.Label("服务意向"), GridCell.CheckList(ServiceCategories.Default, r.ServiceIntentions, colSpan: 4, perLine: 4))
            .Row(GridCell.Label("空闲时间"), GridCell.Value(r.FreeTime, colSpan: 4))
            .Row(GridCell.Label("本人签字"), GridCell.Value(null), GridCell.Label("填表日期"), GridCell.Value(ChineseDate.Format(r.FilledOn), colSpan: 2))
            .StretchRow(26 * style.Scale, GridCell.Label("社区党组织\n意见"), GridCell.Seal(r.Community, null, 26 * style.Scale, signatureCaption: "经办人", colSpan: 4))
            .StretchRow(26 * style.Scale, GridCell.Label("单位党组织\n意见"), GridCell.Seal(r.UnitPartyOrganisation, null, 26 * style.Scale, signatureCaption: "经办人", colSpan: 4));

        var noteHeight = canvas.MeasureParagraph(FootNote, style.Small, canvas.Width, 0, 1.45);
        var bottom = canvas.Height - noteHeight - 2;
        y = grid.Draw(canvas, 0, y, bottom);
        return y + 1.5 + FormParts.Note(canvas, 0, y + 1.5, canvas.Width, FootNote);
    }

    internal static string JoinNonEmpty(string separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
