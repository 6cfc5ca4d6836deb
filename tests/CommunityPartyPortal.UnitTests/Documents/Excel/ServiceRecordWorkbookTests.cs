using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

public sealed class ServiceRecordWorkbookTests
{
    private static readonly string[] Headers = ["日期", "党员姓名", "工作单位", "活动/内容", "服务类别", "时长(小时)", "来源", "状态", "确认人", "登记时间"];

    private static ServiceRecordRow Row(int i) => new()
    {
        Date = new DateOnly(2026, 5, 1).AddDays(i % 3),
        MemberName = i % 2 == 0 ? "张建国" : "李秀英",
        WorkUnit = i % 2 == 0 ? "县财政局" : "县人力资源和社会保障局",
        Content = "社区环境整治志愿服务",
        Category = "环境保护",
        Minutes = 150,
        Source = "活动签到",
        Status = "已确认",
        ConfirmedBy = "王秀兰",
        RecordedAt = new DateTime(2026, 5, 1, 14, 30, 0),
    };

    private static MemoryStream Write(IEnumerable<ServiceRecordRow> rows, bool withSummary = true)
    {
        var stream = new MemoryStream();
        ServiceRecordWorkbook.Write(stream, "东大街社区在职党员服务记录（2026年度）", "城关镇东大街社区党委", Today, rows, withSummary);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void The_sheet_has_the_Chinese_headers_frozen_with_filters_and_widths()
    {
        using var doc = SpreadsheetDocument.Open(Write(Enumerable.Range(0, 5).Select(Row)), false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        names.ShouldBe([ServiceRecordWorkbook.SheetName, ServiceRecordWorkbook.SummarySheetName]);

        var part = Sheet(doc);
        Text(doc, part, "A1").ShouldBe("东大街社区在职党员服务记录（2026年度）");
        Text(doc, part, "A2")!.ShouldContain("城关镇东大街社区党委");
        for (var i = 0; i < Headers.Length; i++)
        {
            Text(doc, part, $"{(char)('A' + i)}3").ShouldBe(Headers[i]);
        }

        var pane = part.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(3);
        part.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value.ShouldBe("A3:J8");
        var widths = part.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        widths.Count.ShouldBe(10);
        widths[3].ShouldBe(36); // 活动/内容
    }

    [Fact]
    public void Dates_are_dates_hours_are_numbers_with_one_decimal_and_times_are_date_times()
    {
        using var doc = SpreadsheetDocument.Open(Write([Row(0) with { Minutes = 479 }]), false);
        var part = Sheet(doc);

        var date = Cell(part, "A4")!;
        date.DataType.ShouldBeNull(); // numeric
        date.CellValue!.Text.ShouldBe(Serial(new DateOnly(2026, 5, 1)));
        FormatCode(doc, Format(doc, date).NumberFormatId!.Value).ShouldBe("yyyy-mm-dd");

        var hours = Cell(part, "F4")!;
        hours.DataType.ShouldBeNull();
        decimal.Parse(hours.CellValue!.Text, CultureInfo.InvariantCulture).ShouldBe(7.9m); // 479 minutes, rounded down
        FormatCode(doc, Format(doc, hours).NumberFormatId!.Value).ShouldBe("0.0");

        var recorded = Cell(part, "J4")!;
        recorded.DataType.ShouldBeNull();
        var serial = double.Parse(recorded.CellValue!.Text, CultureInfo.InvariantCulture);
        DateTime.FromOADate(serial).ShouldBe(new DateTime(2026, 5, 1, 14, 30, 0), TimeSpan.FromSeconds(1));
        FormatCode(doc, Format(doc, recorded).NumberFormatId!.Value).ShouldBe("yyyy-mm-dd hh:mm");
    }

    [Fact]
    public void A_formula_in_a_value_is_stored_as_text()
    {
        using var doc = SpreadsheetDocument.Open(Write([Row(0) with { Content = "=1+1", ConfirmedBy = "@SUM(A1)" }]), false);
        var part = Sheet(doc);

        var content = Cell(part, "D4")!;
        content.CellFormula.ShouldBeNull();
        content.DataType!.Value.ShouldBe(CellValues.InlineString);
        Text(doc, part, "D4").ShouldBe("=1+1");
        Format(doc, content).QuotePrefix!.Value.ShouldBeTrue();
        Text(doc, part, "I4").ShouldBe("@SUM(A1)");
        part.Worksheet.Descendants<CellFormula>().ShouldBeEmpty();
    }

    [Fact]
    public void The_summary_adds_up_the_counted_records_per_member()
    {
        ServiceRecordRow[] rows =
        [
            Row(0) with { Date = new DateOnly(2026, 5, 1), Minutes = 60 },
            Row(0) with { Date = new DateOnly(2026, 5, 1), Minutes = 90 },
            Row(0) with { Date = new DateOnly(2026, 6, 1), Minutes = 45 },
            Row(0) with { Date = new DateOnly(2026, 7, 1), Minutes = 600, Status = "未通过", CountsTowardTotals = false },
            Row(1) with { Minutes = 30 },
            Row(0) with { WorkUnit = "县教育局", Minutes = 120 }, // the same name in another unit is another member
            Row(1) with { MemberKey = "m-42", MemberName = "李秀英", Minutes = 480 }, // a key tells same-named members apart
        ];
        using var doc = SpreadsheetDocument.Open(Write(rows), false);
        var records = Sheet(doc);
        Cell(records, "A10").ShouldNotBeNull(); // all 7 records listed, counted or not (rows 4 to 10)
        Cell(records, "A11").ShouldBeNull();

        var summary = Sheet(doc, 1);
        string[] headers = ["序号", "姓名", "工作单位", "服务次数", "服务天数", "总时长(小时)"];
        for (var i = 0; i < headers.Length; i++)
        {
            Text(doc, summary, $"{(char)('A' + i)}3").ShouldBe(headers[i]);
        }

        // Most hours first: 李秀英 (m-42) 8.0, 张建国/县财政局 3.2 (195 min), 张建国/县教育局 2.0, 李秀英 0.5.
        string?[][] expected =
        [
            ["1", "李秀英", "县人力资源和社会保障局", "1", "1", "8"],
            ["2", "张建国", "县财政局", "3", "2", "3.2"],
            ["3", "张建国", "县教育局", "1", "1", "2"],
            ["4", "李秀英", "县人力资源和社会保障局", "1", "1", "0.5"],
        ];
        for (var r = 0; r < expected.Length; r++)
        {
            for (var c = 0; c < headers.Length; c++)
            {
                Text(doc, summary, $"{(char)('A' + c)}{r + 4}").ShouldBe(expected[r][c], $"row {r + 4}, column {headers[c]}");
            }
        }

        Cell(summary, "A8").ShouldBeNull();
        FormatCode(doc, Format(doc, Cell(summary, "F5")!).NumberFormatId!.Value).ShouldBe("0.0");
    }

    [Fact]
    public void Without_summary_there_is_one_sheet_and_no_records_is_a_header_only_sheet()
    {
        using var doc = SpreadsheetDocument.Open(Write([], withSummary: false), false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Count().ShouldBe(1);
        Text(doc, Sheet(doc), "A3").ShouldBe("日期");
        Cell(Sheet(doc), "A4").ShouldBeNull();
    }

    [Fact]
    public async Task Rows_stream_asynchronously_to_a_non_seekable_output()
    {
        var target = new MemoryStream();
        var sink = new NonSeekableStream(target);
        var count = await ServiceRecordWorkbook.WriteAsync(sink, "服务记录", "城关镇东大街社区党委", Today, Generate(2_000));
        count.ShouldBe(2_000);
        sink.SyncWrites.ShouldBeFalse();

        target.Position = 0;
        using var doc = SpreadsheetDocument.Open(target, false);
        Text(doc, Sheet(doc), "B2003").ShouldBe("李秀英");
        Text(doc, Sheet(doc, 1), "D4").ShouldBe("1000");

        static async IAsyncEnumerable<ServiceRecordRow> Generate(int n)
        {
            for (var i = 0; i < n; i++)
            {
                await Task.Yield();
                yield return Row(i);
            }
        }
    }

    [Fact]
    public void Cells_convert_date_times_to_the_minute()
    {
        XlsxCell cell = new DateTime(2026, 5, 1, 14, 30, 59);
        cell.Kind.ShouldBe(XlsxCellKind.DateTime);
        cell.ToString().ShouldBe("2026-05-01 14:30");
        XlsxCell.FromOneDecimal(2.5m).ToString().ShouldBe("2.5");
        XlsxCell.FromDateTime(null).Kind.ShouldBe(XlsxCellKind.Empty);
    }
}
