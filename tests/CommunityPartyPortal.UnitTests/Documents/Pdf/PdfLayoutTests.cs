using Shouldly;
using Xunit;
using CommunityPartyPortal.Documents;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

public sealed class PdfLayoutTests
{
    [Fact]
    public void Dates_are_written_the_Chinese_way()
    {
        ChineseDate.Format(new DateOnly(2026, 4, 10)).ShouldBe("2026年4月10日");
        ChineseDate.Format(new DateOnly(2026, 11, 30)).ShouldBe("2026年11月30日");
        ChineseDate.Format((DateOnly?)null).ShouldBe(string.Empty);
        ChineseDate.Format(null, ChineseDate.Blank).ShouldBe("　　年　　月　　日");
        ChineseDate.YearMonth(new DateOnly(1985, 3, 12)).ShouldBe("1985年3月");
    }

    [Fact]
    public void A_paged_table_repeats_its_header_and_numbers_the_pages()
    {
        var columns = new List<TableColumn>
        {
            new("序号", 8),
            new("姓名", 14),
            new("工作单位", 40, TextAlign.Left),
            new("身份证号", 30),
            new("报到日期", 20),
        };
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string?>)
        [
            i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"党员{i}",
            i % 10 == 0 ? "凤翔县人力资源和社会保障局就业服务中心第二党支部（很长的单位名称会换行显示）" : "凤翔县财政局",
            $"110***********{i:000}X",
            "2026年4月10日",
        ]);

        byte[] pdf;
        int pages;
        using (var batch = new PdfBatch("社区在职党员名册") { PageNumbers = true })
        {
            pages = new PagedTable(columns).Draw(batch, rows, (canvas, page) =>
            {
                var y = FormParts.Title(canvas, "社区在职党员名册", 0);
                return FormParts.HeaderLine(canvas, y, "MC-2026-001", "填报社区", "城关镇东大街社区党委", "填报日期", new DateOnly(2026, 4, 30)) + 2;
            });
            pdf = batch.ToArray();
        }

        var path = PopplerTools.Save(pdf, "paged-table");
        pages.ShouldBeGreaterThan(1);
        PopplerTools.Pages(path).ShouldBe(pages);
        var text = PopplerTools.CompactText(path);
        PopplerTools.Count(text, "工作单位身份证号").ShouldBe(pages); // the header row on every page
        text.ShouldContain($"第1页共{pages}页");
        text.ShouldContain($"第{pages}页共{pages}页");
        text.ShouldContain("党员120");
        text.ShouldContain("110***********120X");
        PopplerTools.Png(path, "paged-table");
    }

    [Fact]
    public void A_batch_mixes_forms_in_one_document()
    {
        // A member's reporting pack: the letter (two-up), both cards, and a custom page drawn with the layout layer.
        byte[] pdf;
        using (var batch = new PdfBatch("报到材料"))
        {
            ReportLetterPdf.AddTo(batch, SampleForms.Letter(2));
            MemberInfoCardPdf.AddTo(batch, SampleForms.InfoCard(2), CardCopies.Unit);
            CommitmentCardPdf.AddTo(batch, SampleForms.CommitmentCard(2));
            batch.Add([SampleForms.Receipt(2)], (canvas, r) =>
            {
                var y = FormParts.Title(canvas, "报到情况说明", 0);
                y = FormParts.HeaderLine(canvas, y, r.Serial, "社区", r.Community, "日期", r.IssuedOn);
                var grid = new FormGrid(30, canvas.Width - 30)
                    .Row(GridCell.Label("党员姓名"), GridCell.Value(r.MemberName))
                    .Row(GridCell.Label("证明信编号"), GridCell.Value(r.LetterSerialText));
                y = grid.Draw(canvas, 0, y + 2) + 20;
                FormParts.SealBlock(canvas, canvas.Width, y, r.Community, r.IssuedOn);
            });
            batch.PageCount.ShouldBe(4);
            pdf = batch.ToArray();
        }

        var path = PopplerTools.Save(pdf, "mixed-batch");
        PopplerTools.Pages(path).ShouldBe(4);
        var text = PopplerTools.CompactText(path);
        text.ShouldContain(ReportLetterPdf.Title);
        text.ShouldContain(MemberInfoCardPdf.Title);
        text.ShouldContain(CommitmentCardPdf.Title);
        text.ShouldContain("报到情况说明");
        text.ShouldContain(CardCopies.Unit);
        PopplerTools.Fonts(path).Split('\n').Count(l => l.Contains("Noto Serif SC", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void The_font_files_are_found_in_a_given_folder_flat_or_in_the_npm_layout()
    {
        var flat = Directory.CreateTempSubdirectory("cpp-fonts-flat").FullName;
        File.WriteAllBytes(Path.Combine(flat, DocumentFonts.RegularFileName), [0]);
        File.WriteAllBytes(Path.Combine(flat, DocumentFonts.BoldFileName), [0]);
        DocumentFonts.TryLocate(flat, out var found, out _).ShouldBeTrue();
        found.RegularPath.ShouldBe(Path.Combine(flat, DocumentFonts.RegularFileName));
        found.BoldPath.ShouldBe(Path.Combine(flat, DocumentFonts.BoldFileName));
        found.Source.ShouldBe("argument");

        var npm = Directory.CreateTempSubdirectory("cpp-fonts-npm").FullName;
        Directory.CreateDirectory(Path.Combine(npm, "400Regular"));
        File.WriteAllBytes(Path.Combine(npm, "400Regular", DocumentFonts.RegularFileName), [0]);
        DocumentFonts.TryLocate(npm, out found, out _).ShouldBeTrue();
        found.RegularPath.ShouldBe(Path.Combine(npm, "400Regular", DocumentFonts.RegularFileName));
        found.BoldPath.ShouldBeNull();
    }

    [Fact]
    public void An_empty_folder_is_skipped_and_the_search_goes_on()
    {
        var empty = Directory.CreateTempSubdirectory("cpp-fonts-empty").FullName;
        DocumentFonts.TryLocate(empty, out var found, out var searched).ShouldBeTrue();
        searched[0].ShouldStartWith(empty);
        found.RegularPath.ShouldNotStartWith(empty);
        File.Exists(found.RegularPath).ShouldBeTrue();
    }

    [Fact]
    public void Initialize_is_idempotent()
    {
        var first = DocumentFonts.Initialize();
        DocumentFonts.Initialize().ShouldBeSameAs(first);
        DocumentFonts.IsInitialized.ShouldBeTrue();
        File.Exists(first.RegularPath).ShouldBeTrue();
        first.BoldPath.ShouldNotBeNull();
    }
}
