using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestMembers;

namespace CommunityPartyPortal.IntegrationTests.Wishes;

/// <summary>Arrange and assert helpers of the 微心愿 tests.</summary>
internal static class WishesTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The member of the demo "member" account (lives in the secretary's community).</summary>
    public static async Task<Guid> MemberOfAsync(PortalFactory portal, string userName) => (await UserAsync(portal, userName)).MemberId!.Value;

    /// <summary>A member account living in secretary2's community (created once per portal).</summary>
    public static async Task<string> OtherCommunityMemberAsync(PortalFactory portal)
    {
        const string userName = "wish-member2";
        if (await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName))) return userName;
        var community = (await UserAsync(portal, "secretary2")).OrganizationId;
        var unit = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.WorkUnitId != null).Select(m => m.WorkUnitId!.Value).FirstAsync());
        var member = await AddMemberAsync(portal, community, unit, id => "心愿" + id[^5..]);
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountFactory>()
            .CreateAsync(userName, DemoCountySeeder.Password, member.Name, PortalRole.Member, community, member.Id);
        return userName;
    }

    /// <summary>A resident member of the secretary's community other than the demo member.</summary>
    public static async Task<Member> ResidentAsync(PortalFactory portal, string secretary = "secretary")
    {
        var community = (await UserAsync(portal, secretary)).OrganizationId;
        var unit = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.WorkUnitId != null).Select(m => m.WorkUnitId!.Value).FirstAsync());
        return await AddMemberAsync(portal, community, unit, id => "志愿" + id[^5..]);
    }

    /// <summary>A wish put straight into the database in the given state (system scope).</summary>
    public static async Task<Wish> AddWishAsync(PortalFactory portal, WishStatus status, string secretary = "secretary", Guid? claimedBy = null,
        DateOnly? claimedOn = null)
    {
        var community = (await UserAsync(portal, secretary)).OrganizationId;
        var today = Today(portal);
        return await portal.WithDbAsync(async db =>
        {
            var wish = new Wish
            {
                CommunityId = community,
                Serial = "T-" + Guid.NewGuid().ToString("N")[..20],
                Title = "给独居老人修水龙头",
                Content = "厨房水龙头漏水",
                ResidentName = "王奶奶",
                ResidentPhone = "13800001234",
                Address = "3号楼2单元101",
                Source = WishSource.WishWall,
                Category = status == WishStatus.Submitted ? ServiceCategory.None : ServiceCategory.Convenience,
                Status = status,
                SubmittedOn = today.AddDays(-10),
                PublishedOn = status >= WishStatus.Published && status <= WishStatus.Confirmed ? today.AddDays(-8) : null,
                ClaimedByMemberId = claimedBy,
                ClaimedOn = claimedBy is null ? null : claimedOn ?? today.AddDays(-5),
                FulfilledOn = status is WishStatus.Fulfilled or WishStatus.Confirmed ? today.AddDays(-1) : null,
                FulfilmentNote = status is WishStatus.Fulfilled or WishStatus.Confirmed ? "已修好" : null,
            };
            db.Wishes.Add(wish);
            await db.SaveChangesAsync();
            return wish;
        });
    }

    public static Task<Wish> WishAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Wishes.AsNoTracking().SingleAsync(w => w.Id == id));

    public static Task<List<WishEvent>> EventsAsync(PortalFactory portal, Guid wishId) =>
        portal.WithDbAsync(db => db.WishEvents.AsNoTracking().Where(e => e.WishId == wishId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync());

    /// <summary>Posts a move with the wish's current version (unless given), the token from <paramref name="tokenPage"/>.</summary>
    public static async Task<HttpResponseMessage> MoveAsync(PortalFactory portal, PortalClient client, Guid wishId, string move, string tokenPage,
        Dictionary<string, string>? fields = null, Guid? version = null)
    {
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["Version"] = (version ?? (await WishAsync(portal, wishId)).Version).ToString(),
        };
        return await client.PostFormAsync($"/wishes/{wishId}/{move}", all, tokenPage);
    }

    /// <summary>Asserts a redirect and returns the flash of the page it leads to.</summary>
    public static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await ErrorsOf(response));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return page.QuerySelector(".alert-success")?.TextContent.Trim() ?? "";
    }

    public static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return html.Length == 0 ? $"{(int)response.StatusCode}" : $"{(int)response.StatusCode} errors: " + TestForms.ErrorMessages(html);
    }

    /// <summary>Asserts the page answered 200 with the problem shown, and returns the messages.</summary>
    public static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 300 ? html[..300] : html);
        var errors = TestForms.ErrorMessages(html);
        errors.ShouldNotBeNullOrWhiteSpace();
        return errors;
    }

    /// <summary>The wish and its history, to prove that nothing was written.</summary>
    public static async Task<(Guid Version, WishStatus Status, int Events)> SnapshotAsync(PortalFactory portal, Guid wishId)
    {
        var wish = await WishAsync(portal, wishId);
        return (wish.Version, wish.Status, (await EventsAsync(portal, wishId)).Count);
    }
}
