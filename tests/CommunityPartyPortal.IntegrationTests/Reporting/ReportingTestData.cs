using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>Arrange and assert helpers of the 报到 tests: members where they are needed, the forms, the pages.</summary>
internal static class ReportingTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first unit below the unit admin's department.</summary>
    public static Task<Guid> UnitInsideAsync(PortalFactory portal) => MembersTestData.UnitInsideAsync(portal);

    /// <summary>A department other than the unit admin's.</summary>
    public static Task<Guid> UnitOutsideAsync(PortalFactory portal) => MembersTestData.UnitOutsideAsync(portal);

    /// <summary>
    /// A new in-service member living in the community of <paramref name="secretary"/> (first grid), working in
    /// <paramref name="unit"/> (default: the first unit below the unit admin's department).
    /// </summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, string secretary = "secretary", Guid? unit = null, Action<Member>? change = null)
    {
        var community = (await UserAsync(portal, secretary)).OrganizationId;
        return await TestMembers.AddMemberAsync(portal, community, unit ?? await UnitInsideAsync(portal), id => "报到" + id[^5..], change);
    }

    public static Task<List<ReportLetter>> LettersOfAsync(PortalFactory portal, Guid memberId) =>
        portal.WithDbAsync(db => db.ReportLetters.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.Serial).ToListAsync());

    public static Task<List<CommunityReport>> ReportsOfAsync(PortalFactory portal, Guid memberId) =>
        portal.WithDbAsync(db => db.CommunityReports.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.CreatedAt).ToListAsync());

    /// <summary>The county saves a year's settings from a preset (the preset button, then 保存).</summary>
    public static async Task SetYearAsync(PortalFactory portal, int year, string preset, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        using var county = await portal.ClientFor("county");
        var filled = await county.PostFormAsync("/settings/reporting-years/new",
            new Dictionary<string, string> { ["Year"] = Text(year), ["preset"] = preset });
        filled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fields = FieldsOf(PortalClient.Parse(await filled.Content.ReadAsStringAsync()), "#year-form");
        change?.Invoke(fields);
        var saved = await county.PostFormAsync("/settings/reporting-years/new", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(saved));
    }

    /// <summary>The unit admin issues letters for the members in <paramref name="year"/>; returns the response.</summary>
    public static Task<HttpResponseMessage> IssueLettersAsync(PortalClient unit, int year, params Guid[] members) =>
        unit.PostFormAsync("/reporting/letters",
            members.Select(m => new KeyValuePair<string, string>("MemberIds", m.ToString())).Append(new("Year", Text(year))),
            "/reporting/unit");

    /// <summary>The confirm form as the page offers it, with the promises filled and the given date.</summary>
    public static async Task<List<KeyValuePair<string, string>>> ConfirmFormAsync(PortalClient secretary, Guid memberId, int year, DateOnly reportedOn, Guid? letter = null)
    {
        var url = $"/reporting/community/confirm/{memberId}?year={year}" + (letter is { } l ? $"&letter={l}" : "");
        var page = await secretary.GetDocumentAsync(url);
        return FieldsOf(page, "#confirm-form")
            .With("ReportedOn", Iso(reportedOn))
            .With("Promises", "每月参加一次社区志愿服务");
    }

    /// <summary>Confirms a report through the page; asserts the redirect to the community page and returns the flash.</summary>
    public static async Task<string> ConfirmAsync(PortalFactory portal, PortalClient secretary, Guid memberId, int year, DateOnly reportedOn,
        Guid? letter = null, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var form = await ConfirmFormAsync(secretary, memberId, year, reportedOn, letter);
        change?.Invoke(form);
        var response = await secretary.PostFormAsync($"/reporting/community/confirm/{memberId}", form, "/reporting/community");
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(response));
        response.Headers.Location!.OriginalString.ShouldBe($"/reporting/community?year={year}");
        var page = await secretary.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return page.QuerySelector(".alert-success")?.TextContent.Trim() ?? "";
    }

    /// <summary>The unit dashboard row of a member.</summary>
    public static IElement? RowOf(IDocument page, Guid memberId) => page.QuerySelector($"#report-list tr[data-member-id='{memberId}']");

    public static string StateOf(IDocument page, Guid memberId) => RowOf(page, memberId)?.GetAttribute("data-state") ?? "(no row)";

    /// <summary>Every field of a form as a browser would post it (checked boxes only, selected options), text areas trimmed.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IDocument page, string formSelector) =>
        TestForms.FieldsOf(page, formSelector, trimTextAreas: true);

    public static string Value(this List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    /// <summary>Follows a redirect and returns the flash messages shown there (success, then error).</summary>
    public static async Task<(string Flash, string Error)> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(response));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return (page.QuerySelector(".alert-success")?.TextContent.Trim() ?? "", page.QuerySelector(".alert-danger")?.TextContent.Trim() ?? "");
    }

    public static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return html.Length == 0 ? $"{(int)response.StatusCode}" : $"{(int)response.StatusCode} errors: " + TestForms.ErrorMessages(html);
    }

    /// <summary>A fingerprint of everything the 报到 routes could write.</summary>
    public static Task<string> FingerprintAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var letters = await db.ReportLetters.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Version).ToListAsync();
        var reports = await db.CommunityReports.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Version).ToListAsync();
        var verifications = await db.UnitVerifications.AsNoTracking().OrderBy(v => v.Id).Select(v => v.Version).ToListAsync();
        var years = await db.ReportingYears.AsNoTracking().OrderBy(y => y.Id).Select(y => y.Version).ToListAsync();
        var counters = await db.SerialCounters.AsNoTracking().OrderBy(c => c.DocumentType).ThenBy(c => c.Year).Select(c => c.Next).ToListAsync();
        var members = await db.Members.AsNoTracking().Where(m => m.Name.StartsWith("报到")).OrderBy(m => m.Id).Select(m => m.Version).ToListAsync();
        return string.Join("|", new[] { letters, reports, verifications, years, members }.Select(l => string.Join(",", l)))
               + "|" + string.Join(",", counters);
    });
}
