using System.Diagnostics;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.UnitTests.Documents.Pdf;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.FeedbackSamples;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class FeedbackCardPdfTests(ITestOutputHelper output)
{
    [Fact]
    public void A_batch_of_two_cards_is_one_document_with_one_card_a_page()
    {
        var first = Card(0) with { Grade = FeedbackGrades.Qualified };
        var second = Card(1) with { Grade = FeedbackGrades.Excellent, Opinion = "该同志热心社区公益，带头认领岗位，群众评价高。" };
        var path = PopplerTools.Save(FeedbackCardPdf.Render([first, second]), "feedback-cards-2");

        PopplerTools.Pages(path).ShouldBe(2);
        PopplerTools.PageSize(path).ShouldBe((595, 842));
        PopplerTools.Fonts(path).ShouldContain("Noto Serif SC Regular");
        var pages = ServiceRecordCardPdfTests.PageTexts(path);
        pages.Count.ShouldBe(2);

        var page = pages[0];
        page.ShouldContain(FeedbackCardPdf.Title);
        page.ShouldContain($"编号：{Serial(0)}");
        page.ShouldNotContain(Serial(1));
        page.ShouldContain($"姓名{first.Name}");
        page.ShouldContain("社区党组织：城关镇东大街社区党委");
        page.ShouldContain("反馈日期：2026年4月10日");
        page.ShouldContain("工作单位凤翔县财政局");
        page.ShouldContain("居住社区城关镇东大街社区");
        page.ShouldContain("职务预算股副股长");
        page.ShouldContain("反馈周期2026年第一季度统计期间2026年1月1日至2026年3月31日");

        // Card 0: 3 services on 2 days, 450 minutes = 7.5 hours; 1 post, 2 wishes, 1 household visited 3 times, 1 suggestion, 4 of 6 requirements.
        page.ShouldContain("服务次数3次服务天数2天服务时长（小时）7.5");
        page.ShouldContain("认领岗位1个完成微心愿2个");
        page.ShouldContain("1户/3次");
        page.ShouldContain("提出建议1条年度要求完成4/6");

        // The chosen grade is ticked, the other three boxes are empty.
        page.ShouldContain($"{FeedbackCardPdf.Tick}合格");
        PopplerTools.Count(page, FeedbackCardPdf.Tick).ShouldBe(2); // the grade and 否 of the veto row
        page.ShouldContain($"{FeedbackCardPdf.Tick}否");
        page.ShouldContain("优秀");
        page.ShouldContain("基本合格");
        page.ShouldContain("不合格");
        page.ShouldNotContain("否决理由");

        page.ShouldContain(first.Opinion!);
        page.ShouldContain("城关镇东大街社区党委（盖章）");
        page.ShouldContain("单位党组织签收意见");
        page.ShouldContain("中共凤翔县财政局机关支部委员会（盖章）");
        page.ShouldContain("签收人");
        page.ShouldNotContain("更正件");

        var next = pages[1];
        next.ShouldContain($"编号：{Serial(1)}");
        next.ShouldContain($"姓名{second.Name}");
        next.ShouldContain($"{FeedbackCardPdf.Tick}优秀");
        next.ShouldNotContain($"{FeedbackCardPdf.Tick}合格");
        next.ShouldContain("服务次数4次服务天数3天服务时长（小时）8.0"); // 480 minutes
        next.ShouldContain("群众评价高");
        output.WriteLine(PopplerTools.Png(path, "feedback-card", 80));
    }

    [Fact]
    public void A_veto_is_ticked_with_its_reason_and_the_requirement_lines_are_listed()
    {
        var card = Card(2) with
        {
            Grade = FeedbackGrades.Unqualified,
            Veto = true,
            VetoReason = "本季度无故不参加社区活动，经提醒仍不改正。",
            Requirements =
            [
                new("全年服务次数或服务时长", "≥2次或≥8小时", "3次/7.5小时", true),
                new("提出一条合理化建议", "≥1条", "0条", false),
            ],
        };
        var text = PopplerTools.CompactText(PopplerTools.Save(FeedbackCardPdf.Render([card]), "feedback-card-veto"));

        text.ShouldContain($"{FeedbackCardPdf.Tick}不合格");
        text.ShouldContain($"{FeedbackCardPdf.Tick}是");
        text.ShouldNotContain($"{FeedbackCardPdf.Tick}否");
        text.ShouldContain("否决理由：本季度无故不参加社区活动，经提醒仍不改正。");
        text.ShouldContain("考核要求要求完成情况是否达标");
        text.ShouldContain("全年服务次数或服务时长≥2次或≥8小时3次/7.5小时是");
        text.ShouldContain("提出一条合理化建议≥1条0条否");
    }

    [Fact]
    public void An_ungraded_card_leaves_every_box_empty()
    {
        var text = PopplerTools.CompactText(PopplerTools.Save(FeedbackCardPdf.Render([Card(3) with { Grade = null, Opinion = null }]), "feedback-card-draft"));
        PopplerTools.Count(text, FeedbackCardPdf.Tick).ShouldBe(1); // only 否 of the veto row
        text.ShouldContain("评议等次优秀合格基本合格不合格");
    }

    [Fact]
    public void A_correction_is_marked_and_names_the_card_it_corrects()
    {
        var card = Card(4) with { Serial = "2026-反馈-000104", Revision = 2, Corrects = Serial(4) };
        var text = PopplerTools.CompactText(PopplerTools.Save(FeedbackCardPdf.Render([card]), "feedback-card-correction"));
        text.ShouldContain("更正件（第2版）");
        text.ShouldContain($"本卡为编号{Serial(4)}反馈卡的更正件（第2版）");
        text.ShouldContain("编号：2026-反馈-000104");
    }

    [Fact]
    public void A_long_opinion_wraps_and_stays_on_its_page()
    {
        var opinion = string.Concat(Enumerable.Range(1, 40).Select(i => $"第{i}条：该同志积极参加社区活动，服务热情高，群众评价好。"));
        var card = Card(5) with
        {
            Opinion = opinion + "意见结束。",
            WorkUnit = string.Concat(Enumerable.Repeat("凤翔县人力资源和社会保障局就业服务中心", 3)),
            Veto = true,
            VetoReason = string.Concat(Enumerable.Repeat("多次无故缺席社区活动。", 8)),
        };
        var path = PopplerTools.Save(FeedbackCardPdf.Render([card, Card(6)]), "feedback-card-long");

        PopplerTools.Pages(path).ShouldBe(2); // the long card is scaled down to its page, the next card keeps its own
        var pages = ServiceRecordCardPdfTests.PageTexts(path);
        pages[0].ShouldContain("第1条：该同志积极参加社区活动");
        pages[0].ShouldContain("第40条：该同志积极参加社区活动");
        pages[0].ShouldContain("意见结束。");
        pages[0].ShouldContain("城关镇东大街社区党委（盖章）");
        pages[0].ShouldContain("签收人");
        pages[1].ShouldContain(Serial(6));
        pages[1].ShouldNotContain("第1条");

        var margin = 8 * 72 / 25.4;
        var words = PopplerTools.WordBoxes(path);
        words.ShouldNotBeEmpty();
        words.ShouldAllBe(w => w.XMin >= margin && w.XMax <= w.PageWidth - margin && w.YMin >= margin && w.YMax <= w.PageHeight - margin);
        output.WriteLine(PopplerTools.Png(path, "feedback-card-long", 80));
    }

    [Fact]
    public void A_grade_outside_the_four_and_an_empty_batch_are_refused()
    {
        Should.Throw<ArgumentException>(() => FeedbackCardPdf.Render([Card(0) with { Grade = "良好" }])).Message.ShouldContain("良好");
        Should.Throw<ArgumentException>(() => FeedbackCardPdf.Render([]));
    }

    [Fact]
    public void A_units_batch_of_five_hundred_cards_is_one_document_of_five_hundred_pages()
    {
        var cards = Enumerable.Range(0, 500).Select(i => Card(i) with { Grade = FeedbackGrades.All[i % 4] }).ToList();
        FeedbackCardPdf.Render([cards[0]]); // fonts loaded and parsed once, outside the measurement

        var watch = Stopwatch.StartNew();
        var pdf = FeedbackCardPdf.Render(cards);
        watch.Stop();

        var path = PopplerTools.Save(pdf, "feedback-cards-500");
        PopplerTools.Pages(path).ShouldBe(500);
        var pages = ServiceRecordCardPdfTests.PageTexts(path);
        pages[499].ShouldContain($"编号：{Serial(499)}");
        pages[499].ShouldContain($"{FeedbackCardPdf.Tick}{FeedbackGrades.All[499 % 4]}");

        // Informational only (other test classes run in parallel): never assert timings.
        output.WriteLine($"500 反馈卡: {watch.ElapsedMilliseconds} ms, {pdf.Length / 1024.0 / 1024.0:0.00} MB");
    }

    [Fact]
    public void Cards_add_to_a_batch_after_the_covering_letter()
    {
        byte[] pdf;
        using (var batch = new PdfBatch(FeedbackLetterPdf.Title))
        {
            FeedbackLetterPdf.AddTo(batch, Letter(3)).ShouldBe(1);
            foreach (var card in Enumerable.Range(0, 3).Select(Card))
            {
                FeedbackCardPdf.AddTo(batch, card);
            }

            pdf = batch.ToArray();
        }

        var pages = ServiceRecordCardPdfTests.PageTexts(PopplerTools.Save(pdf, "feedback-letter-and-cards"));
        pages.Count.ShouldBe(4);
        pages[0].ShouldContain(FeedbackLetterPdf.Title);
        pages[0].ShouldContain("附：反馈卡3份");
        pages[1].ShouldContain(Serial(0));
        pages[3].ShouldContain(Serial(2));
    }
}

