using CommunityPartyPortal.Documents.Records;
using static CommunityPartyPortal.Documents.Pdf.Forms.FormDocument;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员进社区报到证明信 (unit → community). One A4 page per letter, two copies with the same 编号: the unit's
/// stub (存根) above the cut line and the letter the member carries to the community below it.
/// </summary>
public static class ReportLetterPdf
{
    public const string Title = "在职党员进社区报到证明信";
    public const string StubTitle = Title + "（存根）";

    private static readonly TwoUpForm<ReportLetterRecord> Form = new(Title, DrawStub, DrawLetter);

    /// <summary>One page per record (a list of one for a single letter).</summary>
    public static byte[] Render(IReadOnlyList<ReportLetterRecord> records) => Form.Render(records);

    public static void Render(IReadOnlyList<ReportLetterRecord> records, Stream output) => Form.Render(records, output);

    /// <summary>Adds one letter (stub + letter on one two-up page) to a batch.</summary>
    public static void AddTo(PdfBatch batch, ReportLetterRecord record) => Form.AddTo(batch, record);

    /// <summary>The unit's stub: the letter's particulars in a grid, 经办人 to sign. Returns the bottom reached, mm.</summary>
    public static double DrawStub(FormCanvas canvas, ReportLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var style = canvas.Style;
        var y = StubHead(canvas, StubTitle, r.Serial, "开具单位", r.IssuingUnit, "开具日期", r.IssuedOn);

        var grid = StubGrid(canvas)
            .Row(GridCell.Label("党员姓名"), GridCell.Value(r.MemberName), GridCell.Label("性别"), GridCell.Value(r.Gender), GridCell.Label("党员类别"), GridCell.Value(r.Status))
            .Row(GridCell.Label("身份证号"), GridCell.Value(r.NationalId), GridCell.Label("出生日期"), GridCell.Value(ChineseDate.Format(r.BirthDate)), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(GridCell.Label("入党时间"), GridCell.Value(ChineseDate.Format(r.JoinedPartyOn)), GridCell.Label("职务"), GridCell.Value(r.JobTitle, colSpan: 3))
            .Row(GridCell.Label("前往社区"), GridCell.Value(r.ToCommunity, colSpan: 5))
            .Row(GridCell.Label("居住地址"), GridCell.Value(r.Address, colSpan: 5))
            .Row(GridCell.Label("有效期至"), GridCell.Value(ChineseDate.Format(r.ValidUntil)), GridCell.Label("年度"), GridCell.Value(r.Year is { } year ? $"{year}年度" : null, colSpan: 3))
            .StretchRow(style.RowHeight, GridCell.Label("备注"), GridCell.Block(r.Notes, style.RowHeight, colSpan: 5));

        return StubFoot(canvas, grid, y, "经办人", r.IssuedBy, ContactText("单位联系人", r.ContactPerson, r.ContactPhone),
            "此联由单位党组织留存备查；证明信交党员本人持往居住地社区党组织报到，骑缝处加盖公章。");
    }

    /// <summary>The letter addressed to the community party organisation, sealed by the unit. Returns the bottom reached, mm.</summary>
    public static double DrawLetter(FormCanvas canvas, ReportLetterRecord r)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(r);
        var body = canvas.Style.Body;
        var indent = 2 * FormCanvas.SizeMm(body);
        var y = DocumentHead(canvas, Title, r.Serial, r.ToCommunity);

        var runs = new List<TextRun> { "兹有我单位在职党员", Blank(r.MemberName), "同志（性别：", Blank(r.Gender) };
        if (r.BirthDate is { } birth)
        {
            runs.AddRange(["，出生日期：", Blank(ChineseDate.Format(birth))]);
        }

        runs.AddRange(["，身份证号：", Blank(r.NationalId), "），系中共", Blank(r.Status)]);
        if (r.JoinedPartyOn is { } joined)
        {
            runs.AddRange(["，", Blank(ChineseDate.Format(joined)), "入党"]);
        }

        if (!string.IsNullOrWhiteSpace(r.JobTitle))
        {
            runs.AddRange(["，现任", Blank(r.JobTitle)]);
        }

        runs.AddRange([
            "，现居住在你社区", Blank(r.Address), "，联系电话：", Blank(r.Mobile),
            "。根据在职党员进社区工作要求，特介绍该同志前往你社区报到，亮明身份，参加社区组织的活动，接受社区党组织和居民群众的监督。请予接洽，并将报到情况回执我单位党组织。",
        ]);
        y += canvas.DrawParagraph(runs, body, 0, y, canvas.Width, TextAlign.Left, indent);

        if (r.ValidUntil is { } until)
        {
            y += canvas.DrawParagraph(["本证明信有效期至", Blank(ChineseDate.Format(until)), "。"], body, 0, y, canvas.Width, TextAlign.Left, indent);
        }

        if (!string.IsNullOrWhiteSpace(r.Notes))
        {
            y += canvas.DrawParagraph($"备注：{r.Notes.Trim()}", body, 0, y, canvas.Width, TextAlign.Left, indent);
        }

        var contact = ContactText("单位联系人", r.ContactPerson, r.ContactPhone);
        if (contact.Length > 0)
        {
            y += canvas.DrawParagraph(contact, body, 0, y, canvas.Width, TextAlign.Left, indent);
        }

        var (sealTop, _) = SealPlace(canvas, y, r.IssuingUnit, r.IssuedOn);
        return FormParts.SealBlock(canvas, canvas.Width - 4, sealTop, r.IssuingUnit, r.IssuedOn, body);
    }
}
