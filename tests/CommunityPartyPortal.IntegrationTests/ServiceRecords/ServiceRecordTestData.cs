using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.ServiceRecords;

/// <summary>Arrange helpers of the 写实登记 and annual requirement tests.</summary>
internal static class ServiceRecordTestData
{
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new in-service member in the community of <paramref name="secretary"/>, working in <paramref name="unit"/> (default: inside the unit admin's department).</summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, string secretary = "secretary", Guid? unit = null)
    {
        var community = (await TestMembers.UserAsync(portal, secretary)).OrganizationId;
        return await TestMembers.AddMemberAsync(portal, community, unit ?? await MembersTestData.UnitInsideAsync(portal), id => "写实" + id[^5..]);
    }

    /// <summary>Adds a service record directly (system scope) in the member's community.</summary>
    public static Task<ServiceRecord> AddRecordAsync(PortalFactory portal, Member member, DateOnly servedOn, int minutes,
        RecordStatus status = RecordStatus.Confirmed, bool welfare = false, string content = "测试服务") =>
        portal.WithDbAsync(async db =>
        {
            var record = new ServiceRecord
            {
                MemberId = member.Id,
                CommunityId = member.CommunityId!.Value,
                ServedOn = servedOn,
                Content = content,
                Category = ServiceCategory.Convenience,
                IsPublicWelfare = welfare,
                Minutes = minutes,
                Source = RecordSource.Manual,
                Status = status,
                RecordedBy = "测试",
                ConfirmedBy = status == RecordStatus.Confirmed ? "测试证明人" : null,
            };
            db.ServiceRecords.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

    public static Task<List<ServiceRecord>> RecordsOfAsync(PortalFactory portal, Guid memberId) =>
        portal.WithDbAsync(db => db.ServiceRecords.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.CreatedAt).ToListAsync());

    public static Task<ServiceRecord> RecordAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.ServiceRecords.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>A fingerprint of every service record and requirement rule (ids, versions).</summary>
    public static Task<string> FingerprintAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var records = await db.ServiceRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id.ToString() + r.Version).ToListAsync();
        var rules = await db.RequirementRules.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id.ToString() + r.Version).ToListAsync();
        return string.Join(",", records) + "|" + string.Join(",", rules);
    });

    /// <summary>The new-record form as a secretary posts it.</summary>
    public static Dictionary<string, string> RecordForm(Guid memberId, DateOnly servedOn, string hours = "2", string? confirmedBy = "网格长 李四",
        string content = "协助开展垃圾分类宣传", string? key = null) => new()
    {
        ["MemberId"] = memberId.ToString(),
        ["ServedOn"] = Iso(servedOn),
        ["Content"] = content,
        ["Category"] = nameof(ServiceCategory.Environment),
        ["IsPublicWelfare"] = "true",
        ["Hours"] = hours,
        ["ConfirmedBy"] = confirmedBy ?? "",
        ["IdempotencyKey"] = key ?? Guid.NewGuid().ToString("N"),
    };

    public static async Task<string> BodyOf(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} " + TestForms.ErrorMessages(await response.Content.ReadAsStringAsync());

    public static async Task ShouldRedirectAsync(HttpResponseMessage response) =>
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await BodyOf(response));

    /// <summary>Sets a year's rules directly (system scope) from a preset.</summary>
    public static Task SetRulesAsync(PortalFactory portal, int year, string preset) => portal.WithDbAsync(async db =>
    {
        db.RequirementRules.RemoveRange(await db.RequirementRules.Where(r => r.Year == year).ToListAsync());
        await db.SaveChangesAsync();
        db.RequirementRules.AddRange(Domain.Service.Requirements.RequirementPresets.Create(preset, year));
        await db.SaveChangesAsync();
    });

    /// <summary>The rules form's fields as the page offers them (checked boxes only).</summary>
    public static Dictionary<string, string> FieldsOfRules(AngleSharp.Dom.IDocument page) =>
        TestForms.FieldsOf(page, "#rules-form", trimTextAreas: true).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value);
}
