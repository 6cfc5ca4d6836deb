using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;
using static CommunityPartyPortal.IntegrationTests.Wishes.WishesTestData;

namespace CommunityPartyPortal.IntegrationTests.Wishes;

/// <summary>微心愿 through HTTP as the secretary and a member do it, with the history each move leaves.</summary>
public abstract class WishLifecycleTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static Dictionary<string, string> NewWish(string title = "帮忙买一台助听器") => new()
    {
        ["Title"] = title, ["Content"] = "老人听力下降，子女在外地", ["ResidentName"] = "刘大爷", ["ResidentPhone"] = "13912345678",
        ["Address"] = "5号楼1单元302", ["Source"] = nameof(WishSource.WishBox), ["Category"] = "",
    };

    [Fact]
    public async Task The_whole_lifecycle_from_entry_to_confirmation()
    {
        var today = Today(portal);
        using var secretary = await portal.ClientFor("secretary");
        var secretaryName = (await UserAsync(portal, "secretary")).DisplayName;
        var community = (await UserAsync(portal, "secretary")).OrganizationId;

        // 1. The secretary enters the wish: a serial of the year, 待审核, the first history row.
        var entered = await secretary.PostFormAsync("/wishes/new", NewWish(), "/wishes/new");
        var flash = await FlashAfterAsync(secretary, entered);
        var id = Guid.Parse(entered.Headers.Location!.OriginalString["/wishes/".Length..]);
        var wish = await WishAsync(portal, id);
        wish.Serial.ShouldMatch($@"^{today.Year}-心愿-\d{{6}}$");
        flash.ShouldBe($"已登记心愿 {wish.Serial}");
        (wish.Status, wish.CommunityId, wish.SubmittedOn, wish.Source, wish.Category).ShouldBe((WishStatus.Submitted, community, today, WishSource.WishBox, ServiceCategory.None));
        (wish.Title, wish.ResidentName, wish.ResidentPhone, wish.Address).ShouldBe(("帮忙买一台助听器", "刘大爷", "13912345678", "5号楼1单元302"));
        var list = await secretary.GetDocumentAsync("/wishes?status=Submitted");
        list.QuerySelector($"#wish-list tr[data-wish-id='{id}']").ShouldNotBeNull();
        var details = await secretary.GetDocumentAsync($"/wishes/{id}");
        details.QuerySelectorAll("#wish-moves form").Select(f => f.Id).ShouldBe(["move-approve", "move-reject", "move-withdraw"]);

        // 2. Approve with a category, 3. publish.
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, id, "approve", $"/wishes/{id}", new Dictionary<string, string> { ["Category"] = nameof(ServiceCategory.HealthCare) }));
        (await WishAsync(portal, id)).Category.ShouldBe(ServiceCategory.HealthCare);
        (await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, id, "publish", $"/wishes/{id}"))).ShouldBe($"心愿 {wish.Serial} 已发布");
        (await WishAsync(portal, id)).PublishedOn.ShouldBe(today);

        // 4. The member sees it on the menu and claims it.
        using var member = await portal.ClientFor("member");
        var me = await MemberOfAsync(portal, "member");
        var menu = await member.GetDocumentAsync("/wishes/menu");
        var item = menu.QuerySelector($"#wish-menu li[data-wish-id='{id}']").ShouldNotBeNull();
        item.QuerySelector("form.wish-claim button")!.TextContent.ShouldBe("认领");
        item.TextContent.ShouldNotContain("13912345678", Case.Sensitive, "the menu shows no resident's phone");
        var claimed = await MoveAsync(portal, member, id, "claim", "/wishes/menu");
        claimed.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(claimed));
        claimed.Headers.Location!.OriginalString.ShouldBe("/wishes/menu");
        wish = await WishAsync(portal, id);
        (wish.Status, wish.ClaimedByMemberId, wish.ClaimedOn).ShouldBe((WishStatus.Claimed, me, today));
        menu = await member.GetDocumentAsync("/wishes/menu");
        menu.QuerySelector($"#wish-menu li[data-wish-id='{id}']").ShouldBeNull("a claimed wish leaves the menu");
        menu.QuerySelector($"#my-wishes li[data-wish-id='{id}'] form.wish-fulfil").ShouldNotBeNull();

        // 5. The member records the fulfilment.
        var fulfilled = await MoveAsync(portal, member, id, "fulfil", "/wishes/menu",
            new Dictionary<string, string> { ["FulfilledOn"] = Iso(today), ["Note"] = "陪同老人到医院验配了助听器" });
        (await FlashAfterAsync(member, fulfilled)).ShouldBe($"心愿 {wish.Serial} 已登记实现");
        wish = await WishAsync(portal, id);
        (wish.Status, wish.FulfilledOn, wish.FulfilmentNote).ShouldBe((WishStatus.Fulfilled, today, "陪同老人到医院验配了助听器"));

        // 6. The secretary confirms.
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, id, "confirm", $"/wishes/{id}"));
        wish = await WishAsync(portal, id);
        (wish.Status, wish.ConfirmedBy, wish.ConfirmedOn).ShouldBe((WishStatus.Confirmed, secretaryName, today));
        (await secretary.GetDocumentAsync($"/wishes/{id}")).QuerySelector("#no-moves").ShouldNotBeNull("a confirmed wish allows no more moves");

        // The history: one row per move, from → to, by whom.
        var history = await EventsAsync(portal, id);
        history.Select(e => (e.From, e.To)).ShouldBe([
            (WishStatus.Submitted, WishStatus.Submitted), (WishStatus.Submitted, WishStatus.Approved), (WishStatus.Approved, WishStatus.Published),
            (WishStatus.Published, WishStatus.Claimed), (WishStatus.Claimed, WishStatus.Fulfilled), (WishStatus.Fulfilled, WishStatus.Confirmed)]);
        history.ShouldAllBe(e => e.CommunityId == community);
        var memberName = (await UserAsync(portal, "member")).DisplayName;
        history.Select(e => e.By).ShouldBe([secretaryName, secretaryName, secretaryName, memberName, memberName, secretaryName]);
        history[3].MemberId.ShouldBe(me);
        history[4].Note.ShouldBe("陪同老人到医院验配了助听器");
        var rows = (await secretary.GetDocumentAsync($"/wishes/{id}")).QuerySelectorAll("#history-list tbody tr");
        rows.Length.ShouldBe(6);
        rows[3].TextContent.ShouldContain(memberName);
        rows[5].GetAttribute("data-to").ShouldBe(nameof(WishStatus.Confirmed));
    }

    [Fact]
    public async Task Bad_entries_are_refused_next_to_the_field_and_nothing_is_written()
    {
        using var secretary = await portal.ClientFor("secretary");
        var before = await portal.WithDbAsync(db => db.Wishes.CountAsync());
        var bad = NewWish("");
        bad["ResidentName"] = " ";
        bad["ResidentPhone"] = "call me";
        bad["Source"] = "99";
        var page = await TestForms.ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/wishes/new", bad, "/wishes/new"));
        TestForms.FieldError(page, "Title").ShouldBe("请填写心愿标题");
        TestForms.FieldError(page, "ResidentName").ShouldBe("请填写居民姓名");
        TestForms.FieldError(page, "ResidentPhone").ShouldBe("请填写正确的联系电话（手机或座机号码）");
        TestForms.FieldError(page, "Source").ShouldNotBeEmpty();
        var tooLong = NewWish(new string('愿', 101));
        page = await TestForms.ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/wishes/new", tooLong, "/wishes/new"));
        TestForms.FieldError(page, "Title").ShouldBe("心愿标题不能超过100个字");
        (await portal.WithDbAsync(db => db.Wishes.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task The_secretary_edits_an_open_wish_and_a_stale_edit_is_refused()
    {
        using var secretary = await portal.ClientFor("secretary");
        var wish = await AddWishAsync(portal, WishStatus.Approved);
        var form = TestForms.FieldsOf(await secretary.GetDocumentAsync($"/wishes/{wish.Id}/edit"), "#wish-form", trimTextAreas: true);
        var saved = await secretary.PostFormAsync($"/wishes/{wish.Id}/edit", form.With("Title", "修水龙头和灯泡"), $"/wishes/{wish.Id}/edit");
        (await FlashAfterAsync(secretary, saved)).ShouldStartWith("已保存心愿");
        (await WishAsync(portal, wish.Id)).Title.ShouldBe("修水龙头和灯泡");

        // The old form again (its version is stale): refused, nothing written.
        var stale = await secretary.PostFormAsync($"/wishes/{wish.Id}/edit", form.With("Title", "别人的修改"), $"/wishes/{wish.Id}/edit");
        (await RefusedAsync(stale)).ShouldContain("已被他人修改");
        (await WishAsync(portal, wish.Id)).Title.ShouldBe("修水龙头和灯泡");

        var claimed = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: await MemberOfAsync(portal, "member"));
        var edit = await secretary.PostFormAsync($"/wishes/{claimed.Id}/edit", form.With("Version", claimed.Version.ToString()), "/wishes");
        (await RefusedAsync(edit)).ShouldContain("不能再修改");
        (await WishAsync(portal, claimed.Id)).Title.ShouldBe("给独居老人修水龙头");
    }

    [Fact]
    public async Task Withdraw_reject_reassign_and_release_need_reasons()
    {
        using var secretary = await portal.ClientFor("secretary");
        using var member = await portal.ClientFor("member");
        var me = await MemberOfAsync(portal, "member");
        var other = await ResidentAsync(portal);

        foreach (var (status, move) in new[] { (WishStatus.Published, "withdraw"), (WishStatus.Submitted, "reject"), (WishStatus.Claimed, "reassign") })
        {
            var wish = await AddWishAsync(portal, status, claimedBy: status == WishStatus.Claimed ? me : null);
            var before = await SnapshotAsync(portal, wish.Id);
            var refused = await MoveAsync(portal, secretary, wish.Id, move, $"/wishes/{wish.Id}", new Dictionary<string, string> { ["Reason"] = "  " });
            TestForms.FieldError(await TestForms.ShouldBeFormWithErrorsAsync(refused), "Reason").ShouldStartWith("请填写", Case.Sensitive, move);
            (await SnapshotAsync(portal, wish.Id)).ShouldBe(before, move);
        }

        // Withdraw with a reason.
        var open = await AddWishAsync(portal, WishStatus.Approved);
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, open.Id, "withdraw", $"/wishes/{open.Id}", new Dictionary<string, string> { ["Reason"] = "居民已搬走" }));
        var withdrawn = await WishAsync(portal, open.Id);
        (withdrawn.Status, withdrawn.Reason).ShouldBe((WishStatus.Withdrawn, "居民已搬走"));
        (await EventsAsync(portal, open.Id)).Single().Note.ShouldBe("居民已搬走");

        // Reassign to another member, then back to the menu.
        var claimed = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me);
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, claimed.Id, "reassign", $"/wishes/{claimed.Id}",
            new Dictionary<string, string> { ["Reason"] = "原认领人出差", ["MemberId"] = other.Id.ToString() }));
        var reassigned = await WishAsync(portal, claimed.Id);
        (reassigned.Status, reassigned.ClaimedByMemberId, reassigned.Reason).ShouldBe((WishStatus.Claimed, other.Id, "原认领人出差"));
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, claimed.Id, "reassign", $"/wishes/{claimed.Id}",
            new Dictionary<string, string> { ["Reason"] = "重新发布" }));
        reassigned = await WishAsync(portal, claimed.Id);
        (reassigned.Status, reassigned.ClaimedByMemberId, reassigned.ClaimedOn).ShouldBe((WishStatus.Published, null, null));
        (await EventsAsync(portal, claimed.Id)).Select(e => e.To).ShouldBe([WishStatus.Claimed, WishStatus.Published]);

        // The member releases his own claim: a reason is required.
        var mine = await AddWishAsync(portal, WishStatus.Claimed, claimedBy: me);
        var before2 = await SnapshotAsync(portal, mine.Id);
        var noReason = await MoveAsync(portal, member, mine.Id, "release", "/wishes/menu");
        TestForms.FieldError(await TestForms.ShouldBeFormWithErrorsAsync(noReason), "Reason").ShouldBe("请填写放弃原因");
        (await SnapshotAsync(portal, mine.Id)).ShouldBe(before2);
        await FlashAfterAsync(member, await MoveAsync(portal, member, mine.Id, "release", "/wishes/menu", new Dictionary<string, string> { ["Reason"] = "工作调动" }));
        (await WishAsync(portal, mine.Id)).Status.ShouldBe(WishStatus.Published);
    }

    [Fact]
    public async Task The_secretary_assigns_through_the_member_picker_field()
    {
        using var secretary = await portal.ClientFor("secretary");
        var wish = await AddWishAsync(portal, WishStatus.Published);
        var page = await secretary.GetDocumentAsync($"/wishes/{wish.Id}");
        page.QuerySelector("#move-assign input[data-member-picker][data-target='#assign-member']").ShouldNotBeNull();
        var none = await MoveAsync(portal, secretary, wish.Id, "assign", $"/wishes/{wish.Id}");
        TestForms.FieldError(await TestForms.ShouldBeFormWithErrorsAsync(none), "MemberId").ShouldBe("请选择认领党员");
        var outsider = await ResidentAsync(portal, "secretary2");
        var outside = await MoveAsync(portal, secretary, wish.Id, "assign", $"/wishes/{wish.Id}", new Dictionary<string, string> { ["MemberId"] = outsider.Id.ToString() });
        TestForms.FieldError(await TestForms.ShouldBeFormWithErrorsAsync(outside), "MemberId").ShouldBe("请从本社区在册党员中选择认领人");
        (await SnapshotAsync(portal, wish.Id)).Status.ShouldBe(WishStatus.Published);

        var resident = await ResidentAsync(portal);
        await FlashAfterAsync(secretary, await MoveAsync(portal, secretary, wish.Id, "assign", $"/wishes/{wish.Id}", new Dictionary<string, string> { ["MemberId"] = resident.Id.ToString() }));
        var assigned = await WishAsync(portal, wish.Id);
        (assigned.Status, assigned.ClaimedByMemberId).ShouldBe((WishStatus.Claimed, resident.Id));
        (await EventsAsync(portal, wish.Id)).Single().MemberId.ShouldBe(resident.Id);
    }

    [Fact]
    public async Task The_phone_is_masked_for_a_secretary_without_the_personal_data_permission()
    {
        const string userName = "wish-secretary-nopii";
        var community = (await UserAsync(portal, "secretary")).OrganizationId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountFactory>()
                .CreateAsync(userName, DemoCountySeeder.Password, "测试专干", PortalRole.CommunitySecretary, community, pii: false);
        }
        using var secretary = await portal.ClientFor(userName);
        var wish = await AddWishAsync(portal, WishStatus.Submitted);
        var list = await secretary.GetStringAsync("/wishes");
        list.ShouldContain("138****1234");
        list.ShouldNotContain("13800001234");
        (await secretary.GetDocumentAsync($"/wishes/{wish.Id}")).QuerySelector("#wish-phone")!.TextContent.ShouldBe("138****1234");

        // The edit form leaves the phone empty; saving it keeps the stored phone.
        var form = TestForms.FieldsOf(await secretary.GetDocumentAsync($"/wishes/{wish.Id}/edit"), "#wish-form", trimTextAreas: true);
        form.Single(f => f.Key == "ResidentPhone").Value.ShouldBe("");
        await FlashAfterAsync(secretary, await secretary.PostFormAsync($"/wishes/{wish.Id}/edit", form.With("Address", "4号楼"), $"/wishes/{wish.Id}/edit"));
        var saved = await WishAsync(portal, wish.Id);
        (saved.Address, saved.ResidentPhone).ShouldBe(("4号楼", "13800001234"));
    }

    [Fact]
    public async Task The_list_filters_searches_and_counts_per_status()
    {
        using var secretary = await portal.ClientFor("secretary");
        var a = await AddWishAsync(portal, WishStatus.Published);
        var b = await AddWishAsync(portal, WishStatus.Submitted);
        await portal.WithDbAsync(async db =>
        {
            var w = await db.Wishes.SingleAsync(x => x.Id == b.Id);
            (w.Title, w.Source) = ("独一无二的心愿标题", WishSource.GridVisit);
            await db.SaveChangesAsync();
        });
        var elsewhere = await AddWishAsync(portal, WishStatus.Published, "secretary2");

        var all = await secretary.GetDocumentAsync("/wishes");
        all.QuerySelector($"tr[data-wish-id='{elsewhere.Id}']").ShouldBeNull("another community's wish is never listed");
        var counts = await portal.WithDbAsync(db => db.Wishes.Where(w => w.CommunityId == a.CommunityId).GroupBy(w => w.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync());
        foreach (var c in counts) all.QuerySelector($"#wish-tabs [data-count='{c.Key}']")!.TextContent.ShouldBe(c.N.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var searched = await secretary.GetDocumentAsync("/wishes?q=独一无二");
        searched.QuerySelectorAll("#wish-list tbody tr").Select(r => r.GetAttribute("data-wish-id")).ShouldBe([b.Id.ToString()]);
        var bySource = await secretary.GetDocumentAsync("/wishes?source=GridVisit&status=Submitted");
        bySource.QuerySelector($"tr[data-wish-id='{b.Id}']").ShouldNotBeNull();
        bySource.QuerySelectorAll("#wish-list tbody tr").ShouldAllBe(r => r.GetAttribute("data-status") == "Submitted");
        var byCategory = await secretary.GetDocumentAsync("/wishes?category=Convenience&status=Published");
        byCategory.QuerySelector($"tr[data-wish-id='{a.Id}']").ShouldNotBeNull();
        byCategory.QuerySelector($"tr[data-wish-id='{b.Id}']").ShouldBeNull();
    }
}

public sealed class SqliteWishLifecycleTests(SqlitePortal portal) : WishLifecycleTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresWishLifecycleTests(PostgresPortal portal) : WishLifecycleTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
