using System.Globalization;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Activities;

/// <summary>Arrange and assert helpers of the activity and check-in tests.</summary>
internal static class ActivitiesTestData
{
    private static readonly string[] Given = ["晓", "丽", "建", "国", "秀", "英", "志", "强", "海", "燕", "春", "梅", "文", "华", "明", "霞"];

    public static DateTime Now(PortalFactory portal) => portal.Time.GetUtcNow().UtcDateTime;

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An activity of the community of <paramref name="secretary"/>, starting <paramref name="startsIn"/> from now (negative: started).</summary>
    public static async Task<Activity> AddActivityAsync(PortalFactory portal, TimeSpan startsIn, TimeSpan? length = null, string secretary = "secretary",
        Action<Activity>? change = null)
    {
        var community = (await UserAsync(portal, secretary)).OrganizationId;
        var start = Now(portal) + startsIn;
        var activity = new Activity
        {
            CommunityId = community,
            Title = "签到测试活动" + Guid.NewGuid().ToString("N")[..6],
            Category = ServiceCategory.Environment,
            IsPublicWelfare = true,
            Place = "社区广场",
            StartsAt = start,
            EndsAt = start + (length ?? TimeSpan.FromHours(2)),
            DefaultMinutes = 120,
            Capacity = 30,
            CheckInCode = Guid.NewGuid().ToString("N")[..20],
        };
        change?.Invoke(activity);
        await portal.WithDbAsync(async db => { db.Activities.Add(activity); await db.SaveChangesAsync(); });
        return activity;
    }

    /// <summary>A new active in-service member living in the community of <paramref name="secretary"/>, with a Chinese name.</summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, string secretary = "secretary", string? surname = null)
    {
        var community = (await UserAsync(portal, secretary)).OrganizationId;
        var unit = secretary == "secretary" ? await MembersTestData.UnitInsideAsync(portal) : await MembersTestData.UnitOutsideAsync(portal);
        string Name(string _) => (surname ?? "签") + Given[Random.Shared.Next(Given.Length)] + Given[Random.Shared.Next(Given.Length)];
        return await TestMembers.AddMemberAsync(portal, community, unit, Name);
    }

    public static Task<List<ServiceRecord>> RecordsOfAsync(PortalFactory portal, Guid activityId) =>
        portal.WithDbAsync(db => db.ServiceRecords.AsNoTracking().Where(r => r.ActivityId == activityId).OrderBy(r => r.CreatedAt).ToListAsync());

    public static Task<Activity?> ActivityAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id));

    /// <summary>Everything an activity route could write: the activities and the service records (ids and versions).</summary>
    public static Task<string> FingerprintAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var activities = await db.Activities.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id.ToString() + a.Version).ToListAsync();
        var records = await db.ServiceRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id.ToString() + r.Version).ToListAsync();
        return string.Join(",", activities) + "|" + string.Join(",", records);
    });

    /// <summary>The check-in form as the screen renders it (its idempotency key, the default hours) with the given values.</summary>
    public static async Task<List<KeyValuePair<string, string>>> CheckInFormAsync(PortalClient secretary, Guid activityId, params (string Key, string Value)[] values)
    {
        var page = await secretary.GetDocumentAsync($"/activities/{activityId}/checkin");
        var fields = TestForms.FieldsOf(page, "#checkin-form", trimTextAreas: true);
        foreach (var (key, value) in values) fields.With(key, value);
        return fields;
    }

    public static List<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];
}
