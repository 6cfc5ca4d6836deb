using System.Text;
using CommunityPartyPortal.Documents.Excel;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

public sealed class MemberImportTests
{
    private static MemberImportResult Import(Stream file) => MemberImport.Read(file, new FakeRules());

    private static object?[] Spoil(int i, string column, object? value)
    {
        var row = ValidRow(i);
        row[Col(column)] = value;
        return row;
    }

    /// <summary>Exactly this one error; the bad row is not among the rows (the other rows are, see the tests below).</summary>
    private static void ShouldHaveOnly(MemberImportResult result, int row, string column, string message)
    {
        result.Succeeded.ShouldBeFalse();
        result.Rows.ShouldNotContain(r => r.Row == row);
        result.Errors.ShouldBe([new ImportError(row, column, message)]);
    }

    [Fact]
    public void A_valid_file_gives_the_rows()
    {
        var result = Import(WithRows(ValidRow(1), ValidRow(2)));
        result.Errors.ShouldBeEmpty();
        result.Rows.Count.ShouldBe(2);
        result.Rows[1].Name.ShouldBe("张三2");
        result.Rows[1].JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1));
    }

    [Fact]
    public void Not_a_zip_is_refused()
    {
        var result = Import(new MemoryStream(Encoding.UTF8.GetBytes("姓名,身份证号\n张三,110105194912311234\n")));
        ShouldHaveOnly(result, 0, "", "文件不是有效的Excel（.xlsx）文件");
    }

    [Fact]
    public void An_old_xls_or_encrypted_file_is_refused_with_a_hint()
    {
        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        ShouldHaveOnly(Import(new MemoryStream(ole)), 0, "", "不支持旧版.xls文件或加密的文件，请在Excel中另存为不加密的.xlsx文件后再导入");
    }

    [Fact]
    public void A_zip_without_a_workbook_is_refused()
    {
        var zip = Zip([("word/document.xml", s => s.Write("<w:document/>"u8))]);
        ShouldHaveOnly(Import(zip), 0, "", "文件不是有效的Excel（.xlsx）文件");
    }

    [Fact]
    public void A_file_over_10MB_is_refused_before_it_is_read()
    {
        var big = new byte[10 * 1024 * 1024 + 1];
        "PK\x03\x04"u8.CopyTo(big);
        ShouldHaveOnly(Import(new MemoryStream(big)), 0, "", "文件不能超过10MB");
    }

    [Fact]
    public async Task A_non_seekable_upload_over_10MB_is_refused_after_reading_at_most_10MB_and_a_chunk()
    {
        var upload = new EndlessStream();
        var result = await MemberImport.ReadAsync(upload, new FakeRules());
        ShouldHaveOnly(result, 0, "", "文件不能超过10MB");
        upload.BytesRead.ShouldBeLessThanOrEqualTo(10 * 1024 * 1024 + 1);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_the_SDK_opens_it()
    {
        // 50 MB of zeros deflate to about 50 KB: a ratio near 1000.
        var bomb = Zip(
        [
            ("[Content_Types].xml", s => s.Write("<Types/>"u8)),
            ("xl/workbook.xml", s => s.Write("<workbook/>"u8)),
            ("xl/worksheets/sheet1.xml", s =>
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 50; i++) s.Write(zeros);
            }),
        ]);
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        ShouldHaveOnly(Import(bomb), 0, "", "文件内容异常（疑似压缩炸弹），已拒绝");
    }

    [Fact]
    public void Too_many_zip_entries_are_refused()
    {
        var many = Zip(Enumerable.Range(0, 1001).Select(i => ($"xl/media/{i}.txt", (Action<Stream>)(s => s.WriteByte(1)))));
        ShouldHaveOnly(Import(many), 0, "", "文件内容异常（疑似压缩炸弹），已拒绝");
    }

    [Fact]
    public void More_than_100MB_uncompressed_is_refused_even_at_a_modest_ratio()
    {
        // Runs of four 64-byte tokens in random order: about 30:1, so each entry passes the ratio check.
        var random = new Random(42);
        var tokens = Enumerable.Range(0, 4).Select(t => Encoding.ASCII.GetBytes(new string((char)('a' + t), 63) + "\n")).ToArray();
        var chunk = new byte[1024 * 1024];
        var file = Zip(
        [
            ("xl/workbook.xml", s => s.Write("<workbook/>"u8)),
            .. Enumerable.Range(0, 11).Select(i => ($"xl/worksheets/sheet{i + 1}.xml", (Action<Stream>)(s =>
            {
                for (var mb = 0; mb < 10; mb++)
                {
                    for (var o = 0; o < chunk.Length; o += 64) tokens[random.Next(4)].CopyTo(chunk, o);
                    s.Write(chunk);
                }
            }))),
        ]);
        file.Length.ShouldBeLessThan(10 * 1024 * 1024);
        using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            zip.Entries.ShouldAllBe(e => e.Length < 200 * Math.Max(1, e.CompressedLength));
        }
        file.Position = 0;
        ShouldHaveOnly(Import(file), 0, "", "文件内容异常（疑似压缩炸弹），已拒绝");
    }

    [Fact]
    public void A_missing_required_column_is_reported_by_name()
    {
        var header = ImportHeader.Where(h => h != "身份证号").ToArray();
        var row = ValidRow(1).Where((_, i) => i != Col("身份证号")).ToArray();
        ShouldHaveOnly(Import(Workbook([header, row])), 1, "身份证号", "缺少列：身份证号");
    }

    [Fact]
    public void Every_missing_column_is_reported_and_optional_or_extra_columns_do_not_matter()
    {
        string[] header = ["序号", "姓名", "备注", "手机号码"];
        var result = Import(Workbook([header, ["1", "张三", "x", "13812345678"]]));
        result.Errors.Select(e => e.Message).ShouldBe(["缺少列：学历", "缺少列：党员类别", "缺少列：正式/预备", "缺少列：入党日期", "缺少列：身份证号"]);
        result.Errors.ShouldAllBe(e => e.Row == 1);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_spaces_and_asterisks_in_the_header()
    {
        var order = Enumerable.Range(0, ImportHeader.Length).Reverse().ToArray();
        var header = order.Select(i => ImportHeader[i] == "姓名" ? "*姓 名" : ImportHeader[i]).ToArray<object?>();
        var row = order.Select(i => ValidRow(1)[i]).ToArray();
        var result = Import(Workbook([header, row]));
        result.Errors.ShouldBeEmpty();
        result.Rows.Single().Name.ShouldBe("张三1");
    }

    [Fact]
    public void Title_rows_above_the_header_are_skipped()
    {
        var result = Import(Workbook([["幸福社区党员名册"], ["填报单位：幸福社区"], ImportHeader, ValidRow(1)]));
        result.Errors.ShouldBeEmpty();
        result.Rows.Single().Row.ShouldBe(4);
    }

    [Fact]
    public void Without_a_header_the_first_row_is_checked_as_one()
    {
        var result = Import(Workbook([["幸福社区党员名册"], ["张三", "男"], ["李四", "女"]]));
        result.Errors.Count.ShouldBe(7);
        result.Errors.ShouldAllBe(e => e.Row == 1 && e.Message.StartsWith("缺少列："));
    }

    [Fact]
    public void A_bad_ID_is_reported_with_the_rules_message()
    {
        var result = Import(WithRows(ValidRow(1), Spoil(2, "身份证号", FakeRules.BadId)));
        ShouldHaveOnly(result, 3, "身份证号", "身份证号校验位不正确，请核对");
        result.Rows.Select(r => r.Row).ShouldBe([2]);
    }

    [Fact]
    public void An_ID_that_Excel_turned_into_a_number_is_reported()
    {
        var result = Import(WithRows(Spoil(1, "身份证号", 110105194912311234d)));
        ShouldHaveOnly(result, 2, "身份证号", "身份证号被Excel存成了数字，末几位可能已丢失，请将该列设为文本格式后重新填写");
    }

    [Fact]
    public void A_bad_phone_is_reported_with_the_rules_message()
    {
        var result = Import(WithRows(Spoil(1, "手机号码", "23812345678")));
        ShouldHaveOnly(result, 2, "手机号码", "手机号码应为以1开头的11位数字（第二位为3-9）");
    }

    [Fact]
    public void A_phone_stored_as_a_number_is_read_as_its_digits()
    {
        var result = Import(WithRows(Spoil(1, "手机号码", 13812345678d)));
        result.Errors.ShouldBeEmpty();
        result.Rows.Single().Mobile.ShouldBe("13812345678");
    }

    [Theory]
    [InlineData("2010-07-01")]
    [InlineData("2010-7-1")]
    [InlineData("2010/7/1")]
    [InlineData("2010/07/01")]
    [InlineData("2010年7月1日")]
    public void Dates_are_read_from_text_in_the_accepted_formats(string text)
    {
        var result = Import(WithRows(Spoil(1, "入党日期", text)));
        result.Errors.ShouldBeEmpty();
        result.Rows.Single().JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1));
    }

    [Theory]
    [InlineData("2010.07.01")]
    [InlineData("2010-13-01")]
    [InlineData("七月一日")]
    public void A_bad_date_is_reported(string text)
    {
        var result = Import(WithRows(Spoil(1, "入党日期", text)));
        ShouldHaveOnly(result, 2, "入党日期", "入党日期应为yyyy-MM-dd、yyyy/M/d或yyyy年M月d日格式的日期");
    }

    [Fact]
    public void A_plain_number_in_a_date_column_is_not_taken_for_a_date()
    {
        var result = Import(WithRows(Spoil(1, "出生日期", 19800101d)));
        ShouldHaveOnly(result, 2, "出生日期", "出生日期应为yyyy-MM-dd、yyyy/M/d或yyyy年M月d日格式的日期");
    }

    [Fact]
    public void A_date_cell_with_a_custom_Chinese_format_is_a_date_but_a_custom_number_format_is_not()
    {
        var result = Import(WithRows(Spoil(1, "入党日期", new Styled(Serial(new DateOnly(2010, 7, 1)), 2))));
        result.Errors.ShouldBeEmpty();
        result.Rows.Single().JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1));

        result = Import(WithRows(Spoil(1, "入党日期", new Styled(Serial(new DateOnly(2010, 7, 1)), 3))));
        ShouldHaveOnly(result, 2, "入党日期", "入党日期应为yyyy-MM-dd、yyyy/M/d或yyyy年M月d日格式的日期");
    }

    [Fact]
    public void A_future_date_is_reported()
    {
        var result = Import(WithRows(Spoil(1, "入党日期", Today.AddDays(1))));
        ShouldHaveOnly(result, 2, "入党日期", "入党日期不能晚于今天");
    }

    [Fact]
    public void A_value_outside_the_choices_is_reported_with_the_choices()
    {
        var result = Import(WithRows(Spoil(1, "正式/预备", "正式")));
        ShouldHaveOnly(result, 2, "正式/预备", "正式/预备应为以下之一：正式党员、预备党员");
    }

    [Fact]
    public void An_unknown_service_intention_is_reported()
    {
        var result = Import(WithRows(Spoil(1, "服务意向", "政策宣传、唱歌")));
        ShouldHaveOnly(result, 2, "服务意向", "服务意向“唱歌”不在可选范围内，应为：政策宣传、法律援助、医疗保健、扶贫帮困、便民利民、文化娱乐、治安调解、环境保护");
    }

    [Fact]
    public void A_duplicate_ID_names_the_first_row()
    {
        var duplicate = Spoil(3, "身份证号", ValidRow(1)[Col("身份证号")]);
        var result = Import(WithRows(ValidRow(1), ValidRow(2), duplicate));
        ShouldHaveOnly(result, 4, "身份证号", "与第2行身份证号重复");
        result.Rows.Select(r => r.Row).ShouldBe([2, 3], "the first holder of the ID is a clean row");
    }

    [Fact]
    public void A_duplicate_ID_is_found_whatever_the_case_of_the_X()
    {
        var id = Id("11010519491231002");
        id.ShouldEndWith("X");
        var result = Import(WithRows(Spoil(1, "身份证号", id), Spoil(2, "身份证号", id.ToLowerInvariant())));
        ShouldHaveOnly(result, 3, "身份证号", "与第2行身份证号重复");
    }

    [Fact]
    public void An_unknown_unit_and_grid_are_reported()
    {
        var row = Spoil(1, "工作单位", "县发改局");
        row[Col("网格")] = "第九网格";
        var result = Import(WithRows(row));
        result.Errors.ShouldBe(
        [
            new ImportError(2, "工作单位", "系统中没有名为“县发改局”的工作单位"),
            new ImportError(2, "网格", "系统中没有名为“第九网格”的网格"),
        ]);
    }

    [Fact]
    public void Missing_required_values_and_overlong_text_are_reported()
    {
        var row = Spoil(1, "姓名", "   ");
        row[Col("学历")] = null;
        row[Col("职务")] = new string('长', 101);
        var result = Import(WithRows(row));
        result.Errors.ShouldBe(
        [
            new ImportError(2, "姓名", "请填写姓名"),
            new ImportError(2, "学历", "请填写学历"),
            new ImportError(2, "职务", "职务不能超过100个字"),
        ]);
    }

    [Fact]
    public void Every_bad_cell_of_every_bad_row_is_listed()
    {
        var badPhoneAndDate = Spoil(2, "手机号码", "12345");
        badPhoneAndDate[Col("入党日期")] = "去年";
        var result = Import(WithRows(
            ValidRow(1),
            badPhoneAndDate,
            ValidRow(3),
            Spoil(4, "身份证号", FakeRules.BadId),
            Spoil(5, "性别", "男性")));

        result.Succeeded.ShouldBeFalse();
        result.Rows.Select(r => r.Row).ShouldBe([2, 4], "the clean rows come with the errors, for the caller's own checks");
        result.Errors.Count.ShouldBe(4);
        result.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(3, "入党日期"), (3, "手机号码"), (5, "身份证号"), (6, "性别")]);
        result.Errors.Select(e => e.Row).Distinct().ShouldBe([3, 5, 6]);
        result.Errors[0].ToString().ShouldBe("第3行【入党日期】：入党日期应为yyyy-MM-dd、yyyy/M/d或yyyy年M月d日格式的日期");
    }

    [Fact]
    public void The_clean_rows_are_returned_parsed_next_to_the_errors_of_the_bad_ones()
    {
        var result = Import(WithRows(ValidRow(1), Spoil(2, "手机号码", "23812345678"), ValidRow(3), Spoil(4, "网格", "第九网格")));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(3, "手机号码"), (5, "网格")]);
        result.Rows.Select(r => r.Row).ShouldBe([2, 4]);
        result.Rows.Select(r => r.Name).ShouldBe(["张三1", "张三3"]);
        result.Rows[1].Mobile.ShouldBe("13812345673");
        result.Rows[1].GridId.ShouldBe(GridId);
        result.Rows[1].JoinedPartyOn.ShouldBe(new DateOnly(2010, 7, 1));
    }

    [Fact]
    public void A_broken_header_gives_no_rows()
    {
        var header = ImportHeader.Where(h => h != "学历").ToArray();
        var row = ValidRow(1).Where((_, i) => i != Col("学历")).ToArray();
        var result = Import(Workbook([header, row]));
        result.Errors.ShouldBe([new ImportError(1, "学历", "缺少列：学历")]);
        result.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void Blank_rows_are_ignored()
    {
        var result = Import(Workbook([ImportHeader, ValidRow(1), [null, "  "], [], ValidRow(2), [], []]));
        result.Errors.ShouldBeEmpty();
        result.Rows.Select(r => r.Row).ShouldBe([2, 5]);
    }

    [Fact]
    public void A_header_without_data_is_reported()
    {
        ShouldHaveOnly(Import(Workbook([ImportHeader])), 2, "", "没有可导入的党员数据");
    }

    [Fact]
    public void An_empty_sheet_is_reported()
    {
        ShouldHaveOnly(Import(Workbook([])), 0, "", "第一个工作表是空的，请按模板填写表头和党员信息");
    }

    /// <summary>Never ends: an upload that keeps coming.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            BytesRead += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
