using Shouldly;
using Xunit;
using System.Diagnostics;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using Xunit.Abstractions;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

public sealed class FormPdfTests(ITestOutputHelper output)
{
    public static TheoryData<string> Forms => ["letter", "info-card", "commitment-card", "receipt"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_single_form_shows_title_name_serial_and_masked_id(string form)
    {
        var f = FormCase.Of(form);
        var path = PopplerTools.Save(f.Render([2]), $"{form}-single");

        var text = PopplerTools.CompactText(path);
        text.ShouldContain(f.Title);
        text.ShouldContain(SampleForms.Name(2));
        text.ShouldContain(f.Serial(2));
        text.ShouldContain(f.MaskedValue(2));
        text.ShouldContain("2026年4月");
        text.ShouldContain("盖章");
        PopplerTools.Pages(path).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_batch_of_three_is_one_document_with_one_form_per_page(string form)
    {
        var f = FormCase.Of(form);
        var path = PopplerTools.Save(f.Render([0, 1, 2]), $"{form}-batch");

        PopplerTools.Pages(path).ShouldBe(3);
        var text = PopplerTools.CompactText(path);
        foreach (var i in new[] { 0, 1, 2 })
        {
            text.ShouldContain(SampleForms.Name(i));
            text.ShouldContain(f.MaskedValue(i));

            // Two-up forms carry the same serial on the stub and on the copy that is sent.
            PopplerTools.Count(text, f.Serial(i)).ShouldBe(f.TwoUp ? 2 : 1);
        }

        PopplerTools.Count(text, f.Title).ShouldBe(f.TwoUp ? 6 : 3);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Forms_are_A4_portrait_with_the_Song_font_embedded(string form)
    {
        var path = PopplerTools.Save(FormCase.Of(form).Render([1]), $"{form}-a4");

        PopplerTools.PageSize(path).ShouldBe((595, 842));
        var fonts = PopplerTools.Fonts(path);
        output.WriteLine(fonts);

        // Every font of the document is a subset of Noto Serif SC ("XXXXXX+Noto Serif SC Regular", ",Bold") with emb = yes.
        var rows = fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(l => l.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("NotoSerifSC", StringComparison.Ordinal));
        rows.ShouldAllBe(l => l.Contains("CID TrueType", StringComparison.Ordinal) && l.Contains(" yes yes yes ", StringComparison.Ordinal));
        rows.Count.ShouldBeLessThanOrEqualTo(2); // regular and bold, each embedded once
        PopplerTools.Info(path).ShouldContain("PDFsharp");
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Each_form_renders_to_a_png_for_review(string form)
    {
        var path = PopplerTools.Save(FormCase.Of(form).Render([2]), $"{form}-png");
        var png = PopplerTools.Png(path, form);
        File.Exists(png).ShouldBeTrue();
        output.WriteLine(png);
    }

    [Fact]
    public void Two_up_forms_have_a_stub_and_a_cut_line()
    {
        var letter = PopplerTools.Text(PopplerTools.Save(ReportLetterPdf.Render([SampleForms.Letter(2)]), "letter-stub"));
        letter.ShouldContain("裁 剪 线");
        letter.ShouldContain(ReportLetterPdf.StubTitle);

        var receipt = PopplerTools.Text(PopplerTools.Save(ReportReceiptPdf.Render([SampleForms.Receipt(2)]), "receipt-stub"));
        receipt.ShouldContain("裁 剪 线");
        receipt.ShouldContain(ReportReceiptPdf.StubTitle);
    }

    [Fact]
    public void The_receipt_is_addressed_to_the_unit_and_tells_the_reporting_date()
    {
        var onTime = SampleForms.Receipt(0);
        var withoutLetter = SampleForms.Receipt(1) with { IsLate = true };
        var text = PopplerTools.CompactText(PopplerTools.Save(ReportReceiptPdf.Render([onTime, withoutLetter]), "receipt-wording"));

        text.ShouldContain("中共凤翔县财政局机关支部委员会：");
        text.ShouldContain("已于2026年4月12日到我社区报到");
        text.ShouldContain($"持编号为{onTime.LetterSerial}的《在职党员进社区报到证明信》");
        text.ShouldContain(ReportReceiptRecord.NoLetter);
        text.ShouldContain("逾期报到");
        text.ShouldContain("特此回执");
    }

    [Fact]
    public void The_letter_is_addressed_to_the_community_and_sealed_by_the_unit()
    {
        var r = SampleForms.Letter(2);
        var text = PopplerTools.CompactText(PopplerTools.Save(ReportLetterPdf.Render([r]), "letter-wording"));

        text.ShouldContain($"{r.ToCommunity}：");
        text.ShouldContain($"{r.IssuingUnit}（盖章）");
        text.ShouldContain("2026年4月10日");
        text.ShouldContain("本证明信有效期至2026年5月15日");
        text.ShouldContain("经办人");
    }

    [Fact]
    public void Cards_print_on_A5_when_asked()
    {
        var info = PopplerTools.Save(MemberInfoCardPdf.Render([SampleForms.InfoCard(2)], PaperSize.A5), "info-card-a5");
        var commitment = PopplerTools.Save(CommitmentCardPdf.Render([SampleForms.CommitmentCard(2)], PaperSize.A5), "commitment-card-a5");

        PopplerTools.PageSize(info).ShouldBe((420, 595));
        PopplerTools.PageSize(commitment).ShouldBe((420, 595));
        PopplerTools.CompactText(info).ShouldContain(SampleForms.MaskedId(2));
        PopplerTools.CompactText(commitment).ShouldContain(CommitmentCardPdf.Title);
        output.WriteLine(PopplerTools.Png(info, "info-card-a5"));
        output.WriteLine(PopplerTools.Png(commitment, "commitment-card-a5"));
    }

    [Fact]
    public void Cards_print_both_copies_when_asked()
    {
        var photo = SampleForms.RedBackgroundPhoto();
        var info = PopplerTools.Save(MemberInfoCardPdf.Render([SampleForms.InfoCard(0, photo), SampleForms.InfoCard(1, photo)], PaperSize.A4, bothCopies: true), "info-card-copies");
        var commitment = PopplerTools.Save(CommitmentCardPdf.Render([SampleForms.CommitmentCard(0)], PaperSize.A4, bothCopies: true), "commitment-card-copies");

        PopplerTools.Pages(info).ShouldBe(4);
        PopplerTools.Pages(commitment).ShouldBe(2);
        var text = PopplerTools.CompactText(info);
        PopplerTools.Count(text, CardCopies.Unit).ShouldBe(2);
        PopplerTools.Count(text, CardCopies.Community).ShouldBe(2);
        PopplerTools.Count(text, SampleForms.InfoCard(1).Serial).ShouldBe(2);
        var images = PopplerTools.Images(info).Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        images.Count.ShouldBe(4); // the photo is drawn on four pages …
        images.Select(columns => columns[10]).Distinct().Count().ShouldBe(1); // … and stored once (one object ID)
        PopplerTools.CompactText(commitment).ShouldContain(CardCopies.Community);
        output.WriteLine(PopplerTools.Png(commitment, "commitment-card-copy"));
    }

    [Fact]
    public void The_info_card_embeds_the_photo_and_ticks_the_intentions()
    {
        var photo = SampleForms.RedBackgroundPhoto();
        var path = PopplerTools.Save(MemberInfoCardPdf.Render([SampleForms.InfoCard(3, photo)]), "info-card-photo");

        var images = PopplerTools.Images(path).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        images.Count.ShouldBe(1);
        var text = PopplerTools.CompactText(path);
        text.ShouldContain("其他：义务家教");
        text.ShouldNotContain("照片（红底小二寸）");
        output.WriteLine(PopplerTools.Png(path, "info-card-photo", 100));
    }

    [Fact]
    public void A_broken_photo_prints_the_placeholder()
    {
        var card = SampleForms.InfoCard(4, [0xFF, 0xD8, 0x00, 0x01, 0x02]);
        var text = PopplerTools.CompactText(PopplerTools.Save(MemberInfoCardPdf.Render([card]), "info-card-broken-photo"));
        text.ShouldContain("照片");
        text.ShouldContain(card.Name);
    }

    [Theory]
    [InlineData("letter")]
    [InlineData("receipt")]
    [InlineData("info-card")]
    [InlineData("commitment-card")]
    [InlineData("info-card-a5")]
    public void Overlong_values_wrap_and_stay_on_the_paper(string form)
    {
        var pdf = form switch
        {
            "letter" => ReportLetterPdf.Render([SampleForms.LongLetter()]),
            "receipt" => ReportReceiptPdf.Render([SampleForms.LongReceipt()]),
            "info-card" => MemberInfoCardPdf.Render([SampleForms.LongInfoCard()]),
            "info-card-a5" => MemberInfoCardPdf.Render([SampleForms.LongInfoCard()], PaperSize.A5),
            _ => CommitmentCardPdf.Render([SampleForms.LongCommitmentCard()]),
        };
        var path = PopplerTools.Save(pdf, $"long-{form}");

        PopplerTools.Pages(path).ShouldBe(1);
        var words = PopplerTools.WordBoxes(path);
        words.ShouldNotBeEmpty();
        words.ShouldAllBe(w => w.XMin >= 0 && w.YMin >= 0 && w.XMax <= w.PageWidth && w.YMax <= w.PageHeight);
        PopplerTools.CompactText(path).ShouldContain("（盖章）");
        output.WriteLine(PopplerTools.Png(path, $"long-{form}"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Regular_forms_keep_a_margin(string form)
    {
        var words = PopplerTools.WordBoxes(PopplerTools.Save(FormCase.Of(form).Render([0, 1]), $"{form}-margins"));
        var margin = 8 * 72 / 25.4; // 8 mm
        words.ShouldAllBe(w => w.XMin >= margin && w.XMax <= w.PageWidth - margin && w.YMin >= margin && w.YMax <= w.PageHeight - margin);
    }

    [Fact]
    public void Rendering_in_parallel_works()
    {
        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = ReportReceiptPdf.Render([SampleForms.Receipt(i)]));
        results.ShouldAllBe(pdf => pdf.Length > 1000);
    }

    [Fact]
    public void No_records_is_an_error()
    {
        Should.Throw<ArgumentException>(() => ReportReceiptPdf.Render([]));
    }

    [Fact]
    public void A_thousand_receipts_render_into_one_document()
    {
        var records = Enumerable.Range(0, 1000).Select(SampleForms.Receipt).ToList();
        ReportReceiptPdf.Render([records[0]]); // fonts loaded and parsed once, outside the measurement

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var pdf = ReportReceiptPdf.Render(records);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);

        var path = PopplerTools.Save(pdf, "receipts-1000");
        PopplerTools.Pages(path).ShouldBe(1000);
        PopplerTools.PageSize(path).ShouldBe((595, 842));

        // Informational only (other test classes run in parallel): never assert timings.
        output.WriteLine(
            $"1,000 receipts: {watch.ElapsedMilliseconds} ms, {pdf.Length / 1024.0 / 1024.0:0.00} MB ({pdf.Length:N0} bytes); " +
            $"allocated while rendering ≈ {allocated / 1024 / 1024} MB, managed heap {heapBefore / 1024 / 1024} → {heapAfter / 1024 / 1024} MB, " +
            $"working set {Environment.WorkingSet / 1024 / 1024} MB");
    }

    private sealed record FormCase(
        string Title, bool TwoUp, Func<int[], byte[]> Render, Func<int, string> Serial, Func<int, string> MaskedValue)
    {
        public static FormCase Of(string form) => form switch
        {
            "letter" => new(ReportLetterPdf.Title, true,
                ids => ReportLetterPdf.Render([.. ids.Select(SampleForms.Letter)]), i => SampleForms.Letter(i).Serial, SampleForms.MaskedId),
            "info-card" => new(MemberInfoCardPdf.Title, false,
                ids => MemberInfoCardPdf.Render([.. ids.Select(i => SampleForms.InfoCard(i))]), i => SampleForms.InfoCard(i).Serial, SampleForms.MaskedId),
            "commitment-card" => new(CommitmentCardPdf.Title, false,
                ids => CommitmentCardPdf.Render([.. ids.Select(SampleForms.CommitmentCard)]), i => SampleForms.CommitmentCard(i).Serial, SampleForms.MaskedMobile),
            "receipt" => new(ReportReceiptPdf.Title, true,
                ids => ReportReceiptPdf.Render([.. ids.Select(SampleForms.Receipt)]), i => SampleForms.Receipt(i).Serial, SampleForms.MaskedId),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }
}
