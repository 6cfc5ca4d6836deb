using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Wishes;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.Domain.Service.WishStatus;
using static CommunityPartyPortal.Web.Features.Wishes.WishActor;
using static CommunityPartyPortal.Web.Features.Wishes.WishMove;

namespace CommunityPartyPortal.UnitTests.Wishes;

/// <summary>The 微心愿 state machine: every move × actor × state, allowed exactly where the rules say.</summary>
public sealed class WishWorkflowTests
{
    /// <summary>The allowed moves, written out independently of the implementation: (move, actor, from, claimant?) → to.</summary>
    private static readonly (WishMove Move, WishActor Actor, WishStatus From, bool Claimant, WishStatus To)[] Allowed =
    [
        (Approve, Secretary, Submitted, false, Approved),
        (Reject, Secretary, Submitted, false, Rejected),
        (Publish, Secretary, Approved, false, Published),
        (Assign, Secretary, Published, false, Claimed),
        (Claim, Member, Published, false, Claimed),
        (Claim, Member, Published, true, Claimed),
        (Fulfil, Secretary, Claimed, false, Fulfilled),
        (Fulfil, Member, Claimed, true, Fulfilled),
        (Confirm, Secretary, Fulfilled, false, Confirmed),
        (Withdraw, Secretary, Submitted, false, Withdrawn),
        (Withdraw, Secretary, Approved, false, Withdrawn),
        (Withdraw, Secretary, Published, false, Withdrawn),
        (Withdraw, Secretary, Claimed, false, Withdrawn),
        (Reassign, Secretary, Claimed, false, Published),
        (Release, Member, Claimed, true, Published),
    ];

    public static TheoryData<WishMove, WishActor, WishStatus, bool> EveryCase()
    {
        var data = new TheoryData<WishMove, WishActor, WishStatus, bool>();
        foreach (var move in Enum.GetValues<WishMove>())
        foreach (var actor in Enum.GetValues<WishActor>())
        foreach (var from in Enum.GetValues<WishStatus>())
        foreach (var claimant in new[] { false, true })
        {
            if (actor == Secretary && claimant) continue; // only members claim
            data.Add(move, actor, from, claimant);
        }
        return data;
    }

    private static bool Expected(WishMove move, WishActor actor, WishStatus from, bool claimant) =>
        Allowed.Any(a => a.Move == move && a.Actor == actor && a.From == from && (a.Claimant == claimant || actor == Secretary));

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Each_move_is_allowed_exactly_where_the_rules_say(WishMove move, WishActor actor, WishStatus from, bool claimant)
    {
        var refusal = WishWorkflow.Refusal(move, actor, from, claimant);
        if (Expected(move, actor, from, claimant))
        {
            refusal.ShouldBeNull();
            WishWorkflow.Allowed(actor, from, claimant).ShouldContain(move);
        }
        else
        {
            refusal.ShouldNotBeNullOrWhiteSpace();
            refusal.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", "the refusal is shown to the user in Chinese");
            WishWorkflow.Allowed(actor, from, claimant).ShouldNotContain(move);
        }
    }

    [Fact]
    public void Each_allowed_move_leads_to_its_state()
    {
        foreach (var a in Allowed) WishWorkflow.Target(a.Move).ShouldBe(a.To, a.ToString());
        WishWorkflow.Target(Reassign, toMember: true).ShouldBe(Claimed, "reassigned to another member");
        WishWorkflow.Target(Reassign, toMember: false).ShouldBe(Published, "reassigned back to the menu");
    }

    [Fact]
    public void The_refusals_say_why()
    {
        WishWorkflow.Refusal(Claim, Member, Submitted).ShouldBe("该心愿待审核，不能认领");
        WishWorkflow.Refusal(Confirm, Secretary, Published).ShouldBe("该心愿已发布，不能确认实现");
        WishWorkflow.Refusal(Confirm, Member, Fulfilled, isClaimant: true).ShouldBe("只有社区书记可以确认实现");
        WishWorkflow.Refusal(Claim, Secretary, Published).ShouldBe("只有党员本人可以认领");
        WishWorkflow.Refusal(Fulfil, Member, Claimed, isClaimant: false).ShouldBe("只能处理本人认领的心愿");
        WishWorkflow.Refusal(Release, Member, Claimed, isClaimant: false).ShouldBe("只能处理本人认领的心愿");
        WishWorkflow.Refusal(Withdraw, Secretary, Fulfilled).ShouldBe("该心愿已实现，不能撤回");
    }

