using System.Globalization;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// The 社区在职党员名册 export (and a unit's member list, same shape), and the member import template.
/// </summary>
public static class RosterWorkbook
{
    /// <summary>The sheet name of the roster.</summary>
    public const string SheetName = "党员名册";

    /// <summary>The sheet names of the import template.</summary>
    public const string TemplateSheetName = "党员信息";
    public const string InstructionsSheetName = "填写说明";

    /// <summary>The roster columns, in order.</summary>
    internal static IReadOnlyList<XlsxColumn<RosterRow>> Columns { get; } =
    [
        new("序号", r => r.No) { Width = 6 },
        new("姓名", r => r.Name) { Width = 10 },
        new("性别", r => r.Gender) { Width = 6 },
        new("出生日期", r => r.BirthDate) { Width = 12 },
        new("民族", r => r.Ethnicity) { Width = 8 },
        new("学历", r => r.Education) { Width = 12 },
        new("入党日期", r => r.JoinedPartyOn) { Width = 12 },
        new("正式/预备", r => r.Status) { Width = 11 },
        new("身份证号", r => r.NationalId) { Width = 21 },
        new("手机", r => r.Mobile) { Width = 14 },
        new("工作单位", r => r.WorkUnit) { Width = 24 },
        new("职务", r => r.JobTitle) { Width = 14 },
        new("居住社区", r => r.Community) { Width = 16 },
        new("网格", r => r.Grid) { Width = 12 },
        new("楼栋/房号", r => r.BuildingRoom) { Width = 14 },
        new("特长", r => r.Specialties) { Width = 16 },
        new("服务意向", r => r.ServiceIntentions) { Width = 24 },
        new("报到日期", r => r.ReportedOn) { Width = 12 },
        new("报到状态", r => r.ReportStatus) { Width = 10 },
        new("备注", r => r.Notes) { Width = 20 },
    ];

    /// <summary>
    /// Writes the roster: the title, a subtitle with the issuing organisation and the export date, the header
    /// and one row per member, A4 landscape. Rows are streamed (enumerated once, never held). For an ASP.NET
    /// response body use <see cref="WriteAsync"/>.
    /// </summary>
    /// <returns>The number of members written.</returns>
    public static int Write(Stream output, string title, string organisation, DateOnly exportedOn, IEnumerable<RosterRow> rows)
    {
        using var writer = new XlsxWorkbookWriter(output);
        var count = writer.AddSheet(Sheet(title, organisation, exportedOn), Columns, rows);
        writer.Complete();
        return count;
    }

    /// <summary>As <see cref="Write"/>, from an async sequence (e.g. an EF query's <c>AsAsyncEnumerable()</c>), copying to the output asynchronously.</summary>
    public static async Task<int> WriteAsync(Stream output, string title, string organisation, DateOnly exportedOn, IAsyncEnumerable<RosterRow> rows, CancellationToken cancellationToken = default)
    {
        await using var writer = new XlsxWorkbookWriter(output);
        var count = await writer.AddSheetAsync(Sheet(title, organisation, exportedOn), Columns, rows, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static XlsxSheet Sheet(string title, string organisation, DateOnly exportedOn) => new(SheetName)
    {
        Title = title,
        Subtitle = $"填报单位：{organisation}　　导出日期：{exportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        Landscape = true,
    };

    /// <summary>
    /// Writes the member import template: sheet 党员信息 with the import header row only (text-formatted
    /// columns so ID numbers stay text, date-formatted date columns, dropdowns for the choice columns), and
    /// sheet 填写说明 listing each column, whether it is required, its format and an example. The file is a few
    /// KB: for an ASP.NET response write it to a <see cref="MemoryStream"/> first.
    /// </summary>
    public static void Template(Stream output)
    {
        using var writer = new XlsxWorkbookWriter(output);
        var columns = MemberImportColumns.All.Select(c => new XlsxColumn<MemberImportColumn>(c.Name, _ => XlsxCell.Empty)
        {
            Width = Math.Max(XlsxWidth.Of(c.Name), Math.Min(30, XlsxWidth.Of(c.Example))),
            Format = c.Kind == ImportValueKind.Date ? XlsxCellKind.Date : XlsxCellKind.Text,
            AllowedValues = c.Kind == ImportValueKind.Choice ? c.AllowedValues : null,
        }).ToList();
        writer.AddSheet(new XlsxSheet(TemplateSheetName) { Landscape = true, AutoFilter = false }, columns, []);

        XlsxColumn<MemberImportColumn>[] help =
        [
            new("列名", c => c.Name) { Width = 12 },
            new("是否必填", c => c.Required ? "必填" : "选填") { Width = 10 },
            new("格式要求", c => c.Format) { Width = 70 },
            new("示例", c => c.Example) { Width = 24 },
        ];
        writer.AddSheet(new XlsxSheet(InstructionsSheetName)
        {
            Title = "党员信息导入模板填写说明",
            Subtitle = "“党员信息”表第一行为表头，请勿修改；从第二行起每行填写一名党员，必填列不能为空。",
            AutoFilter = false,
        }, help, MemberImportColumns.All);
        writer.Complete();
    }
}
