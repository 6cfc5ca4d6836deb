using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Members;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

public sealed class ImportTemplateTests
{
    private static MemoryStream Template()
    {
        var stream = new MemoryStream();
        RosterWorkbook.Template(stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Template_has_the_header_row_only_and_an_instructions_sheet()
    {
        using var doc = SpreadsheetDocument.Open(Template(), false);
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["党员信息", "填写说明"]);

        var data = Sheet(doc, 0);
        data.Worksheet.Descendants<Row>().Count().ShouldBe(1);
        for (var i = 0; i < ImportHeader.Length; i++) Text(doc, data, (char)('A' + i) + "1").ShouldBe(ImportHeader[i]);
        data.Worksheet.Descendants<Pane>().Single().TopLeftCell!.Value.ShouldBe("A2");

        var help = Sheet(doc, 1);
        Text(doc, help, "A1").ShouldBe("党员信息导入模板填写说明");
        Text(doc, help, "A3").ShouldBe("列名");
        Text(doc, help, "B3").ShouldBe("是否必填");
        Text(doc, help, "C3").ShouldBe("格式要求");
        Text(doc, help, "D3").ShouldBe("示例");
        var listed = Enumerable.Range(4, ImportHeader.Length).Select(r => Text(doc, help, $"A{r}")).ToList();
        listed.ShouldBe(ImportHeader);
        var idRow = 4 + Col("身份证号");
        Text(doc, help, $"B{idRow}").ShouldBe("必填");
        Text(doc, help, $"D{idRow}").ShouldBe("11010519491231002X");
        Text(doc, help, $"B{4 + Col("特长")}").ShouldBe("选填");

        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void Template_has_dropdowns_for_the_choice_columns_and_text_format_for_the_ID()
    {
        using var doc = SpreadsheetDocument.Open(Template(), false);
        var data = Sheet(doc, 0);
        var validations = data.Worksheet.Descendants<DataValidation>()
            .ToDictionary(v => v.SequenceOfReferences!.InnerText!.Split(':')[0], v => v);

        string Letter(string column) => ((char)('A' + Col(column))).ToString();
        validations.Keys.ShouldBe(new[] { "性别", "学历", "党员类别", "正式/预备" }.Select(c => Letter(c) + "2"), ignoreOrder: true);
        validations[Letter("性别") + "2"].Formula1!.Text.ShouldBe("\"男,女\"");
        validations[Letter("学历") + "2"].Formula1!.Text.ShouldBe("\"研究生,大学本科,大学专科,中专,高中,初中及以下\"");
        validations[Letter("党员类别") + "2"].Formula1!.Text.ShouldBe("\"在职党员,自管党员,流动党员\"");
        validations[Letter("正式/预备") + "2"].Formula1!.Text.ShouldBe("\"正式党员,预备党员\"");
        validations.Values.ShouldAllBe(v => v.Type! == DataValidationValues.List && v.ShowErrorMessage! == true);

        var columns = data.Worksheet.Descendants<Column>().ToList();
        var idColumn = columns[Col("身份证号")];
        Format(doc, idColumn).NumberFormatId!.Value.ShouldBe(49u); // @ (text)
        var joinedColumn = columns[Col("入党日期")];
        FormatCode(doc, Format(doc, joinedColumn).NumberFormatId!.Value).ShouldBe("yyyy-mm-dd");
    }

    private static CellFormat Format(SpreadsheetDocument doc, Column column) =>
        doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)column.Style!.Value);

    [Fact]
    public void Template_filled_with_three_members_imports_without_errors()
    {
        var stream = new MemoryStream();
        RosterWorkbook.Template(stream);

        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var part = Sheet(doc, 0);
            var sheetData = part.Worksheet.GetFirstChild<SheetData>()!;
            var dateStyle = (uint)doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
                .ToList().FindIndex(f => f.NumberFormatId?.Value == 164 && f.BorderId?.Value == 0);
            for (var i = 1; i <= 3; i++)
            {
                var row = new Row { RowIndex = (uint)(i + 1) };
                var values = ValidRow(i);
                for (var c = 0; c < values.Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{i + 1}";
                    switch (values[c])
                    {
                        case string s:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) });
                            break;
                        case DateOnly d when i == 2:
                            // As someone typing into the cell might leave it: text.
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture))) });
                            break;
                        case DateOnly d:
                            var serial = (d.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture);
                            row.Append(new Cell { CellReference = reference, StyleIndex = dateStyle, CellValue = new CellValue(serial) });
                            break;
                    }
                }
                sheetData.Append(row);
            }
            part.Worksheet.Save();
        }
        stream.Position = 0;

        var result = MemberImport.Read(stream, new DomainRules());

        result.Errors.ShouldBeEmpty();
        result.Succeeded.ShouldBeTrue();
        result.Rows.Count.ShouldBe(3);
        result.Rows.Select(r => r.Row).ShouldBe([2, 3, 4]);
        var first = result.Rows[0];
        first.Name.ShouldBe("张三1");
        first.Gender.ShouldBe("男");
        first.BirthDate.ShouldBeNull();
        first.Education.ShouldBe("大学本科");
        first.Category.ShouldBe("在职党员");
        first.Status.ShouldBe("正式党员");
        first.JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1));
        first.NationalId.ShouldBe(Id("11010519800101101"));
        first.Mobile.ShouldBe("13812345671");
        first.WorkUnitId.ShouldBe(UnitId);
        first.GridId.ShouldBe(GridId);
        first.ServiceIntentions.ShouldBe(["政策宣传", "法律援助"]);
        first.Raw["入党日期"].ShouldBe("2010-07-01");
        first.Raw["详细住址"].ShouldBe("");
        result.Rows[1].JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1)); // from the text 2010年7月1日
    }

    [Fact]
    public void Choice_values_are_the_Domain_enum_display_names()
    {
        MemberImportColumns.Genders.ShouldBe(DisplayNames<Gender>());
        MemberImportColumns.Educations.ShouldBe(DisplayNames<Education>());
        MemberImportColumns.Categories.ShouldBe(DisplayNames<MemberCategory>());
        MemberImportColumns.Statuses.ShouldBe(DisplayNames<MembershipStatus>());
        MemberImportColumns.ServiceCategories.ShouldBe(DisplayNames<ServiceCategory>());
    }

    private static IEnumerable<string> DisplayNames<T>() where T : struct, Enum =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<DisplayAttribute>()?.Name)
            .Where(n => n is not null)!;
}
