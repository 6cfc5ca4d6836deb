using CommunityPartyPortal.Domain.Feedback;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Feedback;

/// <summary>The card's own rules: review, send, correct, and the unit's side (no database).</summary>
public sealed class FeedbackCardTests
{
    private static readonly DateTime Now = new(2026, 4, 3, 2, 0, 0, DateTimeKind.Utc);

    internal static FeedbackCard Draft() => new()
    {
        CycleId = Guid.NewGuid(), MemberId = Guid.NewGuid(), CommunityId = Guid.NewGuid(), WorkUnitId = Guid.NewGuid(),
        Services = 3, Days = 2, Minutes = 180, PostsClaimed = 1, WishesFulfilled = 1, HouseholdsPaired = 1, HouseholdVisits = 2,
        Suggestions = 1, RequirementsMet = 4, RequirementsTotal = 6,
    };

    internal static FeedbackCard Sent(bool veto = false)
    {
        var card = Draft();
        card.Review(FeedbackGrade.Excellent, "积极参加社区活动", veto, veto ? "在社区造成不良影响" : null, "书记", Now);
        card.Send("2026-反馈卡-000001", "书记", Now);
        return card;
    }

    [Fact]
    public void A_draft_is_revision_one_with_the_current_slot_and_nothing_of_the_units_side()
    {
        var card = Draft();
        card.Status.ShouldBe(FeedbackCardStatus.Draft);
        card.Revision.ShouldBe(1);
        card.CurrentSlot.ShouldBe(1);
        card.PreviousId.ShouldBeNull();
        card.IsSent.ShouldBeFalse();
        card.SendProblem().ShouldBe("发送前请先评定等次");
    }

    [Fact]
    public void Sending_without_a_grade_is_refused_and_nothing_changes()
    {
        var card = Draft();
        Should.Throw<FeedbackException>(() => card.Send("2026-反馈卡-000001", "书记", Now)).Message.ShouldBe("发送前请先评定等次");
        card.Status.ShouldBe(FeedbackCardStatus.Draft);
        card.Serial.ShouldBeNull();
        card.SentAt.ShouldBeNull();
    }

    [Fact]
    public void A_veto_needs_its_reason_in_the_review_and_when_sending()
    {
        var card = Draft();
        Should.Throw<FeedbackException>(() => card.Review(FeedbackGrade.Unqualified, "意见", veto: true, "  ", "书记", Now))
            .Message.ShouldBe("一票否决必须填写否决理由");
        card.Veto.ShouldBeFalse();
        card.Grade.ShouldBeNull();

        // Set past the review (e.g. by a form bound straight to the entity): the send refuses it too.
        card.Grade = FeedbackGrade.Unqualified;
        card.Veto = true;
        Should.Throw<FeedbackException>(() => card.Send("2026-反馈卡-000001", "书记", Now)).Message.ShouldBe("一票否决必须填写否决理由");
        card.Status.ShouldBe(FeedbackCardStatus.Draft);

        card.Review(FeedbackGrade.Unqualified, " 不宜评先评优 ", veto: true, " 长期不参加社区活动 ", "书记", Now);
        card.VetoReason.ShouldBe("长期不参加社区活动");
        card.Opinion.ShouldBe("不宜评先评优");
        card.ReviewedBy.ShouldBe("书记");
        card.ReviewedAt.ShouldBe(Now);
        card.Send("2026-反馈卡-000007", "书记", Now);
        card.Status.ShouldBe(FeedbackCardStatus.Sent);
        card.Serial.ShouldBe("2026-反馈卡-000007");
    }

    [Fact]
    public void No_veto_clears_the_reason_and_texts_are_limited()
    {
        var card = Draft();
        card.Review(FeedbackGrade.Qualified, null, veto: false, "不该保留", "书记", Now);
        card.VetoReason.ShouldBeNull();
        Should.Throw<FeedbackException>(() => card.Review(FeedbackGrade.Qualified, new string('长', 501), false, null, "书记", Now)).Message.ShouldContain("500");
        Should.Throw<FeedbackException>(() => card.Review(FeedbackGrade.Qualified, null, true, new string('长', 301), "书记", Now)).Message.ShouldContain("300");
        Should.Throw<FeedbackException>(() => card.Review((FeedbackGrade)9, null, false, null, "书记", Now));
        card.Review(FeedbackGrade.Qualified, new string('长', 500), false, null, "书记", Now);
        card.Opinion!.Length.ShouldBe(500);
    }

    [Fact]
    public void A_sent_card_cannot_be_reviewed_or_sent_again()
    {
        var card = Sent();
        Should.Throw<FeedbackException>(() => card.Review(FeedbackGrade.Qualified, "改", false, null, "书记", Now));
        Should.Throw<FeedbackException>(() => card.Send("2026-反馈卡-000002", "书记", Now));
        card.Grade.ShouldBe(FeedbackGrade.Excellent);
        card.Serial.ShouldBe("2026-反馈卡-000001");
    }

