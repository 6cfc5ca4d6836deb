using CommunityPartyPortal.Domain.Service.Requirements;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Service;

/// <summary>The requirement rules at their edges: days, services or hours, the 五个一, being behind, presets.</summary>
public sealed partial class RequirementEvaluatorTests
{
    private const int Year = 2026;

    /// <summary>An evaluation date after the year: the whole year has elapsed.</summary>
    private static readonly DateOnly AfterYear = new(Year + 1, 1, 1);

    private static DateOnly D(int month, int day, int year = Year) => new(year, month, day);

    private static RequirementRule Rule(RequirementKind kind, int minimum = 1, int? alternative = null, int ordinal = 1) =>
        new() { Year = Year, Kind = kind, Minimum = minimum, AlternativeMinimum = alternative, Ordinal = ordinal, Label = "测试" };

    private static MemberYearFacts Facts() => new() { Year = Year };

    private static RuleProgress One(RequirementRule rule, MemberYearFacts facts, DateOnly asOf) =>
        RequirementEvaluator.Evaluate([rule], facts, asOf).ShouldHaveSingleItem();

    private static DateOnly[] Days(int count) => Enumerable.Range(1, count).Select(m => D(m, 10)).ToArray();

    private static PairingFacts Pairing(DateOnly pairedOn, DateOnly? endedOn, params int[] visitMonths) =>
        new(pairedOn, endedOn, visitMonths.Select(m => D(m, 15)).ToArray());

    // ---- DistinctDays -------------------------------------------------------------------------------

    [Theory]
    [InlineData(5, true)]
    [InlineData(4, false)]
    [InlineData(6, true)]
    [InlineData(0, false)]
    public void Five_distinct_days_meet_the_seed000_rule(int days, bool met)
    {
        var p = One(Rule(RequirementKind.DistinctDays, 5), Facts() with { ServiceDates = Days(days) }, AfterYear);
        p.Met.ShouldBe(met);
        p.Required.ShouldBe("≥5天");
        p.Achieved.ShouldBe($"{days}天");
        p.Progress.ShouldBe(Math.Min(1.0, days / 5.0), 1e-9);
        p.Behind.ShouldBe(!met);
    }

    [Fact]
    public void Two_records_on_the_same_day_are_one_day()
    {
        DateOnly[] dates = [D(1, 10), D(1, 10), D(2, 10), D(3, 10), D(4, 10)];
        var p = One(Rule(RequirementKind.DistinctDays, 5), Facts() with { ServiceDates = dates }, AfterYear);
        p.Achieved.ShouldBe("4天");
        p.Met.ShouldBeFalse();
    }

    [Fact]
    public void A_record_on_31_December_counts_for_the_year()
    {
        var p = One(Rule(RequirementKind.DistinctDays, 5), Facts() with { ServiceDates = [.. Days(4), D(12, 31)] }, AfterYear);
        p.Achieved.ShouldBe("5天");
        p.Met.ShouldBeTrue();
    }

    [Fact]
    public void Records_outside_the_year_do_not_count()
    {
        DateOnly[] dates = [.. Days(4), new DateOnly(Year + 1, 1, 1), new DateOnly(Year - 1, 12, 31)];
        var p = One(Rule(RequirementKind.DistinctDays, 5), Facts() with { ServiceDates = dates }, AfterYear);
        p.Achieved.ShouldBe("4天");
        p.Met.ShouldBeFalse();
    }

    // ---- ServicesOrHours ----------------------------------------------------------------------------

    [Theory]
    [InlineData(1, 480, true, "1次/8小时")]
    [InlineData(1, 479, false, "1次/7.9小时")]   // hours are rounded down: never shows 8 before it is 8
    [InlineData(1, 390, false, "1次/6.5小时")]
    [InlineData(2, 60, true, "2次/1小时")]       // 2 services, whatever their length
    [InlineData(0, 0, false, "0次/0小时")]
    public void Two_services_or_eight_hours(int services, int minutes, bool met, string achieved)
    {
        var facts = Facts() with { ServiceCount = services, ServiceMinutes = minutes };
        var p = One(Rule(RequirementKind.ServicesOrHours, 2, 480), facts, AfterYear);
        p.Met.ShouldBe(met);
        p.Required.ShouldBe("≥2次或≥8小时");
        p.Achieved.ShouldBe(achieved);
    }

    [Theory]
    [InlineData(new[] { 150, 150, 180 }, true)]   // 480 minutes across 3 records
    [InlineData(new[] { 150, 150, 179 }, false)]  // 479
    public void Eight_hours_across_several_records_meet_the_hours_alternative(int[] records, bool met)
    {
        // A rule asking 4 services so that only the hours can meet it (with seed 003's 2, any 3 records meet it).
        var facts = Facts() with { ServiceCount = records.Length, ServiceMinutes = records.Sum() };
        var p = One(Rule(RequirementKind.ServicesOrHours, 4, 480), facts, AfterYear);
        p.Met.ShouldBe(met);
        p.Required.ShouldBe("≥4次或≥8小时");
    }