    [Fact]
    public void Closed_states_allow_nothing()
    {
        foreach (var closed in new[] { Confirmed, Rejected, Withdrawn })
        {
            WishWorkflow.Allowed(Secretary, closed).ShouldBeEmpty();
            WishWorkflow.Allowed(Member, closed, isClaimant: true).ShouldBeEmpty();
            WishWorkflow.IsOpen(closed).ShouldBeFalse();
        }
    }

    [Fact]
    public void Only_unclaimed_wishes_can_be_edited()
    {
        Enum.GetValues<WishStatus>().Where(WishWorkflow.IsEditable).ShouldBe([Submitted, Approved, Published]);
    }

    [Theory]
    [InlineData(Reject, "请填写不通过原因")]
    [InlineData(Withdraw, "请填写撤回原因")]
    [InlineData(Reassign, "请填写改派原因")]
    [InlineData(Release, "请填写放弃原因")]
    public void Reject_withdraw_reassign_and_release_need_a_reason(WishMove move, string message)
    {
        WishWorkflow.ReasonProblem(move, null).ShouldBe(message);
        WishWorkflow.ReasonProblem(move, "   ").ShouldBe(message);
        WishWorkflow.ReasonProblem(move, "居民已自行解决").ShouldBeNull();
        WishWorkflow.ReasonProblem(move, new string('因', 200)).ShouldBeNull();
        WishWorkflow.ReasonProblem(move, new string('因', 201)).ShouldNotBeNull().ShouldContain("200");
    }

    [Theory]
    [InlineData(Approve)]
    [InlineData(Publish)]
    [InlineData(Claim)]
    [InlineData(Confirm)]
    public void Other_moves_need_no_reason(WishMove move) => WishWorkflow.ReasonProblem(move, null).ShouldBeNull();

    [Fact]
    public void A_fulfilment_needs_a_note_and_a_date_between_the_claim_and_today()
    {
        var today = new DateOnly(2026, 6, 10);
        var claimed = new DateOnly(2026, 6, 1);
        WishWorkflow.FulfilmentProblems("送去了米和油", today, today, claimed).ShouldBeEmpty();
        WishWorkflow.FulfilmentProblems("送去了米和油", claimed, today, claimed).ShouldBeEmpty("the day of the claim is fine");
        WishWorkflow.FulfilmentProblems(null, today, today, claimed).ShouldBe([("Note", "请填写实现情况")]);
        WishWorkflow.FulfilmentProblems(" ", today, today, claimed).ShouldBe([("Note", "请填写实现情况")]);
        WishWorkflow.FulfilmentProblems(new string('好', 501), today, today, claimed).Single().Field.ShouldBe("Note");
        WishWorkflow.FulfilmentProblems("x", null, today, claimed).ShouldBe([("FulfilledOn", "请填写实现日期")]);
        WishWorkflow.FulfilmentProblems("x", today.AddDays(1), today, claimed).ShouldBe([("FulfilledOn", "实现日期不能晚于今天")]);
        WishWorkflow.FulfilmentProblems("x", claimed.AddDays(-1), today, claimed).ShouldBe([("FulfilledOn", "实现日期不能早于认领日期（2026-06-01）")]);
        WishWorkflow.FulfilmentProblems(null, null, today, claimed).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("approve", Approve)]
    [InlineData("Reassign", Reassign)]
    [InlineData("release", Release)]
    public void Route_names_parse(string text, WishMove move)
    {
        MoveWish.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(move);
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("1")]
    [InlineData("")]
    public void Unknown_route_names_do_not_parse(string text) => MoveWish.TryParse(text, out _).ShouldBeFalse();
}
