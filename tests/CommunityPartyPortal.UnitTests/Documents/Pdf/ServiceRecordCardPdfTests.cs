using System.Diagnostics;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.Pdf.SampleServiceCards;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

public sealed class ServiceRecordCardPdfTests(ITestOutputHelper output)
{
    [Fact]
    public void A_card_shows_the_member_the_services_the_totals_and_the_requirements()
    {
        var card = Card(2);
        var path = PopplerTools.Save(ServiceRecordCardPdf.Render([card]), "service-card-single");

        PopplerTools.Pages(path).ShouldBe(1);
        PopplerTools.PageSize(path).ShouldBe((595, 842));
        var text = PopplerTools.CompactText(path);
        text.ShouldContain(ServiceRecordCardPdf.Title);
        text.ShouldContain(card.Name);
        text.ShouldContain("2026-写实-000002");
        text.ShouldContain("138****0002");
        text.ShouldContain("城关镇东大街社区党委");
        text.ShouldContain("就业服务股股长");
        text.ShouldContain("2026年11月22日");
        text.ShouldContain("第1次服务");
        text.ShouldContain("2026-01-13");

        // 3 services on 2 days, 120 + 150 + 180 minutes = 7.5 hours.
        card.Totals.ShouldBe(new ServiceTotals(3, 2, 450));
        text.ShouldContain("服务次数3次服务天数2天累计时长（小时）7.5");

        text.ShouldContain("全年服务次数或服务时长≥2次或≥8小时3次/7.5小时是");
        text.ShouldContain("提出一条合理化建议≥1条0条否");
        text.ShouldContain("该同志积极参加社区活动");
        text.ShouldContain("城关镇东大街社区党委（盖章）");
        text.ShouldContain("签收人");
        text.ShouldContain("第1页共1页");
        output.WriteLine(PopplerTools.Png(path, "service-card", 80));
    }

    [Fact]
    public void A_long_card_runs_over_pages_with_the_header_row_repeated()
    {
        var card = Card(5, services: 45);
        var path = PopplerTools.Save(ServiceRecordCardPdf.Render([card]), "service-card-long");

        var pages = PopplerTools.Pages(path);
        pages.ShouldBeGreaterThanOrEqualTo(2);
        var pageTexts = PageTexts(path);
        pageTexts.Count.ShouldBe(pages);

        pageTexts[0].ShouldContain("第1次服务");
        pageTexts[0].ShouldNotContain("第45次服务");
        pageTexts[0].ShouldContain($"第1页共{pages}页");

        var second = pageTexts[1];
        second.ShouldContain($"{ServiceRecordCardPdf.Title}（续）");
        second.ShouldContain($"姓名：{card.Name}");
        second.ShouldContain(card.Serial);
        second.ShouldContain("序号服务日期活动/服务内容服务类别时长(小时)确认人状态"); // the header row again
        second.ShouldContain("第40次服务");
        second.ShouldContain($"第2页共{pages}页");

        // 45 listed, 41 counted (7, 17, 27, 37 pending).
        var totals = card.Totals;
        totals.Services.ShouldBe(41);
        var all = string.Concat(pageTexts);
        all.ShouldContain($"服务次数{totals.Services}次服务天数{totals.Days}天累计时长（小时）{totals.HoursText}");
        pageTexts[^1].ShouldContain("城关镇东大街社区党委（盖章）");
        PopplerTools.Count(all, "待确认").ShouldBe(4);
        output.WriteLine(PopplerTools.Png(path, "service-card-long", 80));
    }

    [Fact]
    public void Words_of_a_long_card_stay_inside_the_margins()
    {
        var card = Card(6, services: 60) with
        {
            WorkUnit = string.Concat(Enumerable.Repeat("凤翔县人力资源和社会保障局就业服务中心", 4)),
            GridAddress = string.Concat(Enumerable.Repeat("幸福家园小区3号楼2单元501室", 5)),
            CommunityOpinion = string.Concat(Enumerable.Repeat("该同志积极参加社区活动，服务热情高，群众评价好。", 12)),
        };
        var words = PopplerTools.WordBoxes(PopplerTools.Save(ServiceRecordCardPdf.Render([card]), "service-card-margins"));
        var margin = 8 * 72 / 25.4;
        words.ShouldNotBeEmpty();
        words.ShouldAllBe(w => w.XMin >= margin && w.XMax <= w.PageWidth - margin && w.YMin >= margin && w.YMax <= w.PageHeight - margin);
    }