/// <summary>Display-ready 反馈卡 and 反馈函 records: card i carries serial 2026-反馈-{i:000000}.</summary>
internal static class FeedbackSamples
{
    public static readonly DateOnly IssuedOn = new(2026, 4, 10);

    public static string Serial(int i) => $"2026-反馈-{i:000000}";

    /// <summary>Card i: 3 + i services on 2 + i days, 450 + 30·i minutes, graded 合格, no veto.</summary>
    public static FeedbackCardRecord Card(int i) => new(
        Serial: Serial(i),
        IssuedBy: "城关镇东大街社区党委",
        IssuedOn: IssuedOn,
        Year: 2026,
        CycleLabel: "2026年第一季度",
        PeriodStart: new DateOnly(2026, 1, 1),
        PeriodEnd: new DateOnly(2026, 3, 31),
        Name: SampleForms.Name(i),
        Gender: i % 2 == 0 ? "男" : "女",
        WorkUnit: "凤翔县财政局",
        Community: "城关镇东大街社区")
    {
        Post = "预算股副股长",
        UnitPartyOrganisation = "中共凤翔县财政局机关支部委员会",
        Services = 3 + i,
        Days = 2 + i,
        Minutes = 450 + (30 * i),
        PostsClaimed = 1,
        WishesFulfilled = 2,
        HouseholdsPaired = 1,
        HouseholdVisits = 3,
        Suggestions = 1,
        RequirementsMet = 4,
        RequirementsTotal = 6,
        Grade = FeedbackGrades.Qualified,
        Opinion = "该同志积极参加社区活动，服务热情高，群众评价好。",
    };

