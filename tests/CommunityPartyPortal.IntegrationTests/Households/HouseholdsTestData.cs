using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>Arrange and assert helpers of the 联系对象 and 合理建议 tests.</summary>
internal static class HouseholdsTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<Guid> CommunityOfAsync(PortalFactory portal, string user) => (await UserAsync(portal, user)).OrganizationId;

    /// <summary>A new member living in the community of <paramref name="secretary"/>.</summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, string secretary = "secretary")
    {
        var community = await CommunityOfAsync(portal, secretary);
        return await TestMembers.AddMemberAsync(portal, community, await MembersTestData.UnitInsideAsync(portal), id => "联系" + id[^5..]);
    }

    /// <summary>A household added directly (system scope) in the community of <paramref name="secretary"/>.</summary>
    public static async Task<Household> AddHouseholdAsync(PortalFactory portal, string secretary = "secretary", Action<Household>? change = null)
    {
        var community = await CommunityOfAsync(portal, secretary);
        return await portal.WithDbAsync(async db =>
        {
            var h = new Household
            {
                CommunityId = community,
                Serial = "T-" + Guid.NewGuid().ToString("N")[..20],
                Kind = HouseholdKind.LonelyElder,
                HeadName = "测试户" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                Address = "测试路1号",
                NationalId = NewNationalId(),
                Phone = NewMobile(),
            };
            change?.Invoke(h);
            db.Households.Add(h);
            await db.SaveChangesAsync();
            return h;
        });
    }

    public static Task<HouseholdPairing> AddPairingAsync(PortalFactory portal, Household h, Member m, DateOnly pairedOn) =>
        portal.WithDbAsync(async db =>
        {
            var p = new HouseholdPairing { HouseholdId = h.Id, MemberId = m.Id, CommunityId = h.CommunityId, PairedOn = pairedOn };
            db.HouseholdPairings.Add(p);
            await db.SaveChangesAsync();
            return p;
        });

    public static Task<HouseholdVisit> AddVisitAsync(PortalFactory portal, Household h, Member m, DateOnly on) =>
        portal.WithDbAsync(async db =>
        {
            var v = new HouseholdVisit
            {
                HouseholdId = h.Id, MemberId = m.Id, CommunityId = h.CommunityId, VisitedOn = on, Help = HelpKind.Elderly, Content = "测试走访", RecordedBy = "测试",
            };
            db.HouseholdVisits.Add(v);
            await db.SaveChangesAsync();
            return v;
        });

    public static Task<Suggestion> AddSuggestionAsync(PortalFactory portal, Member m, DateOnly on) =>
        portal.WithDbAsync(async db =>
        {
            var s = new Suggestion { MemberId = m.Id, CommunityId = m.CommunityId!.Value, SubmittedOn = on, Title = "测试建议", Content = "建议内容" };
            db.Suggestions.Add(s);
            await db.SaveChangesAsync();
            return s;
        });

    /// <summary>Every version and count of the records these features write (and the serial counters): equal before and after = nothing written.</summary>
    public static Task<string> FingerprintAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var parts = new List<string>
        {
            string.Join(",", await db.Households.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Version).ToListAsync()),
            string.Join(",", await db.HouseholdPairings.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Version).ToListAsync()),
            string.Join(",", await db.HouseholdVisits.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Version).ToListAsync()),
            string.Join(",", await db.Suggestions.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Version).ToListAsync()),
            string.Join(",", await db.Recognitions.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Version).ToListAsync()),
            string.Join(",", await db.SerialCounters.AsNoTracking().OrderBy(c => c.DocumentType).ThenBy(c => c.Year).Select(c => c.Next).ToListAsync()),
        };
        return string.Join("|", parts);
    });

    public static Task<Household> HouseholdAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == id));

    public static Task<List<HouseholdPairing>> PairingsOfAsync(PortalFactory portal, Guid householdId) =>
        portal.WithDbAsync(db => db.HouseholdPairings.AsNoTracking().Where(p => p.HouseholdId == householdId).OrderBy(p => p.CreatedAt).ToListAsync());

    public static Task<List<HouseholdVisit>> VisitsOfAsync(PortalFactory portal, Guid householdId) =>
        portal.WithDbAsync(db => db.HouseholdVisits.AsNoTracking().Where(v => v.HouseholdId == householdId).ToListAsync());

    public static async Task<string> RedirectAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Found, TestForms.ErrorMessages(body) is { Length: > 0 } e ? e : body.Length > 300 ? body[..300] : body);
        return response.Headers.Location!.OriginalString;
    }

    public static Dictionary<string, string> HouseholdFields(string headName = "王大爷", string? nationalId = null, string? phone = null) => new()
    {
        ["Kind"] = nameof(HouseholdKind.LonelyElder),
        ["HeadName"] = headName,
        ["Gender"] = nameof(Gender.Male),
        ["BirthYear"] = "1940",
        ["NationalId"] = nationalId ?? "",
        ["Phone"] = phone ?? "",
        ["Address"] = "幸福路8号3栋201",
        ["Situation"] = "独居，行动不便",
        ["Needs"] = "定期探望、代购生活用品",
    };
}
