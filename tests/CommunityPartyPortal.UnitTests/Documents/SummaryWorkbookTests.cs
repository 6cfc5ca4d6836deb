using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Records;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;
using static CommunityPartyPortal.UnitTests.Documents.SummarySamples;

namespace CommunityPartyPortal.UnitTests.Documents;

/// <summary>
/// The summary tables' workbook read back with the OpenXML SDK. Sheet 1 (按单位): rows 1–2 title and info line, 3–4 the
/// header, 5 「县财政局系统」, 6–8 its units, 9 its subtotal, 10 「县教育局系统」, 11–12, 13 subtotal, 14 「县卫健局系统」 (no
/// unit), 15 its subtotal, 16 合计, 17 blank, 18 the signature line. Columns: A 序号, B 单位, C 在职党员数 … O 备注.
/// </summary>
public sealed class SummaryWorkbookTests
{
    private static MemoryStream Write(params SummaryTableRecord[] tables)
    {
        var stream = new MemoryStream();
        SummaryWorkbook.Write(stream, tables);
        stream.Position = 0;
        return stream;
    }

    private static decimal Number(SpreadsheetDocument doc, WorksheetPart part, string reference) =>
        decimal.Parse(Text(doc, part, reference)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static CellFormat Style(SpreadsheetDocument doc, WorksheetPart part, string reference) => Format(doc, Cell(part, reference)!);

    [Fact]
    public void One_sheet_per_table_with_the_title_the_info_line_and_the_signature_line_merged_across()
    {
        using var doc = SpreadsheetDocument.Open(Write(UnitTable(), CommunityTable()), false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["报到情况（按单位）", "报到情况（按社区）"]);
        var part = Sheet(doc);
        Text(doc, part, "A1").ShouldBe(UnitTitle);
        Text(doc, part, "A2").ShouldBe($"填报单位：{IssuedBy}　　范围：全县　　年度：2026年　　统计截至：2026年11月30日　　编号：2026-汇总-0001");
        var title = Style(doc, part, "A1");
        var font = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)title.FontId!.Value);
        font.GetFirstChild<FontName>()!.Val!.Value.ShouldBe("宋体");
        font.GetFirstChild<Bold>().ShouldNotBeNull();
        font.GetFirstChild<FontSize>()!.Val!.Value.ShouldBe(16);
        Text(doc, part, "A18").ShouldBe(SummaryTableRecord.SignatureLine);
        Text(doc, part, "A18")!.ShouldContain("填报人");
        Text(doc, part, "A18")!.ShouldContain("审核人");

        var merges = part.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        merges.ShouldContain("A1:O1");
        merges.ShouldContain("A2:O2");
        merges.ShouldContain("A18:O18");
        Text(doc, Sheet(doc, 1), "A1").ShouldBe(CommunityTitle);
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void The_two_level_header_merges_each_group_across_its_columns_and_each_ungrouped_header_over_both_rows()
    {
        using var doc = SpreadsheetDocument.Open(Write(UnitTable()), false);
        var part = Sheet(doc);
        var merges = part.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        merges.ShouldBe(
        [
            "A1:O1", "A2:O2",
            "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:J3", "K3:L3", "M3:M4", "N3:N4", "O3:O4",
            "A18:O18",
        ]);
        Text(doc, part, "A3").ShouldBe("序号");
        Text(doc, part, "B3").ShouldBe("单位");
        Text(doc, part, "G3").ShouldBe("反馈评议等次");
        Text(doc, part, "K3").ShouldBe("年度要求");
        string[] leaves = ["优秀", "合格", "基本合格", "不合格", "达标人数", "达标率"];
        for (var i = 0; i < leaves.Length; i++)
        {
            Text(doc, part, $"{(char)('G' + i)}4").ShouldBe(leaves[i]);
        }

        // The other cells of a merged range carry the header style (borders, fill) but no text.
        Cell(part, "H3")!.StyleIndex!.Value.ShouldBe(Cell(part, "G3")!.StyleIndex!.Value);
        Text(doc, part, "H3").ShouldBeNull();
        Text(doc, part, "A4").ShouldBeNull();
    }

