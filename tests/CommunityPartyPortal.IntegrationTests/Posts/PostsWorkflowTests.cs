using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Posts.PostsTestData;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>认岗 through HTTP: posts, recorded claims, requests and their decisions, releases, suggestions.</summary>
public abstract class PostsWorkflowTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_secretary_creates_edits_closes_and_reopens_a_post()
    {
        using var secretary = await portal.ClientFor("secretary");
        var created = await secretary.PostFormAsync("/posts/new", Fields(("Kind", "ResponsibilityArea"), ("Category", "Environment"),
            ("Name", "  3号楼环境责任区 "), ("Area", "3号楼"), ("Capacity", "2")));
        created.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(await created.Content.ReadAsStringAsync()));
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var post = await PostAsync(portal, id);
        post.CommunityId.ShouldBe(await CommunityOfAsync(portal, "secretary"));
        (post.Name, post.Kind, post.Category, post.Capacity, post.Area).ShouldBe(("3号楼环境责任区", PostKind.ResponsibilityArea, ServiceCategory.Environment, (int?)2, "3号楼"));

        var list = await secretary.GetDocumentAsync("/posts");
        list.QuerySelector($"#kind-ResponsibilityArea tr[data-post-id='{id}'] .claim-count")!.TextContent.ShouldContain("0 / 2");

        var form = FieldsOf(await secretary.GetDocumentAsync($"/posts/{id}/edit"), "#post-form", trimTextAreas: true).With("Name", "3号楼责任区");
        (await secretary.PostFormAsync($"/posts/{id}/edit", form)).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await PostAsync(portal, id)).Name.ShouldBe("3号楼责任区");

        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/{id}/close"))).Flash.ShouldContain("已关闭");
        (await PostAsync(portal, id)).IsClosed.ShouldBeTrue();
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/{id}/close"))).Error.ShouldContain("已关闭");
        await secretary.SubmitAsync($"/posts/{id}/reopen");
        (await PostAsync(portal, id)).IsClosed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Name", "", "Name", "请填写岗位名称")]
    [InlineData("Category", "", "Category", "请选择一个服务类别")]
    [InlineData("Category", "None", "Category", "请选择一个服务类别")]
    [InlineData("Kind", "", "Kind", "请选择岗位类型")]
    [InlineData("Capacity", "0", "Capacity", "名额应为1到999之间的整数")]
    [InlineData("Capacity", "abc", "Capacity", "")]
    [InlineData("Duties", "LONG500", "Duties", "岗位职责不能超过500个字")]
    public async Task Bad_post_input_is_refused_next_to_the_field_and_nothing_is_written(string field, string value, string errorField, string message)
    {
        using var secretary = await portal.ClientFor("secretary");
        var fields = Fields(("Kind", "PublicWelfarePost"), ("Category", "LegalAid"), ("Name", "法律咨询岗"), ("Capacity", "3"))
            .With(field, value == "LONG500" ? new string('字', 501) : value);
        var before = await FingerprintAsync(portal);
        var page = await RefusedAsync(await secretary.PostFormAsync("/posts/new", fields));
        FieldError(page, errorField).ShouldNotBeEmpty();
        FieldError(page, errorField).ShouldContain(message);
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_edit_shows_the_conflict_message_and_keeps_the_other_edit()
    {
        var post = await AddPostAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var form = FieldsOf(await secretary.GetDocumentAsync($"/posts/{post.Id}/edit"), "#post-form", trimTextAreas: true);
        (await secretary.PostFormAsync($"/posts/{post.Id}/edit", form.ToList().With("Name", "第一次修改"))).StatusCode.ShouldBe(HttpStatusCode.Found);
        var before = await FingerprintAsync(portal);
        var response = await secretary.PostFormAsync($"/posts/{post.Id}/edit", form.ToList().With("Name", "过期的修改"));
        ErrorMessages(await response.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await PostAsync(portal, post.Id)).Name.ShouldBe("第一次修改");
    }

    [Fact]
    public async Task The_capacity_cannot_go_below_the_holders()
    {
        var post = await AddPostAsync(portal, capacity: 3);
        await AddClaimAsync(portal, post, (await AddMemberAsync(portal)).Id, ClaimStatus.Approved);
        await AddClaimAsync(portal, post, (await AddMemberAsync(portal)).Id, ClaimStatus.Approved);
        using var secretary = await portal.ClientFor("secretary");
        var form = FieldsOf(await secretary.GetDocumentAsync($"/posts/{post.Id}/edit"), "#post-form", trimTextAreas: true).With("Capacity", "1");
        var page = await RefusedAsync(await secretary.PostFormAsync($"/posts/{post.Id}/edit", form));
        FieldError(page, "Capacity").ShouldBe("名额不能少于已认领的2人");
        (await PostAsync(portal, post.Id)).Capacity.ShouldBe(3);
    }

    [Fact]
    public async Task A_recorded_claim_is_approved_at_once_and_shows_the_holder()
    {
        var post = await AddPostAsync(portal, capacity: 2);
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var (flash, _) = await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/{post.Id}/claims", ("memberId", member.Id.ToString()), ("note", "周末可服务")));
        flash.ShouldContain(member.Name);
        var claim = (await ClaimsOfAsync(portal, post.Id)).ShouldHaveSingleItem();
        (claim.Status, claim.ApprovedOn, claim.RequestedOn, claim.MemberId, claim.Note).ShouldBe((ClaimStatus.Approved, (DateOnly?)Today(portal), Today(portal), member.Id, "周末可服务"));
        claim.DecidedBy.ShouldNotBeNullOrEmpty();
        claim.DecidedBy!.ShouldContain("张书记");

        var page = await secretary.GetDocumentAsync($"/posts/{post.Id}");
        var holder = page.QuerySelector($"#holders tr[data-member-id='{member.Id}']")!;
        holder.TextContent.ShouldContain(member.Name);
        holder.TextContent.ShouldContain(Iso(Today(portal)));
        page.QuerySelector($"#history tr[data-claim-id='{claim.Id}']").ShouldNotBeNull();
        (await secretary.GetDocumentAsync($"/posts/member/{member.Id}")).QuerySelector($"#member-claims tr[data-claim-id='{claim.Id}']")!.TextContent.ShouldContain("已认领");
    }

    [Fact]
    public async Task Claims_are_refused_on_a_full_or_closed_post_twice_for_the_same_member_and_for_a_moved_out_member()
    {
        var full = await AddPostAsync(portal, capacity: 1);
        await AddClaimAsync(portal, full, (await AddMemberAsync(portal)).Id, ClaimStatus.Approved);
        var closed = await AddPostAsync(portal, closed: true);
        var open = await AddPostAsync(portal);
        var holder = await AddMemberAsync(portal);
        await AddClaimAsync(portal, open, holder.Id, ClaimStatus.Approved);
        var requester = await AddMemberAsync(portal);
        await AddClaimAsync(portal, open, requester.Id, ClaimStatus.Requested);
        var movedOut = await AddMemberAsync(portal, change: m => { m.MovedOutOn = new DateOnly(2025, 1, 1); m.MovedOutTo = "外地"; });
        var foreign = await AddMemberAsync(portal, "secretary2", unitOutside: true);
        var fresh = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");

        async Task Refused(ServicePost post, Guid? member, string message)
        {
            var before = await FingerprintAsync(portal);
            var page = await RefusedAsync(await secretary.SubmitAsync($"/posts/{post.Id}/claims", ("memberId", member?.ToString() ?? "")));
            FieldError(page, "MemberId").ShouldContain(message);
            (await FingerprintAsync(portal)).ShouldBe(before);
        }

        await Refused(full, fresh.Id, "该岗位名额已满（1人）");
        await Refused(closed, fresh.Id, "该岗位已关闭");
        await Refused(open, holder.Id, "该党员已认领或申请了该岗位");
        await Refused(open, requester.Id, "该党员已认领或申请了该岗位");
        await Refused(open, movedOut.Id, "该党员已迁出本社区");
        await Refused(open, foreign.Id, "请选择本社区的党员");
        await Refused(open, null, "请选择认岗的党员");
        await Refused(open, Guid.NewGuid(), "请选择本社区的党员");
    }

    [Fact]
    public async Task A_member_requests_a_post_and_the_secretary_approves_it()
    {
        var post = await AddPostAsync(portal, capacity: 5);
        var memberId = (await TestMembers.UserAsync(portal, "member")).MemberId!.Value;
        using var member = await portal.ClientFor("member");
        var open = await member.GetDocumentAsync("/posts");
        open.QuerySelector($"#open-posts [data-post-id='{post.Id}'] form[action='/posts/{post.Id}/request']").ShouldNotBeNull();
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{post.Id}/request"))).Flash.ShouldContain("已提交认领申请");
        var claim = (await ClaimsOfAsync(portal, post.Id)).ShouldHaveSingleItem();
        (claim.Status, claim.MemberId, claim.ApprovedOn).ShouldBe((ClaimStatus.Requested, memberId, (DateOnly?)null));
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{post.Id}/request"))).Error.ShouldContain("您已认领或申请了该岗位");
        (await ClaimsOfAsync(portal, post.Id)).Count.ShouldBe(1);
        (await member.SubmitAsync($"/posts/claims/{claim.Id}/approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a member cannot approve");
        (await ClaimsOfAsync(portal, post.Id)).Single().Status.ShouldBe(ClaimStatus.Requested);

        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetDocumentAsync($"/posts/{post.Id}")).QuerySelector($"#requests [data-claim-id='{claim.Id}']").ShouldNotBeNull();
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/approve"))).Flash.ShouldContain("已同意");
        var approved = (await ClaimsOfAsync(portal, post.Id)).Single();
        (approved.Status, approved.ApprovedOn).ShouldBe((ClaimStatus.Approved, (DateOnly?)Today(portal)));
        (await member.GetDocumentAsync("/posts")).QuerySelector($"#my-claims tr[data-claim-id='{claim.Id}']")!.TextContent.ShouldContain("已认领");
    }

    [Fact]
    public async Task A_request_is_rejected_with_a_reason_and_a_decided_claim_cannot_be_decided_again()
    {
        var post = await AddPostAsync(portal);
        var claim = await AddClaimAsync(portal, post, (await AddMemberAsync(portal)).Id, ClaimStatus.Requested);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/reject", ("reason", " ")))).Error.ShouldContain("请填写不同意的理由");
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/reject", ("reason", "名额已安排")))).Flash.ShouldContain("已退回");
        var rejected = (await ClaimsOfAsync(portal, post.Id)).Single();
        (rejected.Status, rejected.Note, rejected.ActiveSlot).ShouldBe((ClaimStatus.Rejected, "名额已安排", (int?)null));

        before = await FingerprintAsync(portal);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/approve"))).Error.ShouldContain("只能审核待审核的申请（当前状态：未通过）");
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/release", ("releasedOn", Iso(Today(portal)))))).Error.ShouldContain("只有已认领的岗位可以退出");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task Approving_a_request_on_a_post_that_filled_up_or_closed_meanwhile_is_refused()
    {
        var post = await AddPostAsync(portal, capacity: 1);
        var request = await AddClaimAsync(portal, post, (await AddMemberAsync(portal)).Id, ClaimStatus.Requested);
        await AddClaimAsync(portal, post, (await AddMemberAsync(portal)).Id, ClaimStatus.Approved);
        using var secretary = await portal.ClientFor("secretary");
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{request.Id}/approve"))).Error.ShouldContain("名额已满");
        await portal.WithDbAsync(db => db.ServicePosts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsClosed, true).SetProperty(p => p.Capacity, (int?)null)));
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{request.Id}/approve"))).Error.ShouldContain("该岗位已关闭");
        (await ClaimsOfAsync(portal, post.Id)).Single(c => c.Id == request.Id).Status.ShouldBe(ClaimStatus.Requested);
    }

    [Fact]
    public async Task A_release_is_recorded_with_its_date_and_frees_the_place()
    {
        var post = await AddPostAsync(portal, capacity: 1);
        var member = await AddMemberAsync(portal);
        var claim = await AddClaimAsync(portal, post, member.Id, ClaimStatus.Approved);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        foreach (var (date, message) in new[] { ("", "请填写退出日期"), (Iso(Today(portal).AddDays(1)), "退出日期不能晚于今天"), (Iso(Today(portal).AddDays(-11)), "退出日期不能早于认领日期") })
        {
            (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/release", ("releasedOn", date)))).Error.ShouldContain(message);
        }
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/release", ("releasedOn", Iso(Today(portal).AddDays(-2)))))).Flash.ShouldContain("已登记退出");
        var released = (await ClaimsOfAsync(portal, post.Id)).Single();
        (released.Status, released.ReleasedOn, released.ActiveSlot).ShouldBe((ClaimStatus.Released, (DateOnly?)Today(portal).AddDays(-2), (int?)null));
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/release", ("releasedOn", Iso(Today(portal)))))).Error.ShouldContain("只有已认领的岗位可以退出");
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/claims/{claim.Id}/approve"))).Error.ShouldContain("只能审核待审核的申请（当前状态：已退出）");

        // The place is free again, and the same member may claim it anew.
        (await secretary.SubmitAsync($"/posts/{post.Id}/claims", ("memberId", member.Id.ToString()))).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await ClaimsOfAsync(portal, post.Id)).Count(c => c.Status == ClaimStatus.Approved).ShouldBe(1);
    }

    [Fact]
    public async Task Suggestions_list_members_who_offered_the_category_and_hold_no_post()
    {
        var post = await AddPostAsync(portal, category: ServiceCategory.HealthCare);
        var offered = await AddMemberAsync(portal, change: m => m.ServiceIntentions = ServiceCategory.HealthCare | ServiceCategory.LegalAid);
        var other = await AddMemberAsync(portal, change: m => m.ServiceIntentions = ServiceCategory.LegalAid);
        var busy = await AddMemberAsync(portal, change: m => m.ServiceIntentions = ServiceCategory.HealthCare);
        await AddClaimAsync(portal, await AddPostAsync(portal), busy.Id, ClaimStatus.Approved);
        await portal.WithDbAsync(db => db.Members.Where(m => m.Id != offered.Id && m.Id != busy.Id && m.Id != other.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ServiceIntentions, ServiceCategory.None)));
        using var secretary = await portal.ClientFor("secretary");
        var suggested = (await secretary.GetDocumentAsync($"/posts/{post.Id}")).QuerySelectorAll("#suggested [data-member-id]")
            .Select(e => e.GetAttribute("data-member-id")).ToList();
        suggested.ShouldBe([offered.Id.ToString()]);
    }
}

public sealed class SqlitePostsWorkflowTests(SqlitePortal portal) : PostsWorkflowTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresPostsWorkflowTests(PostgresPortal portal) : PostsWorkflowTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
