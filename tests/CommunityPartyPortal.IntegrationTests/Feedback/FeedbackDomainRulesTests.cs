using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// The card's rules as SaveChanges enforces them on a real database: a sent card's content is frozen (even for the
/// system), sent cards are never deleted, one current card per member and cycle, corrections, serials, concurrent
/// edits, and the cycles (county-only, unique).
/// </summary>
public abstract class FeedbackDomainRulesTests(DatabaseProvider provider) : FeedbackDomainTests(provider)
{
    private static readonly DateTime Now = new(2025, 7, 3, 2, 0, 0, DateTimeKind.Utc);

    private async Task<FeedbackCycle> DraftedAsync()
    {
        var cycle = await SecondQuarterAsync();
        await using var db = System();
        await FeedbackDrafter.DraftAsync(db, cycle.Id);
        return cycle;
    }

    private async Task SendAsync(PortalDbContext db, Guid memberId, FeedbackGrade grade = FeedbackGrade.Qualified)
    {
        var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == memberId && c.CurrentSlot != null);
        card.Review(grade, "意见", false, null, "社区书记", Now);
        await FeedbackSender.SendAsync(db, [card], "社区书记");
    }

    [Fact]
    public async Task SaveChanges_refuses_to_change_a_sent_cards_grade_or_to_delete_it_even_for_the_system()
    {
        await DraftedAsync();
        await using (var db = System()) await SendAsync(db, Active.Id);
        await using (var db = System())
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            card.Grade = FeedbackGrade.Excellent;
            (await Should.ThrowAsync<FeedbackException>(() => db.SaveChangesAsync())).Message.ShouldContain("已发送的反馈卡不能修改");
        }
        await using (var db = System())
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            db.FeedbackCards.Remove(card);
            (await Should.ThrowAsync<FeedbackException>(() => db.SaveChangesAsync())).Message.ShouldBe("已发送的反馈卡不能删除");
        }
        await using (var db = System())
        {
            // A draft may go (e.g. drafted by mistake); running the drafter again brings it back.
            db.FeedbackCards.Remove(await db.FeedbackCards.SingleAsync(c => c.MemberId == Busy.Id));
            await db.SaveChangesAsync();
        }
        await using var check = System();
        var sent = await check.FeedbackCards.AsNoTracking().SingleAsync(c => c.MemberId == Active.Id);
        (sent.Status, sent.Grade).ShouldBe((FeedbackCardStatus.Sent, FeedbackGrade.Qualified));
        (await check.FeedbackCards.CountAsync(c => c.MemberId == Busy.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_correction_supersedes_the_sent_card_in_one_save_and_a_second_current_card_is_refused()
    {
        var cycle = await DraftedAsync();
        await using (var db = As(Secretary(CommunityA1))) await SendAsync(db, Active.Id);
        Guid firstId, secondId;
        await using (var db = As(Secretary(CommunityA1)))
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            var next = card.Correct();
            next.Services = 4; // a correction may fix the figures too
            db.FeedbackCards.Add(next);
            await db.SaveChangesAsync();
            (firstId, secondId) = (card.Id, next.Id);
        }
        await using (var db = System())
        {
            var cards = await db.FeedbackCards.AsNoTracking().Where(c => c.MemberId == Active.Id).OrderBy(c => c.Revision).ToListAsync();
            cards.Select(c => (c.Id, c.Revision, c.Status, c.CurrentSlot, c.PreviousId, c.Services)).ShouldBe(
            [
                (firstId, 1, FeedbackCardStatus.Superseded, (int?)null, (Guid?)null, 0),
                (secondId, 2, FeedbackCardStatus.Draft, 1, firstId, 4),
            ]);
        }
        await using (var db = System())
        {
            // The drafter does not add a third: the correction is the current card.
            (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(0);
            db.FeedbackCards.Add(new FeedbackCard { CycleId = cycle.Id, MemberId = Active.Id, CommunityId = CommunityA1.Id, WorkUnitId = Unit1.Id });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(Secretary(CommunityA1)))
        {
            // The superseded card cannot be corrected twice, even by hand.
            var first = await db.FeedbackCards.SingleAsync(c => c.Id == firstId);
            Should.Throw<FeedbackException>(() => first.Correct());
            db.FeedbackCards.Add(new FeedbackCard
            {
                CycleId = cycle.Id, MemberId = Active.Id, CommunityId = CommunityA1.Id, WorkUnitId = Unit1.Id, Revision = 2, PreviousId = firstId,
            });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = System();
        (await check.FeedbackCards.CountAsync(c => c.MemberId == Active.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Sending_in_bulk_takes_consecutive_serials_and_a_bad_card_refuses_the_batch_before_any_serial()
    {
        await DraftedAsync();
        await using (var db = System())
        {
            var cards = await db.FeedbackCards.Where(c => c.MemberId == Active.Id || c.MemberId == Busy.Id || c.MemberId == WithdrawnLate.Id)
                .OrderBy(c => c.MemberId == WithdrawnLate.Id).ThenBy(c => c.MemberId == Busy.Id).ToListAsync();
            cards[0].Review(FeedbackGrade.Excellent, null, false, null, "书记", Now);
            cards[1].Review(FeedbackGrade.Qualified, null, false, null, "书记", Now);
            // The third has no grade yet.
            var refused = await Should.ThrowAsync<FeedbackException>(() => FeedbackSender.SendAsync(db, cards, "书记"));
            refused.Message.ShouldBe("第3张反馈卡：发送前请先评定等次");
            (await db.SerialCounters.CountAsync()).ShouldBe(0, "no serial was taken");

            await FeedbackSender.SendAsync(db, cards.Take(2).ToList(), "书记");
            cards.Take(2).Select(c => c.Serial).ShouldBe([$"{Year}-反馈卡-000001", $"{Year}-反馈卡-000002"]);
        }
        await using var check = System();
        var sent = await check.FeedbackCards.AsNoTracking().Where(c => c.Status == FeedbackCardStatus.Sent).ToListAsync();
        sent.Select(c => c.MemberId).ShouldBe(new[] { Active.Id, Busy.Id }, ignoreOrder: true);
        sent.ShouldAllBe(c => c.SentBy == "书记" && c.SentAt != null);
        var grades = await FeedbackQueries.GradeCountsAsync(check.FeedbackCards.Where(c => c.Status == FeedbackCardStatus.Sent));
        grades.ShouldBe(new FeedbackGradeCounts(1, 1, 0, 0, 0, 0));
        (await FeedbackQueries.GradeCountsAsync(check.FeedbackCards)).ShouldBe(new FeedbackGradeCounts(1, 1, 0, 0, 1, 0));
    }

    [Fact]
    public async Task Two_concurrent_edits_of_one_card_do_not_overwrite_each_other()
    {
        await DraftedAsync();
        await using var first = As(Secretary(CommunityA1));
        await using var second = As(Secretary(CommunityA1));
        var a = await first.FeedbackCards.SingleAsync(c => c.MemberId == Busy.Id);
        var b = await second.FeedbackCards.SingleAsync(c => c.MemberId == Busy.Id);
        a.Version.ShouldBe(b.Version);

        a.Review(FeedbackGrade.Excellent, "第一位书记的意见", false, null, "书记甲", Now);
        await first.SaveChangesAsync();
        b.Review(FeedbackGrade.Unqualified, "第二位书记的意见", false, null, "书记乙", Now);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = System();
        var saved = await check.FeedbackCards.AsNoTracking().SingleAsync(c => c.MemberId == Busy.Id);
        (saved.Grade, saved.Opinion).ShouldBe((FeedbackGrade.Excellent, "第一位书记的意见"));
    }

    [Fact]
    public async Task Only_the_county_sets_cycles_which_are_unique_per_year_period_and_number()
    {
        await SecondQuarterAsync();
        foreach (var scope in new[] { Secretary(CommunityA1), UnitAdmin(Unit1), Street(StreetA) })
        {
            await using var db = As(scope);
            db.FeedbackCycles.Add(FeedbackCycle.Create(Year, FeedbackPeriod.Year, 1));
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(County))
        {
            db.FeedbackCycles.Add(FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 2));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(County))
        {
            var bad = FeedbackCycle.Create(Year, FeedbackPeriod.Quarter, 3);
            bad.StartsOn = new DateOnly(Year - 1, 12, 1);
            db.FeedbackCycles.Add(bad);
            (await Should.ThrowAsync<FeedbackException>(() => db.SaveChangesAsync())).Message.ShouldBe("反馈周期的日期必须在该年度内");
        }
        await using (var db = As(County))
        {
            db.FeedbackCycles.AddRange(FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed000, Year));
            await db.SaveChangesAsync();
        }
        await using var check = System();
        (await check.FeedbackCycles.OrderBy(c => c.EndsOn).ThenBy(c => c.Period).Select(c => c.Label).ToListAsync())
            .ShouldBe(["2025年第二季度", "2025年上半年", "2025年下半年", "2025年度"]);
    }
}

public sealed class SqliteFeedbackDomainRulesTests() : FeedbackDomainRulesTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeedbackDomainRulesTests() : FeedbackDomainRulesTests(DatabaseProvider.PostgreSql);
