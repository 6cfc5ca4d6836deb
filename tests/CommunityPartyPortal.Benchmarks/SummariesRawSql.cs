using System.Data.Common;
using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// The first half of the physical limit: hand-written SQL computing the summary tables' figures with GROUP BY, run with a
/// <see cref="DbCommand"/> on an open connection and every row read (no EF, no mapping). The same SQL on both providers
/// (quoted Pascal-case names; dates compare as ISO text on SQLite and as dates on PostgreSQL; only the end-of-day
/// timestamp literal and SQLite's index hint for the service records differ). Figures that count in two views (by unit and by community) are grouped by the pair
/// (unit, community) once and rolled up while reading: a few hundred rows, not a second scan.
/// </summary>
/// <remarks>
/// Same rules as <c>SummaryQueries</c> for the data the benchmark seeds (one report per member): members moved out before
/// the year are left out, a member moved out by the date is not active, a record after the date does not count,
/// confirmed service only, a withdrawal after the date has not happened, receipts acknowledged by the end of the date.
/// Not in SQL: the 达到年度要求 count (the requirement rules are evaluated per member in .NET by RequirementEvaluator — part
/// of the real thing's cost, not of this limit) and the choice among several reports or cards of one member (the seeded
/// data has one of each). The totals it returns are compared with the real thing's in the report.
/// <para>Each statement aggregates its source per member first where it can, then joins the members (narrow
/// sub-results, few join lookups). Every statement joins "Members" again, where SummaryQueries reads the members once
/// and buckets the narrow per-member rows in .NET: on SQLite (nested-loop joins on text keys) this SQL can take longer
/// than SummaryQueries itself, so there "× limit" below 1 means the GROUP BY-in-SQL limit is not a floor.</para>
/// </remarks>
internal sealed class SummariesRawSql(DbConnection connection, DatabaseProvider provider, int year, DateOnly asOf, Action<string>? trace = null)
{
    /// <summary>What a run read: rows, and the totals that are compared with the domain's.</summary>
    public sealed record Result(int Rows, IReadOnlyDictionary<string, long> Totals);

    private string First => $"'{year:D4}-01-01'";
    private string AsOf => $"'{asOf:yyyy-MM-dd}'";

    /// <summary>The end of the date in China time as a UTC timestamp literal.</summary>
    private string EndUtc
    {
        get
        {
            var utc = TimeZoneInfo.ConvertTimeToUtc(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Clock.China);
            var text = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            return provider == DatabaseProvider.PostgreSql ? $"'{text}+00'" : $"'{text}'";
        }
    }

    /// <summary>
    /// SQLite: walk the (MemberId, ServedOn) index for the grouping by member, as the domain's query does (SQLite's planner
    /// would take the ServedOn index for the year-long range and look every row up in date order, four times slower).
    /// PostgreSQL plans from its statistics.
    /// </summary>
    private string ByMember => provider == DatabaseProvider.Sqlite ? "INDEXED BY \"IX_ServiceRecords_MemberId_ServedOn\"" : "";

    private string InYear => $"(m.\"MovedOutOn\" IS NULL OR m.\"MovedOutOn\" >= {First})";
    private string ActiveAt => $"(m.\"MovedOutOn\" IS NULL OR m.\"MovedOutOn\" > {AsOf})";
    private string InService => $"m.\"Category\" = 1 AND m.\"WorkUnitId\" IS NOT NULL AND {InYear}";