    [Fact]
    public void Numbers_are_formatted_as_integers_one_decimal_and_one_decimal_percentages()
    {
        using var doc = SpreadsheetDocument.Open(Write(UnitTable()), false);
        var part = Sheet(doc);
        Style(doc, part, "C6").NumberFormatId!.Value.ShouldBe(1u); // 0
        Number(doc, part, "C6").ShouldBe(40);
        var rate = Style(doc, part, "F6").NumberFormatId!.Value;
        FormatCode(doc, rate).ShouldBe("0.0%");
        Number(doc, part, "F6").ShouldBe(0.95m);
        FormatCode(doc, Style(doc, part, "M6").NumberFormatId!.Value).ShouldBe("0.0");
        Number(doc, part, "M6").ShouldBe(812.5m);
        Text(doc, part, "N6").ShouldBe("是");
        Text(doc, part, "N7").ShouldBe("否");
        Text(doc, part, "O7").ShouldBe("3人报到函未回执");
        Text(doc, part, "A6").ShouldBe("1");
        Text(doc, part, "A11").ShouldBe("4"); // numbered through the table
        Text(doc, part, "B5").ShouldBe("县财政局系统");
    }

    [Fact]
    public void Subtotals_and_the_total_are_bold_values_that_add_up_and_the_unit_below_the_threshold_is_highlighted()
    {
        using var doc = SpreadsheetDocument.Open(Write(UnitTable()), false);
        var part = Sheet(doc);
        part.Worksheet.Descendants<CellFormula>().ShouldBeEmpty();

        Text(doc, part, "B9").ShouldBe("县财政局系统小计");
        Text(doc, part, "B13").ShouldBe("县教育局系统小计");
        Text(doc, part, "B15").ShouldBe("县卫健局系统小计");
        Text(doc, part, "B16").ShouldBe("合计");
        int[] rows = [6, 7, 8, 11, 12];
        foreach (var column in new[] { "C", "D", "E", "G", "H", "I", "J", "K", "M" })
        {
            Number(doc, part, $"{column}9").ShouldBe(new[] { 6, 7, 8 }.Sum(r => Number(doc, part, $"{column}{r}")), column);
            Number(doc, part, $"{column}13").ShouldBe(new[] { 11, 12 }.Sum(r => Number(doc, part, $"{column}{r}")), column);
            Number(doc, part, $"{column}15").ShouldBe(0, column);
            Number(doc, part, $"{column}16").ShouldBe(rows.Sum(r => Number(doc, part, $"{column}{r}")), column);
            Number(doc, part, $"{column}16").ShouldBe(Number(doc, part, $"{column}9") + Number(doc, part, $"{column}13") + Number(doc, part, $"{column}15"), column);
        }

        Number(doc, part, "C16").ShouldBe(150);
        Number(doc, part, "E16").ShouldBe(138);
        Number(doc, part, "M16").ShouldBe(2688.9m);
        Number(doc, part, "F9").ShouldBe(0.9m);      // 63 / 70: the ratio of the sums, not the mean of the rates
        Number(doc, part, "F16").ShouldBe(0.92m);    // 138 / 150
        Number(doc, part, "L16").ShouldBe(0.78m);    // 117 / 150
        Text(doc, part, "F15").ShouldBeNull();       // no member: no rate

        var stylesheet = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        bool Bold(CellFormat f) => stylesheet.Fonts!.Elements<Font>().ElementAt((int)f.FontId!.Value).GetFirstChild<Bold>() is not null;
        string? Fill(CellFormat f) => stylesheet.Fills!.Elements<Fill>().ElementAt((int)f.FillId!.Value).PatternFill?.ForegroundColor?.Rgb?.Value;
        Bold(Style(doc, part, "C16")).ShouldBeTrue();
        Bold(Style(doc, part, "B9")).ShouldBeTrue();
        Bold(Style(doc, part, "C6")).ShouldBeFalse();
        FormatCode(doc, Style(doc, part, "F16").NumberFormatId!.Value).ShouldBe("0.0%"); // bold keeps the number format
        foreach (var column in new[] { "A", "B", "C", "F", "N", "O" })
        {
            Fill(Style(doc, part, $"{column}7")).ShouldBe("FFFFC7CE", column);
        }

        foreach (var column in new[] { "A", "B", "C", "F", "N" })
        {
            Fill(Style(doc, part, $"{column}6")).ShouldBeNull(column);
        }

        Cell(part, "O6").ShouldBeNull(); // an ordinary row leaves its blank cells out
        Fill(Style(doc, part, "O9")).ShouldBeNull(); // a subtotal writes its blank cells, bold, unfilled
        Bold(Style(doc, part, "O9")).ShouldBeTrue();

    }

