using CommunityPartyPortal.Documents.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

public sealed class RosterWorkbookTests
{
    private const string Title = "幸福社区在职党员名册";
    private const string Org = "中共幸福社区委员会";

    private static MemoryStream Export(params RosterRow[] rows)
    {
        var stream = new MemoryStream();
        RosterWorkbook.Write(stream, Title, Org, Today, rows);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Export_has_title_subtitle_header_frozen_pane_and_filter()
    {
        using var doc = SpreadsheetDocument.Open(Export(Roster(1), Roster(2), Roster(3)), false);
        var sheet = Sheet(doc);

        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.ShouldBe("党员名册");
        Text(doc, sheet, "A1").ShouldBe(Title);
        Format(doc, Cell(sheet, "A1")!).Alignment!.Horizontal!.Value.ShouldBe(HorizontalAlignmentValues.Center);
        var titleFont = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)Format(doc, Cell(sheet, "A1")!).FontId!.Value);
        titleFont.Bold.ShouldNotBeNull();
        titleFont.FontSize!.Val!.Value.ShouldBeGreaterThan(11);

        Text(doc, sheet, "A2").ShouldBe("填报单位：中共幸福社区委员会　　导出日期：2026-11-22");
        sheet.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ShouldBe(["A1:T1", "A2:T2"]);

        string[] headers = ["序号", "姓名", "性别", "出生日期", "民族", "学历", "入党日期", "正式/预备", "身份证号", "手机", "工作单位", "职务",
            "居住社区", "网格", "楼栋/房号", "特长", "服务意向", "报到日期", "报到状态", "备注"];
        for (var i = 0; i < headers.Length; i++)
        {
            var reference = (char)('A' + i) + "3";
            Text(doc, sheet, reference).ShouldBe(headers[i]);
            var xf = Format(doc, Cell(sheet, reference)!);
            xf.FillId!.Value.ShouldBeGreaterThan(1u);
            xf.BorderId!.Value.ShouldBeGreaterThan(0u);
        }

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(3);
        pane.TopLeftCell!.Value.ShouldBe("A4");
        sheet.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value.ShouldBe("A3:T6");

