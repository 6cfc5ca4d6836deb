using System.Net;
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
/// Who may use the 报到 routes, and that nobody reaches across tenants: every route × every demo role ×
/// a record inside and outside the role's scope. Outside answers 404 (or 403 for a role that may not use
/// the route at all) and writes nothing.
/// </summary>
public abstract class ReportingAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static readonly string[] Users = ["county", "street", "secretary", "secretary2", "unit", "member"];

    /// <summary>Two tenants' worth of 报到 records: A (secretary's community, unit admin's department), B (secretary2's community, another department).</summary>
    private sealed record World(
        int Year, Guid MemberA, Guid MemberB, Guid LetterA, Guid LetterB, Guid ReportA, Guid ReportB, Guid SettingId, Guid OtherDepartment);

    private async Task<World> WorldAsync()
    {
        var year = Today(portal).Year - 1;
        var outside = await UnitOutsideAsync(portal);
        var a = await AddMemberAsync(portal);
        var b = await AddMemberAsync(portal, "secretary2", outside);
        var a2 = await AddMemberAsync(portal);
        var b2 = await AddMemberAsync(portal, "secretary2", outside);
        return await portal.WithDbAsync(async db =>
        {
            ReportLetter Letter(Domain.Members.Member m, string serial) => new()
            {
                Serial = serial, Year = year, MemberId = m.Id, WorkUnitId = m.WorkUnitId!.Value, CommunityId = m.CommunityId!.Value,
                IssuedOn = new DateOnly(year, 2, 1), IssuedBy = "测试",
            };
            CommunityReport Report(Domain.Members.Member m, string serial) => new()
            {
                Year = year, MemberId = m.Id, CommunityId = m.CommunityId!.Value, ReportedOn = new DateOnly(year, 3, 1), ConfirmedBy = "测试",
                ReceiptSerial = serial, InfoCardSerial = serial + "i", CommitmentSerial = serial + "c",
            };
            var letterA = Letter(a2, $"T{Guid.NewGuid():N}"[..20]);
            var letterB = Letter(b2, $"T{Guid.NewGuid():N}"[..20]);
            var reportA = Report(a, $"T{Guid.NewGuid():N}"[..20]);
            var reportB = Report(b, $"T{Guid.NewGuid():N}"[..20]);
            db.AddRange(letterA, letterB, reportA, reportB);
            var setting = await db.ReportingYears.FirstOrDefaultAsync(y => y.Year == year);
            if (setting is null)
            {
                setting = new ReportingYear { Year = year, Deadline = new DateOnly(year, 5, 15), ThresholdPercent = 100 };
                db.ReportingYears.Add(setting);
            }
            await db.SaveChangesAsync();
            return new World(year, a2.Id, b2.Id, letterA.Id, letterB.Id, reportA.Id, reportB.Id, setting.Id, outside);
        });
    }

    [Fact]
    public async Task Street_and_member_get_403_on_every_reporting_and_settings_route()
    {
        var w = await WorldAsync();
        foreach (var user in new[] { "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            foreach (var url in GetRoutes(w))
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
            }
            foreach (var (url, fields) in PostRoutes(w))
            {
                (await client.PostFormAsync(url, fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST {url}");
            }
        }
    }

    [Fact]
    public async Task Secretary2_cannot_confirm_a_member_of_the_secretarys_community()
    {
        var member = await AddMemberAsync(portal);
        var year = Today(portal).Year;
        using var secretary = await portal.ClientFor("secretary");
        var form = await ConfirmFormAsync(secretary, member.Id, year, Today(portal));
        using var secretary2 = await portal.ClientFor("secretary2");
        var before = await FingerprintAsync(portal);
        (await secretary2.GetAsync($"/reporting/community/confirm/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary2.PostFormAsync($"/reporting/community/confirm/{member.Id}", form, "/reporting/community")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await ReportsOfAsync(portal, member.Id)).ShouldBeEmpty();
        (await secretary2.GetDocumentAsync("/reporting/community")).QuerySelector($"[data-member-id='{member.Id}']").ShouldBeNull();
    }

    [Fact]
    public async Task A_posted_community_is_ignored()
    {
        var year = Today(portal).Year;
        var secretaryCommunity = (await UserAsync(portal, "secretary")).OrganizationId;
        var otherCommunity = (await UserAsync(portal, "secretary2")).OrganizationId;
        var own = await AddMemberAsync(portal);
        var foreign = await AddMemberAsync(portal, "secretary2", await UnitOutsideAsync(portal));
        using var secretary = await portal.ClientFor("secretary");

        await ConfirmAsync(portal, secretary, own.Id, year, Today(portal), change: f => f.With("CommunityId", otherCommunity.ToString()));
        (await ReportsOfAsync(portal, own.Id)).ShouldHaveSingleItem().CommunityId.ShouldBe(secretaryCommunity);

        var form = (await ConfirmFormAsync(secretary, own.Id, year, Today(portal))).With("CommunityId", otherCommunity.ToString());
        var before = await FingerprintAsync(portal);
        (await secretary.PostFormAsync($"/reporting/community/confirm/{foreign.Id}", form, "/reporting/community")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await ReportsOfAsync(portal, foreign.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_unit_admin_cannot_issue_letters_for_another_units_member()
    {
        var year = Today(portal).Year;
        var own = await AddMemberAsync(portal);
        var foreign = await AddMemberAsync(portal, "secretary", await UnitOutsideAsync(portal));
        using var unit = await portal.ClientFor("unit");
        var before = await FingerprintAsync(portal);
        (await IssueLettersAsync(unit, year, own.Id, foreign.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintAsync(portal)).ShouldBe(before, "nothing is written, not even for the own member");
        (await LettersOfAsync(portal, own.Id)).ShouldBeEmpty();
        (await LettersOfAsync(portal, foreign.Id)).ShouldBeEmpty();
        RowOf(await unit.GetDocumentAsync("/reporting/unit"), foreign.Id).ShouldBeNull();
        (await unit.GetAsync($"/reporting/unit?unit={await UnitOutsideAsync(portal)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_reporting_route_answers_by_role_and_scope_and_writes_nothing_across_tenants()
    {
        var w = await WorldAsync();
        var failures = new List<string>();
        foreach (var user in Users)
        {
            using var client = await portal.ClientFor(user);
            var isUnit = user == "unit";
            var isCounty = user == "county";
            var isSecretary = user is "secretary" or "secretary2";
            var (ownMember, otherMember, otherReport) = user == "secretary2" ? (w.MemberB, w.MemberA, w.ReportA) : (w.MemberA, w.MemberB, w.ReportB);

            // Reads: allowed roles see their own, and get 404 for the other tenant's.
            await Expect("GET", "/reporting/unit", isUnit || isCounty ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            await Expect("GET", $"/reporting/unit?unit={w.OtherDepartment}", isCounty ? HttpStatusCode.OK : isUnit ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            await Expect("GET", "/reporting/community", isSecretary ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            await Expect("GET", $"/reporting/community/confirm/{ownMember}", isSecretary ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            await Expect("GET", $"/reporting/community/confirm/{otherMember}", isSecretary ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            foreach (var url in new[] { "/settings/reporting-years", "/settings/reporting-years/new", $"/settings/reporting-years/{w.SettingId}/edit" })
            {
                await Expect("GET", url, isCounty ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            }

            // Writes across tenants: 404 for the roles that may use the route, 403 for the others; nothing changes.
            var before = await FingerprintAsync(portal);
            await Post("/reporting/letters", Fields(("MemberIds", w.MemberB.ToString()), ("Year", Text(w.Year))), isUnit ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            await Post($"/reporting/letters/{w.LetterB}/cancel", Fields(("reason", "越权")), isUnit ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            await Post($"/reporting/reports/{w.ReportB}/receipt-received", Fields(), isUnit ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            await Post($"/reporting/community/confirm/{otherMember}", ConfirmFields(w.Year), isSecretary ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            await Post($"/reporting/reports/{otherReport}/withdraw", Fields(("withdrawnOn", $"{w.Year}-06-01"), ("reason", "越权")),
                isSecretary ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            (await FingerprintAsync(portal)).ShouldBe(before, $"{user}: a refused cross-tenant write changed data");

            // Own writes of the roles that may make them.
            await Post("/reporting/unit/verify", Fields(("Year", Text(w.Year)), ("VerifiedCount", "12")), isUnit ? HttpStatusCode.Found : HttpStatusCode.Forbidden);
            await Post($"/reporting/reports/{w.ReportA}/receipt-received", Fields(), isUnit ? HttpStatusCode.Found : HttpStatusCode.Forbidden);
            await Post($"/settings/reporting-years/{w.SettingId}/edit", Fields(("preset", "seed000")), isCounty ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            if (!isUnit && !isCounty && !isSecretary)
            {
                (await FingerprintAsync(portal)).ShouldBe(before, $"{user} changed data");
            }

            async Task Expect(string method, string url, HttpStatusCode expected)
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode != expected) failures.Add($"{user} {method} {url}: {(int)response.StatusCode}, expected {(int)expected}");
            }

            async Task Post(string url, List<KeyValuePair<string, string>> fields, HttpStatusCode expected)
            {
                var response = await client.PostFormAsync(url, fields, "/");
                if (response.StatusCode != expected) failures.Add($"{user} POST {url}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }
        failures.ShouldBeEmpty();
        (await portal.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync(r => r.Id == w.ReportA))).ReceiptReceivedAt.ShouldNotBeNull();
        (await portal.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync(r => r.Id == w.ReportB))).ReceiptReceivedAt.ShouldBeNull();
    }

    private static IEnumerable<string> GetRoutes(World w) =>
    [
        "/reporting/unit", $"/reporting/unit?unit={w.OtherDepartment}", "/reporting/community",
        $"/reporting/community/confirm/{w.MemberA}", $"/reporting/community/confirm/{w.MemberA}?letter={w.LetterA}",
        "/settings/reporting-years", "/settings/reporting-years/new", $"/settings/reporting-years/{w.SettingId}/edit",
    ];

    private static IEnumerable<(string Url, List<KeyValuePair<string, string>> Fields)> PostRoutes(World w) =>
    [
        ("/reporting/unit/verify", Fields(("Year", Text(w.Year)), ("VerifiedCount", "1"))),
        ("/reporting/letters", Fields(("MemberIds", w.MemberA.ToString()), ("Year", Text(w.Year)))),
        ($"/reporting/letters/{w.LetterA}/cancel", Fields(("reason", "x"))),
        ($"/reporting/reports/{w.ReportA}/receipt-received", Fields()),
        ($"/reporting/community/confirm/{w.MemberA}", ConfirmFields(w.Year)),
        ($"/reporting/reports/{w.ReportA}/withdraw", Fields(("withdrawnOn", $"{w.Year}-06-01"), ("reason", "x"))),
        ("/settings/reporting-years/new", Fields(("Year", "2099"), ("Deadline", "2099-05-15"), ("ThresholdPercent", "100"))),
        ($"/settings/reporting-years/{w.SettingId}/edit", Fields(("Deadline", $"{w.Year}-05-16"), ("ThresholdPercent", "100"))),
    ];

    private static List<KeyValuePair<string, string>> ConfirmFields(int year) =>
        Fields(("Year", Text(year)), ("ReportedOn", $"{year}-03-01"), ("Promises", "越权测试"), ("MemberVersion", Guid.NewGuid().ToString()));

    private static List<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];
}

public sealed class SqliteReportingAccessTests(SqlitePortal portal) : ReportingAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingAccessTests(PostgresPortal portal) : ReportingAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