    /// <summary>A letter listing <paramref name="members"/> members, graded in turn 优秀, 合格, 合格, 基本合格, 不合格; members 4 and 14 are vetoed.</summary>
    public static FeedbackLetterRecord Letter(int members) => new(
        Serial: "2026-反馈函-000007",
        IssuedBy: "城关镇东大街社区党委",
        ToUnit: "中共凤翔县财政局机关支部委员会",
        IssuedOn: IssuedOn,
        CycleLabel: "2026年第一季度",
        PeriodStart: new DateOnly(2026, 1, 1),
        PeriodEnd: new DateOnly(2026, 3, 31),
        Members: [.. Enumerable.Range(0, members).Select(Member)])
    {
        ContactPerson = "王秀兰",
        ContactPhone = "0917-7215678",
    };

    public static FeedbackLetterMember Member(int i) => (i % 5) switch
    {
        0 => new(SampleForms.Name(i), FeedbackGrades.Excellent, false, null),
        1 or 2 => new(SampleForms.Name(i), FeedbackGrades.Qualified, false, null),
        3 => new(SampleForms.Name(i), FeedbackGrades.BasicallyQualified, false, null),
        _ when i is 4 or 14 => new(SampleForms.Name(i), FeedbackGrades.Unqualified, true, i == 4 ? "长期不参加社区活动，群众反映差" : "在社区违规搭建，经劝导拒不整改。"),
        _ => new(SampleForms.Name(i), FeedbackGrades.Unqualified, false, null),
    };
}
