using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Home;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Home.DashboardTestData;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>
/// The refresher at start-up, on a portal started over a database that already holds the county (as in production):
/// the county admin's figures are computed without any request, and the county admin's first page is served from them.
/// Run alone (<see cref="DashboardWarmCollection"/>): the organisation-tree version is part of the cache key and is
/// process-wide, so another test class adding an organisation meanwhile would move the key past the warmed entry.
/// </summary>
public abstract class DashboardWarmTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_county_admins_figures_are_computed_at_start_up_and_its_first_page_does_not_compute()
    {
        var cache = portal.Services.GetRequiredService<DashboardCache>();
        var scope = DashboardRefresher.CountyAdminScope((await CountyAsync(portal)).Id);
        var county = await Eventually.ValueAsync(() => cache.Peek<AreaFigures>(CountyDashboard.Part, scope), "the county's figures computed at start-up");
        var overview = await Eventually.ValueAsync(() => cache.Peek<HomeSummary.Model>(HomeSummary.Part, scope), "the county's overview computed at start-up");

        using var client = await portal.ClientFor("county");
        var page = await client.GetDocumentAsync("/");
        page.QuerySelector("#dashboard")!.GetAttribute("data-scope").ShouldBe("county");
        var oldest = county.ComputedAt < overview.ComputedAt ? county.ComputedAt : overview.ComputedAt;
        page.QuerySelector("#dashboard-computed-at")!.TextContent.Trim().ShouldBe("数据统计于 " + DashboardCache.TimeText(oldest));
        cache.Peek<AreaFigures>(CountyDashboard.Part, scope).ShouldBeSameAs(county, "the request was served the warmed entry, not a new computation");
        cache.Peek<HomeSummary.Model>(HomeSummary.Part, scope).ShouldBeSameAs(overview);
        Number(page, "below-threshold-count").ShouldBe(county.Value.BelowThreshold.Count);
        Number(page, "requirement-members").ShouldBe(county.Value.RequirementMembers);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardWarmCollection
{
    public const string Name = "dashboard-warm";
}

[Collection(DashboardWarmCollection.Name)]
public sealed class SqliteDashboardWarmTests(PreSeededSqlitePortal portal) : DashboardWarmTests<PreSeededSqlitePortal>(portal), IClassFixture<PreSeededSqlitePortal>;

[Collection(DashboardWarmCollection.Name)]
public sealed class PostgresDashboardWarmTests(PreSeededPostgresPortal portal) : DashboardWarmTests<PreSeededPostgresPortal>(portal), IClassFixture<PreSeededPostgresPortal>;
