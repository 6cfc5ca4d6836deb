using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员进社区联系对象档案卡: one household, A4 portrait. The household's particulars with its kind as tick boxes,
/// family situation and needs, the paired members, the visit history under the 五助 in a table that runs over as
/// many pages as it needs (header row repeated), and the seal and signature boxes. Each card starts on a new page;
/// its pages are numbered 第 N 页 共 M 页.
/// </summary>
public static class HouseholdCardPdf
{
    public const string Title = "在职党员进社区联系对象档案卡";

    public const string FootNote =
        "注：本卡由社区党组织建立，社区党组织和结对党员所在单位党组织各存一份；结对党员每月至少走访联系对象一次，" +
        "开展助贫、助困、助残、助学、助老“五助”活动，走访情况及时记入本卡。";

    /// <summary>The columns of the visit history.</summary>
    public static IReadOnlyList<TableColumn> VisitColumns { get; } =
    [
        new("序号", 10),
        new("走访日期", 20),
        new("走访党员", 30),
        new("帮扶类型", 16),
        new("帮扶内容", 94, TextAlign.Left),
    ];

    private static readonly PagedCardForm<HouseholdCardRecord> Form = new(
        Title,
        r => ($"户主：{r.HeadName}　对象类别：{r.Kind}", r.Serial),
        Draw);

    /// <summary>One card per household, each from a new page (a list of one for a single card), A4 portrait.</summary>
    public static byte[] Render(IReadOnlyList<HouseholdCardRecord> records) => Form.Render(records, PaperSize.A4);

    public static void Render(IReadOnlyList<HouseholdCardRecord> records, Stream output) => Form.Render(records, output, PaperSize.A4);

    /// <summary>Adds one card from a new page of the batch; returns the number of pages it took.</summary>
    public static int AddTo(PdfBatch batch, HouseholdCardRecord record) => Form.AddTo(batch, record);

    /// <summary>"1948年（78岁）", "1948年", "78岁" or empty.</summary>
    public static string BirthText(int? birthYear, int? age) => (birthYear, age) switch
    {
        ({ } y, { } a) => $"{y}年（{a}岁）",
        ({ } y, null) => $"{y}年",
        (null, { } a) => $"{a}岁",
        _ => string.Empty,
    };

    /// <summary>Draws the card into the flow from the top of its first page.</summary>
    public static void Draw(PageFlow flow, HouseholdCardRecord r)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(r);
        var style = flow.Batch.Style;
        PagedCard.Head(flow, Title, r.Serial, "建档社区", r.Community, "打印日期", r.PrintedOn);

        var width = flow.Canvas.Width;
        var grid = FormGrid.Fit(width, 25, 30, 18, 30, 30, 37)
            .Row(GridCell.Label("户主姓名"), GridCell.Value(r.HeadName), GridCell.Label("性别"), GridCell.Value(r.Gender), GridCell.Label("出生年份"), GridCell.Value(BirthText(r.BirthYear, r.Age)))
            .Row(GridCell.Label("对象类别"), GridCell.CheckList(HouseholdKinds.Default, [r.Kind], colSpan: 5, perLine: 5))
            .Row(GridCell.Label("身份证号"), GridCell.Value(r.NationalId, colSpan: 3), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(GridCell.Label("家庭住址"), GridCell.Value(r.Address, colSpan: 3), GridCell.Label("所在网格"), GridCell.Value(r.Grid))
            .Row(GridCell.Label("家庭情况"), GridCell.Block(r.FamilySituation, 24 * style.Scale, colSpan: 5))
            .Row(GridCell.Label("帮扶需求"), GridCell.Block(r.Needs, 16 * style.Scale, colSpan: 5));

        // 结对党员: the caption spans the header row and one row per member (one empty row when there is none).
        var members = r.Members.Count > 0 ? r.Members : [new PairedMember(string.Empty, string.Empty, null)];
        grid.Row(
            GridCell.Label("结对党员", rowSpan: members.Count + 1),
            GridCell.Label("姓名"), GridCell.Label("工作单位", colSpan: 2), GridCell.Label("联系电话"), GridCell.Label("结对时间"));
        foreach (var m in members)
        {
            grid.Row(
                GridCell.Value(m.Name, align: TextAlign.Center), GridCell.Value(m.WorkUnit, colSpan: 2),
                GridCell.Value(m.Mobile, align: TextAlign.Center), GridCell.Value(ChineseDate.Format(m.PairedSince), align: TextAlign.Center));
        }

        flow.Grid(grid);

        PagedCard.Section(flow, "走访帮扶记录", PagedCard.TableStart(style));
        new PagedTable(VisitColumns) { Dense = true }.Draw(flow, r.Visits.Select(VisitRow), [null, null, null, null, "暂无走访记录"]);

        var community = 26 * style.Scale;
        var unit = 22 * style.Scale;
        var signature = 14 * style.Scale;
        PagedCard.Footer(flow, FormGrid.Fit(width, 25, 60, 25, 60)
            .Row(community, GridCell.Label("社区党组织\n意见"), GridCell.Seal(r.Community, null, community, signatureCaption: "经办人", colSpan: 3))
            .Row(unit, GridCell.Label("单位党组织\n意见"), GridCell.Seal(r.UnitPartyOrganisation, null, unit, signatureCaption: "经办人", colSpan: 3))
            .Row(signature, GridCell.Label("联系对象\n签字"), GridCell.Value(null), GridCell.Label("结对党员\n签字"), GridCell.Value(null)),
            FootNote);
    }

    private static IReadOnlyList<string?> VisitRow(HouseholdVisitEntry v, int index) =>
    [
        (index + 1).ToString(CultureInfo.InvariantCulture),
        v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        v.Members,
        v.HelpType,
        v.Content,
    ];
}