    [Fact]
    public void Without_an_hours_alternative_only_services_count()
    {
        var facts = Facts() with { ServiceCount = 1, ServiceMinutes = 6000 };
        var p = One(Rule(RequirementKind.ServicesOrHours, 2), facts, AfterYear);
        p.Met.ShouldBeFalse();
        p.Required.ShouldBe("≥2次");
        p.Progress.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void Progress_is_the_better_of_services_and_hours()
    {
        var facts = Facts() with { ServiceCount = 1, ServiceMinutes = 360 };
        One(Rule(RequirementKind.ServicesOrHours, 2, 480), facts, AfterYear).Progress.ShouldBe(0.75, 1e-9);
    }

    // ---- The yes/no rules of the 五个一 --------------------------------------------------------------

    public static TheoryData<RequirementKind, string> YesNoKinds => new()
    {
        { RequirementKind.PostClaimed, "个" },
        { RequirementKind.Suggestion, "条" },
        { RequirementKind.PublicWelfareActivity, "次" },
        { RequirementKind.ServiceModel, "次" },
    };

    private static MemberYearFacts WithCount(RequirementKind kind, int n) => kind switch
    {
        RequirementKind.PostClaimed => Facts() with { PostsClaimed = n },
        RequirementKind.Suggestion => Facts() with { Suggestions = n },
        RequirementKind.PublicWelfareActivity => Facts() with { PublicWelfareActivities = n },
        RequirementKind.ServiceModel => Facts() with { Recognitions = n },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(YesNoKinds))]
    public void Each_yes_no_rule_is_met_by_one(RequirementKind kind, string unit)
    {
        var met = One(Rule(kind), WithCount(kind, 1), AfterYear);
        met.Met.ShouldBeTrue();
        met.Behind.ShouldBeFalse();
        met.Progress.ShouldBe(1.0);
        met.Required.ShouldBe($"≥1{unit}");
        met.Achieved.ShouldBe($"1{unit}");

        var notMet = One(Rule(kind), WithCount(kind, 0), AfterYear);
        notMet.Met.ShouldBeFalse();
        notMet.Behind.ShouldBeTrue();
        notMet.Progress.ShouldBe(0.0);
        notMet.Achieved.ShouldBe($"0{unit}");
    }

    [Theory]
    [MemberData(nameof(YesNoKinds))]
    public void An_unmet_yes_no_rule_is_behind_from_1_July(RequirementKind kind, string unit)
    {
        _ = unit;
        One(Rule(kind), WithCount(kind, 0), D(6, 30)).Behind.ShouldBeFalse();
        One(Rule(kind), WithCount(kind, 0), D(7, 1)).Behind.ShouldBeTrue();
        One(Rule(kind), WithCount(kind, 1), D(7, 1)).Behind.ShouldBeFalse();
    }

