using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// Arranging the unit's side of feedback cards with the domain API (system scope): past cycles, members of the demo unit
/// living in the demo community, cards drafted, reviewed, sent with <see cref="FeedbackSender"/> and corrected, and a
/// second unit's admin.
/// </summary>
internal static class FeedbackInboxTestData
{
    public const string Reviewer = "测试书记";

    /// <summary>The cycle, created when missing (cycles are county-wide, unique by year, period and number).</summary>
    public static Task<FeedbackCycle> CycleAsync(PortalFactory portal, int year, FeedbackPeriod period, int number) => portal.WithDbAsync(async db =>
    {
        var cycle = await db.FeedbackCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year && c.Period == period && c.Number == number);
        if (cycle is not null) return cycle;
        cycle = FeedbackCycle.Create(year, period, number);
        db.FeedbackCycles.Add(cycle);
        await db.SaveChangesAsync();
        return cycle;
    });

    /// <summary>A past quarter no card uses yet (tests of one class share the database): a cycle of their own.</summary>
    public static async Task<FeedbackCycle> FreshQuarterAsync(PortalFactory portal)
    {
        var used = await portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().Select(c => c.CycleId).Distinct().ToListAsync());
        var today = Today(portal);
        for (var year = today.Year - 1; ; year--)
        {
            for (var n = 1; n <= 4; n++)
            {
                var cycle = await CycleAsync(portal, year, FeedbackPeriod.Quarter, n);
                if (!used.Contains(cycle.Id)) return cycle;
            }
        }
    }

    /// <summary>A new member of the demo unit's subordinate unit, living in the demo secretary's community.</summary>
    public static async Task<Member> UnitMemberAsync(PortalFactory portal, string prefix) =>
        await TestMembers.AddMemberAsync(portal, await CommunityOfAsync(portal, "secretary"), await MembersTestData.UnitInsideAsync(portal), id => prefix + id[^4..]);

    /// <summary>A reviewed card of the member in the cycle; sent (with its serial) unless <paramref name="send"/> is false.</summary>
    public static Task<FeedbackCard> CardAsync(PortalFactory portal, Member member, FeedbackCycle cycle, bool send = true, string? vetoReason = null,
        FeedbackGrade grade = FeedbackGrade.Qualified, string opinion = "能按时参加社区活动", string? requirementLines = null) => portal.WithDbAsync(async db =>
    {
        var card = new FeedbackCard
        {
            CycleId = cycle.Id, MemberId = member.Id, CommunityId = member.CommunityId!.Value, WorkUnitId = member.WorkUnitId!.Value,
            Services = 3, Days = 2, Minutes = 270, PostsClaimed = 1, WishesFulfilled = 2, HouseholdsPaired = 1, HouseholdVisits = 2, Suggestions = 1,
            RequirementLines = requirementLines,
        };
        card.Review(grade, opinion, vetoReason is not null, vetoReason, Reviewer, DateTime.UtcNow);
        db.FeedbackCards.Add(card);
        await db.SaveChangesAsync();
        if (send) await FeedbackSender.SendAsync(db, [card], Reviewer);
        return card;
    });

    /// <summary>Corrects a sent card: the new revision, reviewed as given, sent unless <paramref name="send"/> is false.</summary>
    public static Task<FeedbackCard> CorrectAsync(PortalFactory portal, Guid cardId, string? vetoReason, bool send = true) => portal.WithDbAsync(async db =>
    {
        var card = await db.FeedbackCards.SingleAsync(c => c.Id == cardId);
        var correction = card.Correct();
        correction.Review(FeedbackGrade.Qualified, "更正后的意见", vetoReason is not null, vetoReason, Reviewer, DateTime.UtcNow);
        db.FeedbackCards.Add(correction);
        await db.SaveChangesAsync();
        if (send) await FeedbackSender.SendAsync(db, [correction], Reviewer);
        return correction;
    });

    public static Task<FeedbackCard> ReloadAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>How many audit lines of <paramref name="action"/> name the target.</summary>
    public static Task<List<string?>> AuditDetailsAsync(PortalFactory portal, string action, Guid target) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.TargetId == target.ToString()).Select(a => a.Detail).ToListAsync());

    /// <summary>Signs in the admin of another department (not the demo unit's subtree), created on first use.</summary>
    public static async Task<PortalClient> OtherUnitAsync(PortalFactory portal)
    {
        const string userName = "unit-other";
        var exists = await portal.WithDbAsync(db => db.Users.AsNoTracking().AnyAsync(u => u.UserName == userName));
        if (!exists)
        {
            var unit = await MembersTestData.UnitOutsideAsync(portal);
            await using var scope = portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountFactory>().CreateAsync(userName, DemoCountySeeder.Password, "另一单位 管理员", PortalRole.UnitAdmin, unit);
        }
        return await portal.ClientFor(userName);
    }
}
