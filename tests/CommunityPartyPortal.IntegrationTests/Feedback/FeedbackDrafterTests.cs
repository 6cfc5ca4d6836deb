using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// Drafting the cards of a cycle on known data (the second quarter, 1 April – 30 June): who gets a card, the period's
/// figures at the edges of the period, the requirement progress as of the period's end, idempotence, closing.
/// </summary>
public abstract class FeedbackDrafterTests(DatabaseProvider provider) : FeedbackDomainTests(provider)
{
    /// <summary>Everything <see cref="FeedbackDomainTests.Active"/> did, in and around the quarter.</summary>
    private async Task AddActiveMembersYearAsync()
    {
        var m = Active;
        var community = m.CommunityId!.Value;
        await using var db = System();
        db.ServiceRecords.AddRange(
            Record(m, D(2, 10), 60),                          // before the quarter: the year's days only
            Record(m, D(3, 31), 60),                          // the day before StartsOn: not in the quarter
            Record(m, D(4, 1), 60),                           // StartsOn counts
            Record(m, D(6, 30), 90),                          // EndsOn counts
            Record(m, D(6, 30), 30),                          // a second record that day: one more service, the same day
            Record(m, D(7, 1), 120),                          // the day after EndsOn: never (not even for the year's rule)
            Record(m, D(5, 5), 60, RecordStatus.Pending),     // not confirmed
            Record(m, D(5, 6), 60, RecordStatus.Rejected),    // rejected
            Record(m, D(5, 7), 60, RecordStatus.Corrected));  // replaced by a correction

        var post = new ServicePost { CommunityId = community, Name = "楼道长", Kind = PostKind.ResponsibilityArea, Category = ServiceCategory.Convenience };
        var post2 = new ServicePost { CommunityId = community, Name = "文明劝导岗", Kind = PostKind.PublicWelfarePost, Category = ServiceCategory.Environment };
        var post3 = new ServicePost { CommunityId = community, Name = "义诊岗", Kind = PostKind.PublicWelfarePost, Category = ServiceCategory.HealthCare };
        db.ServicePosts.AddRange(post, post2, post3);
        db.PostClaims.AddRange(
            Claim(post, ClaimStatus.Approved, approvedOn: new DateOnly(Year - 1, 9, 1), releasedOn: null), // held since last year: counts
            Claim(post2, ClaimStatus.Released, approvedOn: D(1, 5), releasedOn: D(3, 31)),                // released the day before: no
            Claim(post3, ClaimStatus.Approved, approvedOn: D(7, 1), releasedOn: null));                    // approved after: no

        db.Wishes.AddRange(
            Wish("W1", WishStatus.Confirmed, fulfilledOn: D(6, 30)),   // counts
            Wish("W2", WishStatus.Fulfilled, fulfilledOn: D(4, 1)),    // counts
            Wish("W3", WishStatus.Confirmed, fulfilledOn: D(7, 1)),    // after: no
            Wish("W4", WishStatus.Claimed, fulfilledOn: null));        // not fulfilled: no

        var h1 = Household("H1");
        var h2 = Household("H2");
        var h3 = Household("H3");
        db.Households.AddRange(h1, h2, h3);
        db.HouseholdPairings.AddRange(
            Pairing(h1, D(1, 1), null),           // active in the quarter
            Pairing(h2, D(1, 1), D(3, 31)),       // ended the day before: no
            Pairing(h3, D(7, 1), null));          // starts after: no
        db.HouseholdVisits.AddRange(Visit(h1, D(3, 31)), Visit(h1, D(4, 15)), Visit(h1, D(6, 30)), Visit(h1, D(7, 1)));

        db.Suggestions.AddRange(Suggestion(D(4, 1)), Suggestion(D(6, 30)), Suggestion(D(3, 31)), Suggestion(D(7, 1)));
        await db.SaveChangesAsync();

        PostClaim Claim(ServicePost p, ClaimStatus status, DateOnly approvedOn, DateOnly? releasedOn) => new()
        {
            PostId = p.Id, MemberId = m.Id, CommunityId = community, Status = status, RequestedOn = approvedOn, ApprovedOn = approvedOn,
            ReleasedOn = releasedOn, DecidedBy = "书记",
        };
        Wish Wish(string serial, WishStatus status, DateOnly? fulfilledOn) => new()
        {
            CommunityId = community, Serial = $"{Year}-心愿-{serial}", Title = "修理路灯", ResidentName = "居民", Status = status,
            ClaimedByMemberId = m.Id, ClaimedOn = D(1, 2), FulfilledOn = fulfilledOn, SubmittedOn = D(1, 1),
        };
        Household Household(string serial) => new()
        {
            CommunityId = community, Serial = $"{Year}-联系-{serial}", HeadName = "困难户", Address = "1号楼", Kind = HouseholdKind.LonelyElder,
        };
        HouseholdPairing Pairing(Household h, DateOnly on, DateOnly? ended) =>
            new() { HouseholdId = h.Id, MemberId = m.Id, CommunityId = community, PairedOn = on, EndedOn = ended };
        HouseholdVisit Visit(Household h, DateOnly on) =>
            new() { HouseholdId = h.Id, MemberId = m.Id, CommunityId = community, VisitedOn = on, Help = HelpKind.Elderly, Content = "走访", RecordedBy = "书记" };
        Suggestion Suggestion(DateOnly on) =>
            new() { MemberId = m.Id, CommunityId = community, SubmittedOn = on, Title = "建议", Content = "增设路灯" };
    }

