using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>The rules of the 报到 forms: Chinese messages beside the fields, and nothing written when refused.</summary>
public abstract class ReportingRulesTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_year_settings_are_validated_in_chinese()
    {
        var year = Today(portal).Year + 1;
        using var county = await portal.ClientFor("county");
        var before = await FingerprintAsync(portal);

        var page = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/settings/reporting-years/new", new Dictionary<string, string>
        {
            ["Year"] = Text(year), ["Deadline"] = $"{year - 1}-05-15", ["ThresholdPercent"] = "0",
        }));
        FieldError(page, "Deadline").ShouldBe("截止日期须在该年度内");
        FieldError(page, "ThresholdPercent").ShouldBe("报到率要求应在1%至100%之间");
        page = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/settings/reporting-years/new", new Dictionary<string, string>
        {
            ["Year"] = "", ["Deadline"] = "", ["ThresholdPercent"] = "101",
        }));
        FieldError(page, "Year").ShouldBe("请填写年度");
        FieldError(page, "Deadline").ShouldBe("请填写报到截止日期");
        FieldError(page, "ThresholdPercent").ShouldBe("报到率要求应在1%至100%之间");
        page = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/settings/reporting-years/new", new Dictionary<string, string>
        {
            ["preset"] = "seed000", ["Year"] = "",
        }));
        FieldError(page, "Year").ShouldBe("请先填写年度，再套用预设");
        (await FingerprintAsync(portal)).ShouldBe(before);

        var ok = await county.PostFormAsync("/settings/reporting-years/new", new Dictionary<string, string>
        {
            ["Year"] = Text(year), ["Deadline"] = $"{year}-04-30", ["ThresholdPercent"] = "95", ["Notes"] = "县直部门",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(ok));
        var saved = await portal.WithDbAsync(db => db.ReportingYears.AsNoTracking().SingleAsync(y => y.Year == year));
        saved.Preset.ShouldBeNull();
        saved.Notes.ShouldBe("县直部门");

        page = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/settings/reporting-years/new", new Dictionary<string, string>
        {
            ["Year"] = Text(year), ["Deadline"] = $"{year}-05-15", ["ThresholdPercent"] = "100",
        }));
        FieldError(page, "Year").ShouldBe("该年度已设置");
        (await portal.WithDbAsync(db => db.ReportingYears.CountAsync(y => y.Year == year))).ShouldBe(1);

        // A stale edit is refused.
        var edit = FieldsOf(await county.GetDocumentAsync($"/settings/reporting-years/{saved.Id}/edit"), "#year-form");
        var first = await county.PostFormAsync($"/settings/reporting-years/{saved.Id}/edit", edit.With("ThresholdPercent", "90"));
        first.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(first));
        var stale = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync($"/settings/reporting-years/{saved.Id}/edit", edit.With("ThresholdPercent", "80")));
        stale.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("该设置已被他人修改");
        (await portal.WithDbAsync(db => db.ReportingYears.AsNoTracking().SingleAsync(y => y.Year == year))).ThresholdPercent.ShouldBe(90);
        (await county.GetAsync($"/settings/reporting-years/{Guid.NewGuid()}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_confirm_form_is_validated_beside_each_field_and_writes_nothing()
    {
        var year = Today(portal).Year;
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var otherCommunity = (await UserAsync(portal, "secretary2")).OrganizationId;
        var otherGrid = await portal.WithDbAsync(db => db.Organizations.Where(o => o.ParentId == otherCommunity).Select(o => o.Id).FirstAsync());
        var before = await FingerprintAsync(portal);

        var form = (await ConfirmFormAsync(secretary, member.Id, year, Today(portal).AddDays(1)))
            .With("GridId", otherGrid.ToString())
            .With("Promises", "")
            .With("Mobile", "12345")
            .With("Building", new string('楼', 51))
            .With("LetterId", Guid.NewGuid().ToString());
        var page = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/reporting/community/confirm/{member.Id}", form, "/reporting/community"));
        FieldError(page, "ReportedOn").ShouldBe("报到日期不能晚于今天");
        FieldError(page, "GridId").ShouldBe("所选网格不属于本社区");
        FieldError(page, "Promises").ShouldBe("请填写承诺事项");
        FieldError(page, "Mobile").ShouldNotBeEmpty();
        FieldError(page, "Building").ShouldBe("楼栋不能超过50个字");
        FieldError(page, "LetterId").ShouldStartWith("请选择该党员本年度开往本社区的证明信");
        page.QuerySelector("input[name=Building]")!.GetAttribute("value")!.Length.ShouldBe(51, "the form keeps what was typed");
        page.QuerySelector("#confirm-name")!.TextContent.ShouldBe(member.Name);
        (await FingerprintAsync(portal)).ShouldBe(before, "nothing is written on a refused confirm");

        var empty = (await ConfirmFormAsync(secretary, member.Id, year, Today(portal))).With("ReportedOn", "");
        page = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/reporting/community/confirm/{member.Id}", empty, "/reporting/community"));
        FieldError(page, "ReportedOn").ShouldBe("请填写报到日期");
        (await FingerprintAsync(portal)).ShouldBe(before);

        // A self-managed member does not report.
        var selfManaged = await AddMemberAsync(portal, change: m => m.Category = MemberCategory.SelfManaged);
        var blocked = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/reporting/community/confirm/{selfManaged.Id}",
            await ConfirmFormAsync(secretary, selfManaged.Id, year, Today(portal)), "/reporting/community"));
        blocked.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("只有在职党员需要进社区报到");
        (await ReportsOfAsync(portal, selfManaged.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Letters_are_issued_only_to_members_who_can_report_and_the_others_are_listed()
    {
        var year = Today(portal).Year;
        var ready = await AddMemberAsync(portal);
        var homeless = await AddMemberAsync(portal, change: m => { m.CommunityId = null; m.StreetId = null; m.GridId = null; });
        var lettered = await AddMemberAsync(portal);
        var reported = await AddMemberAsync(portal);
        var moved = await AddMemberAsync(portal, change: m => { m.MovedOutOn = new DateOnly(year, 1, 2); m.MovedOutTo = "外地"; });
        using var unit = await portal.ClientFor("unit");
        using var secretary = await portal.ClientFor("secretary");
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, lettered.Id))).Flash.ShouldStartWith("已开具1份证明信");
        await ConfirmAsync(portal, secretary, reported.Id, year, Today(portal));

        var (flash, _) = await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, ready.Id, homeless.Id, lettered.Id, reported.Id, moved.Id));
        flash.ShouldStartWith("已开具1份证明信");
        flash.ShouldContain($"{homeless.Name}（未登记居住社区）");
        flash.ShouldContain($"{lettered.Name}（本年度已开具证明信）");
        flash.ShouldContain($"{reported.Name}（已报到）");
        flash.ShouldContain($"{moved.Name}（已迁出）");
        (await LettersOfAsync(portal, ready.Id)).Count.ShouldBe(1);
        (await LettersOfAsync(portal, homeless.Id)).ShouldBeEmpty();
        (await LettersOfAsync(portal, lettered.Id)).Count.ShouldBe(1);
        (await LettersOfAsync(portal, reported.Id)).ShouldBeEmpty();

        var (_, error) = await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, homeless.Id));
        error.ShouldContain("未开具证明信");
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year))).Error.ShouldContain("请先勾选");

        // 作废: the reason is required; a cancelled letter frees the member for a new one.
        var letter = (await LettersOfAsync(portal, lettered.Id)).Single();
        (await FlashAfterAsync(unit, await unit.PostFormAsync($"/reporting/letters/{letter.Id}/cancel",
            new Dictionary<string, string> { ["reason"] = "" }, "/reporting/unit"))).Error.ShouldContain("请填写作废原因");
        (await LettersOfAsync(portal, lettered.Id)).Single().Status.ShouldBe(LetterStatus.Issued);
        (await FlashAfterAsync(unit, await unit.PostFormAsync($"/reporting/letters/{letter.Id}/cancel",
            new Dictionary<string, string> { ["reason"] = "信息有误" }, "/reporting/unit"))).Flash.ShouldContain("证明信已作废");
        var cancelled = (await LettersOfAsync(portal, lettered.Id)).Single();
        cancelled.Status.ShouldBe(LetterStatus.Cancelled);
        cancelled.CancelReason.ShouldBe("信息有误");
        StateOf(await unit.GetDocumentAsync($"/reporting/unit?year={year}"), lettered.Id).ShouldBe(nameof(MemberReportState.NotReported));
        (await FlashAfterAsync(unit, await IssueLettersAsync(unit, year, lettered.Id))).Flash.ShouldStartWith("已开具1份证明信");
        (await FlashAfterAsync(unit, await unit.PostFormAsync($"/reporting/letters/{letter.Id}/cancel",
            new Dictionary<string, string> { ["reason"] = "再次作废" }, "/reporting/unit"))).Error.ShouldContain("不能作废");
    }

    [Fact]
    public async Task The_unit_count_is_validated_and_saved_again_as_an_update()
    {
        var year = Today(portal).Year;
        using var unit = await portal.ClientFor("unit");
        var refused = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync("/reporting/unit/verify",
            new Dictionary<string, string> { ["Year"] = Text(year), ["VerifiedCount"] = "-1" }, "/reporting/unit"));
        FieldError(refused, "VerifiedCount").ShouldBe("党员数不能小于0");
        refused = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync("/reporting/unit/verify",
            new Dictionary<string, string> { ["Year"] = Text(year), ["VerifiedCount"] = "" }, "/reporting/unit"));
        FieldError(refused, "VerifiedCount").ShouldBe("请填写核实的党员数");

        foreach (var count in new[] { 40, 41 })
        {
            var ok = await unit.PostFormAsync("/reporting/unit/verify",
                new Dictionary<string, string> { ["Year"] = Text(year), ["VerifiedCount"] = Text(count) }, "/reporting/unit");
            ok.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(ok));
        }
        var account = await UserAsync(portal, "unit");
        var rows = await portal.WithDbAsync(db => db.UnitVerifications.AsNoTracking().Where(v => v.WorkUnitId == account.OrganizationId && v.Year == year).ToListAsync());
        rows.ShouldHaveSingleItem().VerifiedCount.ShouldBe(41);
        (await unit.GetDocumentAsync("/reporting/unit")).QuerySelector("#rate-denominator")!.TextContent.ShouldBe("41");
    }
}

public sealed class SqliteReportingRulesTests(SqlitePortal portal) : ReportingRulesTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingRulesTests(PostgresPortal portal) : ReportingRulesTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
