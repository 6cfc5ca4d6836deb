using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Posts.PostsTestData;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>撤回申请: a member withdraws his or her own request while it waits; never a decided one, never another member's.</summary>
public abstract class PostRequestWithdrawalTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task A_member_withdraws_a_waiting_request_and_may_ask_again()
    {
        var post = await AddPostAsync(portal, capacity: 3);
        using var member = await portal.ClientFor("member");
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{post.Id}/request"))).Flash.ShouldContain("已提交认领申请");
        var claim = (await ClaimsOfAsync(portal, post.Id)).ShouldHaveSingleItem();
        var row = (await member.GetDocumentAsync("/posts")).QuerySelector($"#my-claims tr[data-claim-id='{claim.Id}']")!;
        row.QuerySelector($"form[action='/posts/claims/{claim.Id}/withdraw']").ShouldNotBeNull();

        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/claims/{claim.Id}/withdraw"))).Flash.ShouldContain("已撤回认领申请");
        var withdrawn = (await ClaimsOfAsync(portal, post.Id)).Single();
        (withdrawn.Status, withdrawn.ActiveSlot).ShouldBe((ClaimStatus.Withdrawn, (int?)null));
        (await member.GetDocumentAsync("/posts")).QuerySelector($"#my-claims tr[data-claim-id='{claim.Id}']")!.TextContent.ShouldContain("已撤回");

        // Withdrawn is not open: the member may ask again.
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{post.Id}/request"))).Flash.ShouldContain("已提交认领申请");
        (await ClaimsOfAsync(portal, post.Id)).Count(c => c.Status == ClaimStatus.Requested).ShouldBe(1);
    }

    [Fact]
    public async Task A_decided_claim_or_another_members_claim_cannot_be_withdrawn()
    {
        var post = await AddPostAsync(portal);
        var memberId = (await TestMembers.UserAsync(portal, "member")).MemberId!.Value;
        var approved = await AddClaimAsync(portal, post, memberId, ClaimStatus.Approved);
        var others = await AddClaimAsync(portal, await AddPostAsync(portal), (await AddMemberAsync(portal)).Id, ClaimStatus.Requested);
        using var member = await portal.ClientFor("member");
        var before = await FingerprintAsync(portal);
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/claims/{approved.Id}/withdraw"))).Error.ShouldContain("只能撤回待审核的申请（当前状态：已认领）");
        (await member.SubmitAsync($"/posts/claims/{others.Id}/withdraw")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.SubmitAsync($"/posts/claims/{others.Id}/withdraw")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the member withdraws");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }
}

public sealed class SqlitePostRequestWithdrawalTests(SqlitePortal portal) : PostRequestWithdrawalTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresPostRequestWithdrawalTests(PostgresPortal portal) : PostRequestWithdrawalTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
