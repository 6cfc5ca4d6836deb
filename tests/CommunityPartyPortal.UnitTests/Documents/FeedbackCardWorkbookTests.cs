using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.UnitTests.Documents.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class FeedbackCardWorkbookTests
{
    private const string Title = "凤翔县财政局在职党员现实表现评议情况反馈卡（2026年第一季度）";

    private static readonly string[] Headers =
    [
        "序号", "编号", "姓名", "居住社区", "服务次数", "服务天数", "服务时长（小时）", "认领岗位", "完成微心愿",
        "走访联系户", "提出建议", "年度要求", "评议等次", "一票否决", "否决理由", "社区意见", "签收状态",
    ];

    /// <summary>The numeric columns (服务次数 … 提出建议) the totals row adds up.</summary>
    private static readonly string[] Summed = ["E", "F", "G", "H", "I", "J", "K"];

    /// <summary>Five cards: 合格, 优秀, 合格, 基本合格, 不合格 (vetoed); odd minutes so hours are rounded down; card 2 meets every requirement.</summary>
    private static FeedbackCardRow[] Rows() =>
    [
        .. Enumerable.Range(0, 5).Select(i => FeedbackCardRow.From(
            FeedbackSamples.Card(i) with
            {
                Minutes = 479 + (i * 60),
                PostsClaimed = i % 2,
                WishesFulfilled = i,
                HouseholdVisits = 2 * i,
                Suggestions = i == 3 ? 0 : 1,
                RequirementsMet = i == 2 ? 6 : 4,
                Grade = i switch { 1 => FeedbackGrades.Excellent, 3 => FeedbackGrades.BasicallyQualified, 4 => FeedbackGrades.Unqualified, _ => FeedbackGrades.Qualified },
                Veto = i == 4,
                VetoReason = i == 4 ? "长期不参加社区活动" : null,
            },
            i == 0 ? "已签收" : "未读")),
    ];

    private static MemoryStream Write(IEnumerable<FeedbackCardRow> rows)
    {
        var stream = new MemoryStream();
        FeedbackCardWorkbook.Write(stream, Title, "城关镇东大街社区党委", Today, rows).ShouldBe(rows.Count());
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void The_sheet_has_the_title_the_issuer_the_frozen_header_and_widths()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows()), false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.ShouldBe(FeedbackCardWorkbook.SheetName);
        var part = Sheet(doc);
        Text(doc, part, "A1").ShouldBe(Title);
        Text(doc, part, "A2").ShouldBe("制表单位：城关镇东大街社区党委　　制表日期：2026-11-22");
        for (var i = 0; i < Headers.Length; i++)
        {
            Text(doc, part, $"{(char)('A' + i)}3").ShouldBe(Headers[i]);
        }

        var pane = part.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(3);
        part.Worksheet.GetFirstChild<AutoFilter>().ShouldBeNull(); // sorting would move the totals row
        var widths = part.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        widths.Count.ShouldBe(Headers.Length);
        widths[15].ShouldBe(40); // 社区意见
        part.Worksheet.Descendants<PageSetup>().Single().Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void A_row_holds_the_cards_values()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows()), false);
        var part = Sheet(doc);

        // Row 8 is the fifth card: 7 services on 6 days, 479 + 240 = 719 minutes = 11.9 hours (rounded down), vetoed.
        string?[] expected =
        [
            "5", FeedbackSamples.Serial(4), Pdf.SampleForms.Name(4), "城关镇东大街社区", "7", "6", "11.9", "0", "4", "8", "1", "4/6",
            "不合格", "是", "长期不参加社区活动", "该同志积极参加社区活动，服务热情高，群众评价好。", "未读",
        ];
        for (var c = 0; c < expected.Length; c++)
        {
            Text(doc, part, $"{(char)('A' + c)}8").ShouldBe(expected[c], $"column {Headers[c]}");
        }

        Cell(part, "E8")!.DataType.ShouldBeNull(); // numbers are numbers
        FormatCode(doc, Format(doc, Cell(part, "G8")!).NumberFormatId!.Value).ShouldBe("0.0");
        decimal.Parse(Text(doc, part, "G4")!, CultureInfo.InvariantCulture).ShouldBe(7.9m); // 479 minutes
        Text(doc, part, "N4").ShouldBe("否");
        Cell(part, "O4").ShouldBeNull(); // no veto, no reason
        Text(doc, part, "Q4").ShouldBe("已签收");
    }

    [Fact]
    public void The_totals_row_adds_up_the_numeric_columns_and_counts_the_grades()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows()), false);
        var part = Sheet(doc);

        // Five cards in rows 4 to 8, the totals in row 9, nothing after.
        Text(doc, part, "A9").ShouldBe(FeedbackCardWorkbook.TotalsCaption);
        Text(doc, part, "B9").ShouldBe("共5份");
        Cell(part, "A10").ShouldBeNull();
        foreach (var column in Summed)
        {
            var sum = Enumerable.Range(4, 5).Sum(r => decimal.Parse(Text(doc, part, $"{column}{r}")!, CultureInfo.InvariantCulture));
            decimal.Parse(Text(doc, part, $"{column}9")!, CultureInfo.InvariantCulture).ShouldBe(sum, $"column {column}");
        }

        Text(doc, part, "E9").ShouldBe("25"); // 3 + 4 + 5 + 6 + 7 services
        decimal.Parse(Text(doc, part, "G9")!, CultureInfo.InvariantCulture).ShouldBe(49.5m); // 7.9 + 8.9 + 9.9 + 10.9 + 11.9
        Text(doc, part, "L9").ShouldBe("全部完成1人");
        Text(doc, part, "M9").ShouldBe("优秀1名、合格2名、基本合格1名、不合格1名");
        Text(doc, part, "N9").ShouldBe("否决1人");
    }

    [Fact]
    public async Task No_cards_give_a_totals_row_of_zeros_and_rows_stream_asynchronously()
    {
        using (var empty = SpreadsheetDocument.Open(Write([]), false))
        {
            Text(empty, Sheet(empty), "A4").ShouldBe(FeedbackCardWorkbook.TotalsCaption);
            Text(empty, Sheet(empty), "E4").ShouldBe("0");
            Text(empty, Sheet(empty), "M4").ShouldBe("优秀0名、合格0名、基本合格0名、不合格0名");
        }

        var target = new MemoryStream();
        var sink = new NonSeekableStream(target);
        (await FeedbackCardWorkbook.WriteAsync(sink, Title, "城关镇东大街社区党委", Today, Generate(500))).ShouldBe(500);
        sink.SyncWrites.ShouldBeFalse();
        target.Position = 0;
        using var doc = SpreadsheetDocument.Open(target, false);
        Text(doc, Sheet(doc), "A503").ShouldBe("500");
        Text(doc, Sheet(doc), "A504").ShouldBe(FeedbackCardWorkbook.TotalsCaption);
        Text(doc, Sheet(doc), "E504").ShouldBe("1500");

        static async IAsyncEnumerable<FeedbackCardRow> Generate(int n)
        {
            for (var i = 0; i < n; i++)
            {
                await Task.Yield();
                yield return new FeedbackCardRow { Serial = FeedbackSamples.Serial(i), Name = "党员", Services = 3, Grade = FeedbackGrades.Qualified };
            }
        }
    }

    [Fact]
    public void A_grade_outside_the_four_is_refused()
    {
        Should.Throw<ArgumentException>(() => FeedbackCardWorkbook.Write(new MemoryStream(), Title, "社区", Today, [new FeedbackCardRow { Serial = "x", Grade = "良好" }]));
    }
}