    // ---- Behind -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, true)]    // 1 July: 181/365 of 5 days = 2.48 expected
    [InlineData(3, false)]
    [InlineData(5, false)]   // met: never behind
    public void At_mid_year_fewer_than_half_the_days_is_behind(int days, bool behind)
    {
        var p = One(Rule(RequirementKind.DistinctDays, 5), Facts() with { ServiceDates = Days(days) }, D(7, 1));
        p.Behind.ShouldBe(behind);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 0, false)]     // 1 ≥ 2 × 181/365
    [InlineData(0, 240, false)]   // 240 ≥ 480 × 181/365 = 238
    [InlineData(0, 237, true)]
    public void At_mid_year_services_or_hours_behind_only_when_both_lag(int services, int minutes, bool behind)
    {
        var facts = Facts() with { ServiceCount = services, ServiceMinutes = minutes };
        One(Rule(RequirementKind.ServicesOrHours, 2, 480), facts, D(7, 1)).Behind.ShouldBe(behind);
    }

    [Fact]
    public void Nobody_is_behind_on_1_January_and_everyone_unmet_is_after_the_year()
    {
        var rule = Rule(RequirementKind.DistinctDays, 5);
        var facts = Facts() with { ServiceDates = Days(4) };
        One(rule, Facts(), D(1, 1)).Behind.ShouldBeFalse();
        One(rule, facts, D(10, 1)).Behind.ShouldBeFalse();   // 4 ≥ 5 × 273/365 = 3.74
        One(rule, facts, D(12, 31)).Behind.ShouldBeTrue();   // 4 < 5 × 364/365
        One(rule, facts, AfterYear).Behind.ShouldBeTrue();
        One(rule, Facts(), D(12, 1, Year - 1)).Behind.ShouldBeFalse();   // before the year
    }

    // ---- Rule sets and the summary ------------------------------------------------------------------

    [Fact]
    public void Results_follow_the_rules_ordinals()
    {
        RequirementRule[] rules =
        [
            Rule(RequirementKind.Suggestion, ordinal: 3),
            Rule(RequirementKind.ServicesOrHours, 2, 480, ordinal: 1),
            Rule(RequirementKind.PostClaimed, ordinal: 2),
        ];
        RequirementEvaluator.Evaluate(rules, Facts(), AfterYear).Select(p => p.Kind).ShouldBe(
            [RequirementKind.ServicesOrHours, RequirementKind.PostClaimed, RequirementKind.Suggestion]);
    }

    [Fact]
    public void A_rule_of_another_year_is_refused()
    {
        var rule = Rule(RequirementKind.DistinctDays, 5);
        rule.Year = Year + 1;
        Should.Throw<ArgumentException>(() => RequirementEvaluator.Evaluate([rule], Facts(), AfterYear));
    }

    [Fact]
    public void The_summary_counts_met_and_behind_rules()
    {
        var rules = RequirementPresets.Create(RequirementPresets.Seed003, Year);
        var everything = Facts() with
        {
            MemberId = Guid.NewGuid(),
            ServiceCount = 2,
            ServiceMinutes = 120,
            PostsClaimed = 1,
            Suggestions = 1,
            PublicWelfareActivities = 1,
            Recognitions = 1,
            Pairings = [Pairing(D(1, 1), null, [.. JanuaryToNovember, 12])],
        };
        var all = RequirementEvaluator.Summarize(rules, everything, AfterYear);
        all.MemberId.ShouldBe(everything.MemberId);
        all.Rules.Count.ShouldBe(6);
        all.AllMet.ShouldBeTrue();
        all.MetCount.ShouldBe(6);
        all.BehindCount.ShouldBe(0);

        var someMissing = RequirementEvaluator.Summarize(rules, everything with { Suggestions = 0, Recognitions = 0 }, AfterYear);
        someMissing.AllMet.ShouldBeFalse();
        someMissing.MetCount.ShouldBe(4);
        someMissing.BehindCount.ShouldBe(2);
    }

    [Fact]
    public void A_year_without_rules_is_not_all_met()
    {
        var summary = RequirementEvaluator.Summarize([], Facts(), AfterYear);
        summary.AllMet.ShouldBeFalse();
        summary.BehindCount.ShouldBe(0);
    }

    // ---- Presets ------------------------------------------------------------------------------------

    [Fact]
    public void Seed000_asks_five_days()
    {
        var rule = RequirementPresets.Create("seed000", Year).ShouldHaveSingleItem();
        rule.Kind.ShouldBe(RequirementKind.DistinctDays);
        rule.Minimum.ShouldBe(5);
        rule.AlternativeMinimum.ShouldBeNull();
        rule.Year.ShouldBe(Year);
        rule.Ordinal.ShouldBe(1);
        rule.Preset.ShouldBe("seed000");
        rule.Label.ShouldContain("5天");
    }

    [Fact]
    public void Seed003_asks_two_services_or_eight_hours_and_the_five_ones()
    {
        var rules = RequirementPresets.Create("seed003", Year);
        rules.Select(r => r.Kind).ShouldBe(
        [
            RequirementKind.ServicesOrHours,
            RequirementKind.PostClaimed,
            RequirementKind.Suggestion,
            RequirementKind.PublicWelfareActivity,
            RequirementKind.HouseholdVisitedMonthly,
            RequirementKind.ServiceModel,
        ]);
        rules[0].Minimum.ShouldBe(2);
        rules[0].AlternativeMinimum.ShouldBe(480);
        rules.Skip(1).ShouldAllBe(r => r.Minimum == 1 && r.AlternativeMinimum == null);
        rules.Select(r => r.Ordinal).ShouldBe([1, 2, 3, 4, 5, 6]);
        rules.ShouldAllBe(r => r.Year == Year && r.Preset == "seed003" && r.Label.Length > 0);
        rules.Select(r => r.Id).Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void Seed003_basic_is_the_services_or_hours_rule_alone()
    {
        var rule = RequirementPresets.Create("seed003-basic", Year).ShouldHaveSingleItem();
        rule.Kind.ShouldBe(RequirementKind.ServicesOrHours);
        rule.Minimum.ShouldBe(2);
        rule.AlternativeMinimum.ShouldBe(480);
    }

    [Fact]
    public void Presets_are_found_by_key()
    {
        RequirementPresets.All.Select(p => p.Key).ShouldBe(["seed000", "seed003", "seed003-basic"]);
        RequirementPresets.Find("seed003")!.Source.ShouldBe("凤组发〔2014〕42号");
        RequirementPresets.Find("nope").ShouldBeNull();
        RequirementPresets.Find(null).ShouldBeNull();
        Should.Throw<ArgumentException>(() => RequirementPresets.Create("nope", Year));
    }

    [Fact]
    public void Preset_rules_evaluate_as_their_texts_say()
    {
        var rule = RequirementPresets.Create("seed003-basic", Year)[0];
        One(rule, Facts() with { ServiceCount = 1, ServiceMinutes = 480 }, AfterYear).Met.ShouldBeTrue();
        One(rule, Facts() with { ServiceCount = 1, ServiceMinutes = 479 }, AfterYear).Met.ShouldBeFalse();
    }
}
