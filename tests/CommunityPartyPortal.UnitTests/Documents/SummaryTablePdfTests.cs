using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.UnitTests.Documents.Pdf;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.SummarySamples;

namespace CommunityPartyPortal.UnitTests.Documents;

/// <summary>The summary tables as PDF, read back with pdftotext.</summary>
public sealed class SummaryTablePdfTests(ITestOutputHelper output)
{
    /// <summary>The two header rows in content order: the spanning headers, the leaf headers, then the group cells.</summary>
    private const string Header = "序号单位在职党员数开具报到函已报到报到率优秀合格基本合格不合格达标人数达标率服务时长（小时）报到率达标备注反馈评议等次年度要求";

    [Fact]
    public void A_small_table_prints_the_title_the_info_line_the_header_the_rows_the_totals_and_the_signature_line_on_A4_landscape()
    {
        var path = PopplerTools.Save(SummaryTablePdf.Render([UnitTable()]), "summary-small");
        PopplerTools.PageSize(path).ShouldBe((842, 595));
        PopplerTools.Fonts(path).ShouldContain("Noto Serif SC");
        var pages = PopplerTools.RawPages(path);
        pages.Count.ShouldBe(1);
        var page = pages[0];
        page.ShouldStartWith(UnitTitle);
        page.ShouldContain($"填报单位：{IssuedBy}范围：全县年度：2026年统计截至：2026年11月30日编号：2026-汇总-0001");
        page.ShouldContain(Header);
        page.ShouldContain("县财政局系统1县财政局40403895.0%1025303075.0%812.5是");
        page.ShouldContain("2县财政局国库支付中心20181575.0%410101260.0%240.3否3人报到函未回执");
        page.ShouldContain("县财政局系统小计70686390.0%1643405172.9%1202.8"); // 63 / 70, 51 / 70
        page.ShouldContain("县卫健局系统县卫健局系统小计000000000.0合计"); // the empty group: zeros, no rates
        // 合计: 150 members, 148 letters, 138 reported (92.0%), grades 34/93/10/1, 117 met (78.0%), 2688.9 hours.
        page.ShouldContain("合计15014813892.0%349310111778.0%2688.9");
        page.ShouldContain("填报人：审核人：单位（盖章）：日期：年月日");
        page.ShouldContain("第1页共1页");
    }

    [Fact]
    public void A_long_table_runs_over_pages_with_the_header_repeated_and_each_page_numbered()
    {
        var table = LongTable(45);
        var path = PopplerTools.Save(SummaryTablePdf.Render([table]), "summary-long");
        output.WriteLine(PopplerTools.Png(path, "summary-table", 70));
        var pages = PopplerTools.RawPages(path);
        pages.Count.ShouldBeGreaterThanOrEqualTo(3);
        for (var p = 0; p < pages.Count; p++)
        {
            PopplerTools.Count(pages[p], Header).ShouldBe(1, $"page {p + 1}");
            pages[p].ShouldContain($"第{p + 1}页共{pages.Count}页");
            if (p > 0)
            {
                pages[p].ShouldStartWith($"{UnitTitle}（续）");
            }
        }

        var all = string.Concat(pages);
        for (var i = 1; i <= 45; i++)
        {
            all.ShouldContain($"财政单位{i}");
            all.ShouldContain($"教育单位{i}");
        }

        var rows = Units("财政", 45).Concat(Units("教育", 45)).ToList();
        var members = rows.Sum(r => Convert.ToInt32(r.Values[0], System.Globalization.CultureInfo.InvariantCulture));
        var letters = rows.Sum(r => Convert.ToInt32(r.Values[1], System.Globalization.CultureInfo.InvariantCulture));
        var reported = rows.Sum(r => Convert.ToInt32(r.Values[2], System.Globalization.CultureInfo.InvariantCulture));
        var rate = ((decimal)reported / members * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        pages[^1].ShouldContain($"合计{members}{letters}{reported}{rate}%");
        pages[^1].ShouldContain("填报人：审核人：单位（盖章）：日期：");
    }

    [Fact]
    public void Several_tables_each_start_a_new_page_and_are_numbered_on_their_own()
    {
        var bytes = SummaryTablePdf.Render([LongTable(45), CommunityTable()]);
        var pages = PopplerTools.RawPages(PopplerTools.Save(bytes, "summary-two"));
        var last = pages[^1];
        last.ShouldStartWith(CommunityTitle);
        last.ShouldContain("序号社区报到党员数服务时长（小时）");
        last.ShouldContain("城关街道1幸福社区1202400.52和平社区801500.3城关街道小计2003900.8"); // 1500.25 shown 1500.3; the sum as given, 3900.75
        last.ShouldContain("第1页共1页");
        pages[^2].ShouldContain($"第{pages.Count - 1}页共{pages.Count - 1}页");
    }

    [Fact]
    public void A_table_with_only_an_empty_group_prints_its_header_subtotal_and_total()
    {
        var table = UnitTable([new SummaryGroup("县卫健局系统", [])]);
        var page = PopplerTools.RawPages(PopplerTools.Save(SummaryTablePdf.Render([table]), "summary-empty")).Single();
        page.ShouldContain(Header);
        page.ShouldContain("县卫健局系统小计");
        page.ShouldContain("合计000000000");
    }
}
