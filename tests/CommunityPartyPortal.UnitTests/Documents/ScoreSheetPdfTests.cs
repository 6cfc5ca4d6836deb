using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.UnitTests.Documents.Pdf;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.ScoreSheetSamples;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class ScoreSheetPdfTests(ITestOutputHelper output)
{
    private const string HeaderRow = "类别（分值）序号考评内容分值得分评分说明";

    [Fact]
    public void A_23_item_sheet_prints_every_item_with_its_score_the_subtotals_and_the_100_point_total()
    {
        var sheet = Sheet(0);
        var path = PopplerTools.Save(ScoreSheetPdf.Render([sheet]), "score-sheet-23");

        PopplerTools.PageSize(path).ShouldBe((595, 842));
        PopplerTools.Fonts(path).ShouldContain("Noto Serif SC");
        var pages = PopplerTools.RawPages(path);
        pages.Count.ShouldBe(PopplerTools.Pages(path));
        pages.Count.ShouldBeGreaterThan(1);
        var first = pages[0];
        first.ShouldStartWith($"{RubricName}评分表");
        first.ShouldContain("考评对象长桥街道新家社区考评年度2026年编号2026-考评-000001");
        first.ShouldContain($"考评活动{SessionTitle}名次第1名（共3个）");
        first.ShouldContain($"考评单位{IssuedBy}状态{ScoreSheetPdf.LockedMark}");
        first.ShouldContain($"细则制定{Issuer}总分93.5分（满分100分）");

        // Every item in rubric order, in its row: 序号, 考评内容 (with the portal's evidence under it), 分值, 得分, 评分说明.
        var all = string.Concat(pages);
        var items = sheet.Categories.SelectMany(c => c.Items).ToList();
        items.Count.ShouldBe(23);
        var at = 0;
        foreach (var item in items)
        {
            var evidence = item.Evidence is null ? "" : ScoreSheetPdf.EvidencePrefix + item.Evidence;
            var row = $"{item.No}{item.Text}{evidence}{ScoreText.Format(item.Points)}{ScoreText.Format(item.Score)}{item.Comment}";
            var found = all.IndexOf(row, at, StringComparison.Ordinal);
            found.ShouldBeGreaterThanOrEqualTo(0, $"item {item.No}");
            at = found + row.Length;
        }

        all.ShouldContain("16组织关系在社区的党员参与率要超过60%，集中服务活动每两月不少于1次平台数据：参与率62.5%（25/40）；集中服务6个双月均有32.5第16项：台账不够完整，扣0.5分");
        foreach (var (category, subtotal) in sheet.Categories.Zip(new[] { "19.5", "18.5", "13.5", "13.5", "15", "13.5" }))
        {
            all.ShouldContain($"小计{ScoreText.Format(category.Points)}{subtotal}");
        }

        all.ShouldContain("小计1513.5合计10093.5评分人（签字）：审核人（签字）：");
        all.ShouldContain($"{IssuedBy}（盖章）2026年12月15日");
        all.ShouldNotContain(ScoreSheetPdf.DraftMark);
        all.ShouldNotContain("未评分");

        // The header row on every page, the later pages headed 「…评分表（续）」 with the target and 编号, each page numbered.
        for (var p = 0; p < pages.Count; p++)
        {
            PopplerTools.Count(pages[p], HeaderRow).ShouldBe(1, $"page {p + 1}");
            pages[p].ShouldEndWith($"第{p + 1}页共{pages.Count}页");
            if (p > 0)
            {
                pages[p].ShouldStartWith($"{RubricName}评分表（续）考评对象：长桥街道新家社区考评年度：2026年编号：2026-考评-000001{HeaderRow}");
            }
        }

        CategoriesAreCaptionedOnEveryPageTheyReach(sheet, pages);
        output.WriteLine(PopplerTools.Png(path, "score-sheet", 80));
    }

    [Fact]
    public void A_draft_is_marked_on_every_page_and_unscored_items_are_left_blank_and_counted()
    {
        var sheet = Sheet(1, locked: false, scoredUpTo: 20) with { Rank = null };
        var pages = PopplerTools.RawPages(PopplerTools.Save(ScoreSheetPdf.Render([sheet]), "score-sheet-draft"));

        // The watermark is drawn first on each page, under the content.
        pages.ShouldAllBe(p => p.StartsWith(ScoreSheetPdf.DraftMark, StringComparison.Ordinal));
        var all = string.Concat(pages);
        all.ShouldContain($"状态{ScoreSheetPdf.DraftMark}细则制定");
        all.ShouldContain($"名次{ScoreSheetPdf.Unranked}");
        all.ShouldContain("总分82.5分（满分100分）");

        var texts = Rubric[5].Items.ToDictionary(i => i.No, i => i.Text);
        all.ShouldContain($"21{texts[21]}422{texts[22]}423{texts[23]}3小计152.5尚有3项未评分合计10082.5尚有3项未评分");
    }

    [Fact]
    public void A_batch_of_three_sheets_starts_each_on_a_new_page_and_numbers_each_sheets_pages()
    {
        var sheets = Targets.Select((_, i) => Sheet(i)).ToList();
        List<int> used;
        byte[] bytes;
        using (var batch = new PdfBatch(ScoreSheetPdf.DocumentTitle))
        {
            used = [.. sheets.Select(s => ScoreSheetPdf.AddTo(batch, s))];
            bytes = batch.ToArray();
        }

        var path = PopplerTools.Save(bytes, "score-sheets-3");
        var pages = PopplerTools.RawPages(path);
        pages.Count.ShouldBe(used.Sum());
        PopplerTools.Pages(PopplerTools.Save(ScoreSheetPdf.Render(sheets), "score-sheets-3-render")).ShouldBe(used.Sum());

        var start = 0;
        for (var k = 0; k < sheets.Count; k++)
        {
            var own = pages.Skip(start).Take(used[k]).ToList();
            own[0].ShouldStartWith($"{RubricName}评分表考评对象{Targets[k]}考评年度2026年编号{Serial(k)}");
            own[0].ShouldContain($"名次第{k + 1}名（共3个）");
            own.ShouldAllBe(p => p.Contains(Serial(k)));
            own.ShouldAllBe(p => !p.Contains(Serial((k + 1) % 3)));
            for (var p = 0; p < own.Count; p++)
            {
                own[p].ShouldEndWith($"第{p + 1}页共{used[k]}页");
            }

            own[^1].ShouldContain("合计10093.5");
            CategoriesAreCaptionedOnEveryPageTheyReach(sheets[k], own);
            start += used[k];
        }
    }

    [Fact]
    public void A_long_comment_wraps_in_its_cell_and_a_long_rubric_name_wraps_in_the_title()
    {
        var comment = string.Concat(Enumerable.Repeat("社区干部培训台账缺少签到表和课时记录，", 14)) + "扣1分。";
        var sheet = WithScore(Sheet(2), 3, 3m) with { RubricName = "吴中区“六位一体”社区党建机制暨在职党员进社区工作年度考评细则" };
        sheet = sheet with
        {
            Categories = [sheet.Categories[0] with { Items = [.. sheet.Categories[0].Items.Select(i => i.No == 3 ? i with { Comment = comment } : i)] }, .. sheet.Categories.Skip(1)],
        };

        var pages = PopplerTools.RawPages(PopplerTools.Save(ScoreSheetPdf.Render([sheet]), "score-sheet-long"));
        var all = string.Concat(pages);
        all.ShouldStartWith($"{sheet.RubricName}评分表考评对象");
        all.ShouldContain($"3{Rubric[0].Items[2].Text}43{comment}4{Rubric[0].Items[3].Text}");
        all.ShouldContain("合计10092.5");
        CategoriesAreCaptionedOnEveryPageTheyReach(sheet, pages);

        // The signatures and the seal are on the page of the 合计 row, after it.
        pages[^1].ShouldContain($"合计10092.5评分人（签字）：审核人（签字）：{IssuedBy}（盖章）2026年12月15日");
    }

    [Fact]
    public void No_sheet_or_a_score_above_its_points_is_refused()
    {
        Should.Throw<ArgumentException>(() => ScoreSheetPdf.Render([]));
        Should.Throw<ArgumentException>(() => ScoreSheetPdf.Render([WithScore(Sheet(0), 16, 3.5m)])).Message.ShouldContain("item 16");
    }

    /// <summary>
    /// Each page's table opens with the header row and then the caption of a category: the category's own caption
    /// when its first item follows, 「（续）」 after it when the category began on an earlier page.
    /// </summary>
    private static void CategoriesAreCaptionedOnEveryPageTheyReach(ScoreSheetRecord sheet, IReadOnlyList<string> pages)
    {
        var continued = 0;
        for (var p = 0; p < pages.Count; p++)
        {
            var index = pages[p].IndexOf(HeaderRow, StringComparison.Ordinal);
            index.ShouldBeGreaterThanOrEqualTo(0);
            var rest = pages[p][(index + HeaderRow.Length)..];
            var category = sheet.Categories.SingleOrDefault(c => rest.StartsWith(c.Caption, StringComparison.Ordinal));
            category.ShouldNotBeNull($"page {p + 1} starts with no category: {rest[..Math.Min(40, rest.Length)]}");
            var after = rest[category.Caption.Length..];
            if (after.StartsWith("（续）", StringComparison.Ordinal))
            {
                p.ShouldBeGreaterThan(0);
                after.ShouldNotStartWith($"（续）{category.Items[0].No}{category.Items[0].Text}");
                continued++;
            }
            else
            {
                after.ShouldStartWith($"{category.Items[0].No}{category.Items[0].Text}");
            }

            // A caption once per page, and never a 小计 alone at the top of a page.
            PopplerTools.Count(pages[p], category.Caption).ShouldBe(1);
            after.TrimStart('（', '续', '）').ShouldNotStartWith("小计");
        }

        continued.ShouldBeLessThan(pages.Count);
    }
}
