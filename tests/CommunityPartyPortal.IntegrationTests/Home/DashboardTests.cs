using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Feedback;
using CommunityPartyPortal.IntegrationTests.Households;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.IntegrationTests.ServiceRecords;
using CommunityPartyPortal.Web.Features.Home;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Home.DashboardTestData;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>
/// The home dashboards through HTTP on the demo county, per role, with organisations and records added per test: the
/// figures, the chart tables' rows, the links, a change shown once the figures are past their longest staleness (the cache itself: DashboardRefreshTests) and the scoping
/// of a street admin.
/// </summary>
public abstract class DashboardTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_county_lists_a_unit_below_the_threshold_until_it_meets_it_with_the_rate_and_service_charts()
    {
        Expire(portal);
        var today = Today(portal);
        var county = await CountyAsync(portal);
        var community = (await TestMembers.UserAsync(portal, "secretary")).OrganizationId;
        var department = await AddOrgAsync(portal, OrgKind.WorkUnit, county.Id, "看板测试局");
        var unit = await AddOrgAsync(portal, OrgKind.WorkUnit, department.Id, "看板测试所");
        var members = new List<Member>();
        for (var i = 0; i < 2; i++) members.Add(await TestMembers.AddMemberAsync(portal, community, unit.Id, id => "看板" + id[^4..]));

        using var client = await portal.ClientFor("county");
        var page = await client.GetDocumentAsync("/");
        page.QuerySelector("#dashboard")!.GetAttribute("data-scope").ShouldBe("county");
        page.QuerySelector("#dashboard-computed-at")!.TextContent.ShouldMatch(@"^数据统计于 \d\d:\d\d$");
        var listed = page.QuerySelector($"#below-threshold [data-org-id='{unit.Id}']").ShouldNotBeNull("0 of 2 reported is below any threshold");
        listed.QuerySelector("a")!.TextContent.ShouldBe($"{department.Name} · {unit.Name}");
        listed.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/summaries?root={unit.Id}&year={today.Year}");
        listed.QuerySelector("span")!.TextContent.ShouldBe("0/2（0.0%）");
        Number(page, "below-threshold-count").ShouldBe(ListIds(page, "below-threshold", "data-org-id").Count);

        var streets = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Kind == OrgKind.Street && o.ParentId == county.Id)
            .Select(o => o.Id).ToListAsync());
        ChartRows(page, "chart-rate-by-street").Select(r => r.Key).ShouldBe(streets.Select(id => id.ToString()), ignoreOrder: true);
        page.QuerySelector("table#chart-rate-by-street")!.GetAttribute("data-chart").ShouldBe("bar");
        var byDepartment = ChartRows(page, "chart-rate-by-department");
        byDepartment.Single(r => r.Key == department.Id.ToString()).ShouldBe((department.Id.ToString(), department.Name, "0.0"));

        // Service hours by month: every month of the year up to this one, the confirmed minutes of each / 60.
        var first = new DateOnly(today.Year, 1, 1);
        var records = await portal.WithDbAsync(db => db.ServiceRecords.AsNoTracking()
            .Where(r => r.Status == RecordStatus.Confirmed && r.ServedOn >= first && r.ServedOn <= today).Select(r => new { r.ServedOn, r.Minutes }).ToListAsync());
        var months = ChartRows(page, "chart-service-by-month");
        months.Select(m => m.Key).ShouldBe(Enumerable.Range(1, today.Month).Select(m => m.ToString(CultureInfo.InvariantCulture)));
        foreach (var (month, _, value) in months)
        {
            var minutes = records.Where(r => r.ServedOn.Month == int.Parse(month, CultureInfo.InvariantCulture)).Sum(r => r.Minutes);
            decimal.Parse(value, CultureInfo.InvariantCulture).ShouldBe(Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero), $"month {month}");
        }

        // The requirement completion rate is the service summary's, for the county.
        var service = await portal.WithDbAsync(db => SummaryQueries.ServiceAsync(db, today.Year, today, county.Id));
        Number(page, "requirement-members").ShouldBe(service.ByUnit.Total.Members);
        Number(page, "requirement-meeting").ShouldBe(service.ByUnit.Total.MeetingRequirements);
        var requirementMembers = Number(page, "requirement-members");

        // Both report: once the figures expire, the unit meets the threshold.
        foreach (var m in members) await AddReportAsync(portal, m);
        Expire(portal);
        using var later = await portal.ClientFor("county");
        page = await later.GetDocumentAsync("/");
        page.QuerySelector($"#below-threshold [data-org-id='{unit.Id}']").ShouldBeNull();
        ChartRows(page, "chart-rate-by-department").Single(r => r.Key == department.Id.ToString()).Value.ShouldBe("100.0");
        Number(page, "requirement-members").ShouldBe(requirementMembers + 2, "reported in-service members count in the completion rate");
        page.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
        page.QuerySelector("script[src^='/lib/chart.js/chart.umd.min.js']").ShouldNotBeNull();
        page.QuerySelector("script[src^='/js/dashboard.js']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Communities_without_a_concentrated_service_in_two_months_are_listed_and_a_street_sees_only_its_own()
    {
        Expire(portal);
        var street = (await TestMembers.UserAsync(portal, "street")).OrganizationId;
        var otherCommunity = (await TestMembers.UserAsync(portal, "secretary2")).OrganizationId;
        var home = (await TestMembers.UserAsync(portal, "secretary")).OrganizationId;
        var quiet = await AddOrgAsync(portal, OrgKind.Community, street, "看板静默社区");
        var concentrated = await AddOrgAsync(portal, OrgKind.Community, street, "看板集中社区");
        var busy = await AddOrgAsync(portal, OrgKind.Community, street, "看板活动社区");
        await AddActivityAsync(portal, concentrated.Id, ActivityKind.ConcentratedService);
        var regular = await AddActivityAsync(portal, busy.Id, ActivityKind.Regular);
        var unit = await MembersTestData.UnitInsideAsync(portal);
        var volunteers = new List<Member>();
        for (var i = 0; i < AssessmentEvidence.ConcentratedCheckIns; i++) volunteers.Add(await TestMembers.AddMemberAsync(portal, home, unit, id => "集中" + id[^4..]));
        foreach (var v in volunteers.Skip(1)) await AddCheckInAsync(portal, regular, v);

        using var countyClient = await portal.ClientFor("county");
        var countyList = ListIds(await countyClient.GetDocumentAsync("/"), "no-concentrated", "data-org-id");
        countyList.ShouldContain(quiet.Id.ToString());
        countyList.ShouldContain(busy.Id.ToString(), "4 check-ins are not a concentrated service");
        countyList.ShouldNotContain(concentrated.Id.ToString());

        var streetCommunities = (await portal.WithDbAsync(db => db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == street && o.Kind == OrgKind.Community && o.IsActive).Select(o => o.Id).ToListAsync()))
            .Select(id => id.ToString()).ToList();
        using var streetClient = await portal.ClientFor("street");
        var page = await streetClient.GetDocumentAsync("/");
        page.QuerySelector("#dashboard")!.GetAttribute("data-scope").ShouldBe("street");
        page.QuerySelector("table#chart-rate-by-street").ShouldBeNull();
        page.QuerySelector("table#chart-rate-by-department").ShouldBeNull();
        var rows = ChartRows(page, "chart-rate-by-community");
        rows.Select(r => r.Key).ShouldBe(streetCommunities, ignoreOrder: true);
        rows.Select(r => r.Key).ShouldNotContain(otherCommunity.ToString());
        rows.Single(r => r.Key == quiet.Id.ToString()).ShouldBe((quiet.Id.ToString(), quiet.Name, ""), "no residents: no rate");
        var streetList = ListIds(page, "no-concentrated", "data-org-id");
        streetList.ShouldContain(quiet.Id.ToString());
        streetList.ShouldContain(busy.Id.ToString());
        streetList.ShouldNotContain(concentrated.Id.ToString());
        streetList.ShouldAllBe(id => streetCommunities.Contains(id));
        ListIds(page, "below-threshold", "data-org-id").ShouldAllBe(id => streetCommunities.Contains(id));

        // The fifth check-in makes the activity a concentrated service.
        await AddCheckInAsync(portal, regular, volunteers[0]);
        Expire(portal);
        using var again = await portal.ClientFor("street");
        streetList = ListIds(await again.GetDocumentAsync("/"), "no-concentrated", "data-org-id");
        streetList.ShouldNotContain(busy.Id.ToString());
        streetList.ShouldContain(quiet.Id.ToString());
    }

    [Fact]
    public async Task The_secretary_sees_a_member_behind_a_household_not_visited_and_this_months_check_ins()
    {
        Expire(portal);
        await ServiceRecordTestData.SetRulesAsync(portal, Today(portal).Year, RequirementPresets.Seed003);
        var community = (await TestMembers.UserAsync(portal, "secretary")).OrganizationId;
        using var first = await portal.ClientFor("secretary");
        var before = await first.GetDocumentAsync("/");
        before.QuerySelector("#dashboard")!.GetAttribute("data-scope").ShouldBe("community");
        var (behind0, unvisited0, checkIns0) = (Number(before, "behind-count"), Number(before, "unvisited-count"), Number(before, "checkin-count"));

        // One in-service member without any service (behind); two self-managed members (not in the requirement list) pair and check in.
        var member = await TestMembers.AddMemberAsync(portal, community, await MembersTestData.UnitInsideAsync(portal), id => "阿" + id[^4..]);
        var helpers = new List<Member>();
        for (var i = 0; i < 2; i++)
        {
            helpers.Add(await TestMembers.AddMemberAsync(portal, community, await MembersTestData.UnitInsideAsync(portal), id => "看板" + id[^4..],
                m => m.Category = MemberCategory.SelfManaged));
        }
        var household = await HouseholdsTestData.AddHouseholdAsync(portal, change: h => h.Serial = "0-" + Guid.NewGuid().ToString("N")[..18]);
        await HouseholdsTestData.AddPairingAsync(portal, household, helpers[0], Today(portal).AddDays(-1));
        var activity = await AddActivityAsync(portal, community, ActivityKind.Regular);
        foreach (var h in helpers) await AddCheckInAsync(portal, activity, h);

        Expire(portal);
        using var second = await portal.ClientFor("secretary");
        var page = await second.GetDocumentAsync("/");
        Number(page, "behind-count").ShouldBe(behind0 + 1, "the new in-service member has no service");
        ListIds(page, "behind-members", "data-member-id").ShouldContain(member.Id.ToString(), "behind on every rule, no minutes, first by pinyin");
        ListIds(page, "behind-members", "data-member-id").Count.ShouldBeLessThanOrEqualTo(10);
        page.QuerySelector("#behind-members a[href^='/requirements/behind']").ShouldNotBeNull();
        Number(page, "unvisited-count").ShouldBe(unvisited0 + 1);
        ListIds(page, "unvisited-households", "data-household-id").ShouldContain(household.Id.ToString());
        page.QuerySelector($"#unvisited-households [data-household-id='{household.Id}']")!.TextContent.ShouldContain("从未走访");
        page.QuerySelector("#unvisited-households a[href='/households?unvisited=true']").ShouldNotBeNull();
        Number(page, "checkin-count").ShouldBe(checkIns0 + 2);
        ChartRows(page, "chart-checkins-by-activity").Single(r => r.Key == activity.Id.ToString()).ShouldBe((activity.Id.ToString(), activity.Title, "2"));

        await HouseholdsTestData.AddVisitAsync(portal, household, helpers[0], Today(portal));
        Expire(portal);
        using var third = await portal.ClientFor("secretary");
        page = await third.GetDocumentAsync("/");
        Number(page, "unvisited-count").ShouldBe(unvisited0);
        ListIds(page, "unvisited-households", "data-household-id").ShouldNotContain(household.Id.ToString());
        page.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
    }

    [Fact]
    public async Task The_unit_sees_its_members_not_reported_and_its_unread_cards()
    {
        Expire(portal);
        var unitUser = await TestMembers.UserAsync(portal, "unit");
        var unitIds = await portal.WithDbAsync(async db => (await OrgTree.LoadAsync(db)).Subtree(unitUser.OrganizationId)
            .Where(n => n.Kind == OrgKind.WorkUnit).Select(n => n.Id).ToList());
        using var first = await portal.ClientFor("unit");
        var before = await first.GetDocumentAsync("/");
        before.QuerySelector("#dashboard")!.GetAttribute("data-scope").ShouldBe("unit");
        var (missing0, unread0) = (Number(before, "not-reported-count"), Number(before, "unread-count"));
        var unreadInDb = await portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking()
            .CountAsync(c => unitIds.Contains(c.WorkUnitId) && c.Status == FeedbackCardStatus.Sent && c.ReadAt == null));
        unread0.ShouldBe(unreadInDb);

        // A new member of a unit below has not reported, and a card about the member is sent (unread: counted live).
        var member = await FeedbackInboxTestData.UnitMemberAsync(portal, "阿");
        await FeedbackInboxTestData.CardAsync(portal, member, await FeedbackInboxTestData.FreshQuarterAsync(portal));
        Number(await first.GetDocumentAsync("/"), "unread-count").ShouldBe(unread0 + 1, "counted live, not cached");

        Expire(portal);
        using var second = await portal.ClientFor("unit");
        var page = await second.GetDocumentAsync("/");
        Number(page, "unread-count").ShouldBe(unread0 + 1);
        page.QuerySelector("a#unread-cards")!.GetAttribute("href").ShouldBe("/feedback/inbox");
        Number(page, "not-reported-count").ShouldBe(missing0 + 1);
        ListIds(page, "not-reported", "data-member-id").ShouldContain(member.Id.ToString(), "阿 sorts first");
        page.QuerySelector("#not-reported a[href*='/reporting/unit']")!.GetAttribute("href")!.ShouldContain("state=missing");
        var states = ChartRows(page, "chart-report-states");
        page.QuerySelector("table#chart-report-states")!.GetAttribute("data-chart").ShouldBe("doughnut");
        states.Select(s => s.Label).ShouldBe(Enum.GetValues<MemberReportState>().Select(s => s.Text()));
        (int.Parse(states[0].Value, CultureInfo.InvariantCulture) + int.Parse(states[1].Value, CultureInfo.InvariantCulture)).ShouldBe(missing0 + 1);

        await AddReportAsync(portal, member);
        Expire(portal);
        using var third = await portal.ClientFor("unit");
        page = await third.GetDocumentAsync("/");
        Number(page, "not-reported-count").ShouldBe(missing0);
        ListIds(page, "not-reported", "data-member-id").ShouldNotContain(member.Id.ToString());
    }

    [Fact]
    public async Task A_member_keeps_the_simple_home_and_the_chart_scripts_are_served()
    {
        using var member = await portal.ClientFor("member");
        var page = await member.GetDocumentAsync("/");
        page.QuerySelector("#home-links").ShouldNotBeNull();
        page.QuerySelector("#dashboard").ShouldBeNull();
        page.QuerySelector("script[src^='/lib/chart.js/']").ShouldBeNull();

        var chart = await member.GetAsync("/lib/chart.js/chart.umd.min.js");
        chart.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await chart.Content.ReadAsStringAsync()).ShouldContain("window.Chart=");
        var script = await member.GetAsync("/js/dashboard.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.Content.ReadAsStringAsync()).ShouldContain("table[data-chart]");
    }
}

public sealed class SqliteDashboardTests(SqlitePortal portal) : DashboardTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresDashboardTests(PostgresPortal portal) : DashboardTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
