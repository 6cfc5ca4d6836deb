using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Posts.PostsTestData;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>志愿者服务队 and 党小组 through HTTP: forming, members in and out, the leader, dissolving; the member's page.</summary>
public abstract class TeamsWorkflowTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task The_secretary_forms_a_team_on_a_post_adds_and_removes_members_and_dissolves_it()
    {
        var post = await AddPostAsync(portal);
        var leader = await AddMemberAsync(portal);
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var created = await secretary.PostFormAsync("/posts/teams/new", Fields(("Kind", "VolunteerTeam"), ("Name", "环保志愿服务队"),
            ("Category", "Environment"), ("PostId", post.Id.ToString()), ("LeaderMemberId", leader.Id.ToString())), "/posts/teams/new");
        created.StatusCode.ShouldBe(HttpStatusCode.Found, ErrorMessages(await created.Content.ReadAsStringAsync()));
        var teamId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var team = await portal.WithDbAsync(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == teamId));
        (team.CommunityId, team.PostId, team.LeaderMemberId, team.Kind).ShouldBe((await CommunityOfAsync(portal, "secretary"), (Guid?)post.Id, (Guid?)leader.Id, TeamKind.VolunteerTeam));
        (await MembershipsOfAsync(portal, teamId)).ShouldHaveSingleItem().MemberId.ShouldBe(leader.Id, "the leader joins the team");

        var today = Iso(Today(portal));
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/{teamId}/members", ("memberId", member.Id.ToString()), ("joinedOn", today)))).Flash.ShouldContain("已加入");
        var page = await RefusedAsync(await secretary.SubmitAsync($"/posts/teams/{teamId}/members", ("memberId", member.Id.ToString()), ("joinedOn", today)));
        FieldError(page, "MemberId").ShouldBe("该党员已在该队伍中");
        page = await RefusedAsync(await secretary.SubmitAsync($"/posts/teams/{teamId}/members", ("memberId", (await AddMemberAsync(portal)).Id.ToString()), ("joinedOn", Iso(Today(portal).AddDays(1)))));
        FieldError(page, "JoinedOn").ShouldBe("加入日期不能晚于今天");
        (await MembershipsOfAsync(portal, teamId)).Count.ShouldBe(2);

        var memberships = await MembershipsOfAsync(portal, teamId);
        var leaderSlot = memberships.Single(m => m.MemberId == leader.Id);
        var memberSlot = memberships.Single(m => m.MemberId == member.Id);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/memberships/{leaderSlot.Id}/remove", ("leftOn", today)))).Error.ShouldContain("队长（组长）不能移出");
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/memberships/{memberSlot.Id}/remove", ("leftOn", Iso(Today(portal).AddDays(-1)))))).Error.ShouldContain("退出日期不能早于加入日期");
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/memberships/{memberSlot.Id}/remove", ("leftOn", today)))).Flash.ShouldContain("已移出");
        (await MembershipsOfAsync(portal, teamId)).Single(m => m.Id == memberSlot.Id).LeftOn.ShouldBe(Today(portal));
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/memberships/{memberSlot.Id}/remove", ("leftOn", today)))).Error.ShouldContain("已不在该队伍中");

        // Back in once more: a new membership, the old one stays in the history.
        (await secretary.SubmitAsync($"/posts/teams/{teamId}/members", ("memberId", member.Id.ToString()), ("joinedOn", today))).StatusCode.ShouldBe(HttpStatusCode.Found);
        var teamPage = await secretary.GetDocumentAsync($"/posts/teams/{teamId}");
        teamPage.QuerySelectorAll("#team-members [data-member-id]").Length.ShouldBe(2);
        teamPage.QuerySelector($"#team-former [data-membership-id='{memberSlot.Id}']").ShouldNotBeNull();
        (await secretary.GetDocumentAsync($"/posts/{post.Id}")).QuerySelector($"#post-teams a[href='/posts/teams/{teamId}']").ShouldNotBeNull();
        (await secretary.GetDocumentAsync($"/posts/member/{leader.Id}")).QuerySelector($"#member-teams tr[data-team-id='{teamId}']")!.TextContent.ShouldContain("队长");

        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/{teamId}/dissolve"))).Flash.ShouldContain("已解散");
        (await MembershipsOfAsync(portal, teamId)).ShouldAllBe(m => m.LeftOn != null && m.ActiveSlot == null);
        var before = await FingerprintAsync(portal);
        (await FlashAfterAsync(secretary, await secretary.SubmitAsync($"/posts/teams/{teamId}/dissolve"))).Error.ShouldContain("已解散");
        (await RefusedAsync(await secretary.SubmitAsync($"/posts/teams/{teamId}/members", ("memberId", member.Id.ToString()), ("joinedOn", today))))
            .QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("该队伍已解散");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Theory]
    [InlineData("Name", "", "Name", "请填写名称")]
    [InlineData("LeaderMemberId", "", "LeaderMemberId", "请选择队长（组长）")]
    [InlineData("LeaderMemberId", "FOREIGN", "LeaderMemberId", "请选择本社区的党员")]
    [InlineData("PostId", "FOREIGNPOST", "PostId", "请选择本社区的岗位")]
    [InlineData("Kind", "", "Kind", "请选择队伍类型")]
    public async Task Bad_team_input_is_refused_next_to_the_field_and_nothing_is_written(string field, string value, string errorField, string message)
    {
        var leader = await AddMemberAsync(portal);
        value = value switch
        {
            "FOREIGN" => (await AddMemberAsync(portal, "secretary2", unitOutside: true)).Id.ToString(),
            "FOREIGNPOST" => (await AddPostAsync(portal, "secretary2")).Id.ToString(),
            _ => value,
        };
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        var fields = Fields(("Kind", "PartyGroup"), ("Name", "第一党小组"), ("LeaderMemberId", leader.Id.ToString())).With(field, value);
        var page = await RefusedAsync(await secretary.PostFormAsync("/posts/teams/new", fields, "/posts/teams/new"));
        FieldError(page, errorField).ShouldBe(message);
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_team_edit_is_refused_and_a_new_leader_joins_the_team()
    {
        var leader = await AddMemberAsync(portal);
        var next = await AddMemberAsync(portal);
        var team = await AddTeamAsync(portal, await CommunityOfAsync(portal, "secretary"), leader.Id);
        using var secretary = await portal.ClientFor("secretary");
        var form = FieldsOf(await secretary.GetDocumentAsync($"/posts/teams/{team.Id}/edit"), "#team-form", trimTextAreas: true);
        (await secretary.PostFormAsync($"/posts/teams/{team.Id}/edit", form.ToList().With("LeaderMemberId", next.Id.ToString()))).StatusCode.ShouldBe(HttpStatusCode.Found);
        (await MembershipsOfAsync(portal, team.Id)).Select(m => m.MemberId).ShouldBe([leader.Id, next.Id], ignoreOrder: true);
        var before = await FingerprintAsync(portal);
        var stale = await secretary.PostFormAsync($"/posts/teams/{team.Id}/edit", form.ToList().With("Name", "过期的修改"));
        ErrorMessages(await stale.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_unit_reads_its_members_claims_and_teams_but_not_other_units_members()
    {
        var community = await CommunityOfAsync(portal, "secretary");
        var own = await AddMemberAsync(portal);
        var foreign = await AddMemberAsync(portal, unitOutside: true);
        var post = await AddPostAsync(portal);
        var claim = await AddClaimAsync(portal, post, own.Id, ClaimStatus.Approved);
        var team = await AddTeamAsync(portal, community, own.Id);
        using var unit = await portal.ClientFor("unit");
        var page = await unit.GetDocumentAsync($"/posts/member/{own.Id}");
        page.QuerySelector($"#member-claims tr[data-claim-id='{claim.Id}']")!.TextContent.ShouldContain(post.Name);
        page.QuerySelector($"#member-teams tr[data-team-id='{team.Id}']")!.TextContent.ShouldContain(team.Name);
        page.QuerySelectorAll("form[method=post] button").Where(b => b.Closest("nav") is null).ShouldBeEmpty();
        page.QuerySelector($"a[href='/posts/{post.Id}']").ShouldBeNull("the unit cannot open the community's post page");
        (await unit.GetAsync($"/posts/member/{foreign.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unit.GetAsync($"/posts/{post.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await unit.GetAsync("/posts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteTeamsWorkflowTests(SqlitePortal portal) : TeamsWorkflowTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresTeamsWorkflowTests(PostgresPortal portal) : TeamsWorkflowTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
