using CommunityPartyPortal.Domain.Feedback;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Feedback;

/// <summary>The cycles of the presets: their dates (leap years included), numbers and labels.</summary>
public sealed class FeedbackCyclePresetsTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Seed003_has_the_four_quarters_and_the_year_in_the_order_they_end()
    {
        var cycles = FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed003, 2026);
        cycles.Select(c => (c.Period, c.Number, c.StartsOn, c.EndsOn, c.Label)).ShouldBe(
        [
            (FeedbackPeriod.Quarter, 1, D(2026, 1, 1), D(2026, 3, 31), "2026年第一季度"),
            (FeedbackPeriod.Quarter, 2, D(2026, 4, 1), D(2026, 6, 30), "2026年第二季度"),
            (FeedbackPeriod.Quarter, 3, D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
            (FeedbackPeriod.Quarter, 4, D(2026, 10, 1), D(2026, 12, 31), "2026年第四季度"),
            (FeedbackPeriod.Year, 1, D(2026, 1, 1), D(2026, 12, 31), "2026年度"),
        ]);
        cycles.ShouldAllBe(c => c.Year == 2026 && c.Status == FeedbackCycleStatus.Open && c.ClosedAt == null && c.Problem() == null);
    }

    [Fact]
    public void Seed000_has_the_two_halves_and_the_year()
    {
        var cycles = FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed000, 2027);
        cycles.Select(c => (c.Period, c.Number, c.StartsOn, c.EndsOn, c.Label)).ShouldBe(
        [
            (FeedbackPeriod.HalfYear, 1, D(2027, 1, 1), D(2027, 6, 30), "2027年上半年"),
            (FeedbackPeriod.HalfYear, 2, D(2027, 7, 1), D(2027, 12, 31), "2027年下半年"),
            (FeedbackPeriod.Year, 1, D(2027, 1, 1), D(2027, 12, 31), "2027年度"),
        ]);
    }

    [Theory]
    [InlineData(2028, 91, 182, 366)]
    [InlineData(2026, 90, 181, 365)]
    [InlineData(2100, 90, 181, 365)] // divisible by 100, not by 400: no 29 February
    [InlineData(2000, 91, 182, 366)] // divisible by 400: leap
    public void The_cycles_cover_every_day_of_the_year_once_per_period_leap_years_included(int year, int firstQuarterDays, int firstHalfDays, int yearDays)
    {
        static int Days(FeedbackCycle c) => c.EndsOn.DayNumber - c.StartsOn.DayNumber + 1;
        var quarters = FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed003, year).Where(c => c.Period == FeedbackPeriod.Quarter).ToList();
        var halves = FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed000, year).Where(c => c.Period == FeedbackPeriod.HalfYear).ToList();
        var whole = FeedbackCycle.Create(year, FeedbackPeriod.Year, 1);

        Days(quarters[0]).ShouldBe(firstQuarterDays);
        Days(halves[0]).ShouldBe(firstHalfDays);
        Days(whole).ShouldBe(yearDays);
        quarters.Sum(Days).ShouldBe(yearDays);
        halves.Sum(Days).ShouldBe(yearDays);
        // Consecutive, without gaps or overlaps.
        for (var i = 1; i < quarters.Count; i++) quarters[i].StartsOn.ShouldBe(quarters[i - 1].EndsOn.AddDays(1));
        halves[1].StartsOn.ShouldBe(halves[0].EndsOn.AddDays(1));
        if (DateTime.IsLeapYear(year))
        {
            quarters[0].Covers(new DateOnly(year, 2, 29)).ShouldBeTrue();
            quarters[1].Covers(new DateOnly(year, 2, 29)).ShouldBeFalse();
        }
    }

    [Fact]
    public void Covers_includes_both_ends_only()
    {
        var q2 = FeedbackCycle.Create(2026, FeedbackPeriod.Quarter, 2);
        q2.Covers(D(2026, 4, 1)).ShouldBeTrue();
        q2.Covers(D(2026, 6, 30)).ShouldBeTrue();
        q2.Covers(D(2026, 3, 31)).ShouldBeFalse();
        q2.Covers(D(2026, 7, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(FeedbackPeriod.Quarter, 0)]
    [InlineData(FeedbackPeriod.Quarter, 5)]
    [InlineData(FeedbackPeriod.HalfYear, 3)]
    [InlineData(FeedbackPeriod.Year, 2)]
    public void A_number_outside_the_period_is_refused(FeedbackPeriod period, int number)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FeedbackCycle.Create(2026, period, number));
        var cycle = FeedbackCycle.Create(2026, period, 1);
        cycle.Number = number;
        cycle.Problem().ShouldNotBeNull().ShouldContain("序号");
    }

    [Fact]
    public void Dates_out_of_order_or_outside_the_year_are_a_problem()
    {
        var cycle = FeedbackCycle.Create(2026, FeedbackPeriod.Quarter, 1);
        cycle.EndsOn = cycle.StartsOn.AddDays(-1);
        cycle.Problem().ShouldBe("反馈周期的开始日期不能晚于结束日期");
        cycle = FeedbackCycle.Create(2026, FeedbackPeriod.Quarter, 4);
        cycle.EndsOn = D(2027, 1, 5);
        cycle.Problem().ShouldBe("反馈周期的日期必须在该年度内");
    }

    [Fact]
    public void Unknown_presets_are_refused_and_the_known_ones_are_listed()
    {
        Should.Throw<ArgumentException>(() => FeedbackCyclePresets.Create("seed999", 2026));
        FeedbackCyclePresets.Find("seed999").ShouldBeNull();
        FeedbackCyclePresets.All.Select(p => p.Key).ShouldBe([FeedbackCyclePresets.Seed003, FeedbackCyclePresets.Seed000]);
    }
}
