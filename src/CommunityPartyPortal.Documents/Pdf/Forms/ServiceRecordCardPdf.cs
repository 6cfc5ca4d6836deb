using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>
/// 在职党员进社区情况写实登记卡: one member, one year, A4 portrait. The member's particulars, every service record of
/// the year in a table that runs over as many pages as it needs (header row repeated), the totals, the annual
/// requirements with the member's progress, the community party organisation's opinion with room for its seal and
/// the unit party organisation's receipt. Each card starts on a new page; its pages are numbered 第 N 页 共 M 页.
/// </summary>
public static class ServiceRecordCardPdf
{
    public const string Title = "在职党员进社区情况写实登记卡";

    public const string FootNote =
        "注：本卡由社区党组织根据在职党员参加社区活动、服务群众情况如实登记，经社区党组织审核盖章后，" +
        "每年向党员所在单位党组织反馈一次，作为党员年度民主评议和考核的重要依据；服务时长以小时计，保留一位小数。";

    /// <summary>The columns of the service table.</summary>
    public static IReadOnlyList<TableColumn> ServiceColumns { get; } =
    [
        new("序号", 10),
        new("服务日期", 20),
        new("活动 / 服务内容", 75, TextAlign.Left),
        new("服务类别", 17),
        new("时长(小时)", 20),
        new("确认人", 14),
        new("状态", 14),
    ];

    /// <summary>The columns of the annual requirement block.</summary>
    public static IReadOnlyList<TableColumn> RequirementColumns { get; } =
    [
        new("考核要求", 80, TextAlign.Left),
        new("要求", 34),
        new("完成情况", 34),
        new("是否达标", 22),
    ];

    private static readonly PagedCardForm<ServiceRecordCardRecord> Form = new(
        Title,
        r => ($"姓名：{r.Name}　年度：{r.Year}年", r.Serial),
        Draw);

    /// <summary>One card per member-year, each from a new page (a list of one for a single card), A4 portrait.</summary>
    public static byte[] Render(IReadOnlyList<ServiceRecordCardRecord> records) => Form.Render(records, PaperSize.A4);

    public static void Render(IReadOnlyList<ServiceRecordCardRecord> records, Stream output) => Form.Render(records, output, PaperSize.A4);

    /// <summary>Adds one card from a new page of the batch; returns the number of pages it took.</summary>
    public static int AddTo(PdfBatch batch, ServiceRecordCardRecord record) => Form.AddTo(batch, record);

    /// <summary>Draws the card into the flow from the top of its first page.</summary>
    public static void Draw(PageFlow flow, ServiceRecordCardRecord r)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(r);
        var style = flow.Batch.Style;
        PagedCard.Head(flow, Title, r.Serial, "登记社区", r.Community, "打印日期", r.PrintedOn);

        var width = flow.Canvas.Width;
        var row = 8 * style.Scale;
        flow.Grid(FormGrid.Fit(width, 25, 38, 20, 30, 22, 35)
            .Row(row, GridCell.Label("姓名"), GridCell.Value(r.Name), GridCell.Label("性别"), GridCell.Value(r.Gender), GridCell.Label("年度"), GridCell.Value($"{r.Year}年"))
            .Row(row, GridCell.Label("工作单位"), GridCell.Value(r.WorkUnit, colSpan: 3), GridCell.Label("职务"), GridCell.Value(r.Post))
            .Row(row, GridCell.Label("所在社区"), GridCell.Value(r.Community, colSpan: 3), GridCell.Label("联系电话"), GridCell.Value(r.Mobile))
            .Row(row, GridCell.Label("网格/住址"), GridCell.Value(r.GridAddress, colSpan: 5)));

        PagedCard.Section(flow, "一、服务记录", PagedCard.TableStart(style));
        new PagedTable(ServiceColumns) { Dense = true }.Draw(flow, r.Services.Select(ServiceRow), [null, null, "本年度暂无服务记录"]);

        var totals = r.Totals;
        flow.Grid(FormGrid.Fit(width, 25, 22, 20, 22, 20, 36, 25)
            .Row(
                row,
                GridCell.Label("合计"),
                GridCell.Label("服务次数"), GridCell.Value($"{totals.Services}次", align: TextAlign.Center),
                GridCell.Label("服务天数"), GridCell.Value($"{totals.Days}天", align: TextAlign.Center),
                GridCell.Label("累计时长（小时）"), GridCell.Value(totals.HoursText, align: TextAlign.Center)));

        if (r.Requirements.Count > 0)
        {
            PagedCard.Section(flow, "二、年度要求完成情况", PagedCard.TableStart(style));
            new PagedTable(RequirementColumns) { Dense = true }.Draw(flow, r.Requirements.Select(q => (IReadOnlyList<string?>)[q.Label, q.Required, q.Achieved, q.Met ? "是" : "否"]));
        }

        var opinion = 24 * style.Scale;
        var receipt = 18 * style.Scale;
        PagedCard.Footer(flow, FormGrid.Fit(width, 25, 145)
            .Row(opinion, GridCell.Label("社区党组织\n意见"), GridCell.Seal(r.Community, null, opinion, r.CommunityOpinion, "经办人"))
            .Row(receipt, GridCell.Label("单位党组织\n签收"), GridCell.Seal(r.UnitPartyOrganisation, null, receipt, null, "签收人")),
            FootNote);
    }

    private static IReadOnlyList<string?> ServiceRow(ServiceEntry e, int index) =>
    [
        (index + 1).ToString(CultureInfo.InvariantCulture),
        e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.Content,
        e.Category,
        ServiceHours.Format(e.Minutes),
        e.ConfirmedBy,
        e.Status,
    ];
}
