using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Roster;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.ServiceRecords.ServiceRecordTestData;

namespace CommunityPartyPortal.IntegrationTests.ServiceRecords;

/// <summary>The community's service records as .xlsx, read back: the year's records of the community only.</summary>
public abstract class ServiceRecordExportTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_secretary_exports_the_years_records_of_the_community_only()
    {
        const int year = 2020;
        var member = await AddMemberAsync(portal);
        var other = await AddMemberAsync(portal, "secretary2");
        await AddRecordAsync(portal, member, new DateOnly(year, 3, 1), 150, content: "导出测试一");
        await AddRecordAsync(portal, member, new DateOnly(year, 12, 31), 60, RecordStatus.Pending, content: "导出测试二");
        await AddRecordAsync(portal, member, new DateOnly(year + 1, 1, 1), 60, content: "下一年度");
        await AddRecordAsync(portal, other, new DateOnly(year, 3, 1), 60, content: "另一社区");

        using var secretary = await portal.ClientFor("secretary");
        var response = await secretary.GetAsync($"/service-records/export.xlsx?year={year}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = RosterTestData.Read(await response.Content.ReadAsByteArrayAsync());
        sheet.Name.ShouldBe("服务记录");
        var (headerRow, header) = sheet.Rows.First(r => r.Value.Values.Any(c => c.Text == "党员姓名"));
        var column = header.ToDictionary(c => c.Value.Text, c => c.Key);
        var rows = sheet.Rows.Where(r => r.Key > headerRow).Select(r => r.Value).ToList();
        rows.Select(r => r[column["活动/内容"]].Text).ShouldBe(["导出测试一", "导出测试二"]);
        rows[0][column["党员姓名"]].Text.ShouldBe(member.Name);
        rows[0][column["时长(小时)"]].Text.ShouldBe("2.5");
        rows[0][column["状态"]].Text.ShouldBe("已确认");
        rows[1][column["状态"]].Text.ShouldBe("待确认");

        using var unit = await portal.ClientFor("unit");
        (await unit.GetAsync($"/service-records/export.xlsx?year={year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var secretary2 = await portal.ClientFor("secretary2");
        var theirs = RosterTestData.Read(await (await secretary2.GetAsync($"/service-records/export.xlsx?year={year}")).Content.ReadAsByteArrayAsync());
        theirs.Rows.Values.SelectMany(r => r.Values).Select(c => c.Text).ShouldNotContain("导出测试一");
        theirs.Rows.Values.SelectMany(r => r.Values).Select(c => c.Text).ShouldContain("另一社区");
    }
}

public sealed class SqliteServiceRecordExportTests(SqlitePortal portal) : ServiceRecordExportTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresServiceRecordExportTests(PostgresPortal portal) : ServiceRecordExportTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
