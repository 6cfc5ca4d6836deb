using System.Net;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Roster;

/// <summary>The import template and POST /roster/import: all rows or none, every error listed, no duplicates on re-import.</summary>
public abstract class RosterImportTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<int> CountAsync(IReadOnlyCollection<string> ids) =>
        portal.WithDbAsync(db => db.Members.CountAsync(m => ids.Contains(m.NationalId)));

    private async Task<(Guid Community, string Grid, Guid GridId, string Unit, Guid UnitId)> SecretaryTargetAsync(string secretary = "secretary")
    {
        var community = (await MembersTestData.UserAsync(portal, secretary)).OrganizationId;
        var (grid, gridId, unit, unitId) = await RosterTestData.NamesForAsync(portal, community);
        return (community, grid, gridId, unit, unitId);
    }

    [Fact]
    public async Task The_template_is_a_valid_workbook_with_the_import_header()
    {
        using var client = await portal.ClientFor("secretary");
        var file = await RosterTestData.DownloadAsync(client, "/roster/import/template", "党员信息导入模板.xlsx");
        using (var document = SpreadsheetDocument.Open(new MemoryStream(file), false))
        {
            document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value)
                .ShouldBe([RosterWorkbook.TemplateSheetName, RosterWorkbook.InstructionsSheetName]);
        }
        var sheet = RosterTestData.Read(file);
        sheet.Rows[1].Values.Select(c => c.Text).ShouldBe(MemberImportColumns.All.Select(c => c.Name));

        var page = await client.GetDocumentAsync("/roster/import");
        page.QuerySelector("#import-template")!.GetAttribute("href").ShouldBe("/roster/import/template");
        page.QuerySelector("#import-target")!.TextContent.ShouldContain(await RosterTestData.OrgNameAsync(portal, (await MembersTestData.UserAsync(portal, "secretary")).OrganizationId));
        page.QuerySelector("#import-rules")!.TextContent.ShouldContain("不导入任何数据");
        page.QuerySelector("form#import-form[enctype='multipart/form-data'] input[type=file][name=file]").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_good_file_creates_the_members_in_the_secretary_s_community_and_a_second_import_updates_them()
    {
        var (community, grid, gridId, unit, unitId) = await SecretaryTargetAsync();
        var street = await RosterTestData.StreetOfAsync(portal, community);
        var rows = new[]
        {
            RosterTestData.GoodRow("导入甲", unit, grid),
            RosterTestData.GoodRow("导入乙", unit, grid),
            RosterTestData.GoodRow("导入丙", unit, ""),
        };
        rows[1][MemberImportColumns.ServiceIntentions] = "环境保护";
        var ids = rows.Select(r => r[MemberImportColumns.NationalId]).ToList();
        var file = RosterTestData.ImportFile(rows);
        var before = await MembersTestData.MemberCountAsync(portal);

        using var client = await portal.ClientFor("secretary");
        var flash = await RosterTestData.ShouldSucceedAsync(client, await RosterTestData.ImportAsync(client, file));
        flash.ShouldContain("导入成功：新增3人，更新0人");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before + 3);

        var stored = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => ids.Contains(m.NationalId)).ToDictionaryAsync(m => m.NationalId));
        stored.Count.ShouldBe(3);
        foreach (var row in rows)
        {
            var m = stored[row[MemberImportColumns.NationalId]];
            m.Name.ShouldBe(row[MemberImportColumns.Name]);
            m.CommunityId.ShouldBe(community);
            m.StreetId.ShouldBe(street);
            m.WorkUnitId.ShouldBe(unitId);
            m.Mobile.ShouldBe(row[MemberImportColumns.Mobile]);
            m.BirthDate.ShouldBe(NationalId.BirthDate(m.NationalId)!.Value, "taken from the ID");
            m.Gender.ShouldBe(NationalId.IsMale(m.NationalId) == true ? Gender.Male : Gender.Female);
            m.Education.ShouldBe(Education.Bachelor);
            m.Category.ShouldBe(MemberCategory.InService);
            m.Status.ShouldBe(MembershipStatus.Full);
            m.JoinedPartyOn.ShouldBe(new DateOnly(2008, 7, 1));
            m.Building.ShouldBe("3栋");
        }
        stored[ids[0]].GridId.ShouldBe(gridId);
        stored[ids[2]].GridId.ShouldBeNull();
        stored[ids[0]].ServiceIntentions.ShouldBe(ServiceCategory.PolicyPublicity | ServiceCategory.LegalAid);
        stored[ids[1]].ServiceIntentions.ShouldBe(ServiceCategory.Environment);
        (await RosterTestData.LastAuditDetailAsync(portal, "roster.import", "secretary"))!.ShouldContain("新增3人，更新0人");

        // The same file again: nothing new, the three are updated from it (here: a changed phone).
        rows[0][MemberImportColumns.Mobile] = MembersTestData.NewMobile();
        var again = await RosterTestData.ShouldSucceedAsync(client, await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        again.ShouldContain("导入成功：新增0人，更新3人");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before + 3);
        (await CountAsync(ids)).ShouldBe(3);
        (await MembersTestData.MemberAsync(portal, stored[ids[0]].Id)).Mobile.ShouldBe(rows[0][MemberImportColumns.Mobile]);
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_lists_every_bad_row()
    {
        var (_, grid, _, unit, _) = await SecretaryTargetAsync();
        var rows = Enumerable.Range(1, 5).Select(i => RosterTestData.GoodRow($"坏行{i}", unit, grid)).ToList();
        var id = rows[1][MemberImportColumns.NationalId];
        rows[1][MemberImportColumns.NationalId] = id[..17] + (id[17] == '0' ? '1' : '0'); // sheet row 3: wrong check digit
        rows[3][MemberImportColumns.Mobile] = "12345678901";                               // sheet row 5: not a mobile number
        var ids = rows.Select(r => r[MemberImportColumns.NationalId]).ToList();
        var before = await MembersTestData.MemberCountAsync(portal);

        using var client = await portal.ClientFor("secretary");
        var page = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows), "坏数据.xlsx"));

        RosterTestData.Errors(page).ShouldBe(
        [
            (3, "身份证号", "身份证号校验位不正确，请核对"),
            (5, "手机号码", "手机号码应为以1开头的11位数字（第二位为3-9）"),
        ]);
        page.QuerySelector("#import-summary")!.TextContent.ShouldContain("未导入任何数据");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before);
        (await CountAsync(ids)).ShouldBe(0);
        (await RosterTestData.LastAuditDetailAsync(portal, "roster.import", "secretary"))!.ShouldContain("2处错误");
    }

    [Fact]
    public async Task The_member_form_rules_apply_to_every_row()
    {
        var (_, grid, _, unit, _) = await SecretaryTargetAsync();
        var rows = Enumerable.Range(1, 4).Select(i => RosterTestData.GoodRow($"规则{i}", unit, grid)).ToList();
        rows[0][MemberImportColumns.Gender] = NationalId.IsMale(rows[0][MemberImportColumns.NationalId]) == true ? "女" : "男";
        rows[1][MemberImportColumns.JoinedPartyOn] = RosterTestData.Iso(NationalId.BirthDate(rows[1][MemberImportColumns.NationalId])!.Value.AddYears(10));
        rows[2][MemberImportColumns.Ethnicity] = "火星族";
        rows[3][MemberImportColumns.Category] = "自管党员";
        var before = await MembersTestData.MemberCountAsync(portal);

        using var client = await portal.ClientFor("secretary");
        var page = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(page).ShouldBe(
        [
            (2, "性别", "性别与身份证号不一致"),
            (3, "入党日期", "入党日期应在年满18周岁之后"),
            (4, "民族", "请从列表中选择民族"),
        ]);
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before);

        // Cell checks come first: a grid that is not the community's is named as such (the form rules run once the cells are right).
        rows = [RosterTestData.GoodRow("网格", unit, "不存在的网格")];
        var grids = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(grids).ShouldBe([(2, "网格", "本社区没有名为“不存在的网格”的网格，请填写系统中本社区的网格名称")]);
    }

    [Fact]
    public async Task One_upload_lists_the_cell_errors_and_the_member_form_errors_of_every_row_and_writes_nothing()
    {
        var (_, grid, _, unit, _) = await SecretaryTargetAsync();
        var rows = Enumerable.Range(1, 4).Select(i => RosterTestData.GoodRow($"一次{i}", unit, grid)).ToList();
        rows[0][MemberImportColumns.Mobile] = "12345678901";                                                    // sheet row 2: a cell error
        rows[2][MemberImportColumns.Gender] = NationalId.IsMale(rows[2][MemberImportColumns.NationalId]) == true ? "女" : "男"; // row 4: the form's rule
        var ids = rows.Select(r => r[MemberImportColumns.NationalId]).ToList();
        var before = await MembersTestData.MemberCountAsync(portal);

        using var client = await portal.ClientFor("secretary");
        var page = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));

        RosterTestData.Errors(page).ShouldBe(
        [
            (2, "手机号码", "手机号码应为以1开头的11位数字（第二位为3-9）"),
            (4, "性别", "性别与身份证号不一致"),
        ]);
        page.QuerySelector("#import-summary")!.TextContent.ShouldContain("未导入任何数据");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before);
        (await CountAsync(ids)).ShouldBe(0);
        (await RosterTestData.LastAuditDetailAsync(portal, "roster.import", "secretary"))!.ShouldContain("2处错误（2行）");

        // More of both kinds, in any order in the file: one list, by row and then by column in template order.
        rows.Add(RosterTestData.GoodRow("一次5", unit, grid));
        rows[4][MemberImportColumns.ServiceIntentions] = "唱歌";                                               // row 6: a cell error
        rows[1][MemberImportColumns.Ethnicity] = "火星族";                                                     // row 3: the form's rule
        rows[1][MemberImportColumns.JoinedPartyOn] = RosterTestData.Iso(NationalId.BirthDate(rows[1][MemberImportColumns.NationalId])!.Value.AddYears(10));
        var more = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(more).Select(e => (e.Row, e.Column)).ShouldBe(
            [(2, "手机号码"), (3, "民族"), (3, "入党日期"), (4, "性别"), (6, "服务意向")]);
        (await CountAsync(ids)).ShouldBe(0);
    }

    [Fact]
    public async Task An_id_registered_to_another_community_s_member_is_that_row_s_error_and_nothing_is_written()
    {
        var (_, grid, _, unit, _) = await SecretaryTargetAsync();
        var secretary2 = await MembersTestData.UserAsync(portal, "secretary2");
        var other = await portal.WithDbAsync(db => MembersTestData.AnyActiveMemberOfAsync(db, secretary2.OrganizationId));
        var rows = new List<Dictionary<string, string>>
        {
            RosterTestData.GoodRow("新党员", unit, grid),
            RosterTestData.GoodRow("冒用", unit, grid, nationalId: other.NationalId),
        };
        var fresh = rows[0][MemberImportColumns.NationalId];

        using var client = await portal.ClientFor("secretary");
        var page = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(page).ShouldBe([(3, "身份证号", "该身份证号已登记在其他组织，无法导入")]);
        (await CountAsync([fresh])).ShouldBe(0);
        var unchanged = await MembersTestData.MemberAsync(portal, other.Id);
        unchanged.Name.ShouldBe(other.Name);
        unchanged.CommunityId.ShouldBe(secretary2.OrganizationId);
        unchanged.Version.ShouldBe(other.Version);

        // With another row already bad, the other organisation's ID is still named.
        rows.Add(RosterTestData.GoodRow("坏手机", unit, grid, mobile: "1381234567"));
        var both = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(both).Select(e => (e.Row, e.Column)).ShouldBe([(3, "身份证号"), (4, "手机号码")]);
        RosterTestData.Errors(both)[0].Message.ShouldBe("该身份证号已登记在其他组织，无法导入");

        // The other organisation's ID on a row with another bad cell, and a form-rule error elsewhere: all named at once.
        rows[1][MemberImportColumns.Room] = new string('长', 51);
        rows[0][MemberImportColumns.Ethnicity] = "火星族";
        var all = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, RosterTestData.ImportFile(rows)));
        RosterTestData.Errors(all).ShouldBe(
        [
            (2, "民族", "请从列表中选择民族"),
            (3, "身份证号", "该身份证号已登记在其他组织，无法导入"),
            (3, "房号", "房号不能超过50个字"),
            (4, "手机号码", "手机号码应为以1开头的11位数字（第二位为3-9）"),
        ]);
        (await CountAsync([fresh])).ShouldBe(0);
        (await MembersTestData.MemberAsync(portal, other.Id)).Version.ShouldBe(other.Version);
    }

    [Fact]
    public async Task A_file_that_is_not_an_xlsx_or_is_too_large_is_refused_with_a_message()
    {
        using var client = await portal.ClientFor("secretary");
        var before = await MembersTestData.MemberCountAsync(portal);

        var text = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, "姓名,身份证号\n张三,110105198003150011\n"u8.ToArray(), "名单.xlsx"));
        RosterTestData.FileErrors(text).ShouldContain("文件不是有效的Excel（.xlsx）文件");
        RosterTestData.Errors(text).ShouldBeEmpty();

        var big = new byte[(10 * 1024 * 1024) + (512 * 1024)];
        Random.Shared.NextBytes(big);
        "PK\x03\x04"u8.CopyTo(big);
        var tooLarge = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(client, big, "大文件.xlsx"));
        RosterTestData.FileErrors(tooLarge).ShouldContain("文件不能超过10MB");

        // Over the request limit: answered before the body is read, back to the page with the message.
        var huge = new byte[12 * 1024 * 1024];
        var response = await RosterTestData.ImportAsync(client, huge, "巨大.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldBe("/roster/import");
        var page = await client.GetDocumentAsync("/roster/import");
        page.QuerySelector(".alert-danger")!.TextContent.ShouldContain("文件不能超过10MB");

        var none = await RosterTestData.ShouldBeRefusedAsync(await client.PostMultipartAsync("/roster/import", new MultipartFormDataContent(), "/roster/import"));
        RosterTestData.FileErrors(none).ShouldContain("请选择要导入的Excel文件");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_county_chooses_the_community_and_a_unit_admin_imports_only_into_its_own_units()
    {
        var secretary2 = await MembersTestData.UserAsync(portal, "secretary2");
        var (grid, gridId, unitName, unitId) = await RosterTestData.NamesForAsync(portal, secretary2.OrganizationId);
        var row = RosterTestData.GoodRow("县级导入", unitName, grid);
        using var county = await portal.ClientFor("county");

        var missing = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(county, RosterTestData.ImportFile([row])));
        RosterTestData.FileErrors(missing).ShouldContain("请选择导入到哪个社区");
        var flash = await RosterTestData.ShouldSucceedAsync(county, await RosterTestData.ImportAsync(county, RosterTestData.ImportFile([row]), community: secretary2.OrganizationId));
        flash.ShouldContain("新增1人");
        var created = await portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.NationalId == row[MemberImportColumns.NationalId]));
        created.CommunityId.ShouldBe(secretary2.OrganizationId);
        created.GridId.ShouldBe(gridId);

        // The unit admin: its own units only, no grid; an existing member keeps its community, a new one has none.
        var outsideName = await RosterTestData.OrgNameAsync(portal, await MembersTestData.UnitOutsideAsync(portal));
        var mine = RosterTestData.GoodRow("单位导入", unitName, null);
        var update = RosterTestData.GoodRow("单位更新", unitName, null, nationalId: created.NationalId, mobile: created.Mobile);
        var foreignUnit = RosterTestData.GoodRow("外单位", outsideName, null);
        var withGrid = RosterTestData.GoodRow("填了网格", unitName, grid);
        using var unit = await portal.ClientFor("unit");
        var refused = await RosterTestData.ShouldBeRefusedAsync(await RosterTestData.ImportAsync(unit, RosterTestData.ImportFile([mine, update, foreignUnit, withGrid])));
        var errors = RosterTestData.Errors(refused);
        errors.Select(e => (e.Row, e.Column)).ShouldBe([(4, "工作单位"), (5, "网格")]);
        errors[0].Message.ShouldContain("不是本单位或下属单位");

        var done = await RosterTestData.ShouldSucceedAsync(unit, await RosterTestData.ImportAsync(unit, RosterTestData.ImportFile([mine, update])));
        done.ShouldContain("导入成功：新增1人，更新1人");
        var updated = await MembersTestData.MemberAsync(portal, created.Id);
        updated.Name.ShouldBe("单位更新");
        updated.CommunityId.ShouldBe(secretary2.OrganizationId, "a unit's import leaves the residence alone");
        updated.GridId.ShouldBe(gridId);
        var added = await portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.NationalId == mine[MemberImportColumns.NationalId]));
        added.CommunityId.ShouldBeNull();
        added.WorkUnitId.ShouldBe(unitId);
    }

    [Fact]
    public async Task A_street_admin_may_not_import()
    {
        using var street = await portal.ClientFor("street");
        (await street.GetAsync("/roster/import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await street.GetAsync("/roster/import/template")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (_, grid, _, unit, _) = await SecretaryTargetAsync();
        var row = RosterTestData.GoodRow("街道导入", unit, grid);
        var content = new MultipartFormDataContent { { new ByteArrayContent(RosterTestData.ImportFile([row])), "file", "a.xlsx" } };
        (await street.PostMultipartAsync("/roster/import", content, "/members")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountAsync([row[MemberImportColumns.NationalId]])).ShouldBe(0);
        (await street.GetDocumentAsync("/members")).QuerySelector("#member-import").ShouldBeNull("no import button without the editor role");
    }
}

public sealed class SqliteRosterImportTests(SqlitePortal portal) : RosterImportTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRosterImportTests(PostgresPortal portal) : RosterImportTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
