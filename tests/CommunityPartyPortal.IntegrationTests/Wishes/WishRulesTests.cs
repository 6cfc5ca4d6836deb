using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Wishes.WishesTestData;

namespace CommunityPartyPortal.IntegrationTests.Wishes;

/// <summary>State-machine violations through HTTP: each refused with a Chinese message, the wish and its history untouched.</summary>
public abstract class WishRulesTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private async Task RefusedAndUnchangedAsync(PortalClient client, Wish wish, string move, string tokenPage, string expected,
        Dictionary<string, string>? fields = null)
    {
        var before = await SnapshotAsync(portal, wish.Id);
        var response = await MoveAsync(portal, client, wish.Id, move, tokenPage, fields);
        (await RefusedAsync(response)).ShouldContain(expected, Case.Sensitive, move);
        (await SnapshotAsync(portal, wish.Id)).ShouldBe(before, $"{move}: nothing written");
    }

    [Fact]
    public async Task Moves_from_the_wrong_state_are_refused()
    {
        using var secretary = await portal.ClientFor("secretary");
        using var member = await portal.ClientFor("member");
        var submitted = await AddWishAsync(portal, WishStatus.Submitted);
        var published = await AddWishAsync(portal, WishStatus.Published);
        var confirmed = await AddWishAsync(portal, WishStatus.Confirmed, claimedBy: await MemberOfAsync(portal, "member"));

        await RefusedAndUnchangedAsync(member, submitted, "claim", "/wishes/menu", "该心愿待审核，不能认领");
        await RefusedAndUnchangedAsync(secretary, published, "confirm", "/wishes", "该心愿已发布，不能确认实现");
        await RefusedAndUnchangedAsync(secretary, submitted, "publish", "/wishes", "该心愿待审核，不能发布");
        await RefusedAndUnchangedAsync(secretary, published, "approve", "/wishes", "不能审核通过", new() { ["Category"] = "Convenience" });
        await RefusedAndUnchangedAsync(secretary, confirmed, "withdraw", "/wishes", "该心愿已确认，不能撤回", new() { ["Reason"] = "试试" });
        await RefusedAndUnchangedAsync(secretary, published, "fulfil", "/wishes", "不能登记实现", new() { ["Note"] = "x", ["FulfilledOn"] = Iso(Today(portal)) });
    }

    [Fact]
    public async Task Members_may_not_make_the_secretarys_moves_nor_touch_others_claims()
    {
        using var member = await portal.ClientFor("member");
        var me = await MemberOfAsync(portal, "member");
        var fulfilled = await AddWishAsync(portal, WishStatus.Fulfilled, claimedBy: me);
        await RefusedAndUnchangedAsync(member, fulfilled, "confirm", "/wishes/menu", "只有社区书记可以确认实现");
        var submitted = await AddWishAsync(portal, WishStatus.Submitted);
        await RefusedAndUnchangedAsync(member, submitted, "approve", "/wishes/menu", "只有社区书记可以审核通过", new() { ["Category"] = "Convenience" });
        var mine = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me);
        await RefusedAndUnchangedAsync(member, mine, "withdraw", "/wishes/menu", "只有社区书记可以撤回", new() { ["Reason"] = "不想做了" });
        await RefusedAndUnchangedAsync(member, mine, "reassign", "/wishes/menu", "只有社区书记可以改派", new() { ["Reason"] = "x" });

        var someoneElses = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: (await ResidentAsync(portal)).Id);
        await RefusedAndUnchangedAsync(member, someoneElses, "fulfil", "/wishes/menu", "只能处理本人认领的心愿", new() { ["Note"] = "x", ["FulfilledOn"] = Iso(Today(portal)) });
        await RefusedAndUnchangedAsync(member, someoneElses, "release", "/wishes/menu", "只能处理本人认领的心愿", new() { ["Reason"] = "x" });

        using var secretary = await portal.ClientFor("secretary");
        var published = await AddWishAsync(portal, WishStatus.Published);
        await RefusedAndUnchangedAsync(secretary, published, "claim", "/wishes", "只有党员本人可以认领");
    }

    [Fact]
    public async Task A_fulfilment_without_a_note_or_with_a_future_or_too_early_date_is_refused()
    {
        using var member = await portal.ClientFor("member");
        var today = Today(portal);
        var wish = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: await MemberOfAsync(portal, "member"), claimedOn: today.AddDays(-3));
        var before = await SnapshotAsync(portal, wish.Id);

        async Task<AngleSharp.Dom.IDocument> PostAsync(Dictionary<string, string> fields) =>
            await TestForms.ShouldBeFormWithErrorsAsync(await MoveAsync(portal, member, wish.Id, "fulfil", "/wishes/menu", fields));

        var page = await PostAsync(new() { ["FulfilledOn"] = Iso(today), ["Note"] = "  " });
        TestForms.FieldError(page, "Note").ShouldBe("请填写实现情况");
        page = await PostAsync(new() { ["FulfilledOn"] = Iso(today.AddDays(1)), ["Note"] = "送去了" });
        TestForms.FieldError(page, "FulfilledOn").ShouldBe("实现日期不能晚于今天");
        page = await PostAsync(new() { ["FulfilledOn"] = Iso(today.AddDays(-4)), ["Note"] = "送去了" });
        TestForms.FieldError(page, "FulfilledOn").ShouldBe($"实现日期不能早于认领日期（{Iso(today.AddDays(-3))}）");
        page = await PostAsync(new() { ["FulfilledOn"] = "", ["Note"] = "送去了" });
        TestForms.FieldError(page, "FulfilledOn").ShouldBe("请填写实现日期");
        (await SnapshotAsync(portal, wish.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Approval_needs_a_category_and_a_stale_version_is_a_conflict()
    {
        using var secretary = await portal.ClientFor("secretary");
        var wish = await AddWishAsync(portal, WishStatus.Submitted);
        var before = await SnapshotAsync(portal, wish.Id);
        var page = await TestForms.ShouldBeFormWithErrorsAsync(await MoveAsync(portal, secretary, wish.Id, "approve", "/wishes"));
        TestForms.FieldError(page, "Category").ShouldBe("请选择服务类别");
        (await SnapshotAsync(portal, wish.Id)).ShouldBe(before);

        var stale = await MoveAsync(portal, secretary, wish.Id, "approve", "/wishes", new() { ["Category"] = "Convenience" }, version: Guid.NewGuid());
        (await RefusedAsync(stale)).ShouldContain("已被他人修改");
        (await SnapshotAsync(portal, wish.Id)).ShouldBe(before);

        // Two members claim the same wish from the same menu: the second one is told it changed.
        using var member = await portal.ClientFor("member");
        var published = await AddWishAsync(portal, WishStatus.Published);
        var version = published.Version;
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, published.Id, "assign", "/wishes",
            new() { ["MemberId"] = (await ResidentAsync(portal)).Id.ToString() }, version));
        var late = await MoveAsync(portal, member, published.Id, "claim", "/wishes/menu", version: version);
        (await RefusedAsync(late)).ShouldContain("不能认领");
        (await EventsAsync(portal, published.Id)).Count.ShouldBe(1);
    }
}

public sealed class SqliteWishRulesTests(SqlitePortal portal) : WishRulesTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresWishRulesTests(PostgresPortal portal) : WishRulesTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