    [Fact]
    public async Task Drafts_one_card_per_member_reported_at_the_periods_end_with_the_periods_figures()
    {
        var cycle = await SecondQuarterAsync();
        await AddActiveMembersYearAsync();
        await using (var db = System())
        {
            // Busy: five distinct days by the end of June (Seed 000's rule met), two of them in the quarter.
            db.ServiceRecords.AddRange(Record(Busy, D(1, 5), 60), Record(Busy, D(2, 5), 60), Record(Busy, D(3, 5), 60),
                Record(Busy, D(4, 5), 45), Record(Busy, D(5, 5), 45), Record(Busy, D(5, 5), 30));
            await db.SaveChangesAsync();
        }

        await using (var db = System())
        {
            (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(3);
        }

        await using var check = System();
        var cards = await check.FeedbackCards.AsNoTracking().Where(c => c.CycleId == cycle.Id).ToListAsync();
        cards.Select(c => c.MemberId).Order().ShouldBe(new[] { Active.Id, Busy.Id, WithdrawnLate.Id }.Order(),
            "withdrawn by the end, reported after the end, never reported, or reported for another year: no card");
        cards.ShouldAllBe(c => c.Status == FeedbackCardStatus.Draft && c.Revision == 1 && c.CurrentSlot == 1 && c.PreviousId == null
                               && c.Serial == null && c.Grade == null && c.RequirementsTotal == 1);

        var active = cards.Single(c => c.MemberId == Active.Id);
        (active.CommunityId, active.WorkUnitId).ShouldBe((CommunityA1.Id, Unit1.Id));
        active.Services.ShouldBe(3, "4-1, 6-30 twice; not 3-31, 7-1, pending, rejected, corrected");
        active.Days.ShouldBe(2);
        active.Minutes.ShouldBe(180);
        active.PostsClaimed.ShouldBe(1);
        active.WishesFulfilled.ShouldBe(2);
        active.HouseholdsPaired.ShouldBe(1);
        active.HouseholdVisits.ShouldBe(2);
        active.Suggestions.ShouldBe(2);
        active.RequirementsMet.ShouldBe(0, "4 days by 30 June (2-10, 3-31, 4-1, 6-30): the 7-1 record does not make the fifth");
        // The card keeps the rule's line as evaluated at the end of the period (what the printed card shows).
        var activeLine = FeedbackRequirementLines.Read(active.RequirementLines).ShouldHaveSingleItem();
        (activeLine.Label, activeLine.Met).ShouldBe(("每年参加社区活动时间不少于5天", false));
        activeLine.Required.ShouldContain("5");
        activeLine.Achieved.ShouldContain("4");

        var busy = cards.Single(c => c.MemberId == Busy.Id);
        (busy.Services, busy.Days, busy.Minutes, busy.RequirementsMet).ShouldBe((3, 2, 120, 1));
        FeedbackRequirementLines.Read(busy.RequirementLines).ShouldHaveSingleItem().Met.ShouldBeTrue();
        var late = cards.Single(c => c.MemberId == WithdrawnLate.Id);
        (late.CommunityId, late.WorkUnitId, late.Services, late.PostsClaimed, late.RequirementsMet).ShouldBe((CommunityA2.Id, Unit2.Id, 0, 0, 0));

        var audit = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "FeedbackCard.draft");
        audit.TargetId.ShouldBe(cycle.Id.ToString());
        audit.Detail.ShouldBe("2025年第二季度: 3");
    }