    [Fact]
    public void Correcting_supersedes_the_sent_card_and_returns_the_next_draft_with_its_content()
    {
        var card = Sent(veto: true);
        var next = card.Correct();

        card.Status.ShouldBe(FeedbackCardStatus.Superseded);
        card.CurrentSlot.ShouldBeNull();
        card.Serial.ShouldBe("2026-反馈卡-000001");

        next.Id.ShouldNotBe(card.Id);
        next.Status.ShouldBe(FeedbackCardStatus.Draft);
        next.CurrentSlot.ShouldBe(1);
        next.Revision.ShouldBe(2);
        next.PreviousId.ShouldBe(card.Id);
        (next.CycleId, next.MemberId, next.CommunityId, next.WorkUnitId).ShouldBe((card.CycleId, card.MemberId, card.CommunityId, card.WorkUnitId));
        (next.Services, next.Days, next.Minutes, next.PostsClaimed, next.WishesFulfilled, next.HouseholdsPaired, next.HouseholdVisits,
            next.Suggestions, next.RequirementsMet, next.RequirementsTotal).ShouldBe((3, 2, 180, 1, 1, 1, 2, 1, 4, 6));
        (next.Grade, next.Opinion, next.Veto, next.VetoReason).ShouldBe((FeedbackGrade.Excellent, "积极参加社区活动", true, "在社区造成不良影响"));
        next.Serial.ShouldBeNull();
        next.SentAt.ShouldBeNull();
        next.ReviewedAt.ShouldBeNull();

        Should.Throw<FeedbackException>(() => card.Correct()).Message.ShouldBe("只有已发送的反馈卡可以更正");
        Should.Throw<FeedbackException>(() => next.Correct());
    }

    [Fact]
    public void The_unit_reads_acknowledges_and_records_the_use_of_sent_cards_only()
    {
        var draft = Draft();
        Should.Throw<FeedbackException>(() => draft.MarkRead(Now));
        Should.Throw<FeedbackException>(() => draft.Acknowledge("单位", Now));
        Should.Throw<FeedbackException>(() => draft.RecordUse(FeedbackUse.Commendation, null));
        draft.ReadAt.ShouldBeNull();

        var card = Sent();
        card.MarkRead(Now);
        card.MarkRead(Now.AddHours(1));
        card.ReadAt.ShouldBe(Now, "the first opening counts");
        card.Acknowledge("单位管理员", Now.AddHours(2));
        card.Acknowledge("别人", Now.AddHours(3));
        (card.AcknowledgedAt, card.AcknowledgedBy).ShouldBe((Now.AddHours(2), "单位管理员"));

        card.RecordUse(FeedbackUse.DemocraticAppraisal | FeedbackUse.Commendation, " 用于年度民主评议 ");
        card.Uses.ShouldBe(FeedbackUse.DemocraticAppraisal | FeedbackUse.Commendation);
        card.UsageNote.ShouldBe("用于年度民主评议");
        Should.Throw<FeedbackException>(() => card.RecordUse((FeedbackUse)16, null));
        Should.Throw<FeedbackException>(() => card.RecordUse(FeedbackUse.CadreInspection, new string('长', 301)));
        card.Uses.ShouldBe(FeedbackUse.DemocraticAppraisal | FeedbackUse.Commendation);

        // A superseded card was sent: the unit still acknowledges it.
        var superseded = Sent();
        superseded.Correct();
        superseded.Acknowledge("单位管理员", Now);
        superseded.IsAcknowledged.ShouldBeTrue();
        superseded.IsRead.ShouldBeTrue();
    }

    [Fact]
    public void Grade_counts_count_every_grade_the_ungraded_and_the_vetoes()
    {
        var cards = new[]
        {
            (FeedbackGrade?)FeedbackGrade.Excellent, FeedbackGrade.Excellent, FeedbackGrade.Qualified, FeedbackGrade.BasicallyQualified,
            FeedbackGrade.Unqualified, null,
        }.Select((g, i) => { var c = Draft(); c.Grade = g; c.Veto = i == 4; return c; }).ToList();
        var counts = FeedbackQueries.GradeCounts(cards);
        counts.ShouldBe(new FeedbackGradeCounts(2, 1, 1, 1, 1, 1));
        counts.Total.ShouldBe(6);
        counts[FeedbackGrade.Excellent].ShouldBe(2);
        counts[FeedbackGrade.Unqualified].ShouldBe(1);
        FeedbackQueries.GradeCounts([]).ShouldBe(FeedbackGradeCounts.None);
    }
}