    [Fact]
    public void A_batch_starts_each_card_on_a_new_page_and_numbers_the_pages_per_card()
    {
        byte[] pdf;
        var used = new List<int>();
        using (var batch = new PdfBatch(ServiceRecordCardPdf.Title))
        {
            foreach (var card in new[] { Card(0), Card(1, services: 45), Card(2, services: 10) })
            {
                used.Add(ServiceRecordCardPdf.AddTo(batch, card));
            }

            pdf = batch.ToArray();
        }

        var path = PopplerTools.Save(pdf, "service-card-batch");
        used[0].ShouldBe(1);
        used[1].ShouldBeGreaterThanOrEqualTo(2);
        used[2].ShouldBe(1); // ten services still fit on one page
        PopplerTools.Pages(path).ShouldBe(used.Sum());
        var pages = PageTexts(path);
        pages[0].ShouldContain(Serial(0));
        pages[1].ShouldContain(Serial(1));
        pages[1].ShouldContain($"第1页共{used[1]}页");
        pages[used[1]].ShouldContain($"第{used[1]}页共{used[1]}页");
        pages[^1].ShouldContain(Serial(2));
        pages[^1].ShouldContain("第1页共1页");
        PopplerTools.Count(string.Concat(pages), ServiceRecordCardPdf.Title + "（续）").ShouldBe(used[1] - 1);

        // The Render overload gives the same pages.
        PopplerTools.Pages(PopplerTools.Save(ServiceRecordCardPdf.Render([Card(0), Card(1, services: 45), Card(2, services: 10)]), "service-card-render")).ShouldBe(used.Sum());
    }

    [Fact]
    public void A_card_without_services_or_requirements_says_so()
    {
        var card = Card(3, services: 0) with { Requirements = [], Post = null, CommunityOpinion = null };
        var text = PopplerTools.CompactText(PopplerTools.Save(ServiceRecordCardPdf.Render([card]), "service-card-empty"));
        text.ShouldContain("本年度暂无服务记录");
        text.ShouldContain("服务次数0次服务天数0天累计时长（小时）0.0");
        text.ShouldNotContain("年度要求完成情况");
    }

    [Fact]
    public void Hours_are_rounded_down_to_one_decimal()
    {
        ServiceHours.Format(150).ShouldBe("2.5");
        ServiceHours.Format(60).ShouldBe("1.0");
        ServiceHours.Format(479).ShouldBe("7.9");
        ServiceHours.Format(0).ShouldBe("0.0");
        ServiceHours.FromMinutes(20).ShouldBe(0.3m);
    }

    [Fact]
    public void A_thousand_cards_of_ten_services_render_into_one_document()
    {
        var cards = Enumerable.Range(0, 1000).Select(i => Card(i, services: 10)).ToList();
        ServiceRecordCardPdf.Render([cards[0]]); // fonts loaded and parsed once, outside the measurement

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var pdf = ServiceRecordCardPdf.Render(cards);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var path = PopplerTools.Save(pdf, "service-cards-1000");
        PopplerTools.Pages(path).ShouldBe(1000);
        PopplerTools.PageSize(path).ShouldBe((595, 842));

        // Informational only (other test classes run in parallel): never assert timings.
        output.WriteLine(
            $"1,000 写实登记卡 × 10 services: {watch.ElapsedMilliseconds} ms, {pdf.Length / 1024.0 / 1024.0:0.00} MB; " +
            $"allocated ≈ {allocated / 1024 / 1024} MB, working set {Environment.WorkingSet / 1024 / 1024} MB");
    }

    /// <summary>The compact text of each page (pdftotext separates pages with a form feed).</summary>
    internal static IReadOnlyList<string> PageTexts(string path) =>
        [.. PopplerTools.Text(path).Split('\f').SkipLast(1).Select(p => string.Concat(p.Where(c => !char.IsWhiteSpace(c))))];
}
