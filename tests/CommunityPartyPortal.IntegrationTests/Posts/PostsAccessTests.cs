using System.Net;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Posts.PostsTestData;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>
/// Who may use the 认岗 routes, and that nobody reaches across tenants: secretary2 gets 404 on every route with
/// the secretary's post, claim, team and member and writes nothing; street, unit and member get 403 on the
/// secretary's writes; the member's request only reaches the posts of his or her own community.
/// </summary>
public abstract class PostsAccessTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private sealed record World(Guid Post, Guid Requested, Guid Approved, Guid Team, Guid Membership, Guid Member, Guid OtherMember, Guid PostB);

    private async Task<World> WorldAsync()
    {
        var community = await CommunityOfAsync(portal, "secretary");
        var post = await AddPostAsync(portal, capacity: 10);
        var a = await AddMemberAsync(portal);
        var b = await AddMemberAsync(portal);
        var c = await AddMemberAsync(portal);
        var requested = await AddClaimAsync(portal, post, a.Id, ClaimStatus.Requested);
        var approved = await AddClaimAsync(portal, post, b.Id, ClaimStatus.Approved);
        var team = await AddTeamAsync(portal, community, b.Id, c.Id);
        var membership = (await MembershipsOfAsync(portal, team.Id)).Single(m => m.MemberId == c.Id);
        var postB = await AddPostAsync(portal, "secretary2");
        var otherMember = await AddMemberAsync(portal, "secretary2", unitOutside: true);
        return new World(post.Id, requested.Id, approved.Id, team.Id, membership.Id, c.Id, otherMember.Id, postB.Id);
    }

    private static IEnumerable<string> GetRoutes(World w) =>
    [
        $"/posts/{w.Post}", $"/posts/{w.Post}/edit", $"/posts/teams/{w.Team}", $"/posts/teams/{w.Team}/edit",
        $"/posts/teams/new?post={w.Post}", $"/posts/member/{w.Member}",
    ];

    private static IEnumerable<(string Url, List<KeyValuePair<string, string>> Fields)> SecretaryPosts(World w, string today) =>
    [
        ($"/posts/{w.Post}/edit", Fields(("Kind", "PublicWelfarePost"), ("Category", "LegalAid"), ("Name", "越权"), ("Version", Guid.NewGuid().ToString()))),
        ($"/posts/{w.Post}/close", Fields()),
        ($"/posts/{w.Post}/reopen", Fields()),
        ($"/posts/{w.Post}/claims", Fields(("memberId", w.Member.ToString()))),
        ($"/posts/claims/{w.Requested}/approve", Fields()),
        ($"/posts/claims/{w.Requested}/reject", Fields(("reason", "越权"))),
        ($"/posts/claims/{w.Approved}/release", Fields(("releasedOn", today))),
        ($"/posts/teams/{w.Team}/edit", Fields(("Kind", "PartyGroup"), ("Name", "越权"), ("LeaderMemberId", w.Member.ToString()), ("Version", Guid.NewGuid().ToString()))),
        ($"/posts/teams/{w.Team}/members", Fields(("memberId", w.Member.ToString()), ("joinedOn", today))),
        ($"/posts/teams/memberships/{w.Membership}/remove", Fields(("leftOn", today))),
        ($"/posts/teams/{w.Team}/dissolve", Fields()),
    ];

    [Fact]
    public async Task Secretary2_gets_404_on_every_route_with_the_other_communitys_records_and_writes_nothing()
    {
        var w = await WorldAsync();
        using var secretary2 = await portal.ClientFor("secretary2");
        var failures = new List<string>();
        foreach (var url in GetRoutes(w))
        {
            var status = (await secretary2.GetAsync(url)).StatusCode;
            if (status != HttpStatusCode.NotFound) failures.Add($"GET {url}: {(int)status}");
        }
        var before = await FingerprintAsync(portal);
        foreach (var (url, fields) in SecretaryPosts(w, Iso(Today(portal))))
        {
            var status = (await secretary2.PostFormAsync(url, fields, "/")).StatusCode;
            if (status != HttpStatusCode.NotFound) failures.Add($"POST {url}: {(int)status}");
        }
        (await secretary2.SubmitAsync($"/posts/{w.Post}/request")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only members request");
        failures.ShouldBeEmpty();
        (await FingerprintAsync(portal)).ShouldBe(before);

        // Its own forms do not reach the other community either: refused with a message, nothing written.
        var team = await secretary2.PostFormAsync("/posts/teams/new", Fields(("Kind", "PartyGroup"), ("Name", "越权"), ("LeaderMemberId", w.Member.ToString()), ("PostId", w.Post.ToString())), "/");
        team.StatusCode.ShouldBe(HttpStatusCode.OK);
        var claim = await secretary2.SubmitAsync($"/posts/{w.PostB}/claims", ("memberId", w.Member.ToString()));
        claim.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await secretary2.GetDocumentAsync("/posts")).QuerySelector($"[data-post-id='{w.Post}']").ShouldBeNull();
        (await secretary2.GetDocumentAsync("/posts/teams")).QuerySelector($"[data-team-id='{w.Team}']").ShouldBeNull();
    }

    [Theory]
    [InlineData("street")]
    [InlineData("unit")]
    [InlineData("member")]
    [InlineData("county")]
    public async Task Other_roles_cannot_use_the_secretarys_writes(string user)
    {
        var w = await WorldAsync();
        using var client = await portal.ClientFor(user);
        var before = await FingerprintAsync(portal);
        var failures = new List<string>();
        var writes = SecretaryPosts(w, Iso(Today(portal))).Concat([
            ("/posts/new", Fields(("Kind", "PublicWelfarePost"), ("Category", "LegalAid"), ("Name", "越权"))),
            ("/posts/teams/new", Fields(("Kind", "PartyGroup"), ("Name", "越权"), ("LeaderMemberId", w.Member.ToString()))),
        ]);
        foreach (var (url, fields) in writes)
        {
            var status = (await client.PostFormAsync(url, fields, "/")).StatusCode;
            if (status != HttpStatusCode.Forbidden) failures.Add($"{user} POST {url}: {(int)status}");
        }
        if (user != "member")
        {
            var status = (await client.SubmitAsync($"/posts/{w.Post}/request")).StatusCode;
            if (status != HttpStatusCode.Forbidden) failures.Add($"{user} POST request: {(int)status}");
        }
        failures.ShouldBeEmpty();
        (await FingerprintAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task The_street_and_the_county_read_without_forms_and_the_street_only_its_communities()
    {
        var w = await WorldAsync();
        using var street = await portal.ClientFor("street");
        var list = await street.GetDocumentAsync("/posts");
        list.QuerySelector($"[data-post-id='{w.Post}']").ShouldNotBeNull();
        list.QuerySelector($"[data-post-id='{w.PostB}']").ShouldBeNull();
        var page = await street.GetDocumentAsync($"/posts/{w.Post}");
        page.QuerySelector("#claim-form").ShouldBeNull();
        page.QuerySelector($"form[action='/posts/claims/{w.Requested}/approve']").ShouldBeNull();
        page.QuerySelector($"#holders [data-claim-id='{w.Approved}']").ShouldNotBeNull();
        (await street.GetAsync($"/posts/{w.PostB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await street.GetAsync($"/posts/{w.Post}/edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await street.GetDocumentAsync($"/posts/teams/{w.Team}")).QuerySelector("#add-member-form").ShouldBeNull();

        using var county = await portal.ClientFor("county");
        var all = await county.GetDocumentAsync("/posts?closed=true");
        all.QuerySelector($"[data-post-id='{w.Post}']").ShouldNotBeNull();
        all.QuerySelector($"[data-post-id='{w.PostB}']").ShouldNotBeNull();
        (await county.GetDocumentAsync($"/posts/{w.PostB}")).QuerySelector("#claim-form").ShouldBeNull();
    }

    [Fact]
    public async Task A_member_requests_only_posts_of_the_own_community_and_cannot_open_staff_pages()
    {
        var w = await WorldAsync();
        using var member = await portal.ClientFor("member");
        var open = await member.GetDocumentAsync("/posts");
        open.QuerySelector($"[data-post-id='{w.Post}']").ShouldNotBeNull();
        open.QuerySelector($"[data-post-id='{w.PostB}']").ShouldBeNull();
        var before = await FingerprintAsync(portal);
        (await member.SubmitAsync($"/posts/{w.PostB}/request")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintAsync(portal)).ShouldBe(before);
        foreach (var url in GetRoutes(w).Append("/posts/teams"))
        {
            (await member.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }
    }

    [Fact]
    public async Task A_member_request_on_a_full_or_closed_post_is_refused_with_a_message()
    {
        var full = await AddPostAsync(portal, capacity: 1);
        await AddClaimAsync(portal, full, (await AddMemberAsync(portal)).Id, ClaimStatus.Approved);
        var closed = await AddPostAsync(portal, closed: true);
        using var member = await portal.ClientFor("member");
        var before = await FingerprintAsync(portal);
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{full.Id}/request"))).Error.ShouldContain("该岗位名额已满（1人）");
        (await FlashAfterAsync(member, await member.SubmitAsync($"/posts/{closed.Id}/request"))).Error.ShouldContain("该岗位已关闭");
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await member.GetDocumentAsync("/posts")).QuerySelector($"[data-post-id='{full.Id}'] form").ShouldBeNull("no request button on a full post");
    }
}

public sealed class SqlitePostsAccessTests(SqlitePortal portal) : PostsAccessTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresPostsAccessTests(PostgresPortal portal) : PostsAccessTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
