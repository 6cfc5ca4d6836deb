using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Wishes.WishesTestData;

namespace CommunityPartyPortal.IntegrationTests.Wishes;

/// <summary>
/// Nobody reaches another community's wishes: secretary2 and a member of secretary2's community get 404 on every
/// route with a wish of the secretary's community (403 where their role may not use the route at all), and the
/// unit and the street cannot write. Nothing is written in any case.
/// </summary>
public abstract class WishAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    /// <summary>Every move with a wish of the secretary's community in a state that allows it, and valid fields.</summary>
    private async Task<List<(string Move, Wish Wish, Dictionary<string, string> Fields)>> MovesAsync()
    {
        var me = await MemberOfAsync(portal, "member");
        var resident = await ResidentAsync(portal);
        var today = Iso(Today(portal));
        return
        [
            ("approve", await AddWishAsync(portal, WishStatus.Submitted), new() { ["Category"] = "Convenience" }),
            ("reject", await AddWishAsync(portal, WishStatus.Submitted), new() { ["Reason"] = "不属于微心愿" }),
            ("publish", await AddWishAsync(portal, WishStatus.Approved), new()),
            ("assign", await AddWishAsync(portal, WishStatus.Published), new() { ["MemberId"] = resident.Id.ToString() }),
            ("claim", await AddWishAsync(portal, WishStatus.Published), new()),
            ("fulfil", await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me), new() { ["Note"] = "已完成", ["FulfilledOn"] = today }),
            ("confirm", await AddWishAsync(portal, WishStatus.Fulfilled, claimedBy: me), new()),
            ("withdraw", await AddWishAsync(portal, WishStatus.Published), new() { ["Reason"] = "重复登记" }),
            ("reassign", await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me), new() { ["Reason"] = "出差", ["MemberId"] = resident.Id.ToString() }),
            ("release", await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me), new() { ["Reason"] = "出差" }),
        ];
    }

    private static Dictionary<string, string> EditFields(Wish wish) => new()
    {
        ["Title"] = "改掉它", ["ResidentName"] = "某人", ["Source"] = "WishWall", ["Version"] = wish.Version.ToString(),
    };

    private async Task NothingWrittenAsync(Wish wish, string because)
    {
        var now = await WishAsync(portal, wish.Id);
        (now.Version, now.Status, now.Title).ShouldBe((wish.Version, wish.Status, wish.Title), because);
        (await EventsAsync(portal, wish.Id)).ShouldBeEmpty(because);
    }

    [Theory]
    [InlineData("secretary2", "/wishes")]
    [InlineData("wish-member2", "/wishes/menu")]
    public async Task Another_community_gets_404_on_every_route_and_writes_nothing(string user, string tokenPage)
    {
        if (user == "wish-member2") await OtherCommunityMemberAsync(portal);
        using var client = await portal.ClientFor(user);
        var isSecretary = user == "secretary2";
        var moves = await MovesAsync();

        foreach (var (move, wish, fields) in moves)
        {
            var response = await MoveAsync(portal, client, wish.Id, move, tokenPage, fields);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{user} POST {move}");
            await NothingWrittenAsync(wish, $"{user} POST {move}");
        }

        var target = moves[0].Wish;
        var reads = new[] { $"/wishes/{target.Id}", $"/wishes/{target.Id}/edit" };
        foreach (var url in reads)
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(isSecretary ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, $"{user} GET {url}");
        }
        var edit = await client.PostFormAsync($"/wishes/{target.Id}/edit", EditFields(target), tokenPage);
        edit.StatusCode.ShouldBe(isSecretary ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, $"{user} POST edit");
        await NothingWrittenAsync(target, $"{user} POST edit");

        // Their own lists never show the wish.
        var own = await client.GetStringAsync(tokenPage);
        foreach (var (_, wish, _) in moves) own.ShouldNotContain(wish.Id.ToString());
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("street")]
    [InlineData("county")]
    public async Task Roles_outside_the_community_cannot_write(string user)
    {
        using var client = await portal.ClientFor(user);
        var count = await portal.WithDbAsync(db => db.Wishes.CountAsync());
        foreach (var (move, wish, fields) in await MovesAsync())
        {
            var response = await MoveAsync(portal, client, wish.Id, move, "/", fields);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} POST {move}");
            await NothingWrittenAsync(wish, $"{user} POST {move}");
        }
        var target = await AddWishAsync(portal, WishStatus.Submitted);
        foreach (var url in new[] { "/wishes", "/wishes/new", $"/wishes/{target.Id}", $"/wishes/{target.Id}/edit", "/wishes/menu" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} GET {url}");
        }
        (await client.PostFormAsync("/wishes/new", EditFields(target), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostFormAsync($"/wishes/{target.Id}/edit", EditFields(target), "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await NothingWrittenAsync(target, $"{user} POST edit");
        (await portal.WithDbAsync(db => db.Wishes.CountAsync())).ShouldBe(count + 11, "only the arranged wishes exist");
    }

    [Fact]
    public async Task Members_use_only_the_menu_and_secretaries_not_the_menu()
    {
        using var member = await portal.ClientFor("member");
        var wish = await AddWishAsync(portal, WishStatus.Submitted);
        foreach (var url in new[] { "/wishes", "/wishes/new", $"/wishes/{wish.Id}", $"/wishes/{wish.Id}/edit" })
        {
            (await member.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }
        (await member.PostFormAsync("/wishes/new", EditFields(wish), "/wishes/menu")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.PostFormAsync($"/wishes/{wish.Id}/edit", EditFields(wish), "/wishes/menu")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await NothingWrittenAsync(wish, "member POST edit");
        (await member.GetStringAsync("/wishes/menu")).ShouldNotContain(wish.Id.ToString(), Case.Sensitive, "a wish under review is not on the menu");

        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync("/wishes/menu")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await secretary.PostFormAsync($"/wishes/{wish.Id}/unknown", new Dictionary<string, string>(), "/wishes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in()
    {
        using var anonymous = portal.AnonymousClient();
        var response = await anonymous.GetAsync("/wishes/menu");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldContain("/account/login");
    }
}

public sealed class SqliteWishAccessTests(SqlitePortal portal) : WishAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresWishAccessTests(PostgresPortal portal) : WishAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