        var columns = sheet.Worksheet.Descendants<Column>().ToList();
        columns.Count.ShouldBe(20);
        columns[8].Width!.Value.ShouldBeGreaterThanOrEqualTo(20); // 18-character ID
    }

    [Fact]
    public void Export_cells_are_typed()
    {
        using var doc = SpreadsheetDocument.Open(Export(Roster(1) with { NationalId = "110***********1234", Mobile = "138****5678" }), false);
        var sheet = Sheet(doc);

        // 序号: a number.
        Cell(sheet, "A4")!.DataType.ShouldBeNull();
        Text(doc, sheet, "A4").ShouldBe("1");

        // 出生日期: a real date serial with a yyyy-mm-dd format, not a string.
        var birth = Cell(sheet, "D4")!;
        birth.DataType.ShouldBeNull();
        var serial = int.Parse(birth.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
        DateOnly.FromDateTime(DateTime.FromOADate(serial)).ShouldBe(Roster(1).BirthDate!.Value);
        var numFmt = Format(doc, birth).NumberFormatId!.Value;
        FormatCode(doc, numFmt).ShouldBe("yyyy-mm-dd");

        // Masked ID and phone as given.
        Text(doc, sheet, "I4").ShouldBe("110***********1234");
        Text(doc, sheet, "J4").ShouldBe("138****5678");
        Cell(sheet, "I4")!.DataType!.Value.ShouldBe(CellValues.InlineString);

        // An empty 备注 is no cell at all.
        Cell(sheet, "T4").ShouldBeNull();
    }

    [Fact]
    public void Export_prints_on_A4_landscape_fitted_to_width_with_the_header_repeated()
    {
        using var doc = SpreadsheetDocument.Open(Export(Roster(1)), false);
        var ws = Sheet(doc).Worksheet;
        var setup = ws.GetFirstChild<PageSetup>()!;
        setup.PaperSize!.Value.ShouldBe(9u);
        setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        setup.FitToWidth!.Value.ShouldBe(1u);
        setup.FitToHeight!.Value.ShouldBe(0u);
        ws.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value.ShouldBeTrue();

        var names = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        names.Single(n => n.Name == "_xlnm.Print_Titles").Text.ShouldBe("'党员名册'!$3:$3");
        names.Single(n => n.Name == "_xlnm._FilterDatabase").Text.ShouldBe("'党员名册'!$A$3:$T$4");
    }

    [Fact]
    public void Export_passes_the_OpenXml_schema_validator()
    {
        using var doc = SpreadsheetDocument.Open(Export(Roster(1), Roster(2) with { Name = "=1+1" }), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Formula_like_text_is_stored_as_literal_text_with_a_quote_prefix()
    {
        string[] dangerous = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"];
        var rows = dangerous.Select((d, i) => Roster(i + 1) with { Name = d, Notes = d }).ToArray();
        using var stream = Export(rows);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = Sheet(doc);

        for (var i = 0; i < dangerous.Length; i++)
        {
            var cell = Cell(sheet, $"B{4 + i}")!;
            cell.DataType!.Value.ShouldBe(CellValues.InlineString);
            cell.CellFormula.ShouldBeNull();
            Format(doc, cell).QuotePrefix!.Value.ShouldBeTrue();
        }
        Text(doc, sheet, "B4").ShouldBe("=HYPERLINK(\"x\")");
        Text(doc, sheet, "B5").ShouldBe("+1");
        Text(doc, sheet, "B6").ShouldBe("-2");
        Text(doc, sheet, "B7").ShouldBe("@SUM(A1)");
        Text(doc, sheet, "B8").ShouldBe("\tTAB");
        // A CR is stored escaped (_x000D_) so XML line-end normalisation cannot eat it.
        Text(doc, sheet, "B9").ShouldBe("_x000D_CR");

        // Ordinary text has no quote prefix, and there is no formula anywhere in the package.
        (Format(doc, Cell(sheet, "C4")!).QuotePrefix?.Value ?? false).ShouldBeFalse();
        doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()).ShouldBeEmpty();
        stream.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            xml.ShouldNotContain("<x:f>");
            xml.ShouldNotContain("<f>");
            xml.ShouldNotContain("<x:f ");
        }
    }

    [Fact]
    public void Text_with_control_characters_and_escape_lookalikes_round_trips()
    {
        var tricky = "a\u0001b_x0041_c";
        using var doc = SpreadsheetDocument.Open(Export(Roster(1) with { Notes = tricky }), false);
        // Stored as ST_Xstring escapes, which Excel decodes back to the original text.
        Text(doc, Sheet(doc), "T4").ShouldBe("a_x0001_b_x005F_x0041_c");
    }

    [Fact]
    public async Task Async_export_to_a_non_seekable_stream_goes_through_a_temp_file_and_async_writes_only()
    {
        var target = new MemoryStream();
        var response = new NonSeekableStream(target);
        var count = await RosterWorkbook.WriteAsync(response, Title, Org, Today, Rows(500));
        count.ShouldBe(500);
        response.SyncWrites.ShouldBeFalse();

        target.Position = 0;
        using var doc = SpreadsheetDocument.Open(target, false);
        Text(doc, Sheet(doc), "B503").ShouldBe("党员500");

        static async IAsyncEnumerable<RosterRow> Rows(int n)
        {
            for (var i = 1; i <= n; i++)
            {
                if (i % 100 == 0) await Task.Yield();
                yield return Roster(i);
            }
        }
    }

    [Fact]
    public void Several_tables_go_in_one_workbook()
    {
        var stream = new MemoryStream();
        using (var writer = new XlsxWorkbookWriter(stream))
        {
            XlsxColumn<(string Unit, int Members, int Reported)>[] columns =
            [
                new("单位", r => r.Unit) { Width = 24 },
                new("在职党员数", r => r.Members),
                new("已报到", r => r.Reported),
                new("报到率", r => XlsxCell.FromPercent(r.Members == 0 ? null : (decimal)r.Reported / r.Members)),
                new("是否达标", r => r.Members > 0 && r.Reported * 10 >= r.Members * 9),
            ];
            writer.AddSheet(new XlsxSheet("按单位") { Title = "在职党员进社区报到情况汇总表" }, columns, [("县发展和改革局", 40, 38), ("县财政局", 20, 12)]).ShouldBe(2);
            writer.AddSheet(new XlsxSheet("按社区") { Title = "在职党员进社区报到情况汇总表", Subtitle = "按社区" }, columns, [("幸福社区", 60, 60)]).ShouldBe(1);
            Should.Throw<ArgumentException>(() => writer.AddSheet(new XlsxSheet("按单位"), columns, []));
            writer.Complete();
        }
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["按单位", "按社区"]);
        var first = Sheet(doc, 0);
        Text(doc, first, "A2").ShouldBe("单位");
        Text(doc, first, "E3").ShouldBe("是");
        Text(doc, first, "E4").ShouldBe("否");
        Text(doc, first, "D3").ShouldBe("0.95");
        Format(doc, Cell(first, "D3")!).NumberFormatId!.Value.ShouldBe(10u); // 0.00%
        first.Worksheet.Descendants<Pane>().Single().TopLeftCell!.Value.ShouldBe("A3");
        Sheet(doc, 1).Worksheet.Descendants<Pane>().Single().TopLeftCell!.Value.ShouldBe("A4");
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void Rows_are_streamed_into_the_output_as_they_are_enumerated()
    {
        var stream = new MemoryStream();
        long lengthMidway = 0;
        RosterWorkbook.Write(stream, Title, Org, Today, Rows());
        lengthMidway.ShouldBeGreaterThan(500_000); // compressed sheet data already in the output while rows still come

        IEnumerable<RosterRow> Rows()
        {
            for (var i = 1; i <= 20_000; i++)
            {
                if (i == 20_000) lengthMidway = stream.Length;
                yield return Roster(i);
            }
        }
    }
}
