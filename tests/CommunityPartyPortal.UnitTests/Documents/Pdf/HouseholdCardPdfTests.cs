using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.Pdf.SampleServiceCards;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

public sealed class HouseholdCardPdfTests(ITestOutputHelper output)
{
    [Fact]
    public void A_card_shows_the_household_the_paired_members_and_the_visits()
    {
        var card = Household(2);
        var path = PopplerTools.Save(HouseholdCardPdf.Render([card]), "household-card-single");

        PopplerTools.Pages(path).ShouldBe(1);
        PopplerTools.PageSize(path).ShouldBe((595, 842));
        var text = PopplerTools.CompactText(path);
        text.ShouldContain(HouseholdCardPdf.Title);
        text.ShouldContain("周桂芬2");
        text.ShouldContain("2026-联系-000002");
        text.ShouldContain("110***********002X");
        text.ShouldContain("138****0002");
        text.ShouldContain("1946年（80岁）");
        text.ShouldContain("贫困户困难党员残疾人贫困学生孤寡老人");
        text.ShouldContain("独居，老伴已故");
        text.ShouldContain("陪同就医");
        text.ShouldContain("张建国凤翔县财政局138****00012026年3月1日");
        text.ShouldContain("李秀英");
        text.ShouldContain("2026年3月15日");
        text.ShouldContain("第1次走访");
        text.ShouldContain("2026-03-14");
        text.ShouldContain("助困"); // visit 1
        text.ShouldContain("城关镇东大街社区党委（盖章）");
        text.ShouldContain("中共凤翔县财政局机关支部委员会（盖章）");
        text.ShouldContain("联系对象");
        text.ShouldContain("签字");
        text.ShouldContain("第1页共1页");
        output.WriteLine(PopplerTools.Png(path, "household-card", 80));
    }

    [Fact]
    public void A_long_visit_history_runs_over_pages_with_the_header_row_repeated()
    {
        var card = Household(4, visits: 40);
        var path = PopplerTools.Save(HouseholdCardPdf.Render([card]), "household-card-long");

        var pages = PopplerTools.Pages(path);
        pages.ShouldBeGreaterThanOrEqualTo(2);
        var texts = ServiceRecordCardPdfTests.PageTexts(path);
        texts[0].ShouldContain("第1次走访");
        texts[0].ShouldNotContain("第40次走访");
        var second = texts[1];
        second.ShouldContain($"{HouseholdCardPdf.Title}（续）");
        second.ShouldContain("户主：周桂芬4");
        second.ShouldContain(card.Serial);
        second.ShouldContain("序号走访日期走访党员帮扶类型帮扶内容");
        second.ShouldContain("第30次走访");
        second.ShouldContain($"第2页共{pages}页");
        texts[^1].ShouldContain("第40次走访");
        texts[^1].ShouldContain("城关镇东大街社区党委（盖章）");
        output.WriteLine(PopplerTools.Png(path, "household-card-long", 80));
    }

    [Fact]
    public void A_batch_has_one_card_from_each_new_page()
    {
        byte[] pdf;
        var used = new List<int>();
        using (var batch = new PdfBatch(HouseholdCardPdf.Title))
        {
            foreach (var card in new[] { Household(0), Household(1, visits: 40), Household(2, visits: 0) })
            {
                used.Add(HouseholdCardPdf.AddTo(batch, card));
            }

            pdf = batch.ToArray();
        }

        var path = PopplerTools.Save(pdf, "household-card-batch");
        PopplerTools.Pages(path).ShouldBe(used.Sum());
        used[0].ShouldBe(1);
        used[2].ShouldBe(1);
        var texts = ServiceRecordCardPdfTests.PageTexts(path);
        texts[0].ShouldContain("2026-联系-000000");
        texts[1].ShouldContain("2026-联系-000001");
        texts[^1].ShouldContain("2026-联系-000002");
        texts[^1].ShouldContain("暂无走访记录");
        PopplerTools.Pages(PopplerTools.Save(HouseholdCardPdf.Render([Household(0), Household(1, visits: 40), Household(2, visits: 0)]), "household-card-render"))
            .ShouldBe(used.Sum());
    }

    [Fact]
    public void A_kind_outside_the_list_prints_under_other_and_missing_values_stay_blank()
    {
        var card = Household(3) with { Kind = "低保户", NationalId = null, Mobile = null, BirthYear = null, Members = [], UnitPartyOrganisation = null };
        var text = PopplerTools.CompactText(PopplerTools.Save(HouseholdCardPdf.Render([card]), "household-card-other"));
        text.ShouldContain("其他：低保户");
        text.ShouldContain("80岁");
        text.ShouldContain("结对党员");
        text.ShouldContain("周桂芬3");
    }

    [Fact]
    public void Words_stay_inside_the_margins()
    {
        var card = Household(5, visits: 50) with
        {
            FamilySituation = string.Concat(Enumerable.Repeat("独居，老伴已故，无子女；患高血压、糖尿病，行动不便，靠养老金生活。", 10)),
            Address = string.Concat(Enumerable.Repeat("城关镇东大街幸福家园小区7号楼1单元102室", 4)),
        };
        var words = PopplerTools.WordBoxes(PopplerTools.Save(HouseholdCardPdf.Render([card]), "household-card-margins"));
        var margin = 8 * 72 / 25.4;
        words.ShouldAllBe(w => w.XMin >= margin && w.XMax <= w.PageWidth - margin && w.YMin >= margin && w.YMax <= w.PageHeight - margin);
    }

    [Fact]
    public void The_birth_text_uses_what_is_known()
    {
        HouseholdCardPdf.BirthText(1946, 80).ShouldBe("1946年（80岁）");
        HouseholdCardPdf.BirthText(1946, null).ShouldBe("1946年");
        HouseholdCardPdf.BirthText(null, 80).ShouldBe("80岁");
        HouseholdCardPdf.BirthText(null, null).ShouldBe(string.Empty);
    }
}
