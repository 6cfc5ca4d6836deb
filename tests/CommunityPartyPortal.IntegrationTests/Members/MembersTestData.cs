using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>Arrange and assert helpers for the member pages: valid IDs and phones, the demo orgs, forms.</summary>
internal static partial class MembersTestData
{
    /// <summary>The temporary password in the flash after 开通登录账号.</summary>
    [GeneratedRegex("初始密码：(\\S+?)，")]
    public static partial Regex PasswordPattern();

    /// <summary>A valid, unused national ID (region 110105, never used by the synthetic county).</summary>
    public static string NewNationalId(bool male = true, DateOnly? birth = null) => TestMembers.NewNationalId(male, birth);

    /// <summary>A valid mobile number unlikely to be used by the seed (prefix 196 is not among its prefixes).</summary>
    public static string NewMobile() => TestMembers.NewMobile();

    public static Task<PortalUser> UserAsync(PortalFactory portal, string userName) => TestMembers.UserAsync(portal, userName);

    public static Task<Member> MemberAsync(PortalFactory portal, Guid id) => TestMembers.MemberAsync(portal, id);

    public static Task<int> MemberCountAsync(PortalFactory portal) => portal.WithDbAsync(db => db.Members.CountAsync());

    /// <summary>The first grid of a community.</summary>
    public static Task<Organization> GridOfAsync(PortalFactory portal, Guid communityId) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.ParentId == communityId && o.Kind == OrgKind.Grid).OrderBy(o => o.Code).FirstAsync());

    /// <summary>A subordinate unit under the unit admin's department.</summary>
    public static async Task<Guid> UnitInsideAsync(PortalFactory portal)
    {
        var unit = await UserAsync(portal, "unit");
        return await portal.WithDbAsync(db => db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == unit.OrganizationId && o.Kind == OrgKind.WorkUnit).OrderBy(o => o.Code).Select(o => o.Id).FirstAsync());
    }

    /// <summary>A department other than the unit admin's.</summary>
    public static async Task<Guid> UnitOutsideAsync(PortalFactory portal)
    {
        var unit = await UserAsync(portal, "unit");
        return await portal.WithDbAsync(async db =>
        {
            var county = await db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrgKind.County);
            return await db.Organizations.AsNoTracking()
                .Where(o => o.ParentId == county.Id && o.Kind == OrgKind.WorkUnit && o.Id != unit.OrganizationId)
                .OrderBy(o => o.Code).Select(o => o.Id).FirstAsync();
        });
    }

    /// <summary>A complete, valid create form for an in-service member.</summary>
    public static Dictionary<string, string> ValidForm(Guid communityId, Guid gridId, Guid workUnitId, string? nationalId = null, string? mobile = null) => new()
    {
        ["Name"] = "测试党员",
        ["NationalId"] = nationalId ?? NewNationalId(),
        ["Mobile"] = mobile ?? NewMobile(),
        ["Ethnicity"] = "汉族",
        ["Education"] = nameof(Education.Bachelor),
        ["JoinedPartyOn"] = "2005-07-01",
        ["Status"] = nameof(MembershipStatus.Full),
        ["Category"] = nameof(MemberCategory.InService),
        ["WorkUnitId"] = workUnitId.ToString(),
        ["JobTitle"] = "科员",
        ["CommunityId"] = communityId.ToString(),
        ["GridId"] = gridId.ToString(),
        ["Building"] = "3号楼",
        ["Room"] = "2单元301",
        ["Address"] = "测试地址",
        ["Specialties"] = "法律咨询",
        ["ServiceIntentions"] = nameof(ServiceCategory.LegalAid),
        ["FreeTime"] = "周末",
    };

    /// <summary>A valid form for the secretary's community (with the unit admin's subordinate unit as work unit).</summary>
    public static async Task<Dictionary<string, string>> ValidFormForSecretaryAsync(PortalFactory portal, string secretary = "secretary")
    {
        var account = await UserAsync(portal, secretary);
        var grid = await GridOfAsync(portal, account.OrganizationId);
        return ValidForm(account.OrganizationId, grid.Id, await UnitInsideAsync(portal));
    }

    /// <summary>Adds a member directly (system scope) in the secretary's community, in the unit admin's subordinate unit.</summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, Action<Member>? change = null)
    {
        var secretary = await UserAsync(portal, "secretary");
        return await TestMembers.AddMemberAsync(portal, secretary.OrganizationId, await UnitInsideAsync(portal), id => "测试" + id[^4..], change);
    }

    /// <summary>Every field of a form on a page as a browser would post it (checked boxes only, selected options).</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IDocument page, string formSelector) =>
        TestForms.FieldsOf(page, formSelector, trimTextAreas: false);

    /// <summary>The member id of a 302 to /members/{id}.</summary>
    public static async Task<Guid> ShouldRedirectToMemberAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(response));
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/members/");
        return Guid.Parse(location["/members/".Length..]);
    }

    private static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return html.Length == 0 ? "" : "errors: " + TestForms.ErrorMessages(html);
    }

    public static Task<int> AuditCountAsync(PortalFactory portal, string action, Guid target) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.TargetId == target.ToString()));

    public static Task<Member> AnyActiveMemberOfAsync(PortalDbContext db, Guid communityId) =>
        db.Members.AsNoTracking().Where(m => m.CommunityId == communityId && m.MovedOutOn == null).OrderBy(m => m.Id).FirstAsync();
}
