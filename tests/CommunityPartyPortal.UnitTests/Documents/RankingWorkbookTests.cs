using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class RankingWorkbookTests
{
    private const string Title = "2026年度长桥街道社区党建机制考评排名表";

    private static readonly RankingCategory[] Categories =
        [.. ScoreSheetSamples.Rubric.Select(c => new RankingCategory(c.Name, c.Points))];

    /// <summary>Four communities; the third and fourth tie (84) and share rank 3; the last has category 6 not scored.</summary>
    private static readonly RankingRow[] Rows =
    [
        new(1, "长桥街道新家社区", [19.5m, 18.5m, 13.5m, 13.5m, 15m, 13.5m]),
        new(2, "长桥街道龙西社区", [18m, 17.25m, 14m, 12.5m, 13m, 14m]),
        new(3, "长桥街道南石湖社区", [17m, 16m, 12m, 13m, 13m, 13m]),
        new(3, "长桥街道蠡墅社区", [20m, 19m, 15m, 15m, 15m, null]),
    ];

    private static MemoryStream Write(IEnumerable<RankingRow> rows, string targetHeader = RankingWorkbook.DefaultTargetHeader)
    {
        var stream = new MemoryStream();
        RankingWorkbook.Write(stream, Title, ScoreSheetSamples.IssuedBy, Today, Categories, rows, targetHeader).ShouldBe(rows.Count());
        stream.Position = 0;
        return stream;
    }

    private static decimal Number(SpreadsheetDocument doc, WorksheetPart part, string reference) =>
        decimal.Parse(Text(doc, part, reference)!, CultureInfo.InvariantCulture);

    [Fact]
    public void The_sheet_has_the_title_the_issuer_and_a_frozen_header_naming_each_category_and_its_points()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows), false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.ShouldBe(RankingWorkbook.SheetName);
        var part = Sheet(doc);
        Text(doc, part, "A1").ShouldBe(Title);
        Text(doc, part, "A2").ShouldBe($"制表单位：{ScoreSheetSamples.IssuedBy}　　制表日期：2026-11-22");
        string[] headers =
        [
            "名次", "单位/社区", "建立健全社区干部培养管理机制（20分）", "建立健全社区党组织和党员公开承诺机制（20分）",
            "建立健全社区党建品牌培育机制（15分）", "建立健全社区党员居住地发挥作用机制（15分）", "建立健全社区党员分类管理机制（15分）",
            "建立健全社区党建领导管理机制（15分）", "总分（100分）",
        ];
        for (var i = 0; i < headers.Length; i++)
        {
            Text(doc, part, $"{(char)('A' + i)}3").ShouldBe(headers[i]);
        }

        Cell(part, "J3").ShouldBeNull();
        var pane = part.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(3);
        part.Worksheet.GetFirstChild<AutoFilter>().ShouldBeNull(); // sorting would move the averages row
        part.Worksheet.Descendants<PageSetup>().Single().Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        part.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ShouldBe(["A1:I1", "A2:I2"]);
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void A_row_per_target_holds_its_rank_its_category_scores_and_its_total_as_one_decimal_numbers()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows), false);
        var part = Sheet(doc);

        Text(doc, part, "A4").ShouldBe("1");
        Text(doc, part, "B4").ShouldBe("长桥街道新家社区");
        Number(doc, part, "C4").ShouldBe(19.5m);
        Number(doc, part, "I4").ShouldBe(93.5m);
        Number(doc, part, "D5").ShouldBe(17.25m); // stored as given, shown with one decimal
        Number(doc, part, "I5").ShouldBe(88.75m);

        // The tie shares rank 3; the unscored category is an empty cell and the total adds the rest.
        Text(doc, part, "A6").ShouldBe("3");
        Text(doc, part, "A7").ShouldBe("3");
        Number(doc, part, "I6").ShouldBe(84m);
        Cell(part, "H7").ShouldBeNull();
        Number(doc, part, "I7").ShouldBe(84m);

        foreach (var reference in new[] { "C4", "D5", "I7" })
        {
            var cell = Cell(part, reference)!;
            cell.DataType.ShouldBeNull(); // a number, not text
            FormatCode(doc, Format(doc, cell).NumberFormatId!.Value).ShouldBe("0.0");
        }

        Cell(part, "A4")!.DataType.ShouldBeNull();
    }

    [Fact]
    public void The_averages_row_closes_the_table_with_each_columns_mean_over_the_targets_scored_in_it()
    {
        using var doc = SpreadsheetDocument.Open(Write(Rows), false);
        var part = Sheet(doc);

        Cell(part, "A8").ShouldBeNull();
        Text(doc, part, "B8").ShouldBe(RankingWorkbook.AverageCaption);
        Cell(part, "A9").ShouldBeNull();
        Number(doc, part, "C8").ShouldBe(18.6m); // (19.5 + 18 + 17 + 20) / 4 = 18.625
        Number(doc, part, "D8").ShouldBe(17.7m); // (18.5 + 17.25 + 16 + 19) / 4 = 17.6875
        Number(doc, part, "H8").ShouldBe(13.5m); // (13.5 + 14 + 13) / 3, the fourth not scored
        Number(doc, part, "I8").ShouldBe(87.6m); // (93.5 + 88.75 + 84 + 84) / 4 = 87.5625
        for (var c = 'C'; c <= 'I'; c++)
        {
            var scored = Enumerable.Range(4, 4).Select(r => Text(doc, part, $"{c}{r}")).OfType<string>()
                .Select(t => decimal.Parse(t, CultureInfo.InvariantCulture)).ToList();
            Number(doc, part, $"{c}8").ShouldBe(Math.Round(scored.Average(), 1, MidpointRounding.AwayFromZero), $"column {c}");
        }

        FormatCode(doc, Format(doc, Cell(part, "I8")!).NumberFormatId!.Value).ShouldBe("0.0");
    }

    [Fact]
    public void No_targets_give_an_empty_averages_row_and_the_target_header_can_be_named()
    {
        using var doc = SpreadsheetDocument.Open(Write([], "街道"), false);
        var part = Sheet(doc);
        Text(doc, part, "B3").ShouldBe("街道");
        Text(doc, part, "B4").ShouldBe(RankingWorkbook.AverageCaption);
        Cell(part, "C4").ShouldBeNull();
        Cell(part, "I4").ShouldBeNull();
    }

    [Fact]
    public void A_row_with_another_number_of_categories_or_no_categories_is_refused()
    {
        Should.Throw<ArgumentException>(() => RankingWorkbook.Write(new MemoryStream(), Title, "街道", Today, Categories, [new(1, "社区", [10m, 10m])]))
            .Message.ShouldContain("社区");
        Should.Throw<ArgumentException>(() => RankingWorkbook.Write(new MemoryStream(), Title, "街道", Today, [], Rows));
    }
}
