using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Roster;

/// <summary>GET /roster/export: the secretary's roster, the unit's list, the street's and county's member list; masking, audit, escaping.</summary>
public abstract class RosterExportTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task A_secretary_exports_the_roster_of_the_year_with_the_confirmed_reports_only()
    {
        var secretary = await MembersTestData.UserAsync(portal, "secretary");
        var community = secretary.OrganizationId;
        var today = RosterTestData.Today(portal);
        var year = today.Year;
        var onTime = await MembersTestData.AddMemberAsync(portal);
        var late = await MembersTestData.AddMemberAsync(portal);
        var withdrawn = await MembersTestData.AddMemberAsync(portal);
        var lastYear = await MembersTestData.AddMemberAsync(portal);
        var notReported = await MembersTestData.AddMemberAsync(portal);
        await RosterTestData.ConfirmReportAsync(portal, onTime.Id, community, year, today);
        await RosterTestData.ConfirmReportAsync(portal, late.Id, community, year, today, late: true);
        await RosterTestData.ConfirmReportAsync(portal, withdrawn.Id, community, year, today, status: ReportStatus.Withdrawn);
        await RosterTestData.ConfirmReportAsync(portal, lastYear.Id, community, year - 1, today.AddYears(-1));
        var communityName = await RosterTestData.OrgNameAsync(portal, community);
        var exportsBefore = await RosterTestData.AuditCountAsync(portal, "roster.export", "secretary");
        var piiBefore = await RosterTestData.AuditCountAsync(portal, "roster.export-pii", "secretary");

        using var client = await portal.ClientFor("secretary");
        var file = await RosterTestData.DownloadAsync(client, $"/roster/export?year={year}", $"社区在职党员名册-{communityName}-{year}.xlsx");
        var sheet = RosterTestData.Read(file);

        sheet.Name.ShouldBe("党员名册");
        sheet.Rows[1].Values.Single().Text.ShouldBe($"社区在职党员名册（{year}年度）");
        var subtitle = sheet.Rows[2].Values.Single().Text;
        subtitle.ShouldContain($"{communityName}");
        subtitle.ShouldContain(RosterTestData.Iso(today));
        sheet.Header().Headers.ShouldBe(RosterTestData.RosterHeaders);

        var rows = sheet.Data();
        var byId = rows.ToDictionary(r => r["身份证号"].Text);
        byId.Keys.ShouldContain(onTime.NationalId, "the secretary has the PII permission: IDs in full");
        byId.Keys.ShouldContain(late.NationalId);
        byId.Keys.ShouldNotContain(withdrawn.NationalId, "a withdrawn report is not on the roster");
        byId.Keys.ShouldNotContain(lastYear.NationalId, "last year's report is not this year's roster");
        byId.Keys.ShouldNotContain(notReported.NationalId, "a resident who has not reported is not on the roster");
        var expected = await portal.WithDbAsync(db => db.CommunityReports.CountAsync(r =>
            r.CommunityId == community && r.Year == year && r.Status == ReportStatus.Confirmed && r.Member!.CommunityId == community));
        rows.Count.ShouldBe(expected);
        rows.Select(r => r["序号"].Text).ShouldBe(Enumerable.Range(1, rows.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var row = byId[onTime.NationalId];
        row["姓名"].Text.ShouldBe(onTime.Name);
        row["手机"].Text.ShouldBe(onTime.Mobile);
        row["居住社区"].Text.ShouldBe(communityName);
        row["性别"].Text.ShouldBe(onTime.Gender == Gender.Male ? "男" : "女");
        RosterTestData.FromSerial(row["报到日期"].Text).ShouldBe(today);
        row["报到状态"].Text.ShouldBe("已报到");
        byId[late.NationalId]["报到状态"].Text.ShouldBe("逾期报到");

        (await RosterTestData.AuditCountAsync(portal, "roster.export", "secretary")).ShouldBe(exportsBefore + 1);
        (await RosterTestData.AuditCountAsync(portal, "roster.export-pii", "secretary")).ShouldBe(piiBefore + 1);
        (await RosterTestData.LastAuditDetailAsync(portal, "roster.export", "secretary"))!.ShouldContain($"{rows.Count}人");
    }

    [Fact]
    public async Task Secretary2_never_sees_the_other_community_s_members()
    {
        var secretary2 = await MembersTestData.UserAsync(portal, "secretary2");
        var year = RosterTestData.Today(portal).Year;
        var member = await MembersTestData.AddMemberAsync(portal); // lives in secretary's community
        await RosterTestData.ConfirmReportAsync(portal, member.Id, (await MembersTestData.UserAsync(portal, "secretary")).OrganizationId, year, RosterTestData.Today(portal));
        // Even a (bogus) report to secretary2's community does not bring another community's resident into its roster.
        await RosterTestData.ConfirmReportAsync(portal, member.Id, secretary2.OrganizationId, year, RosterTestData.Today(portal));

        using var client = await portal.ClientFor("secretary2");
        var sheet = RosterTestData.Read(await RosterTestData.DownloadAsync(client, "/roster/export"));
        var ids = sheet.Data().Select(r => r["身份证号"].Text).ToList();
        ids.ShouldNotContain(member.NationalId);
        var foreign = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.CommunityId != secretary2.OrganizationId).Select(m => m.NationalId).ToListAsync());
        ids.Intersect(foreign).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_street_admin_gets_the_filtered_list_masked_and_the_county_gets_it_in_full_with_an_audit_line()
    {
        var member = await MembersTestData.AddMemberAsync(portal, m => m.Name = "导出" + m.NationalId[^6..]);
        var street = await MembersTestData.UserAsync(portal, "street");
        var piiBefore = await RosterTestData.AuditCountAsync(portal, "roster.export-pii", "county");

        using var streetClient = await portal.ClientFor("street");
        var streetSheet = RosterTestData.Read(await RosterTestData.DownloadAsync(streetClient, $"/roster/export?category=InService&q={Uri.EscapeDataString(member.Name)}"));
        streetSheet.Rows[1].Values.Single().Text.ShouldBe("在职党员名册");
        streetSheet.Rows[2].Values.Single().Text.ShouldContain(await RosterTestData.OrgNameAsync(portal, street.OrganizationId));
        streetSheet.Header().Headers.ShouldBe(RosterTestData.RosterHeaders);
        var row = streetSheet.Data().ShouldHaveSingleItem();
        row["姓名"].Text.ShouldBe(member.Name);
        row["身份证号"].Text.ShouldBe(Masking.NationalId(member.NationalId));
        row["手机"].Text.ShouldBe(Masking.Mobile(member.Mobile));
        row.ShouldNotContainKey("报到状态", "the list has no 报到 columns");
        (await RosterTestData.AuditCountAsync(portal, "roster.export-pii", "street")).ShouldBe(0, "a masked export is not a PII export");
        (await RosterTestData.LastAuditDetailAsync(portal, "roster.export", "street"))!.ShouldContain("1人");

        // The same filters as the list: the street's whole in-service roster has as many rows as the list says.
        var expected = await portal.WithDbAsync(db => db.Members.CountAsync(m =>
            m.StreetId == street.OrganizationId && m.Category == MemberCategory.InService && m.MovedOutOn == null));
        RosterTestData.Read(await RosterTestData.DownloadAsync(streetClient, "/roster/export?category=InService")).Data().Count.ShouldBe(expected);
        var list = await streetClient.GetDocumentAsync("/members?category=InService");
        list.QuerySelector("#member-total")!.TextContent.Trim().ShouldBe(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        list.QuerySelector("#member-export")!.GetAttribute("href").ShouldBe("/roster/export?category=InService");

        using var county = await portal.ClientFor("county");
        var countyRow = RosterTestData.Read(await RosterTestData.DownloadAsync(county, $"/roster/export?q={Uri.EscapeDataString(member.Name)}")).Data().ShouldHaveSingleItem();
        countyRow["身份证号"].Text.ShouldBe(member.NationalId);
        countyRow["手机"].Text.ShouldBe(member.Mobile);
        (await RosterTestData.AuditCountAsync(portal, "roster.export-pii", "county")).ShouldBe(piiBefore + 1);
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_stored_as_text_with_the_quote_prefix()
    {
        var member = await MembersTestData.AddMemberAsync(portal, m => { m.Name = "=1+2"; m.JobTitle = "@SUM(A1)"; });
        using var county = await portal.ClientFor("county");
        var sheet = RosterTestData.Read(await RosterTestData.DownloadAsync(county, $"/roster/export?q={member.NationalId[^6..]}"));
        var row = sheet.Data().Single(r => r["身份证号"].Text == member.NationalId);
        row["姓名"].ShouldBe(new RosterTestData.Cell("=1+2", IsFormula: false, QuotePrefix: true));
        row["职务"].ShouldBe(new RosterTestData.Cell("@SUM(A1)", IsFormula: false, QuotePrefix: true));
        sheet.Rows.Values.SelectMany(r => r.Values).ShouldNotContain(c => c.IsFormula, "an export never carries a formula");
    }

    [Fact]
    public async Task A_unit_admin_exports_its_own_in_service_members_with_their_report_state()
    {
        var unit = await MembersTestData.UserAsync(portal, "unit");
        var today = RosterTestData.Today(portal);
        var reported = await MembersTestData.AddMemberAsync(portal); // in a unit below the unit admin's department
        await RosterTestData.ConfirmReportAsync(portal, reported.Id, reported.CommunityId!.Value, today.Year, today);
        var outside = await MembersTestData.AddMemberAsync(portal, m => m.WorkUnitId = null);
        var outsideUnit = await MembersTestData.UnitOutsideAsync(portal);
        var elsewhere = await MembersTestData.AddMemberAsync(portal, m => m.WorkUnitId = outsideUnit);

        using var client = await portal.ClientFor("unit");
        var sheet = RosterTestData.Read(await RosterTestData.DownloadAsync(client, "/roster/export", $"在职党员名单-{await RosterTestData.OrgNameAsync(portal, unit.OrganizationId)}-{today.Year}.xlsx"));
        sheet.Rows[1].Values.Single().Text.ShouldBe($"在职党员名单（{today.Year}年度）");
        var rows = sheet.Data();

        var subtree = await portal.WithDbAsync(async db =>
        {
            var all = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.WorkUnit).Select(o => new { o.Id, o.ParentId }).ToListAsync();
            var ids = new HashSet<Guid> { unit.OrganizationId };
            while (all.Where(o => o.ParentId is { } p && ids.Contains(p)).Select(o => o.Id).Where(ids.Add).ToList().Count > 0) { }
            return ids;
        });
        var yearStart = new DateOnly(today.Year, 1, 1);
        var expected = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.WorkUnitId != null && subtree.Contains(m.WorkUnitId.Value) && m.Category == MemberCategory.InService
                        && (m.MovedOutOn == null || m.MovedOutOn >= yearStart))
            .Select(m => m.Mobile).ToListAsync());
        rows.Count.ShouldBe(expected.Count);
        rows.Select(r => r["手机"].Text).OrderBy(t => t, StringComparer.Ordinal)
            .ShouldBe(expected.Select(Masking.Mobile).OrderBy(t => t, StringComparer.Ordinal), "the unit admin has no PII permission: masked");

        var mine = rows.Single(r => r["身份证号"].Text == Masking.NationalId(reported.NationalId) && r["姓名"].Text == reported.Name);
        mine["报到状态"].Text.ShouldBe("已报到");
        RosterTestData.FromSerial(mine["报到日期"].Text).ShouldBe(today);
        rows.Select(r => r["姓名"].Text).ShouldNotContain(outside.Name);
        rows.Select(r => r["姓名"].Text).ShouldNotContain(elsewhere.Name);
        rows.Where(r => r["姓名"].Text != reported.Name).Select(r => r["报到状态"].Text).ShouldContain("未报到");
    }

    [Fact]
    public async Task Only_staff_may_export()
    {
        using var member = await portal.ClientFor("member");
        (await member.GetAsync("/roster/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = portal.AnonymousClient();
        var response = await anonymous.GetAsync("/roster/export");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldContain("/account/login");
    }
}

public sealed class SqliteRosterExportTests(SqlitePortal portal) : RosterExportTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRosterExportTests(PostgresPortal portal) : RosterExportTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
