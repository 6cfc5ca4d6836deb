using System.Text.Json;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.Web.Features.Home;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Home.DashboardTestData;

namespace CommunityPartyPortal.IntegrationTests.Home;

/// <summary>
/// The dashboards' stale-while-revalidate cache through HTTP and its API: a stale entry is served at once with
/// 「正在更新」 and replaced by one background refresh computed in the user's scope; past the longest staleness the request
/// waits for new figures; a failed refresh keeps the stale entry; a refresher pass refreshes what was read lately and
/// keeps the county warm. The periodic refresher loop is off in these portals: the tests decide when entries age.
/// </summary>
public abstract class DashboardRefreshTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private DashboardCache Cache => portal.Services.GetRequiredService<DashboardCache>();

    [Fact]
    public async Task Figures_are_computed_once_per_scope_and_day_shared_by_concurrent_requests_and_refreshed_in_the_background_when_stale()
    {
        var cache = new DashboardCache(portal.Services.GetRequiredService<IServiceScopeFactory>(), portal.Time, NullLogger<DashboardCache>.Instance);
        var scope = new AccessScope { Kind = ScopeKind.Street, Role = PortalRole.StreetAdmin, OrganizationId = Guid.NewGuid() };
        var attempt = 0;
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            var computed = 0;
            var gate = new TaskCompletionSource();
            async Task<int> Slow(PortalDbContext db, DateOnly _)
            {
                (db.Scope.Kind, db.Scope.Role).ShouldBe((ScopeKind.Street, PortalRole.StreetAdmin), "computed on a context of the caller's scope");
                var n = Interlocked.Increment(ref computed);
                await gate.Task;
                return n;
            }
            var part = "test" + attempt++;
            var waiting = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetAsync(part, scope, Slow))).ToList();
            await Task.Delay(50);
            gate.SetResult();
            var entries = await Task.WhenAll(waiting);
            var other = await cache.GetAsync(part, scope with { OrganizationId = Guid.NewGuid() }, Slow);

            computed.ShouldBe(2, "one computation for the 8 concurrent requests, one for the other street");
            entries.ShouldAllBe(e => ReferenceEquals(e, entries[0]));
            entries[0].IsStale.ShouldBeFalse();
            other.Value.ShouldBe(2);
            entries[0].ComputedAtText.ShouldMatch(@"^\d\d:\d\d$");
            (await cache.GetAsync(part, scope, Slow)).ShouldBeSameAs(entries[0], "still fresh");

            // Stale: the old figures at once, marked, and one background refresh (held here) for any number of stale hits.
            gate = new TaskCompletionSource();
            portal.Time.Advance(DashboardCache.Lifetime);
            var stale = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => cache.GetAsync(part, scope, Slow))));
            foreach (var e in stale)
            {
                (e.Value, e.IsStale, e.ComputedAt).ShouldBe((1, true, entries[0].ComputedAt));
            }
            await Eventually.TrueAsync(() => Volatile.Read(ref computed) == 3, "the background refresh has started");
            cache.IsComputing(part, scope).ShouldBeTrue();
            (await cache.GetAsync(part, scope, Slow)).Value.ShouldBe(1, "still the stale entry while the refresh runs");
            gate.SetResult();
            var renewed = await Eventually.ValueAsync(() => cache.Peek<int>(part, scope) is { Value: 3 } e ? e : null, "the refreshed entry replaces the stale one");
            computed.ShouldBe(3, "one refresh for the five stale hits");
            renewed.ComputedAt.ShouldBe(portal.Time.GetUtcNow(), TimeSpan.FromSeconds(30));
            var served = await cache.GetAsync(part, scope, Slow);
            served.ShouldBeSameAs(renewed);
            served.IsStale.ShouldBeFalse();
        });
    }

    [Fact]
    public async Task After_a_write_a_stale_page_shows_the_old_figures_as_updating_then_the_new_ones()
    {
        var (community, member) = await CheckInSetupAsync();
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            // An activity of its own per attempt: a retried attempt checks the member in again, which one activity refuses.
            var activity = await AddActivityAsync(portal, community, ActivityKind.Regular);
            Expire(portal);
            using var client = await portal.ClientFor("secretary");
            var before = await client.GetDocumentAsync("/");
            ComputedAt(before).ShouldMatch(@"^数据统计于 \d\d:\d\d$");
            var count = Number(before, "checkin-count");

            await AddCheckInAsync(portal, activity, member);
            portal.Time.Advance(DashboardCache.Lifetime);
            var stale = await client.GetDocumentAsync("/");
            Number(stale, "checkin-count").ShouldBe(count, "served from the stale entry at once");
            ComputedAt(stale).ShouldBe(ComputedAt(before) + "，正在更新");

            var fresh = await Eventually.ValueAsync(async () =>
            {
                var page = await client.GetDocumentAsync("/");
                return Number(page, "checkin-count") == count + 1 ? page : null;
            }, "the refreshed figures");
            ComputedAt(fresh).ShouldMatch(@"^数据统计于 \d\d:\d\d$", "fresh again: no 「正在更新」");
        });
    }

    [Fact]
    public async Task Past_the_longest_staleness_the_request_waits_for_new_figures()
    {
        var (community, member) = await CheckInSetupAsync();
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            var activity = await AddActivityAsync(portal, community, ActivityKind.Regular);
            Expire(portal);
            using var client = await portal.ClientFor("secretary");
            var count = Number(await client.GetDocumentAsync("/"), "checkin-count");
            await AddCheckInAsync(portal, activity, member);
            portal.Time.Advance(DashboardCache.MaxStale);
            var page = await client.GetDocumentAsync("/");
            Number(page, "checkin-count").ShouldBe(count + 1, "computed on this request");
            ComputedAt(page).ShouldMatch(@"^数据统计于 \d\d:\d\d$", "fresh: no 「正在更新」");
        });
    }

    [Fact]
    public async Task A_background_refresh_computes_in_the_street_admins_scope_not_the_requests_or_the_systems()
    {
        var street = (await TestMembers.UserAsync(portal, "street")).OrganizationId;
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            var tree = await portal.Services.GetRequiredService<OrgTreeCache>().GetAsync();
            var scope = new AccessScope
            {
                Kind = ScopeKind.Street, Role = PortalRole.StreetAdmin, OrganizationId = street, UserName = "street",
                CommunityIds = [.. tree.Subtree(street).Where(n => n.Kind == OrgKind.Community).Select(n => n.Id)],
            };
            Expire(portal);
            using var client = await portal.ClientFor("street");
            await client.GetDocumentAsync("/");
            var first = Cache.Peek<AreaFigures>(StreetDashboard.Part, scope).ShouldNotBeNull();
            var firstOverview = Cache.Peek<HomeSummary.Model>(HomeSummary.Part, scope).ShouldNotBeNull();

            portal.Time.Advance(DashboardCache.Lifetime);
            ComputedAt(await client.GetDocumentAsync("/")).ShouldEndWith("，正在更新");
            var area = await Eventually.ValueAsync(() => Cache.Peek<AreaFigures>(StreetDashboard.Part, scope) is { } e && e.ComputedAt > first.ComputedAt ? e : null, "the street's refreshed figures");
            var overview = await Eventually.ValueAsync(() => Cache.Peek<HomeSummary.Model>(HomeSummary.Part, scope) is { } e && e.ComputedAt > firstOverview.ComputedAt ? e : null, "the street's refreshed overview");

            var county = tree.County.ShouldNotBeNull().Id;
            var (direct, inStreet) = await InScopeAsync(scope, async db =>
                (await AreaFigures.ComputeAsync(db, tree, street, area.Value.AsOf, area.ComputedAt), await db.Members.CountAsync(m => m.MovedOutOn == null)));
            var (countyFigures, inCounty) = await InScopeAsync(DashboardRefresher.CountyAdminScope(county), async db =>
                (await AreaFigures.ComputeAsync(db, tree, county, area.Value.AsOf, area.ComputedAt), await db.Members.CountAsync(m => m.MovedOutOn == null)));
            Json(area.Value).ShouldBe(Json(direct));
            Json(area.Value).ShouldNotBe(Json(countyFigures));
            overview.Value.Active.ShouldBe(inStreet, "the overview counts the members the street's scope sees");
            inStreet.ShouldBeLessThan(inCounty);
            overview.Value.OrganizationName.ShouldBe(tree.NameOf(street));
        });
    }

    [Fact]
    public async Task A_failed_background_refresh_is_logged_and_keeps_the_stale_entry_until_one_succeeds()
    {
        var log = new WarningLog<DashboardCache>();
        var cache = new DashboardCache(portal.Services.GetRequiredService<IServiceScopeFactory>(), portal.Time, log);
        var scope = new AccessScope { Kind = ScopeKind.Community, Role = PortalRole.CommunitySecretary, OrganizationId = Guid.NewGuid() };
        var attempt = 0;
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            var part = "failing" + attempt++;
            var calls = 0;
            var failing = true;
            Task<string> Compute(PortalDbContext _, DateOnly __)
            {
                var n = Interlocked.Increment(ref calls);
                return n > 1 && Volatile.Read(ref failing) ? Task.FromException<string>(new InvalidOperationException("refresh failed " + n)) : Task.FromResult("figures " + n);
            }
            var first = await cache.GetAsync(part, scope, Compute);
            first.Value.ShouldBe("figures 1");

            portal.Time.Advance(DashboardCache.Lifetime);
            var stale = await cache.GetAsync(part, scope, Compute);
            (stale.Value, stale.IsStale, stale.ComputedAt).ShouldBe(("figures 1", true, first.ComputedAt));
            await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2 && !cache.IsComputing(part, scope), "the refresh has failed");
            log.Warnings.ShouldContain(w => w.Exception is InvalidOperationException && w.Exception.Message == "refresh failed 2");
            cache.Peek<string>(part, scope).ShouldBeSameAs(first, "the stale entry stays");

            var again = await cache.GetAsync(part, scope, Compute);
            (again.Value, again.IsStale).ShouldBe(("figures 1", true));
            await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 3 && !cache.IsComputing(part, scope), "the next stale hit tries again");
            cache.Peek<string>(part, scope).ShouldBeSameAs(first);

            Volatile.Write(ref failing, false);
            await cache.GetAsync(part, scope, Compute);
            var refreshed = await Eventually.ValueAsync(() => cache.Peek<string>(part, scope) is { Value: "figures 4" } e ? e : null, "a refresh that succeeds");
            (await cache.GetAsync(part, scope, Compute)).ShouldBeSameAs(refreshed);
        });
    }

    [Fact]
    public async Task A_refresher_pass_refreshes_the_entries_read_lately_and_always_the_countys()
    {
        var refresher = portal.Services.GetRequiredService<DashboardRefresher>();
        var street = (await TestMembers.UserAsync(portal, "street")).OrganizationId;
        var county = (await CountyAsync(portal)).Id;
        await Eventually.UnlessTreeChangesAsync(async () =>
        {
            var scope = new AccessScope { Kind = ScopeKind.Street, Role = PortalRole.StreetAdmin, OrganizationId = street };
            var countyScope = DashboardRefresher.CountyAdminScope(county);
            Expire(portal);
            using var client = await portal.ClientFor("street");
            await client.GetDocumentAsync("/");
            var read = Cache.Peek<AreaFigures>(StreetDashboard.Part, scope).ShouldNotBeNull();

            portal.Time.Advance(DashboardRefresher.RefreshAge);
            (await refresher.RunOnceAsync()).ShouldBeGreaterThanOrEqualTo(2, "the street's overview and dashboard");
            var refreshed = Cache.Peek<AreaFigures>(StreetDashboard.Part, scope).ShouldNotBeNull();
            refreshed.ComputedAt.ShouldBeGreaterThan(read.ComputedAt, "read a moment ago, 4 minutes old: refreshed before it goes stale");
            var warm = Cache.Peek<AreaFigures>(CountyDashboard.Part, countyScope).ShouldNotBeNull("the county is computed without any request");
            Cache.Peek<HomeSummary.Model>(HomeSummary.Part, countyScope).ShouldNotBeNull();

            portal.Time.Advance(DashboardRefresher.ReadWindow + TimeSpan.FromMinutes(1));
            await refresher.RunOnceAsync();
            Cache.Peek<AreaFigures>(StreetDashboard.Part, scope)?.ComputedAt.ShouldBe(refreshed.ComputedAt, "not read for 30 minutes: left to expire");
            Cache.Peek<AreaFigures>(CountyDashboard.Part, countyScope).ShouldNotBeNull().ComputedAt.ShouldBeGreaterThan(warm.ComputedAt, "the county is kept warm unread");
        });
    }

    /// <summary>The secretary's community and a new member living there (the activities are made per attempt).</summary>
    private async Task<(Guid Community, Domain.Members.Member Member)> CheckInSetupAsync()
    {
        var community = (await TestMembers.UserAsync(portal, "secretary")).OrganizationId;
        var member = await TestMembers.AddMemberAsync(portal, community, await MembersTestData.UnitInsideAsync(portal), id => "刷新" + id[^4..]);
        return (community, member);
    }

    private async Task<T> InScopeAsync<T>(AccessScope scope, Func<PortalDbContext, Task<T>> action)
    {
        await using var unit = portal.Services.CreateAsyncScope();
        unit.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = scope;
        return await action(unit.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private static string ComputedAt(IDocument page) => page.QuerySelector("#dashboard-computed-at").ShouldNotBeNull().TextContent.Trim();

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

public sealed class SqliteDashboardRefreshTests(QuietSqlitePortal portal) : DashboardRefreshTests<QuietSqlitePortal>(portal), IClassFixture<QuietSqlitePortal>;

public sealed class PostgresDashboardRefreshTests(QuietPostgresPortal portal) : DashboardRefreshTests<QuietPostgresPortal>(portal), IClassFixture<QuietPostgresPortal>;