    /// <summary>在职党员进社区报到情况汇总表 by unit and by community.</summary>
    public async Task<Result> ReportingAsync(CancellationToken ct)
    {
        var rows = 0;
        var totals = new Dictionary<string, long>();
        rows += await CommonAsync(ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", COUNT(*) FROM "Members" m
            WHERE m."Category" = 1 AND m."WorkUnitId" IS NOT NULL AND {ActiveAt} GROUP BY m."WorkUnitId"
            """, totals, "unit.portal", ct);
        rows += await ReadAsync($"""
            SELECT m."CommunityId", SUM(CASE WHEN m."Category" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN m."Category" = 2 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN m."Category" = 3 THEN 1 ELSE 0 END)
            FROM "Members" m WHERE m."CommunityId" IS NOT NULL AND {ActiveAt} GROUP BY m."CommunityId"
            """, totals, "community.inservice", ct, "community.selfmanaged", "community.floating");
        rows += await ReadAsync($"""
            SELECT l."WorkUnitId", l."CommunityId", COUNT(*) FROM "ReportLetters" l JOIN "Members" m ON m."Id" = l."MemberId"
            WHERE l."Year" = {year} AND l."Status" <> 3 AND l."IssuedOn" <= {AsOf} AND {InYear} GROUP BY l."WorkUnitId", l."CommunityId"
            """, totals, "letters", ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", COUNT(DISTINCT r."MemberId"), SUM(CASE WHEN r."ReceiptReceivedAt" < {EndUtc} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r."IsLate" THEN 1 ELSE 0 END)
            FROM "CommunityReports" r JOIN "Members" m ON m."Id" = r."MemberId"
            WHERE r."Year" = {year} AND r."ReportedOn" <= {AsOf} AND (r."Status" = 1 OR r."WithdrawnOn" > {AsOf})
              AND m."Category" = 1 AND m."WorkUnitId" IS NOT NULL AND {ActiveAt}
            GROUP BY m."WorkUnitId"
            """, totals, "unit.reported", ct, "unit.receipts", "unit.late");
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", COUNT(*) FROM (
                SELECT r."MemberId" FROM "CommunityReports" r WHERE r."Year" = {year} AND r."ReportedOn" <= {AsOf}
                GROUP BY r."MemberId"
                HAVING SUM(CASE WHEN r."Status" = 2 AND (r."WithdrawnOn" IS NULL OR r."WithdrawnOn" <= {AsOf}) THEN 1 ELSE 0 END) > 0
                   AND SUM(CASE WHEN r."Status" = 1 OR r."WithdrawnOn" > {AsOf} THEN 1 ELSE 0 END) = 0) w
            JOIN "Members" m ON m."Id" = w."MemberId" WHERE {InService} GROUP BY m."WorkUnitId"
            """, totals, "unit.withdrawn", ct);
        rows += await ReadAsync($"""
            SELECT r."CommunityId", COUNT(*),
                   SUM(CASE WHEN r."ReceiptReceivedAt" < {EndUtc} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r."Status" = 2 AND (r."WithdrawnOn" IS NULL OR r."WithdrawnOn" <= {AsOf}) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN NOT (r."Status" = 2 AND (r."WithdrawnOn" IS NULL OR r."WithdrawnOn" <= {AsOf})) AND {ActiveAt} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN NOT (r."Status" = 2 AND (r."WithdrawnOn" IS NULL OR r."WithdrawnOn" <= {AsOf})) AND {ActiveAt} AND r."IsLate" THEN 1 ELSE 0 END)
            FROM "CommunityReports" r JOIN "Members" m ON m."Id" = r."MemberId"
            WHERE r."Year" = {year} AND r."ReportedOn" <= {AsOf} AND {InYear} GROUP BY r."CommunityId"
            """, totals, "community.sent", ct, "community.received", "community.withdrawn", "community.reported", "community.late");
        return new Result(rows, totals);
    }

    /// <summary>在职党员进社区服务群众情况汇总表 by unit and by community (each query grouped by the pair).</summary>
    public async Task<Result> ServiceAsync(CancellationToken ct)
    {
        var rows = 0;
        var totals = new Dictionary<string, long>();
        rows += await CommonAsync(ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", SUM(d.n), SUM(d.days), SUM(d.minutes) FROM (
                SELECT s."MemberId", COUNT(*) AS n, COUNT(DISTINCT s."ServedOn") AS days, SUM(s."Minutes") AS minutes FROM "ServiceRecords" s {ByMember}
                WHERE s."Status" = 2 AND s."ServedOn" >= {First} AND s."ServedOn" <= {AsOf} GROUP BY s."MemberId") d
            JOIN "Members" m ON m."Id" = d."MemberId" WHERE {InService} GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "services", ct, "days", "minutes");
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*) FROM (
                SELECT DISTINCT r."MemberId" FROM "CommunityReports" r
                WHERE r."Year" = {year} AND r."ReportedOn" <= {AsOf} AND (r."Status" = 1 OR r."WithdrawnOn" > {AsOf})) a
            JOIN "Members" m ON m."Id" = a."MemberId" WHERE {InService} AND {ActiveAt}
            GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "members", ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*) FROM "PostClaims" c JOIN "Members" m ON m."Id" = c."MemberId"
            WHERE c."Status" IN (2, 4) AND c."ApprovedOn" IS NOT NULL AND c."ApprovedOn" <= {AsOf} AND (c."ReleasedOn" IS NULL OR c."ReleasedOn" >= {First})
              AND {InService} GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "posts", ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*) FROM "Wishes" w JOIN "Members" m ON m."Id" = w."ClaimedByMemberId"
            WHERE w."Status" IN (5, 6) AND w."FulfilledOn" >= {First} AND w."FulfilledOn" <= {AsOf} AND {InService}
            GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "wishes", ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*) FROM (
                SELECT DISTINCT p."MemberId", p."HouseholdId" FROM "HouseholdPairings" p
                WHERE p."PairedOn" <= {AsOf} AND (p."EndedOn" IS NULL OR p."EndedOn" >= {First})) p
            JOIN "Members" m ON m."Id" = p."MemberId" WHERE {InService} GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "paired", ct);
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*), SUM(v.n) FROM (
                SELECT v."MemberId", v."HouseholdId", COUNT(*) AS n FROM "HouseholdVisits" v
                WHERE v."VisitedOn" >= {First} AND v."VisitedOn" <= {AsOf} GROUP BY v."MemberId", v."HouseholdId") v
            JOIN "Members" m ON m."Id" = v."MemberId" WHERE {InService} GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "visited", ct, "visits");
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", COUNT(*) FROM "Suggestions" s JOIN "Members" m ON m."Id" = s."MemberId"
            WHERE s."SubmittedOn" >= {First} AND s."SubmittedOn" <= {AsOf} AND {InService} GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "suggestions", ct);
        var sentBy = asOf.Month == 12 && asOf.Day == 31 ? "" : $"AND c.\"SentAt\" < {EndUtc}";
        rows += await ReadAsync($"""
            SELECT m."WorkUnitId", m."CommunityId", SUM(CASE WHEN c."Grade" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN c."Grade" = 2 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."Grade" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN c."Grade" = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN c."Veto" THEN 1 ELSE 0 END)
            FROM "FeedbackCards" c JOIN "FeedbackCycles" y ON y."Id" = c."CycleId" JOIN "Members" m ON m."Id" = c."MemberId"
            WHERE y."Year" = {year} AND y."Period" = 3 AND c."Status" = 2 AND c."SentAt" IS NOT NULL {sentBy} AND {InService}
            GROUP BY m."WorkUnitId", m."CommunityId"
            """, totals, "excellent", ct, "qualified", "basic", "unqualified", "vetoes");
        return new Result(rows, totals);
    }

    /// <summary>The organisations (names and tree for the rows) and the year's threshold.</summary>
    private async Task<int> CommonAsync(CancellationToken ct)
    {
        var scratch = new Dictionary<string, long>();
        var rows = await ReadAsync("""SELECT o."Id", o."ParentId", o."Kind", o."Name", o."IsActive" FROM "Organizations" o""", scratch, null, ct);
        rows += await ReadAsync($"""SELECT "ThresholdPercent" FROM "ReportingYears" WHERE "Year" = {year}""", scratch, null, ct);
        rows += await ReadAsync($"""SELECT "WorkUnitId", "VerifiedCount" FROM "UnitVerifications" WHERE "Year" = {year}""", scratch, null, ct);
        return rows;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> and reads every row: the key columns (Guids, the first one or two: unit and community) into
    /// per-unit and per-community sums (the roll-up of the pairs), the counts after them summed into <paramref name="totals"/> under <paramref name="first"/> and
    /// <paramref name="more"/> (in column order; null: just read the columns). Returns the rows read.
    /// </summary>
    private async Task<int> ReadAsync(string sql, Dictionary<string, long> totals, string? first, CancellationToken ct, params string[] more)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync(ct);
        string[] names = first is null ? [] : [first, .. more];
        var keys = reader.FieldCount - names.Length;
        var byFirst = new Dictionary<Guid, long[]>();
        var bySecond = new Dictionary<Guid, long[]>();
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            if (names.Length == 0)
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                continue;
            }
            var unit = reader.IsDBNull(0) ? Guid.Empty : reader.GetGuid(0);
            var byUnit = Sums(byFirst, unit, names.Length);
            var byCommunity = keys > 1 && !reader.IsDBNull(1) ? Sums(bySecond, reader.GetGuid(1), names.Length) : null;
            for (var i = 0; i < names.Length; i++)
            {
                var value = reader.IsDBNull(keys + i) ? 0 : Convert.ToInt64(reader.GetValue(keys + i), CultureInfo.InvariantCulture);
                byUnit[i] += value;
                if (byCommunity is not null) byCommunity[i] += value;
                totals[names[i]] = totals.GetValueOrDefault(names[i]) + value;
            }
        }
        trace?.Invoke($"{MemoryProbe.Ms(start),7:0.0} ms {rows,6} rows  {sql.ReplaceLineEndings(" ")}");
        return rows;

        static long[] Sums(Dictionary<Guid, long[]> all, Guid key, int count) =>
            all.TryGetValue(key, out var sums) ? sums : all[key] = new long[count];
    }
}