    [Fact]
    public async Task Running_again_drafts_only_the_missing_members()
    {
        var cycle = await SecondQuarterAsync();
        await using (var db = System()) (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(3);
        await using (var db = System()) (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(0);

        await using (var db = System())
        {
            db.CommunityReports.Add(new CommunityReport
            {
                Year = Year, MemberId = NotReported.Id, CommunityId = CommunityA1.Id, ReportedOn = D(6, 30), ConfirmedBy = "书记",
                ReceiptSerial = "2025-报到-F900001", InfoCardSerial = "2025-信息卡-F900001", CommitmentSerial = "2025-承诺卡-F900001",
            });
            await db.SaveChangesAsync();
        }
        await using (var db = System()) (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(1);

        await using var check = System();
        (await check.FeedbackCards.CountAsync(c => c.CycleId == cycle.Id)).ShouldBe(4);
        (await check.FeedbackCards.CountAsync(c => c.MemberId == NotReported.Id)).ShouldBe(1);
        (await check.AuditEntries.CountAsync(a => a.Action == "FeedbackCard.draft")).ShouldBe(2, "a run that drafts nothing writes no line");
    }

    [Fact]
    public async Task Closing_drafts_and_closes_once_and_refuses_a_period_not_over()
    {
        var cycle = await SecondQuarterAsync();
        await using (var db = System()) (await FeedbackDrafter.CloseAsync(db, cycle.Id, "县委组织部")).ShouldBe(3);
        DateTime? closedAt;
        await using (var db = System())
        {
            var closed = await db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Id == cycle.Id);
            closed.Status.ShouldBe(FeedbackCycleStatus.Closed);
            closed.ClosedBy.ShouldBe("县委组织部");
            closedAt = closed.ClosedAt.ShouldNotBeNull();
        }
        await using (var db = System()) (await FeedbackDrafter.CloseAsync(db, cycle.Id, "别人")).ShouldBe(0);
        await using (var db = System())
        {
            var again = await db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Id == cycle.Id);
            (again.ClosedBy, again.ClosedAt).ShouldBe(("县委组织部", closedAt), "the first closing is kept");
        }

        // This year's last quarter has not ended yet.
        var thisYear = DateTime.UtcNow.Year;
        var current = FeedbackCycle.Create(thisYear + 1, FeedbackPeriod.Quarter, 1);
        await using (var db = System())
        {
            db.FeedbackCycles.Add(current);
            await db.SaveChangesAsync();
            var refused = await Should.ThrowAsync<FeedbackException>(() => FeedbackDrafter.CloseAsync(db, current.Id, "县委组织部"));
            refused.Message.ShouldContain("结束后才能关闭");
        }
        await using var check = System();
        (await check.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Id == current.Id)).Status.ShouldBe(FeedbackCycleStatus.Open);
    }

    [Fact]
    public async Task Only_the_county_drafts()
    {
        var cycle = await SecondQuarterAsync();
        foreach (var scope in new[] { Secretary(CommunityA1), UnitAdmin(Unit1), Street(StreetA), MemberScope(Active) })
        {
            await using var db = As(scope);
            await Should.ThrowAsync<ScopeViolationException>(() => FeedbackDrafter.DraftAsync(db, cycle.Id));
            await Should.ThrowAsync<ScopeViolationException>(() => FeedbackDrafter.CloseAsync(db, cycle.Id, "x"));
        }
        await using (var db = As(County)) (await FeedbackDrafter.DraftAsync(db, cycle.Id)).ShouldBe(3);
        await using var check = System();
        (await check.FeedbackCards.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task The_yearly_cycle_counts_the_whole_year_and_judges_the_closed_year()
    {
        var year = FeedbackCycle.Create(Year, FeedbackPeriod.Year, 1);
        await using (var db = System())
        {
            db.FeedbackCycles.Add(year);
            // The fifth day on 31 December counts; 1 January of the next year does not.
            db.ServiceRecords.AddRange(Record(Active, D(1, 1), 60), Record(Active, D(3, 1), 60), Record(Active, D(5, 1), 60),
                Record(Active, D(8, 1), 60), Record(Active, D(12, 31), 60), Record(Active, new DateOnly(Year + 1, 1, 1), 60),
                Record(Busy, D(1, 1), 60), Record(Busy, D(3, 1), 60), Record(Busy, D(5, 1), 60), Record(Busy, D(8, 1), 60),
                Record(Busy, new DateOnly(Year + 1, 1, 1), 60), Record(Busy, new DateOnly(Year - 1, 12, 31), 60));
            await db.SaveChangesAsync();
        }
        await using (var db = System()) (await FeedbackDrafter.DraftAsync(db, year.Id)).ShouldBe(3, "the late reporter counts for the year");

        await using var check = System();
        var cards = await check.FeedbackCards.AsNoTracking().Where(c => c.CycleId == year.Id).ToDictionaryAsync(c => c.MemberId);
        cards.Keys.ShouldBe(new[] { Active.Id, Busy.Id, ReportedLate.Id }, ignoreOrder: true);
        (cards[Active.Id].Services, cards[Active.Id].Days, cards[Active.Id].Minutes, cards[Active.Id].RequirementsMet).ShouldBe((5, 5, 300, 1));
        (cards[Busy.Id].Services, cards[Busy.Id].Days, cards[Busy.Id].RequirementsMet).ShouldBe((4, 4, 0));
    }
}

public sealed class SqliteFeedbackDrafterTests() : FeedbackDrafterTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeedbackDrafterTests() : FeedbackDrafterTests(DatabaseProvider.PostgreSql);
