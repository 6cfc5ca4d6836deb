using System.Diagnostics;
using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace CommunityPartyPortal.IntegrationTests.Roster;

/// <summary>
/// Timings of the demo county's export and of imports of 1,000 rows and of 2,000 (CI) or 10,000 (PORTAL_MEASURE=1)
/// rows, written to the test output only (never asserted: they depend on the machine). The results themselves are checked.
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

    /// <summary>
    /// The bulk import at scale: generated valid rows (IDs with a correct check digit, unique phones), imported as new
    /// members and then again with a changed column, as updates. The target: 10,000 rows in under 10 s each on the
    /// 2-core build machine, SQLite and PostgreSQL. Run alone, 10,000 rows take 10–15 s per provider in all; next to the
    /// other test classes (run in parallel) over 20 s, so CI imports <see cref="CiRows"/> rows and
    /// <c>PORTAL_MEASURE=1</c> the full <see cref="FullRows"/>.
    /// </summary>
    [Fact]
    public async Task Import_of_generated_rows_at_scale()
    {
        var count = Environment.GetEnvironmentVariable(MeasureVariable) == "1" ? FullRows : CiRows;
        using var county = await portal.ClientFor("county");
        var members = await MembersTestData.MemberCountAsync(portal);
        var community = (await MembersTestData.UserAsync(portal, "secretary")).OrganizationId;
        var (grid, _, unit, _) = await RosterTestData.NamesForAsync(portal, community);

        // Warm-up (JIT, EF model and query caches, tree cache) with a small file of its own.
        var warmUp = Enumerable.Range(1, 20).Select(i => RosterTestData.GoodRow($"预热{i:00}", unit, grid, mobile: UniqueMobile())).ToList();
        await RosterTestData.ShouldSucceedAsync(county, await RosterTestData.ImportAsync(county, RosterTestData.ImportFile(warmUp), community: community));

        var rows = Enumerable.Range(1, count)
            .Select(i => RosterTestData.GoodRow($"万行{i:00000}", unit, i % 2 == 0 ? grid : "", mobile: UniqueMobile()))
            .ToList();
        var import = RosterTestData.ImportFile(rows);

        var watch = Stopwatch.StartNew();
        var response = await RosterTestData.ImportAsync(county, import, community: community);
        var importTime = watch.Elapsed;
        (await RosterTestData.ShouldSucceedAsync(county, response)).ShouldContain($"导入成功：新增{count}人，更新0人");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(members + warmUp.Count + count);

        // The same members again with a changed 职务: every row a real UPDATE (an unchanged row writes nothing).
        foreach (var row in rows) row[MemberImportColumns.JobTitle] = "副科长";
        var changed = RosterTestData.ImportFile(rows);
        watch.Restart();
        response = await RosterTestData.ImportAsync(county, changed, community: community);
        var reimportTime = watch.Elapsed;
        (await RosterTestData.ShouldSucceedAsync(county, response)).ShouldContain($"导入成功：新增0人，更新{count}人");
        (await MembersTestData.MemberCountAsync(portal)).ShouldBe(members + warmUp.Count + count);
        var last = rows[^1][MemberImportColumns.NationalId];
        (await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.NationalId == last).Select(m => m.JobTitle).SingleAsync()))
            .ShouldBe("副科长");

        output.WriteLine($"[{portal.Provider}] import of {count:N0} new rows ({import.Length / 1024.0:F0} KB): {importTime.TotalMilliseconds:F0} ms"
                         + $" ({importTime.TotalMilliseconds / count:F2} ms/row)");
        output.WriteLine($"[{portal.Provider}] re-import of the same {count:N0} rows, 职务 changed (all updates): {reimportTime.TotalMilliseconds:F0} ms"
                         + $" ({reimportTime.TotalMilliseconds / count:F2} ms/row)");
    }

    /// <summary>Set to 1 to measure the import at full size (<see cref="FullRows"/>).</summary>
    public const string MeasureVariable = "PORTAL_MEASURE";
    public const int FullRows = 10_000;
    public const int CiRows = 2_000;

    private static int mobiles;

    /// <summary>A valid mobile number unique in the test process (prefix 197, used by no other test).</summary>
    private static string UniqueMobile() =>
        string.Create(CultureInfo.InvariantCulture, $"197{Interlocked.Increment(ref mobiles):00000000}");
}

public sealed class SqliteRosterMeasurements(SqlitePortal portal, ITestOutputHelper output)
    : RosterMeasurements<SqlitePortal>(portal, output), IClassFixture<SqlitePortal>;

public sealed class PostgresRosterMeasurements(PostgresPortal portal, ITestOutputHelper output)
    : RosterMeasurements<PostgresPortal>(portal, output), IClassFixture<PostgresPortal>;
