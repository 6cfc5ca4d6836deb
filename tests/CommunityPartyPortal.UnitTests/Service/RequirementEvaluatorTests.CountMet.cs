using CommunityPartyPortal.Domain.Service.Requirements;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Service;

/// <summary>
/// <see cref="RequirementEvaluator.CountMet"/> (the county-wide count, no texts) agrees with <see cref="RequirementEvaluator.Evaluate"/>,
/// and <see cref="MemberYearFacts.DistinctServiceDays"/> stands for the dates when a query counted the days itself.
/// </summary>
public sealed partial class RequirementEvaluatorTests
{
    [Fact]
    public void CountMet_agrees_with_Evaluate_for_every_rule_kind_on_random_members_and_dates()
    {
        var random = new Random(20261129);
        RequirementRule[] rules =
        [
            Rule(RequirementKind.DistinctDays, 5, ordinal: 1),
            Rule(RequirementKind.ServicesOrHours, 2, alternative: 8 * 60, ordinal: 2),
            Rule(RequirementKind.PostClaimed, 1, ordinal: 3),
            Rule(RequirementKind.Suggestion, 1, ordinal: 4),
            Rule(RequirementKind.PublicWelfareActivity, 1, ordinal: 5),
            Rule(RequirementKind.ServiceModel, 1, ordinal: 6),
            Rule(RequirementKind.HouseholdVisitedMonthly, 1, ordinal: 7),
            Rule(RequirementKind.HouseholdVisitedMonthly, 2, ordinal: 8),
        ];
        DateOnly[] dates = [D(1, 1), D(3, 31), D(4, 1), D(7, 1), D(11, 30), D(12, 31), AfterYear, D(12, 31, Year - 1)];
        var seen = new HashSet<int>();
        for (var i = 0; i < 3_000; i++)
        {
            var facts = RandomFacts(random);
            var asOf = dates[random.Next(dates.Length)];
            var subset = rules.Where(_ => random.Next(3) > 0).ToList();
            var expected = RequirementEvaluator.Evaluate(subset, facts, asOf).Count(r => r.Met);
            RequirementEvaluator.CountMet(subset, facts, asOf).ShouldBe(expected, $"case {i}, as of {asOf}");
            seen.Add(expected);
        }
        seen.Count.ShouldBeGreaterThan(4, "the random members meet anything from none to most of the rules");
    }

    [Fact]
    public void Counted_days_stand_for_the_dates_in_Evaluate_and_CountMet()
    {
        var rule = Rule(RequirementKind.DistinctDays, 5);
        var counted = Facts() with { DistinctServiceDays = 5 };
        var p = One(rule, counted, AfterYear);
        p.Met.ShouldBeTrue();
        p.Achieved.ShouldBe("5天");
        RequirementEvaluator.CountMet([rule], counted, AfterYear).ShouldBe(1);

        var fewer = Facts() with { ServiceDates = Days(6), DistinctServiceDays = 4 };
        One(rule, fewer, AfterYear).Achieved.ShouldBe("4天", "the count wins over the dates when the query counted");
        RequirementEvaluator.CountMet([rule], fewer, AfterYear).ShouldBe(0);
    }

    [Fact]
    public void CountMet_refuses_a_rule_of_another_year()
    {
        var rule = Rule(RequirementKind.Suggestion);
        rule.Year = Year + 1;
        Should.Throw<ArgumentException>(() => RequirementEvaluator.CountMet([rule], Facts(), AfterYear));
    }

    private static MemberYearFacts RandomFacts(Random random)
    {
        var days = Enumerable.Range(0, random.Next(9)).Select(_ => D(random.Next(1, 13), random.Next(1, 29))).ToArray();
        var pairings = Enumerable.Range(0, random.Next(3)).Select(_ =>
        {
            var paired = D(random.Next(1, 13), random.Next(1, 29), random.Next(4) == 0 ? Year - 1 : Year);
            DateOnly? ended = random.Next(3) == 0 ? paired.AddDays(random.Next(20, 300)) : null;
            var visits = Enumerable.Range(1, 12).Where(_ => random.Next(5) > 0).Select(m => D(m, random.Next(1, 29))).ToArray();
            return new PairingFacts(paired, ended, visits);
        }).ToList();
        var facts = Facts() with
        {
            ServiceDates = days,
            ServiceCount = days.Length + random.Next(2),
            ServiceMinutes = random.Next(0, 12 * 60),
            PostsClaimed = random.Next(2),
            Suggestions = random.Next(2),
            PublicWelfareActivities = random.Next(2),
            Recognitions = random.Next(2),
            Pairings = pairings,
        };
        // Half the members come from a county-wide query that counted their days instead of loading the dates.
        return random.Next(2) == 0 ? facts : facts with { ServiceDates = [], DistinctServiceDays = days.Distinct().Count() };
    }
}
