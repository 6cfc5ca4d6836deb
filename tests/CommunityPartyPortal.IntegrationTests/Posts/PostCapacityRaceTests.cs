using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Posts;

/// <summary>
/// Two secretaries' screens approve two requests for the last seat of a post at the same moment: both counted a free
/// seat, but the approval's save also bumps the post's version, so only the first commits and the second writes nothing.
/// </summary>
public abstract class PostCapacityRaceTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task Two_approvals_that_both_saw_the_last_seat_cannot_both_commit()
    {
        var post = await PostsTestData.AddPostAsync(portal, capacity: 1);
        var first = await PostsTestData.AddMemberAsync(portal);
        var second = await PostsTestData.AddMemberAsync(portal);
        var claimA = await PostsTestData.AddClaimAsync(portal, post, first.Id, ClaimStatus.Requested);
        var claimB = await PostsTestData.AddClaimAsync(portal, post, second.Id, ClaimStatus.Requested);
        var community = await PostsTestData.CommunityOfAsync(portal, "secretary");

        await using var screenA = Secretary(community);
        await using var screenB = Secretary(community);
        var (postA, requestA) = await LoadAsync(screenA, post.Id, claimA.Id);
        var (postB, requestB) = await LoadAsync(screenB, post.Id, claimB.Id);
        // Both screens see the seat free.
        (await ClaimRules.ApprovedCountAsync(screenA, post.Id)).ShouldBe(0);
        (await ClaimRules.ApprovedCountAsync(screenB, post.Id)).ShouldBe(0);

        Approve(requestA);
        ClaimRules.HoldSeat(screenA, postA);
        await screenA.SaveChangesAsync();

        Approve(requestB);
        ClaimRules.HoldSeat(screenB, postB);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => screenB.SaveChangesAsync());

        await portal.WithDbAsync(async db =>
        {
            (await db.PostClaims.CountAsync(c => c.PostId == post.Id && c.Status == ClaimStatus.Approved)).ShouldBe(1);
            (await db.PostClaims.SingleAsync(c => c.Id == claimB.Id)).Status.ShouldBe(ClaimStatus.Requested);
        });
    }

    [Fact]
    public async Task A_post_without_capacity_is_not_touched_by_an_approval()
    {
        var post = await PostsTestData.AddPostAsync(portal);
        var member = await PostsTestData.AddMemberAsync(portal);
        var claim = await PostsTestData.AddClaimAsync(portal, post, member.Id, ClaimStatus.Requested);
        var community = await PostsTestData.CommunityOfAsync(portal, "secretary");
        await using var screen = Secretary(community);
        var (loaded, request) = await LoadAsync(screen, post.Id, claim.Id);
        Approve(request);
        ClaimRules.HoldSeat(screen, loaded);
        screen.Entry(loaded).State.ShouldBe(EntityState.Unchanged);
        await screen.SaveChangesAsync();
        (await portal.WithDbAsync(db => db.ServicePosts.AsNoTracking().SingleAsync(p => p.Id == post.Id))).Version.ShouldBe(post.Version);
    }

    private PortalDbContext Secretary(Guid community) =>
        new(PortalDatabase.Options(portal.Provider, portal.ConnectionString),
            new FixedScopeAccessor(new AccessScope { Kind = ScopeKind.Community, OrganizationId = community, Role = PortalRole.CommunitySecretary, UserName = "secretary" }),
            TimeProvider.System);

    private static async Task<(ServicePost Post, PostClaim Claim)> LoadAsync(PortalDbContext db, Guid postId, Guid claimId) =>
        (await db.ServicePosts.SingleAsync(p => p.Id == postId), await db.PostClaims.SingleAsync(c => c.Id == claimId));

    private static void Approve(PostClaim claim)
    {
        claim.Status = ClaimStatus.Approved;
        claim.ApprovedOn = new DateOnly(2026, 11, 1);
        claim.DecidedBy = "书记";
    }
}

public sealed class SqlitePostCapacityRaceTests(SqlitePortal portal) : PostCapacityRaceTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresPostCapacityRaceTests(PostgresPortal portal) : PostCapacityRaceTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
