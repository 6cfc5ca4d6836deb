using System.Diagnostics;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace CommunityPartyPortal.IntegrationTests.Roster;

/// <summary>
/// Timings of the demo county's export and of a 1,000-row import, written to the test output only (never
/// asserted: they depend on the machine). The results themselves are checked.
/// </summary>
public abstract class RosterMeasurements<TPortal>(TPortal portal, ITestOutputHelper output) where TPortal : PortalFactory
{
    [Fact]
    public async Task Export_of_the_demo_county_and_import_of_1000_rows()
    {
        using var county = await portal.ClientFor("county");
        var members = await MembersTestData.MemberCountAsync(portal);

        await RosterTestData.DownloadAsync(county, "/roster/export?status=all"); // warm-up (JIT, model, tree cache)
        var watch = Stopwatch.StartNew();
        var file = await RosterTestData.DownloadAsync(county, "/roster/export?status=all");
        var exportTime = watch.Elapsed;
        RosterTestData.Read(file).Data().Count.ShouldBe(members);
        output.WriteLine($"[{portal.Provider}] export of the demo county: {members} members, {file.Length / 1024.0:F0} KB, {exportTime.TotalMilliseconds:F0} ms");

        var community = (await MembersTestData.UserAsync(portal, "secretary")).OrganizationId;
        var (grid, _, unit, _) = await RosterTestData.NamesForAsync(portal, community);
        var rows = Enumerable.Range(1, 1000).Select(i => RosterTestData.GoodRow($"批量{i:0000}", unit, i % 2 == 0 ? grid : "")).ToList();
        var import = RosterTestData.ImportFile(rows);

        watch.Restart();
        var response = await RosterTestData.ImportAsync(county, import, community: community);
        var importTime = watch.Elapsed;
        var created = await RosterTestData.ShouldSucceedAsync(county, response);
        created.ShouldContain("导入成功：新增1000人，更新0人");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(members + 1000);

        watch.Restart();
        response = await RosterTestData.ImportAsync(county, import, community: community);
        var reimportTime = watch.Elapsed;
        var updated = await RosterTestData.ShouldSucceedAsync(county, response);
        updated.ShouldContain("导入成功：新增0人，更新1000人");

        watch.Restart();
        var after = await RosterTestData.DownloadAsync(county, "/roster/export?status=all");
        var exportAfter = watch.Elapsed;
        RosterTestData.Read(after).Data().Count.ShouldBe(members + 1000);

        output.WriteLine($"[{portal.Provider}] import of 1,000 new rows ({import.Length / 1024.0:F0} KB): {importTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"[{portal.Provider}] re-import of the same 1,000 rows (all updates): {reimportTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"[{portal.Provider}] export of {members + 1000} members: {exportAfter.TotalMilliseconds:F0} ms");
    }
}

public sealed class SqliteRosterMeasurements(SqlitePortal portal, ITestOutputHelper output)
    : RosterMeasurements<SqlitePortal>(portal, output), IClassFixture<SqlitePortal>;

public sealed class PostgresRosterMeasurements(PostgresPortal portal, ITestOutputHelper output)
    : RosterMeasurements<PostgresPortal>(portal, output), IClassFixture<PostgresPortal>;
