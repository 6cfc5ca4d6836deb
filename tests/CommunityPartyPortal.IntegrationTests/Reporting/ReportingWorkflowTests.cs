using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// 报到 through HTTP, as the three roles do it: the county sets the year, the unit verifies its count and
/// issues letters, the secretary confirms with the cards, the unit sees it at once and acknowledges the
/// receipt. Each test works in its own year so that the rates of one do not disturb another.
/// </summary>
public abstract partial class ReportingWorkflowTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [GeneratedRegex(@"^(\d{4})-证明信-(\d{6})$")]
    private static partial Regex LetterSerial();

    [GeneratedRegex(@"回执编号 (\d{4}-报到-\d{6})$")]
    private static partial Regex ReceiptInFlash();

    [Fact]
    public async Task The_whole_workflow_from_the_year_settings_to_the_acknowledged_receipt()
    {
        var today = Today(portal);
        var year = today.Year;

        // 1. The county fills the form with the seed 003 preset and saves it.
        using var county = await portal.ClientFor("county");
        var filled = await county.PostFormAsync("/settings/reporting-years/new",
            new Dictionary<string, string> { ["Year"] = Text(year), ["preset"] = "seed003" });
        var form = await ShouldBeFormWithErrorsAsync(filled);
        form.QuerySelector("#preset-applied")!.TextContent.ShouldContain("5月15日");
        form.QuerySelector("input[name=Deadline]")!.GetAttribute("value").ShouldBe($"{year}-05-15");
        form.QuerySelector("input[name=ThresholdPercent]")!.GetAttribute("value").ShouldBe("100");
        (await portal.WithDbAsync(db => db.ReportingYears.AnyAsync(y => y.Year == year))).ShouldBeFalse("a preset only fills the form");
        var saved = await county.PostFormAsync("/settings/reporting-years/new", FieldsOf(form, "#year-form"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(saved));
        saved.Headers.Location!.OriginalString.ShouldBe("/settings/reporting-years");
        var setting = await portal.WithDbAsync(db => db.ReportingYears.AsNoTracking().SingleAsync(y => y.Year == year));
        setting.Deadline.ShouldBe(new DateOnly(year, 5, 15));
        setting.ThresholdPercent.ShouldBe(100);
        setting.Preset.ShouldBe("seed003");
        (await county.GetDocumentAsync("/settings/reporting-years")).QuerySelector($"#years-list tr[data-year='{year}']").ShouldNotBeNull();

        // 2. The unit verifies its member count.
        var members = new[] { await AddMemberAsync(portal), await AddMemberAsync(portal), await AddMemberAsync(portal) };
        using var unit = await portal.ClientFor("unit");
        var dashboard = await unit.GetDocumentAsync("/reporting/unit");
        dashboard.QuerySelector("#reporting-unit")!.TextContent.ShouldContain($"{year}年度", Case.Sensitive, "the current year is the default");
        foreach (var m in members) StateOf(dashboard, m.Id).ShouldBe(nameof(MemberReportState.NotReported));
        var total = int.Parse(dashboard.QuerySelector("[data-count=all]")!.TextContent, CultureInfo.InvariantCulture);
        var verify = await unit.PostFormAsync("/reporting/unit/verify",
            new Dictionary<string, string> { ["Year"] = Text(year), ["VerifiedCount"] = Text(total), ["Notes"] = "经党委核实" }, "/reporting/unit");
        (await FlashAfterAsync(unit, verify)).Flash.ShouldContain($"核实党员数：{total}人");
        var unitAccount = await UserAsync(portal, "unit");
        var verification = await portal.WithDbAsync(db => db.UnitVerifications.AsNoTracking().SingleAsync(v => v.WorkUnitId == unitAccount.OrganizationId && v.Year == year));
        verification.VerifiedCount.ShouldBe(total);
        verification.VerifiedBy.ShouldBe(unitAccount.DisplayName);
        dashboard = await unit.GetDocumentAsync("/reporting/unit");
        dashboard.QuerySelector("#rate-denominator")!.TextContent.ShouldBe(Text(total));
        dashboard.QuerySelector("#rate-confirmed")!.TextContent.ShouldBe("0");
        dashboard.QuerySelector("#rate-badge")!.TextContent.ShouldBe("未达标");

        // 3. The unit issues the letters in one go: consecutive serials, addressed to the members' community.
        var issued = await IssueLettersAsync(unit, year, [.. members.Select(m => m.Id)]);
        (await FlashAfterAsync(unit, issued)).Flash.ShouldStartWith("已开具3份证明信");
        var letters = new List<ReportLetter>();
        foreach (var m in members) letters.Add((await LettersOfAsync(portal, m.Id)).ShouldHaveSingleItem());
        var numbers = letters.Select(l => LetterSerial().Match(l.Serial)).ToList();
        numbers.ShouldAllBe(n => n.Success && n.Groups[1].Value == Text(year));
        var sorted = numbers.Select(n => int.Parse(n.Groups[2].Value, CultureInfo.InvariantCulture)).Order().ToList();
        sorted.ShouldBe(Enumerable.Range(sorted[0], 3).ToList(), "the serials of one batch are consecutive");
        var secretaryAccount = await UserAsync(portal, "secretary");
        letters.ShouldAllBe(l => l.CommunityId == secretaryAccount.OrganizationId && l.Year == year && l.Status == LetterStatus.Issued
                                 && l.IssuedOn == today && l.IssuedBy == unitAccount.DisplayName);
        letters.ShouldAllBe(l => l.WorkUnitId == members[0].WorkUnitId);
        dashboard = await unit.GetDocumentAsync("/reporting/unit");
        foreach (var m in members) StateOf(dashboard, m.Id).ShouldBe(nameof(MemberReportState.LetterIssued));
        RowOf(dashboard, members[0].Id)!.TextContent.ShouldContain(letters[0].Serial);

        // 4. The secretary sees the pending letters and confirms the first member with the cards.
        using var secretary = await portal.ClientFor("secretary");
        var community = await secretary.GetDocumentAsync("/reporting/community");
        foreach (var l in letters) community.QuerySelector($"#pending-list tr[data-letter-id='{l.Id}']").ShouldNotBeNull();
        community.QuerySelector($"#without-letter-list tr[data-member-id='{members[0].Id}']").ShouldBeNull();
        var reportedOn = today < setting.Deadline ? today : setting.Deadline;
        var confirmPage = await secretary.GetDocumentAsync($"/reporting/community/confirm/{members[0].Id}?year={year}&letter={letters[0].Id}");
        confirmPage.QuerySelector("select[name=LetterId] option[selected]")!.GetAttribute("value").ShouldBe(letters[0].Id.ToString());
        confirmPage.QuerySelector("#confirm-name")!.TextContent.ShouldBe(members[0].Name);
        var flash = await ConfirmAsync(portal, secretary, members[0].Id, year, reportedOn, letters[0].Id, f => f
            .With("Building", "7号楼").With("Room", "1单元502").With("Specialties", "法律咨询")
            .With("PostWanted", "党员公益岗").With("ServiceTime", "周六上午"));
        var receipt = ReceiptInFlash().Match(flash);
        receipt.Success.ShouldBeTrue(flash);
        flash.ShouldStartWith("已确认报到，回执编号 ");

        var report = (await ReportsOfAsync(portal, members[0].Id)).ShouldHaveSingleItem();
        report.ReceiptSerial.ShouldBe(receipt.Groups[1].Value);
        report.ReceiptSerial.ShouldStartWith($"{year}-报到-");
        report.InfoCardSerial.ShouldStartWith($"{year}-信息卡-");
        report.CommitmentSerial.ShouldStartWith($"{year}-承诺卡-");
        report.CommunityId.ShouldBe(secretaryAccount.OrganizationId);
        report.LetterId.ShouldBe(letters[0].Id);
        report.ReportedOn.ShouldBe(reportedOn);
        report.IsLate.ShouldBeFalse();
        report.ConfirmedBy.ShouldBe(secretaryAccount.DisplayName);
        report.PostWanted.ShouldBe("党员公益岗");
        report.FreeTime.ShouldBe("周六上午");
        report.Promises.ShouldBe("每月参加一次社区志愿服务");
        report.ActiveSlot.ShouldBe(1);
        (await LettersOfAsync(portal, members[0].Id)).Single().Status.ShouldBe(LetterStatus.Used);
        var updated = await MemberAsync(portal, members[0].Id);
        updated.Building.ShouldBe("7号楼");
        updated.Room.ShouldBe("1单元502");
        updated.Specialties.ShouldBe("法律咨询");

        community = await secretary.GetDocumentAsync("/reporting/community");
        community.QuerySelector($"#pending-list tr[data-letter-id='{letters[0].Id}']").ShouldBeNull();
        var rosterRow = community.QuerySelector($"#roster-list tr[data-report-id='{report.Id}']")!;
        rosterRow.TextContent.ShouldContain(letters[0].Serial);
        rosterRow.TextContent.ShouldContain(report.ReceiptSerial);
        rosterRow.QuerySelector(".late-badge").ShouldBeNull();

        // 5. The unit sees the report at once, and the rate moves.
        dashboard = await unit.GetDocumentAsync("/reporting/unit");
        StateOf(dashboard, members[0].Id).ShouldBe(nameof(MemberReportState.Reported));
        RowOf(dashboard, members[0].Id)!.TextContent.ShouldContain(report.ReceiptSerial);
        RowOf(dashboard, members[0].Id)!.QuerySelector(".no-letter-badge").ShouldBeNull();
        dashboard.QuerySelector("#rate-confirmed")!.TextContent.ShouldBe("1");
        dashboard.QuerySelector("#rate-value")!.TextContent.ShouldBe((Math.Round(100m / total, 1)).ToString("0.0", CultureInfo.InvariantCulture) + "%");

        // 6. The unit acknowledges the receipt.
        var acknowledged = await unit.PostFormAsync($"/reporting/reports/{report.Id}/receipt-received", new Dictionary<string, string>(), "/reporting/unit");
        (await FlashAfterAsync(unit, acknowledged)).Flash.ShouldContain("已确认收到报到回执");
        var received = (await ReportsOfAsync(portal, members[0].Id)).Single();
        received.ReceiptReceivedAt.ShouldNotBeNull();
        received.ReceiptReceivedBy.ShouldBe(unitAccount.DisplayName);
        dashboard = await unit.GetDocumentAsync("/reporting/unit");
        StateOf(dashboard, members[0].Id).ShouldBe(nameof(MemberReportState.ReceiptReceived));
        var again = await unit.PostFormAsync($"/reporting/reports/{report.Id}/receipt-received", new Dictionary<string, string>(), "/reporting/unit");
        (await FlashAfterAsync(unit, again)).Error.ShouldContain("已确认收到");

        // The still-missing list holds the other two.
        var missing = await unit.GetDocumentAsync($"/reporting/unit?year={year}&state=missing");
        RowOf(missing, members[0].Id).ShouldBeNull();
        RowOf(missing, members[1].Id).ShouldNotBeNull();
        RowOf(missing, members[2].Id).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_report_without_a_letter_is_shown_to_the_unit_as_without_letter()
    {
        var year = Today(portal).Year - 1;
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var community = await secretary.GetDocumentAsync($"/reporting/community?year={year}");
        community.QuerySelector($"#without-letter-list tr[data-member-id='{member.Id}']").ShouldNotBeNull();
        community.QuerySelector("#year-not-set")!.TextContent.ShouldContain("县委组织部尚未设置该年度报到要求");

        var form = await ConfirmFormAsync(secretary, member.Id, year, new DateOnly(year, 3, 1));
        form.Value("LetterId").ShouldBe("", "no letter: 无证明信 is the choice");
        await ConfirmAsync(portal, secretary, member.Id, year, new DateOnly(year, 3, 1));
        var report = (await ReportsOfAsync(portal, member.Id)).ShouldHaveSingleItem();
        report.LetterId.ShouldBeNull();
        report.Year.ShouldBe(year);
        report.IsLate.ShouldBeFalse("no deadline is set for the year");

        community = await secretary.GetDocumentAsync($"/reporting/community?year={year}");
        community.QuerySelector($"#roster-list tr[data-report-id='{report.Id}'] .no-letter-badge")!.TextContent.ShouldBe("无证明信");

        using var unit = await portal.ClientFor("unit");
        var dashboard = await unit.GetDocumentAsync($"/reporting/unit?year={year}");
        StateOf(dashboard, member.Id).ShouldBe(nameof(MemberReportState.Reported));
        RowOf(dashboard, member.Id)!.QuerySelector(".no-letter-badge")!.TextContent.ShouldBe("无证明信");
        dashboard.QuerySelector("#year-not-set")!.TextContent.ShouldContain("县委组织部尚未设置该年度报到要求");
    }

    [Fact]
    public async Task A_late_report_is_marked_and_still_accepted_and_follows_the_deadline()
    {
        var year = Today(portal).Year - 2;
        await SetYearAsync(portal, year, "seed000");
        var member = await AddMemberAsync(portal);
        using var unit = await portal.ClientFor("unit");
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, member.Id))).Flash.ShouldStartWith("已开具1份证明信");
        var letter = (await LettersOfAsync(portal, member.Id)).Single();

        using var secretary = await portal.ClientFor("secretary");
        var flash = await ConfirmAsync(portal, secretary, member.Id, year, new DateOnly(year, 6, 1), letter.Id);
        flash.ShouldStartWith("已确认报到");
        var report = (await ReportsOfAsync(portal, member.Id)).ShouldHaveSingleItem();
        report.IsLate.ShouldBeTrue("reported after 10 April");
        (await secretary.GetDocumentAsync($"/reporting/community?year={year}"))
            .QuerySelector($"#roster-list tr[data-report-id='{report.Id}'] .late-badge")!.TextContent.ShouldBe("逾期");
        var dashboard = await unit.GetDocumentAsync($"/reporting/unit?year={year}");
        RowOf(dashboard, member.Id)!.QuerySelector(".late-badge")!.TextContent.ShouldBe("逾期");
        StateOf(dashboard, member.Id).ShouldBe(nameof(MemberReportState.Reported));

        // The county moves the deadline: the marks follow it.
        using var county = await portal.ClientFor("county");
        var id = await portal.WithDbAsync(db => db.ReportingYears.Where(y => y.Year == year).Select(y => y.Id).SingleAsync());
        var edit = FieldsOf(await county.GetDocumentAsync($"/settings/reporting-years/{id}/edit"), "#year-form").With("Deadline", $"{year}-12-31");
        var saved = await county.PostFormAsync($"/settings/reporting-years/{id}/edit", edit);
        saved.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(saved));
        (await ReportsOfAsync(portal, member.Id)).Single().IsLate.ShouldBeFalse();
        (await portal.WithDbAsync(db => db.ReportingYears.AsNoTracking().SingleAsync(y => y.Year == year))).Preset.ShouldBeNull("no longer a preset's values");
        (await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reporting.late-remarked" && a.TargetId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task A_second_report_is_refused_with_the_message_and_only_one_row_exists()
    {
        var year = Today(portal).Year - 3;
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var form = await ConfirmFormAsync(secretary, member.Id, year, new DateOnly(year, 3, 1));
        var first = await secretary.PostFormAsync($"/reporting/community/confirm/{member.Id}", form, "/reporting/community");
        first.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(first));

        var second = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/reporting/community/confirm/{member.Id}", form, "/reporting/community"));
        second.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("该党员本年度已在本社区报到");
        (await ReportsOfAsync(portal, member.Id)).Count.ShouldBe(1);
        (await secretary.GetDocumentAsync($"/reporting/community/confirm/{member.Id}?year={year}"))
            .QuerySelector("#confirm-blocked")!.TextContent.ShouldBe("该党员本年度已在本社区报到");

        // A double submit at the same moment: the unique index keeps it to one.
        var other = await AddMemberAsync(portal);
        var otherForm = await ConfirmFormAsync(secretary, other.Id, year, new DateOnly(year, 3, 2));
        var token = await secretary.TokenFromAsync("/reporting/community");
        var fields = otherForm.Append(new("__RequestVerificationToken", token)).ToList();
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            secretary.Http.PostAsync($"/reporting/community/confirm/{other.Id}", new FormUrlEncodedContent(fields))));
        responses.Count(r => r.StatusCode == HttpStatusCode.Found).ShouldBe(1, string.Join(" / ", await Task.WhenAll(responses.Select(ErrorsOf))));
        var refused = PortalClient.Parse(await responses.Single(r => r.StatusCode != HttpStatusCode.Found).Content.ReadAsStringAsync());
        refused.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("该党员本年度已在本社区报到");
        (await ReportsOfAsync(portal, other.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_withdrawn_member_may_report_again()
    {
        var year = Today(portal).Year - 4;
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        await ConfirmAsync(portal, secretary, member.Id, year, new DateOnly(year, 3, 10));
        var report = (await ReportsOfAsync(portal, member.Id)).Single();

        var tooEarly = await secretary.PostFormAsync($"/reporting/reports/{report.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = $"{year}-03-09", ["reason"] = "迁居外地" }, "/reporting/community");
        (await FlashAfterAsync(secretary, tooEarly)).Error.ShouldContain("撤回日期不能早于报到日期");
        var noReason = await secretary.PostFormAsync($"/reporting/reports/{report.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = $"{year}-08-01", ["reason"] = " " }, "/reporting/community");
        (await FlashAfterAsync(secretary, noReason)).Error.ShouldContain("请填写撤回原因");
        var future = await secretary.PostFormAsync($"/reporting/reports/{report.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = Iso(Today(portal).AddDays(1)), ["reason"] = "迁居外地" }, "/reporting/community");
        (await FlashAfterAsync(secretary, future)).Error.ShouldContain("撤回日期不能晚于今天");
        (await ReportsOfAsync(portal, member.Id)).Single().Status.ShouldBe(ReportStatus.Confirmed);

        var withdrawn = await secretary.PostFormAsync($"/reporting/reports/{report.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = $"{year}-08-01", ["reason"] = "迁居外地" }, "/reporting/community");
        (await FlashAfterAsync(secretary, withdrawn)).Flash.ShouldContain("已撤回报到");
        var gone = (await ReportsOfAsync(portal, member.Id)).Single();
        gone.Status.ShouldBe(ReportStatus.Withdrawn);
        gone.ActiveSlot.ShouldBeNull();
        gone.WithdrawnOn.ShouldBe(new DateOnly(year, 8, 1));
        gone.WithdrawReason.ShouldBe("迁居外地");

        var community = await secretary.GetDocumentAsync($"/reporting/community?year={year}");
        community.QuerySelector($"#roster-list tr[data-report-id='{report.Id}']")!.ClassList.ShouldContain("withdrawn-row");
        community.QuerySelector($"#without-letter-list tr[data-member-id='{member.Id}']")!.TextContent.ShouldContain("曾撤回");
        using var unit = await portal.ClientFor("unit");
        StateOf(await unit.GetDocumentAsync($"/reporting/unit?year={year}"), member.Id).ShouldBe(nameof(MemberReportState.Withdrawn));

        await ConfirmAsync(portal, secretary, member.Id, year, new DateOnly(year, 10, 1));
        var reports = await ReportsOfAsync(portal, member.Id);
        reports.Count.ShouldBe(2);
        reports.Count(r => r.Status == ReportStatus.Confirmed).ShouldBe(1);
        StateOf(await unit.GetDocumentAsync($"/reporting/unit?year={year}"), member.Id).ShouldBe(nameof(MemberReportState.Reported));
    }

    [Fact]
    public async Task Exactly_at_the_threshold_is_met()
    {
        var year = Today(portal).Year - 5;
        await SetYearAsync(portal, year, "seed000");
        using var unit = await portal.ClientFor("unit");
        var verify = await unit.PostFormAsync("/reporting/unit/verify",
            new Dictionary<string, string> { ["Year"] = Text(year), ["VerifiedCount"] = "10" }, "/reporting/unit");
        verify.StatusCode.ShouldBe(HttpStatusCode.Found);

        using var secretary = await portal.ClientFor("secretary");
        var members = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            var m = await AddMemberAsync(portal);
            members.Add(m.Id);
            await ConfirmAsync(portal, secretary, m.Id, year, new DateOnly(year, 3, 1));
        }
        var dashboard = await unit.GetDocumentAsync($"/reporting/unit?year={year}");
        dashboard.QuerySelector("#rate-value")!.TextContent.ShouldBe("90.0%");
        dashboard.QuerySelector("#rate-badge")!.TextContent.ShouldBe("达标", "9 of 10 at 90% is met");
        dashboard.QuerySelector("#year-settings")!.TextContent.ShouldContain("90%");

        var report = (await ReportsOfAsync(portal, members[0])).Single();
        var withdrawn = await secretary.PostFormAsync($"/reporting/reports/{report.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = $"{year}-05-01", ["reason"] = "迁居外地" }, "/reporting/community");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Found);
        dashboard = await unit.GetDocumentAsync($"/reporting/unit?year={year}");
        dashboard.QuerySelector("#rate-value")!.TextContent.ShouldBe("80.0%");
        dashboard.QuerySelector("#rate-badge")!.TextContent.ShouldBe("未达标");
    }
}

public sealed class SqliteReportingWorkflowTests(SqlitePortal portal) : ReportingWorkflowTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingWorkflowTests(PostgresPortal portal) : ReportingWorkflowTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
