using System.Globalization;
using System.Net;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>Arrange and assert helpers of the 认岗 tests.</summary>
internal static class PostsTestData
{
    public static DateOnly Today(PortalFactory portal) => Clock.TodayInChina(portal.Time);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Task<Guid> CommunityOfAsync(PortalFactory portal, string user) =>
        portal.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName == user).Select(u => u.OrganizationId).SingleAsync());

    /// <summary>A new member living in the community of <paramref name="secretary"/>, in a unit under the unit admin (or outside it).</summary>
    public static async Task<Member> AddMemberAsync(PortalFactory portal, string secretary = "secretary", bool unitOutside = false, Action<Member>? change = null)
    {
        var unit = unitOutside ? await MembersTestData.UnitOutsideAsync(portal) : await MembersTestData.UnitInsideAsync(portal);
        return await TestMembers.AddMemberAsync(portal, await CommunityOfAsync(portal, secretary), unit, id => "认岗" + id[^5..], change);
    }

    /// <summary>A post saved directly in the community of <paramref name="secretary"/>.</summary>
    public static async Task<ServicePost> AddPostAsync(PortalFactory portal, string secretary = "secretary", int? capacity = null,
        ServiceCategory category = ServiceCategory.Environment, bool closed = false)
    {
        var community = await CommunityOfAsync(portal, secretary);
        return await portal.WithDbAsync(async db =>
        {
            var post = new ServicePost
            {
                CommunityId = community, Kind = PostKind.PublicWelfarePost, Category = category, Name = "测试岗" + Guid.NewGuid().ToString("N")[..6],
                Capacity = capacity, IsClosed = closed,
            };
            db.ServicePosts.Add(post);
            await db.SaveChangesAsync();
            return post;
        });
    }

    public static Task<PostClaim> AddClaimAsync(PortalFactory portal, ServicePost post, Guid memberId, ClaimStatus status) =>
        portal.WithDbAsync(async db =>
        {
            var today = Today(portal);
            var claim = new PostClaim
            {
                PostId = post.Id, MemberId = memberId, CommunityId = post.CommunityId, Status = status, RequestedOn = today.AddDays(-10),
                ApprovedOn = status is ClaimStatus.Approved or ClaimStatus.Released ? today.AddDays(-10) : null,
                ReleasedOn = status == ClaimStatus.Released ? today.AddDays(-1) : null,
            };
            db.PostClaims.Add(claim);
            await db.SaveChangesAsync();
            return claim;
        });

    public static Task<Team> AddTeamAsync(PortalFactory portal, Guid community, Guid leader, params Guid[] members) =>
        portal.WithDbAsync(async db =>
        {
            var team = new Team { CommunityId = community, Kind = TeamKind.VolunteerTeam, Name = "测试队" + Guid.NewGuid().ToString("N")[..6], LeaderMemberId = leader };
            db.Teams.Add(team);
            foreach (var m in members.Prepend(leader))
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = team.Id, MemberId = m, CommunityId = community, JoinedOn = Today(portal).AddDays(-30) });
            }
            await db.SaveChangesAsync();
            return team;
        });

    public static Task<List<PostClaim>> ClaimsOfAsync(PortalFactory portal, Guid postId) =>
        portal.WithDbAsync(db => db.PostClaims.AsNoTracking().Where(c => c.PostId == postId).OrderBy(c => c.CreatedAt).ToListAsync());

    public static Task<ServicePost> PostAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.ServicePosts.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<List<TeamMembership>> MembershipsOfAsync(PortalFactory portal, Guid teamId) =>
        portal.WithDbAsync(db => db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId).OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>A fingerprint of everything the 认岗 routes could write.</summary>
    public static Task<string> FingerprintAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var posts = await db.ServicePosts.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Version).ToListAsync();
        var claims = await db.PostClaims.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Version).ToListAsync();
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Version).ToListAsync();
        var memberships = await db.TeamMemberships.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Version).ToListAsync();
        return string.Join("|", new[] { posts, claims, teams, memberships }.Select(l => string.Join(",", l)));
    });

    public static List<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];

    public static Task<HttpResponseMessage> SubmitAsync(this PortalClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, Fields(fields), "/");

    /// <summary>Asserts a redirect, follows it and returns the success and error flashes shown there.</summary>
    public static async Task<(string Flash, string Error)> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Found, TestForms.ErrorMessages(await response.Content.ReadAsStringAsync()));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return (page.QuerySelector(".alert-success")?.TextContent.Trim() ?? "", page.QuerySelector(".alert-danger")?.TextContent.Trim() ?? "");
    }

    /// <summary>The page a refused form answers with (200), parsed.</summary>
    public static Task<AngleSharp.Dom.IDocument> RefusedAsync(HttpResponseMessage response) => TestForms.ShouldBeFormWithErrorsAsync(response);
}
