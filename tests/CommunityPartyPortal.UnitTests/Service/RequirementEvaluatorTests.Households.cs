using CommunityPartyPortal.Domain.Service.Requirements;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Service;

/// <summary>The monthly household visit rule (联系一户困难家庭并每月走访) at its edges.</summary>
public sealed partial class RequirementEvaluatorTests
{
    // ---- HouseholdVisitedMonthly --------------------------------------------------------------------

    private static readonly int[] JanuaryToNovember = Enumerable.Range(1, 11).ToArray();

    [Fact]
    public void A_household_visited_every_month_is_met()
    {
        var facts = Facts() with { Pairings = [Pairing(D(11, 1, Year - 1), null, [.. JanuaryToNovember, 12])] };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, AfterYear);
        p.Met.ShouldBeTrue();
        p.Behind.ShouldBeFalse();
        p.Required.ShouldBe("结对≥1户，每月走访");
        p.Achieved.ShouldBe("结对1户，走访12/12个月");
        p.Detail.ShouldBeNull();
    }

    [Fact]
    public void A_missed_month_fails_the_rule_and_is_behind_at_once()
    {
        var facts = Facts() with { Pairings = [Pairing(D(1, 1), null, 1, 2, 4)] };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, D(5, 2));
        p.Met.ShouldBeFalse();
        p.Behind.ShouldBeTrue();
        p.Achieved.ShouldBe("结对1户，走访3/4个月");
        p.Detail.ShouldBe("未走访：3月");
        p.Progress.ShouldBe(0.75, 1e-9);
    }

    [Fact]
    public void A_pairing_from_mid_year_only_needs_the_months_from_its_start()
    {
        // Paired on 20 June: June (its first month) to December are due, January to May are not.
        var facts = Facts() with { Pairings = [Pairing(D(6, 20), null, 6, 7, 8, 9, 10, 11, 12)] };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, AfterYear);
        p.Met.ShouldBeTrue();
        p.Achieved.ShouldBe("结对1户，走访7/7个月");

        var withoutJune = Facts() with { Pairings = [Pairing(D(6, 20), null, 7, 8, 9, 10, 11, 12)] };
        One(Rule(RequirementKind.HouseholdVisitedMonthly), withoutJune, AfterYear).Detail.ShouldBe("未走访：6月");
    }

    [Fact]
    public void The_current_month_is_not_missed_until_it_is_over()
    {
        var facts = Facts() with { Pairings = [Pairing(D(1, 1), null, 1, 2, 3, 4)] };
        var rule = Rule(RequirementKind.HouseholdVisitedMonthly);

        var onLastDayOfMay = One(rule, facts, D(5, 31));
        onLastDayOfMay.Met.ShouldBeTrue();
        onLastDayOfMay.Behind.ShouldBeFalse();
        onLastDayOfMay.Achieved.ShouldBe("结对1户，走访4/4个月");

        var onFirstOfJune = One(rule, facts, D(6, 1));
        onFirstOfJune.Met.ShouldBeFalse();
        onFirstOfJune.Behind.ShouldBeTrue();
        onFirstOfJune.Detail.ShouldBe("未走访：5月");
    }

    [Fact]
    public void A_pairing_made_this_month_has_nothing_due_yet()
    {
        var facts = Facts() with { Pairings = [Pairing(D(3, 5), null)] };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, D(3, 20));
        p.Met.ShouldBeTrue();
        p.Achieved.ShouldBe("结对1户");
    }

    [Fact]
    public void An_ended_pairing_needs_visits_up_to_its_last_month()
    {
        var rule = Rule(RequirementKind.HouseholdVisitedMonthly);
        var ended = Facts() with { Pairings = [Pairing(D(1, 1), D(3, 10), 1, 2, 3)] };
        var p = One(rule, ended, AfterYear);
        p.Met.ShouldBeTrue();
        p.Achieved.ShouldBe("结对1户，走访3/3个月");

        var withoutMarch = Facts() with { Pairings = [Pairing(D(1, 1), D(3, 10), 1, 2)] };
        One(rule, withoutMarch, AfterYear).Detail.ShouldBe("未走访：3月");
    }

    [Fact]
    public void A_visit_in_January_of_the_next_year_does_not_cover_December()
    {
        var visits = JanuaryToNovember.Select(m => D(m, 15)).Append(new DateOnly(Year + 1, 1, 3)).ToArray();
        var facts = Facts() with { Pairings = [new PairingFacts(D(1, 1), null, visits)] };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, new DateOnly(Year + 1, 1, 5));
        p.Met.ShouldBeFalse();
        p.Detail.ShouldBe("未走访：12月");
    }

    [Fact]
    public void A_visit_on_31_December_covers_December()
    {
        var visits = JanuaryToNovember.Select(m => D(m, 15)).Append(D(12, 31)).ToArray();
        var facts = Facts() with { Pairings = [new PairingFacts(D(1, 1), null, visits)] };
        One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, AfterYear).Met.ShouldBeTrue();
    }

    [Fact]
    public void Pairings_outside_the_year_do_not_count()
    {
        var rule = Rule(RequirementKind.HouseholdVisitedMonthly);
        var endedLastYear = Facts() with { Pairings = [Pairing(D(3, 1, Year - 1), D(12, 31, Year - 1))] };
        One(rule, endedLastYear, AfterYear).Achieved.ShouldBe("未结对");

        var startsAfterAsOf = Facts() with { Pairings = [Pairing(D(9, 1), null)] };
        One(rule, startsAfterAsOf, D(8, 1)).Achieved.ShouldBe("未结对");
    }

    [Fact]
    public void Without_a_pairing_the_rule_is_not_met_and_behind_from_1_July()
    {
        var rule = Rule(RequirementKind.HouseholdVisitedMonthly);
        var before = One(rule, Facts(), D(6, 30));
        before.Met.ShouldBeFalse();
        before.Behind.ShouldBeFalse();
        before.Achieved.ShouldBe("未结对");
        before.Progress.ShouldBe(0.0);
        One(rule, Facts(), D(7, 1)).Behind.ShouldBeTrue();
    }

    [Fact]
    public void Every_paired_household_needs_its_monthly_visit()
    {
        var facts = Facts() with
        {
            Pairings = [Pairing(D(1, 1), null, 1, 2, 3), Pairing(D(2, 1), null, 3)],
        };
        var p = One(Rule(RequirementKind.HouseholdVisitedMonthly), facts, D(4, 1));
        p.Met.ShouldBeFalse();
        p.Achieved.ShouldBe("结对2户，走访4/5个月");
        p.Detail.ShouldBe("未走访：2月");
    }
}
