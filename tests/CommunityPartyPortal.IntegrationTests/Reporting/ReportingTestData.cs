using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>Arrange and assert helpers of the 报到 tests: members where they are needed, the forms, the pages.</summary>
internal static class ReportingTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static Task<PortalUser> UserAsync(PortalFactory portal, string userName) =>
        portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

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
        var workUnit = unit ?? await UnitInsideAsync(portal);
        return await portal.WithDbAsync(async db =>
        {
            var street = await db.Organizations.AsNoTracking().Where(o => o.Id == community).Select(o => o.ParentId).SingleAsync();
            var grid = await db.Organizations.AsNoTracking().Where(o => o.ParentId == community && o.Kind == OrgKind.Grid).OrderBy(o => o.Code).FirstAsync();
            var id = MembersTestData.NewNationalId();
            var member = new Member
            {
                Name = "报到" + id[^5..],
                NationalId = id,
                Mobile = MembersTestData.NewMobile(),
                Gender = NationalId.IsMale(id) == true ? Gender.Male : Gender.Female,
                BirthDate = NationalId.BirthDate(id)!.Value,
                Ethnicity = "汉族",
                Education = Education.Bachelor,
                JoinedPartyOn = new DateOnly(2005, 7, 1),
                Status = MembershipStatus.Full,
                Category = MemberCategory.InService,
                WorkUnitId = workUnit,
                CommunityId = community,
                StreetId = street,
                GridId = grid.Id,
            };
            change?.Invoke(member);
            db.Members.Add(member);
            await db.SaveChangesAsync();
            return member;
        });
    }

    public static Task<Member> MemberAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == id));

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

    /// <summary>Every field of a form as a browser would post it (checked boxes only, selected options).</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on the page");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (element.LocalName)
            {
                case "input" when element.GetAttribute("type") is "checkbox" or "radio":
                    if (element.HasAttribute("checked")) fields.Add(new(name, element.GetAttribute("value") ?? "on"));
                    break;
                case "input":
                    fields.Add(new(name, element.GetAttribute("value") ?? ""));
                    break;
                case "select":
                    var option = element.QuerySelector("option[selected]") ?? element.QuerySelector("option");
                    fields.Add(new(name, option?.GetAttribute("value") ?? ""));
                    break;
                case "textarea":
                    fields.Add(new(name, element.TextContent.Trim()));
                    break;
            }
        }
        return fields;
    }

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }

    public static string Value(this List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    /// <summary>The validation message beside a field.</summary>
    public static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static async Task<IDocument> ShouldBeFormWithErrorsAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 500 ? html[..500] : html);
        return PortalClient.Parse(html);
    }

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
        if (html.Length == 0) return $"{(int)response.StatusCode}";
        var doc = PortalClient.Parse(html);
        var errors = doc.QuerySelectorAll(".field-validation-error, .validation-summary-errors, .alert-danger")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);
        return $"{(int)response.StatusCode} errors: " + string.Join(" | ", errors);
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
