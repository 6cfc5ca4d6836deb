using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.UnitTests.Documents.Pdf;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.FeedbackSamples;

namespace CommunityPartyPortal.UnitTests.Documents;

public sealed class FeedbackLetterPdfTests(ITestOutputHelper output)
{
    [Fact]
    public void The_letter_counts_the_grades_names_the_vetoes_and_lists_the_members()
    {
        var letter = Letter(5);
        var path = PopplerTools.Save(FeedbackLetterPdf.Render(letter), "feedback-letter");

        PopplerTools.Pages(path).ShouldBe(1);
        PopplerTools.PageSize(path).ShouldBe((595, 842));
        var text = PopplerTools.CompactText(path);
        text.ShouldContain(FeedbackLetterPdf.Title);
        text.ShouldContain("编号：2026-反馈函-000007");
        text.ShouldContain("中共凤翔县财政局机关支部委员会：");
        text.ShouldContain("2026年第一季度（2026年1月1日至2026年3月31日）");
        text.ShouldContain("本次共反馈在职党员5名，其中评议为优秀1名、合格2名、基本合格1名、不合格1名。");
        text.ShouldContain($"社区党组织对以下1名党员提出一票否决意见，建议其本年度不作为评先评优对象：（1）{SampleForms.Name(4)}：长期不参加社区活动，群众反映差。");
        text.ShouldContain("附：反馈卡5份");

        text.ShouldContain("序号姓名评议等次是否否决");
        text.ShouldContain($"1{SampleForms.Name(0)}优秀否");
        text.ShouldContain($"4{SampleForms.Name(3)}基本合格否");
        text.ShouldContain($"5{SampleForms.Name(4)}不合格是");

        text.ShouldContain("城关镇东大街社区党委（盖章）");
        text.ShouldContain("2026年4月10日");
        text.ShouldContain("联系人：王秀兰联系电话：0917-7215678");
        text.ShouldContain("第1页共1页");
        output.WriteLine(PopplerTools.Png(path, "feedback-letter", 80));
    }

    [Fact]
    public void Without_vetoes_the_letter_says_so()
    {
        var letter = Letter(4);
        letter.Vetoed.ShouldBeEmpty();
        FeedbackLetterPdf.VetoSentence(letter).ShouldBe("本周期社区党组织未对你单位党员提出一票否决意见。");
        var text = PopplerTools.CompactText(PopplerTools.Save(FeedbackLetterPdf.Render(letter), "feedback-letter-no-veto"));
        text.ShouldContain("优秀1名、合格2名、基本合格1名、不合格0名。");
        text.ShouldContain("本周期社区党组织未对你单位党员提出一票否决意见。");
        text.ShouldNotContain("提出一票否决意见，建议");
    }

    [Fact]
    public void A_letter_of_sixty_members_runs_onto_a_second_page_with_the_header_row_repeated()
    {
        var letter = Letter(60);
        var path = PopplerTools.Save(FeedbackLetterPdf.Render(letter), "feedback-letter-60");

        PopplerTools.Pages(path).ShouldBe(2);
        var pages = ServiceRecordCardPdfTests.PageTexts(path);
        pages[0].ShouldContain("本次共反馈在职党员60名，其中评议为优秀12名、合格24名、基本合格12名、不合格12名。");
        pages[0].ShouldContain($"社区党组织对以下2名党员提出一票否决意见，建议其本年度不作为评先评优对象：（1）{SampleForms.Name(4)}：长期不参加社区活动，群众反映差；（2）{SampleForms.Name(14)}：在社区违规搭建，经劝导拒不整改。");
        pages[0].ShouldContain("附：反馈卡60份");
        pages[0].ShouldContain($"1{SampleForms.Name(0)}优秀否");
        pages[0].ShouldContain("第1页共2页");

        var second = pages[1];
        second.ShouldContain($"{FeedbackLetterPdf.Title}（续）");
        second.ShouldContain("致：中共凤翔县财政局机关支部委员会");
        second.ShouldContain("2026-反馈函-000007");
        second.ShouldContain("序号姓名评议等次是否否决");
        second.ShouldContain($"60{SampleForms.Name(59)}不合格否");
        second.ShouldContain("城关镇东大街社区党委（盖章）");
        second.ShouldContain("第2页共2页");

        // Every member is listed once, across the two pages.
        var all = string.Concat(pages);
        foreach (var i in new[] { 0, 17, 29, 30, 44, 59 })
        {
            all.ShouldContain($"{i + 1}{SampleForms.Name(i)}{letter.Members[i].Grade}");
        }

        output.WriteLine(PopplerTools.Png(path, "feedback-letter-60", 80));
    }

    [Fact]
    public void Ungraded_members_are_counted_apart_and_an_empty_letter_is_refused()
    {
        var letter = Letter(2) with { Members = [new("张建国", null, false, null), new("李秀英", FeedbackGrades.Qualified, false, null)] };
        FeedbackLetterPdf.GradeSentence(letter).ShouldBe("本次共反馈在职党员2名，其中评议为优秀0名、合格1名、基本合格0名、不合格0名、未评定1名。");
        PopplerTools.CompactText(PopplerTools.Save(FeedbackLetterPdf.Render(letter), "feedback-letter-ungraded")).ShouldContain("1张建国未评定否");

        Should.Throw<ArgumentException>(() => FeedbackLetterPdf.Render(Letter(0)));
        Should.Throw<ArgumentException>(() => FeedbackLetterPdf.Render(Letter(1) with { Members = [new("张建国", "良好", false, null)] }));
    }
}
