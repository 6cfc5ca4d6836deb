using System.Net;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Reporting.ReportingTestData;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>
/// Who may not print the 报到 documents: across tenants they are 404 (single and in batches), the roles that do
/// not print get 403, a cancelled letter and a withdrawn report are not printed, and an empty batch goes back.
/// </summary>
public abstract class ReportingDocumentsAccessTests<TPortal>(TPortal portal) : ReportingDocumentsTestBase<TPortal> where TPortal : PortalFactory
{
    protected override TPortal Portal => portal;

    [Fact]
    public async Task Documents_across_tenants_are_404_and_the_roles_that_do_not_print_get_403()
    {
        var w = await WorldAsync();
        var (l, r) = (w.Letters[0], w.Reports[0]);

        // Another tenant: a unit admin bound to a department outside the demo unit's subtree, with its own
        // member in secretary2's community, a letter and a report there.
        var outside = await UnitOutsideAsync(portal);
        var otherUnitName = $"unit-other-{Guid.NewGuid():N}"[..24];
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>()
                .CreateAsync(otherUnitName, DemoCountySeeder.Password, "其他单位 管理员", PortalRole.UnitAdmin, outside);
        }
        using var otherUnit = await portal.ClientFor(otherUnitName);
        var foreignMember = await AddMemberAsync(portal, "secretary2", outside);
        (await FlashAfterAsync(otherUnit, await IssueLettersAsync(otherUnit, w.Year, foreignMember.Id))).Flash.ShouldStartWith("已开具1份证明信");
        var foreignLetter = (await LettersOfAsync(portal, foreignMember.Id)).Single();
        using var secretary2 = await portal.ClientFor("secretary2");
        await ConfirmAsync(portal, secretary2, foreignMember.Id, w.Year, Today(portal), foreignLetter.Id);
        var foreignReport = (await ReportsOfAsync(portal, foreignMember.Id)).Single();

        var auditsBefore = await PiiAuditCountAsync();
        var own = Urls(l.Id, r.Id);
        var foreign = Urls(foreignLetter.Id, foreignReport.Id);

        // Each side prints its own (the controls) and gets 404 for the other's, single and in a batch with its own.
        using var unit = await portal.ClientFor("unit");
        using var secretary = await portal.ClientFor("secretary");
        var failures = new List<string>();
        await ExpectAsync(unit, "unit", own, HttpStatusCode.OK);
        await ExpectAsync(unit, "unit", foreign, HttpStatusCode.NotFound);
        await ExpectAsync(otherUnit, "other unit", foreign, HttpStatusCode.OK);
        await ExpectAsync(otherUnit, "other unit", own, HttpStatusCode.NotFound);
        await ExpectAsync(secretary2, "secretary2", foreign, HttpStatusCode.OK);
        await ExpectAsync(secretary2, "secretary2", own, HttpStatusCode.NotFound);
        await ExpectAsync(secretary, "secretary", foreign, HttpStatusCode.NotFound);
        failures.ShouldBeEmpty();