    [Fact]
    public void Panes_are_frozen_below_the_header_and_after_the_label_and_the_sheet_prints_A4_landscape_with_the_header_repeated()
    {
        using var doc = SpreadsheetDocument.Open(Write(UnitTable(), CommunityTable()), false);
        var part = Sheet(doc);
        var pane = part.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.HorizontalSplit!.Value.ShouldBe(2);
        pane.VerticalSplit!.Value.ShouldBe(4);
        pane.TopLeftCell!.Value.ShouldBe("C5");

        var setup = part.Worksheet.Descendants<PageSetup>().Single();
        setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        setup.PaperSize!.Value.ShouldBe(9u); // A4
        setup.FitToWidth!.Value.ShouldBe(1u);
        setup.FitToHeight!.Value.ShouldBe(0u);
        part.Worksheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value.ShouldBeTrue();
        part.Worksheet.Descendants<OddFooter>().Single().Text.ShouldContain("&P");
        part.Worksheet.GetFirstChild<AutoFilter>().ShouldBeNull();

        var names = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles").ToList();
        names.Single(n => n.LocalSheetId!.Value == 0).Text.ShouldBe("'报到情况（按单位）'!$3:$4");
        names.Single(n => n.LocalSheetId!.Value == 1).Text.ShouldBe("'报到情况（按社区）'!$3:$3"); // no column groups: one header row
    }

    [Fact]
    public void Groups_and_rows_are_enumerated_once_as_they_are_written()
    {
        var enumerations = 0;
        IEnumerable<SummaryRow> Counted()
        {
            enumerations++;
            foreach (var row in Finance())
            {
                yield return row;
            }
        }

        using var doc = SpreadsheetDocument.Open(Write(UnitTable([new SummaryGroup("县财政局系统", Counted())])), false);
        enumerations.ShouldBe(1);
        var part = Sheet(doc);
        Number(doc, part, "C9").ShouldBe(70);  // the total: rows 6–8, subtotal 9, total 10
        Number(doc, part, "C10").ShouldBe(70);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_or_a_ratio_of_unknown_columns_is_refused()
    {
        var bad = UnitTable([new SummaryGroup("县财政局系统", [new SummaryRow("县财政局", [1, 2])])]);
        Should.Throw<ArgumentException>(() => Write(bad)).Message.ShouldContain("县财政局");
        var ratio = CommunityTable() with { Columns = [new SummaryColumn("rate", "报到率", Format: SummaryFormat.Percent1) { RatioOf = ("x", "y") }] };
        Should.Throw<ArgumentException>(() => Write(ratio));
    }

    [Fact]
    public void Sheet_names_from_titles_are_made_valid_and_unique()
    {
        var t = CommunityTable() with { SheetName = null, Title = "报到情况[按社区]/2026年度：全县各街道各社区报到情况汇总表（截至11月30日）" };
        using var doc = SpreadsheetDocument.Open(Write(t, t), false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        names.ShouldAllBe(n => n.Length <= 31 && n.IndexOfAny(new[] { '[', ']', '/', ':' }) < 0);
        names.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void The_bare_write_holds_the_same_lines_and_figures_without_the_layout()
    {
        var stream = new MemoryStream();
        SummaryWorkbook.WriteBare(stream, [UnitTable()]).ShouldBe([12]); // 3 headings, 5 units, 3 subtotals, 1 total
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var part = Sheet(doc);
        Text(doc, part, "A1").ShouldBe("单位");
        Text(doc, part, "A13").ShouldBe("合计");
        Number(doc, part, "B13").ShouldBe(150);
        Number(doc, part, "L13").ShouldBe(2688.9m);
        part.Worksheet.Descendants<MergeCell>().ShouldBeEmpty();
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }
}
