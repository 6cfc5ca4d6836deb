using CommunityPartyPortal.Documents.Records;
using static CommunityPartyPortal.Documents.Pdf.Forms.FormDocument;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员进社区报到回执 (community → unit). One A4 page per receipt, two copies with the same 编号: the community's
/// stub (存根) above the cut line and the receipt sent to the member's unit party organisation below it.
/// </summary>
public static class ReportReceiptPdf
{
    public const string Title = "在职党员进社区报到回执";
    public const string StubTitle = Title + "（存根）";

    private static readonly TwoUpForm<ReportReceiptRecord> Form = new(Title, DrawStub, DrawReceipt);

    /// <summary>One page per record (a list of one for a single receipt).</summary>
    public static byte[] Render(IReadOnlyList<ReportReceiptRecord> records) => Form.Render(records);

    public static void Render(IReadOnlyList<ReportReceiptRecord> records, Stream output) => Form.Render(records, output);

    /// <summary>Adds one receipt (stub + receipt on one two-up page) to a batch.</summary>
    public static void AddTo(PdfBatch batch, ReportReceiptRecord record) => Form.AddTo(batch, record);

    /// <summary>The community's stub: who reported when, with which letter, confirmed by whom. Returns the bottom reached, mm.</summary>
    public static double DrawStub(FormCanvas canvas, ReportReceiptRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var y = StubHead(canvas, StubTitle, r.Serial, "回执社区", r.Community, "回执日期", r.IssuedOn);

        var grid = StubGrid(canvas)
            .Row(GridCell.Label("党员姓名"), GridCell.Value(r.MemberName), GridCell.Label("性别"), GridCell.Value(r.Gender), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(GridCell.Label("身份证号"), GridCell.Value(r.NationalId), GridCell.Label("报到日期"), GridCell.Value(ChineseDate.Format(r.ReportedOn)), GridCell.Label("是否按期"), GridCell.Value(r.IsLate ? "逾期报到" : "按期报到"))
            .Row(GridCell.Label("所在单位"), GridCell.Value(r.ToUnit, colSpan: 5))
            .Row(GridCell.Label("居住地址"), GridCell.Value(r.Address, colSpan: 5))
            .Row(GridCell.Label("证明信编号"), GridCell.Value(r.LetterSerialText), GridCell.Label("经办人"), GridCell.Value(r.ConfirmedBy), GridCell.Label("社区电话"), GridCell.Value(r.CommunityPhone))
            .StretchRow(style.RowHeight, GridCell.Label("备注"), GridCell.Block(null, style.RowHeight, colSpan: 5));
        return StubFoot(canvas, grid, y, "经办人签字", null, null,
            "此联由社区党组织留存，党员已录入社区在职党员名册；回执联送（寄）党员所在单位党组织备案。");
    }

    /// <summary>The receipt addressed to the unit party organisation, sealed by the community. Returns the bottom reached, mm.</summary>
    public static double DrawReceipt(FormCanvas canvas, ReportReceiptRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var body = style.Body;
        var indent = 2 * FormCanvas.SizeMm(body);
        var y = DocumentHead(canvas, Title, r.Serial, r.ToUnit);

        var runs = new List<TextRun>
        {
            "你单位党员", Blank(r.MemberName), "同志（性别：", Blank(r.Gender), "，身份证号：", Blank(r.NationalId),
            "，联系电话：", Blank(r.Mobile), "）",
        };
        if (string.IsNullOrWhiteSpace(r.LetterSerial))
        {
            runs.Add("未持报到证明信（无证明信），");
        }
        else
        {
            runs.AddRange(["持编号为", Blank(r.LetterSerial), "的《在职党员进社区报到证明信》，"]);
        }

        runs.AddRange(["已于", Blank(ChineseDate.Format(r.ReportedOn)), "到我社区报到"]);
        if (!string.IsNullOrWhiteSpace(r.Address))
        {
            runs.AddRange(["，居住在", Blank(r.Address)]);
        }

        runs.Add("，已录入我社区在职党员名册，纳入社区党组织管理。");
        if (r.IsLate)
        {
            runs.Add("该同志报到时间晚于规定时限，系逾期报到。");
        }

        y += canvas.DrawParagraph(runs, body, 0, y, canvas.Width, TextAlign.Left, indent);
        y += canvas.DrawParagraph("特此回执。", body, 0, y, canvas.Width, TextAlign.Left, indent);

        var contact = ContactText("社区联系人", r.CommunityContact, r.CommunityPhone);
        if (contact.Length > 0)
        {
            y += canvas.DrawParagraph(contact, body, 0, y, canvas.Width, TextAlign.Left, indent);
        }

        var (sealTop, sealHeight) = SealPlace(canvas, y, r.Community, r.IssuedOn);
        var dateLine = sealTop + sealHeight - FormCanvas.LineHeight(body, 1.6);
        var signatureTop = dateLine + ((FormCanvas.LineHeight(body, 1.6) - FormCanvas.LineHeight(style.Cell, 1.5)) / 2);
        FormParts.SignatureLine(canvas, indent, signatureTop, "经办人", 30, r.ConfirmedBy, style.Cell);
        return FormParts.SealBlock(canvas, canvas.Width - 4, sealTop, r.Community, r.IssuedOn, body);
    }
}