        (await unit.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id, foreignLetter.Id]), "/reporting/unit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherUnit.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/reporting/unit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var kind in new[] { "receipt", "info-card", "commitment-card" })
        {
            (await secretary.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id, foreignReport.Id]), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"secretary {kind} batch with secretary2's report");
            (await secretary2.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id]), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"secretary2 {kind} batch");
            (await otherUnit.PostFormAsync("/reporting/reports/pdf", [.. Ids("AllIds", [r.Id]), new("Selection", "all"), new("Kind", kind)], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"other unit {kind} batch");
        }
        (await secretary.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "batch letters are the unit's");

        // The street admin and the member may not print at all.
        foreach (var user in new[] { "street", "member" })
        {
            using var client = await portal.ClientFor(user);
            await ExpectAsync(client, user, own, HttpStatusCode.Forbidden);
            (await client.PostFormAsync("/reporting/letters/pdf", Ids("LetterIds", [l.Id]), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} letters batch");
            (await client.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [r.Id]), new("Kind", "receipt")], "/"))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} reports batch");
        }
        failures.ShouldBeEmpty();

        // The controls of the PII users were audited, the refusals not.
        var audits = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "document.pii").ToListAsync());
        audits.Count(a => a.TargetId == l.Id.ToString() || a.TargetId == r.Id.ToString()).ShouldBe(0, "nobody printed the own tenant's documents with PII here");
        (audits.Count - auditsBefore).ShouldBe(4, "secretary2's four controls");

        async Task ExpectAsync(PortalClient client, string who, IEnumerable<string> urls, HttpStatusCode expected)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode != expected) failures.Add($"{who} GET {url}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected != HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/pdf") failures.Add($"{who} GET {url}: a PDF");
            }
        }
    }

    [Fact]
    public async Task A_cancelled_letter_and_a_withdrawn_report_are_not_printed_and_an_empty_batch_goes_back()
    {
        var w = await WorldAsync();
        var member = await AddMemberAsync(portal);
        using var unit = await portal.ClientFor("unit");
        await IssueLettersAsync(unit, w.Year, member.Id);
        var letter = (await LettersOfAsync(portal, member.Id)).Single();
        (await unit.GetAsync($"/reporting/letters/{letter.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cancelled = await unit.PostFormAsync($"/reporting/letters/{letter.Id}/cancel", new Dictionary<string, string> { ["reason"] = "开错" }, "/reporting/unit");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await unit.GetAsync($"/reporting/letters/{letter.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var secretary = await portal.ClientFor("secretary");
        var r = w.Reports[1];
        var withdrawn = await secretary.PostFormAsync($"/reporting/reports/{r.Id}/withdraw",
            new Dictionary<string, string> { ["withdrawnOn"] = Iso(Today(portal)), ["reason"] = "迁居外地" }, "/reporting/community");
        (await FlashAfterAsync(secretary, withdrawn)).Flash.ShouldContain("已撤回报到");
        foreach (var doc in new[] { "receipt", "info-card", "commitment-card" })
        {
            (await secretary.GetAsync($"/reporting/reports/{r.Id}/{doc}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound, doc);
        }
        (await secretary.GetDocumentAsync($"/reporting/community?year={w.Year}"))
            .QuerySelector($"#roster-list tr[data-report-id='{r.Id}'] a.receipt-pdf").ShouldBeNull("no document links on a withdrawn row");

        // Nothing ticked: back to the page with the message; an unknown kind is a bad request.
        var empty = await unit.PostFormAsync("/reporting/letters/pdf",
            new Dictionary<string, string> { ["Selection"] = "checked", ["Back"] = $"/reporting/unit?year={w.Year}" }, "/reporting/unit");
        empty.StatusCode.ShouldBe(HttpStatusCode.Found);
        empty.Headers.Location!.OriginalString.ShouldBe($"/reporting/unit?year={w.Year}");
        (await FlashAfterAsync(unit, empty)).Error.ShouldBe("请先勾选要打印的证明信");
        var offsite = await secretary.PostFormAsync("/reporting/reports/pdf",
            new Dictionary<string, string> { ["Kind"] = "receipt", ["Back"] = "https://example.com/" }, "/reporting/community");
        offsite.Headers.Location!.OriginalString.ShouldBe("/reporting/community", "only a local page is gone back to");
        (await secretary.PostFormAsync("/reporting/reports/pdf", [.. Ids("ReportIds", [w.Reports[0].Id]), new("Kind", "roster")], "/reporting/community"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static IEnumerable<string> Urls(Guid letter, Guid report) =>
    [
        $"/reporting/letters/{letter}/pdf",
        $"/reporting/reports/{report}/receipt.pdf",
        $"/reporting/reports/{report}/info-card.pdf",
        $"/reporting/reports/{report}/commitment-card.pdf?paper=A5&copies=2",
    ];
}

public sealed class SqliteReportingDocumentsAccessTests(SqlitePortal portal) : ReportingDocumentsAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresReportingDocumentsAccessTests(PostgresPortal portal) : ReportingDocumentsAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
