using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Home;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>Arrange and read helpers of the home dashboard tests (on the demo county, with organisations added per test).</summary>
internal static class DashboardTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    /// <summary>
    /// Past the dashboards' longest staleness (figures are recomputed while the request waits), and into the second half of the year when needed
    /// (the members behind the requirement are listed from 1 July).
    /// </summary>
    public static void Expire(PortalFactory portal)
    {
        portal.Time.Advance(DashboardCache.MaxStale + TimeSpan.FromMinutes(1));
        var today = Today(portal);
        if (today.Month < 7)
        {
            portal.Time.Advance(new DateTimeOffset(today.Year, 9, 15, 10, 0, 0, TimeSpan.FromHours(8)) - portal.Time.GetUtcNow());
        }
    }

    public static Task<Organization> OrgAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    public static Task<Organization> CountyAsync(PortalFactory portal) =>
        portal.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrgKind.County));

    /// <summary>A new organisation of <paramref name="kind"/> under <paramref name="parent"/>, named with a unique tag.</summary>
    public static async Task<Organization> AddOrgAsync(PortalFactory portal, OrgKind kind, Guid parent, string prefix)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var org = new Organization { Name = prefix + tag, Code = $"D{tag}", Kind = kind, ParentId = parent, SortOrder = 95 };
        await portal.WithDbAsync(async db =>
        {
            db.Organizations.Add(org);
            return await db.SaveChangesAsync();
        });
        return org;
    }

    /// <summary>A confirmed 报到 of the member to its community today.</summary>
    public static Task AddReportAsync(PortalFactory portal, Member member) => portal.WithDbAsync(async db =>
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        db.CommunityReports.Add(new CommunityReport
        {
            Year = Today(portal).Year, MemberId = member.Id, CommunityId = member.CommunityId!.Value, ReportedOn = Today(portal),
            Status = ReportStatus.Confirmed, ConfirmedBy = "社区书记", ReceiptSerial = $"T-回执-{n}", InfoCardSerial = $"T-信息卡-{n}", CommitmentSerial = $"T-承诺卡-{n}",
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>An activity of the community that started an hour ago.</summary>
    public static async Task<Activity> AddActivityAsync(PortalFactory portal, Guid community, ActivityKind kind)
    {
        var start = portal.Time.GetUtcNow().UtcDateTime.AddHours(-1);
        var activity = new Activity
        {
            CommunityId = community, Title = "看板测试活动" + Guid.NewGuid().ToString("N")[..6], Kind = kind, Category = ServiceCategory.Environment,
            StartsAt = start, EndsAt = start.AddHours(2), DefaultMinutes = 120, CheckInCode = Guid.NewGuid().ToString("N")[..20],
        };
        await portal.WithDbAsync(async db =>
        {
            db.Activities.Add(activity);
            return await db.SaveChangesAsync();
        });
        return activity;
    }

    /// <summary>A confirmed check-in of the member at the activity, today.</summary>
    public static Task AddCheckInAsync(PortalFactory portal, Activity activity, Member member) => portal.WithDbAsync(async db =>
    {
        db.ServiceRecords.Add(new ServiceRecord
        {
            MemberId = member.Id, CommunityId = activity.CommunityId, ActivityId = activity.Id, ServedOn = Today(portal), Content = activity.Title,
            Category = activity.Category, Minutes = 60, Source = RecordSource.CheckIn, Status = RecordStatus.Confirmed, RecordedBy = "测试", ConfirmedBy = "测试",
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>The rows of a chart table: (the row's data-org-id or first cell, the first series' value).</summary>
    public static List<(string Key, string Label, string Value)> ChartRows(IDocument page, string tableId)
    {
        var table = page.QuerySelector($"table#{tableId}") ?? throw new InvalidOperationException($"No chart table {tableId}.");
        var series = table.QuerySelectorAll("thead th").Select((th, i) => (th, i)).First(x => x.th.HasAttribute("data-series")).i;
        return [.. table.QuerySelectorAll("tbody tr").Select(tr => (
            tr.GetAttribute("data-org-id") ?? tr.GetAttribute("data-month") ?? tr.GetAttribute("data-activity-id") ?? "",
            tr.Children[0].TextContent.Trim(),
            tr.Children[series].GetAttribute("data-value") ?? ""))];
    }

    /// <summary>The data-* ids of the items of a dashboard list.</summary>
    public static List<string> ListIds(IDocument page, string listId, string attribute) =>
        [.. page.QuerySelectorAll($"#{listId} [{attribute}]").Select(li => li.GetAttribute(attribute)!)];

    public static int Number(IDocument page, string id) =>
        int.Parse((page.QuerySelector($"#{id}") ?? throw new InvalidOperationException($"No #{id}.")).TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
