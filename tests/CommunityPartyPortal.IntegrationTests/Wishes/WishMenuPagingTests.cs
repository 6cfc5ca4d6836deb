using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Wishes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Wishes.WishesTestData;

namespace CommunityPartyPortal.IntegrationTests.Wishes;

/// <summary>The member's wish menu: every published wish reachable, a page at a time, and filtered by service category.</summary>
public abstract class WishMenuPagingTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_menu_pages_through_every_published_wish_and_filters_by_category()
    {
        var wishes = new List<Wish>();
        for (var i = 0; i < WishMenu.PageSize + 3; i++) wishes.Add(await AddWishAsync(portal, WishStatus.Published));
        var environment = wishes.Take(2).Select(w => w.Id).ToList();
        await portal.WithDbAsync(db => db.Wishes.Where(w => environment.Contains(w.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Category, ServiceCategory.Environment)));
        var published = await portal.WithDbAsync(db => db.Wishes.CountAsync(w => w.Status == WishStatus.Published && w.CommunityId == wishes[0].CommunityId));

        using var member = await portal.ClientFor("member");
        var first = await member.GetDocumentAsync("/wishes/menu");
        first.QuerySelector("#menu-count")!.TextContent.Trim().ShouldBe(published.ToString(System.Globalization.CultureInfo.InvariantCulture));
        first.QuerySelectorAll("#wish-menu li[data-wish-id]").Length.ShouldBe(WishMenu.PageSize);
        first.QuerySelector("#menu-pages")!.TextContent.ShouldContain($"共 {published} 个");

        var seen = first.QuerySelectorAll("#wish-menu li[data-wish-id]").Select(li => li.GetAttribute("data-wish-id")!).ToHashSet();
        var pages = (published + WishMenu.PageSize - 1) / WishMenu.PageSize;
        for (var page = 2; page <= pages; page++)
        {
            var next = await member.GetDocumentAsync($"/wishes/menu?page={page}");
            foreach (var li in next.QuerySelectorAll("#wish-menu li[data-wish-id]")) seen.Add(li.GetAttribute("data-wish-id")!).ShouldBeTrue("no wish on two pages");
        }
        seen.Count.ShouldBe(published);
        foreach (var wish in wishes) seen.ShouldContain(wish.Id.ToString());

        var filtered = await member.GetDocumentAsync($"/wishes/menu?category={ServiceCategory.Environment}");
        filtered.QuerySelectorAll("#wish-menu li[data-wish-id]").Select(li => Guid.Parse(li.GetAttribute("data-wish-id")!)).ShouldBe(environment, ignoreOrder: true);
        filtered.QuerySelector("#menu-pages").ShouldBeNull();
        filtered.QuerySelector($"#menu-categories a[data-category='{ServiceCategory.Environment}']")!.ClassName!.ShouldContain("btn-party");
    }
}

public sealed class SqliteWishMenuPagingTests(SqlitePortal portal) : WishMenuPagingTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresWishMenuPagingTests(PostgresPortal portal) : WishMenuPagingTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
