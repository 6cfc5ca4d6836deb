using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.UnitTests.Feedback.FeedbackCardTests;

namespace CommunityPartyPortal.UnitTests.Feedback;

/// <summary>
/// The rules SaveChanges applies to feedback rows (<see cref="FeedbackRules"/>), judged on the change tracker's entries
/// exactly as SaveChanges hands them over (no database is opened; the integration tests save for real).
/// </summary>
public sealed class FeedbackRulesTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 4, 3, 2, 0, 0, DateTimeKind.Utc);
    private readonly PortalDbContext db = new(PortalDatabase.Options(DatabaseProvider.Sqlite, "Data Source=:memory:"));

    public void Dispose() => db.Dispose();

    /// <summary>The card as if loaded from the database (unchanged), then changed by <paramref name="change"/>.</summary>
    private void Check(FeedbackCard card, Action<FeedbackCard> change)
    {
        db.Attach(card);
        change(card);
        db.ChangeTracker.DetectChanges();
        FeedbackRules.CheckCard(db.Entry(card), card);
    }

    [Theory]
    [InlineData(nameof(FeedbackCard.Grade))]
    [InlineData(nameof(FeedbackCard.Opinion))]
    [InlineData(nameof(FeedbackCard.Veto))]
    [InlineData(nameof(FeedbackCard.Serial))]
    [InlineData(nameof(FeedbackCard.Services))]
    [InlineData(nameof(FeedbackCard.Revision))]
    [InlineData(nameof(FeedbackCard.WorkUnitId))]
    public void The_community_content_of_a_sent_card_never_changes(string property)
    {
        var card = Sent();
        Action<FeedbackCard> change = property switch
        {
            nameof(FeedbackCard.Grade) => c => c.Grade = FeedbackGrade.Qualified,
            nameof(FeedbackCard.Opinion) => c => c.Opinion = "改过的意见",
            nameof(FeedbackCard.Veto) => c => { c.Veto = true; c.VetoReason = "理由"; },
            nameof(FeedbackCard.Serial) => c => c.Serial = "2026-反馈卡-000099",
            nameof(FeedbackCard.Services) => c => c.Services = 99,
            nameof(FeedbackCard.Revision) => c => c.Revision = 2,
            _ => c => c.WorkUnitId = Guid.NewGuid(),
        };
        Should.Throw<FeedbackException>(() => Check(card, change)).Message.ShouldContain(property);
    }

    [Fact]
    public void A_sent_card_takes_the_units_fields_and_can_be_superseded()
    {
        Check(Sent(), c => { c.Acknowledge("单位", Now); c.RecordUse(FeedbackUse.Commendation, "评先"); });
        var card = Sent();
        Check(card, c => { c.Correct(); });
        card.Status.ShouldBe(FeedbackCardStatus.Superseded);
    }

    [Theory]
    [InlineData(FeedbackCardStatus.Sent, FeedbackCardStatus.Draft)]
    [InlineData(FeedbackCardStatus.Superseded, FeedbackCardStatus.Sent)]
    [InlineData(FeedbackCardStatus.Superseded, FeedbackCardStatus.Draft)]
    [InlineData(FeedbackCardStatus.Draft, FeedbackCardStatus.Superseded)]
    public void Status_moves_only_forward(FeedbackCardStatus from, FeedbackCardStatus to)
    {
        var card = from == FeedbackCardStatus.Draft ? Draft() : Sent();
        if (from == FeedbackCardStatus.Superseded) card.Correct();
        Should.Throw<FeedbackException>(() => Check(card, c => c.Status = to)).Message.ShouldContain("不能从");
    }

    [Fact]
    public void A_draft_changes_freely_but_not_into_an_invalid_sent_card_nor_with_the_units_fields()
    {
        Check(Draft(), c => { c.Services = 5; c.Review(FeedbackGrade.Qualified, "好", false, null, "书记", Now); });
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.Status = FeedbackCardStatus.Sent)).Message.ShouldBe("发送前请先评定等次");
        Should.Throw<FeedbackException>(() => Check(Draft(), c => { c.Grade = FeedbackGrade.Qualified; c.Status = FeedbackCardStatus.Sent; }))
            .Message.ShouldBe("已发送的反馈卡必须有编号和发送时间");
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.ReadAt = Now)).Message.ShouldBe("单位只能签收已发送的反馈卡");
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.Serial = "2026-反馈卡-000001")).Message.ShouldBe("草稿不能有编号");
    }

    [Fact]
    public void Not_even_a_draft_changes_its_member_cycle_community_or_unit()
    {
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.WorkUnitId = Guid.NewGuid())).Message.ShouldContain(nameof(FeedbackCard.WorkUnitId));
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.MemberId = Guid.NewGuid())).Message.ShouldContain(nameof(FeedbackCard.MemberId));
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.CycleId = Guid.NewGuid())).Message.ShouldContain(nameof(FeedbackCard.CycleId));
        Should.Throw<FeedbackException>(() => Check(Draft(), c => c.CommunityId = Guid.NewGuid())).Message.ShouldContain(nameof(FeedbackCard.CommunityId));
    }

    [Fact]
    public void Only_drafts_are_deleted_and_not_a_correction_in_progress()
    {
        void Delete(FeedbackCard card)
        {
            db.Attach(card);
            db.Remove(card);
            FeedbackRules.CheckCard(db.Entry(card), card);
        }
        Delete(Draft());
        Should.Throw<FeedbackException>(() => Delete(Sent())).Message.ShouldBe("已发送的反馈卡不能删除");
        var superseded = Sent();
        var correction = superseded.Correct();
        Should.Throw<FeedbackException>(() => Delete(superseded));
        Should.Throw<FeedbackException>(() => Delete(correction)).Message.ShouldContain("更正中");
    }

    [Fact]
    public void A_revision_points_back_at_the_card_it_corrects()
    {
        var card = Draft();
        card.Revision = 2;
        db.Add(card);
        Should.Throw<FeedbackException>(() => FeedbackRules.CheckCard(db.Entry(card), card)).Message.ShouldContain("更正件");
    }

    [Fact]
    public void A_closed_cycle_keeps_its_dates_and_stays_closed()
    {
        var cycle = FeedbackCycle.Create(2026, FeedbackPeriod.Quarter, 1);
        cycle.Status = FeedbackCycleStatus.Closed;
        db.Attach(cycle);
        cycle.ClosedBy = "县委组织部";
        db.ChangeTracker.DetectChanges();
        FeedbackRules.CheckCycle(db.Entry(cycle), cycle);

        cycle.EndsOn = cycle.EndsOn.AddDays(-1);
        db.ChangeTracker.DetectChanges();
        Should.Throw<FeedbackException>(() => FeedbackRules.CheckCycle(db.Entry(cycle), cycle));
        cycle.EndsOn = cycle.EndsOn.AddDays(1);
        cycle.Status = FeedbackCycleStatus.Open;
        db.ChangeTracker.DetectChanges();
        Should.Throw<FeedbackException>(() => FeedbackRules.CheckCycle(db.Entry(cycle), cycle));

        db.Entry(cycle).State = EntityState.Deleted;
        Should.Throw<FeedbackException>(() => FeedbackRules.CheckCycle(db.Entry(cycle), cycle)).Message.ShouldBe("已关闭的反馈周期不能删除");
    }
}
