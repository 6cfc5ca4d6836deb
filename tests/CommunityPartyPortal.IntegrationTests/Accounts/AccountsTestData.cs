using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Accounts;

/// <summary>Arrange and assert helpers for the account pages: forms, organisations and accounts of the demo county.</summary>
internal static class AccountsTestData
{
    public const string InitialPassword = "Initial#2026pw";

    public static Dictionary<string, string> NewAccount(string userName, PortalRole role, Guid organizationId,
        string password = InitialPassword, bool pii = false) => new()
    {
        ["UserName"] = userName,
        ["DisplayName"] = $"测试 {userName}",
        ["Role"] = role.ToString(),
        ["OrganizationId"] = organizationId.ToString(),
        ["CanViewPersonalData"] = pii ? "true" : "false",
        ["Password"] = password,
        ["ConfirmPassword"] = password,
    };

    /// <summary>Creates an account through the page (as the county admin) and returns its id.</summary>
    public static async Task<Guid> CreateAsync(PortalFactory portal, PortalClient county, string userName, PortalRole role, Guid organizationId)
    {
        var response = await county.PostFormAsync("/accounts/new", NewAccount(userName, role, organizationId));
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe("/accounts");
        return (await UserAsync(portal, userName)).Id;
    }

    public static Task<PortalUser> UserAsync(PortalFactory portal, string userName) =>
        portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    public static Task<bool> ExistsAsync(PortalFactory portal, string userName) =>
        portal.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName));

    /// <summary>The n-th organisation of a kind, by code.</summary>
    public static Task<Organization> OrgAsync(PortalFactory portal, OrgKind kind, int index = 0) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Kind == kind).OrderBy(o => o.Code).Skip(index).FirstAsync());

    /// <summary>The edit form's fields as the page shows them (the version stamp included), with changes applied.</summary>
    public static async Task<Dictionary<string, string>> EditFormAsync(PortalClient client, Guid id, Action<Dictionary<string, string>>? change = null)
    {
        var doc = await client.GetDocumentAsync($"/accounts/{id}/edit");
        var form = doc.QuerySelector("#account-form")!;
        var fields = new Dictionary<string, string>
        {
            ["DisplayName"] = Value(form, "input[name=DisplayName]"),
            ["ConcurrencyStamp"] = Value(form, "input[name=ConcurrencyStamp]"),
            ["CanViewPersonalData"] = form.QuerySelector("input[name=CanViewPersonalData][type=checkbox]")!.HasAttribute("checked") ? "true" : "false",
            ["Role"] = form.QuerySelector("select[name=Role] option[selected]")?.GetAttribute("value") ?? Value(form, "input[name=Role]"),
            ["OrganizationId"] = form.QuerySelector("select[name=OrganizationId] option[selected]")?.GetAttribute("value") ?? Value(form, "input[name=OrganizationId]"),
        };
        change?.Invoke(fields);
        return fields;
    }

    /// <summary>The text of the validation messages and the summary on a page.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        return string.Join("\n", doc.QuerySelectorAll(".field-validation-error, .validation-summary-errors li").Select(e => e.TextContent.Trim()));
    }

    private static string Value(IElement form, string selector) => form.QuerySelector(selector)?.GetAttribute("value") ?? "";
}
