using CommunityPartyPortal.Web.Features.Households;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.Web.Features.Households.VisitSchedule;

namespace CommunityPartyPortal.UnitTests.Households;

public sealed class VisitScheduleTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static VisitSchedule Schedule(DateOnly today, DateOnly[] visits, params Pairing[] pairings) => new(pairings, visits, today);

    private sealed class FixedTime(DateTimeOffset utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utc;
    }

    [Fact]
    public void The_current_month_is_due_not_missed_until_it_is_over()
    {
        var s = Schedule(D(2026, 5, 31), [], new Pairing(D(2026, 5, 2), null));
        s.NotVisitedThisMonth.ShouldBeTrue();
        s.StatusOf(2026, 5).Status.ShouldBe(MonthStatus.Due);
        s.MissedMonths().ShouldBeEmpty();

        var nextDay = Schedule(D(2026, 6, 1), [], new Pairing(D(2026, 5, 2), null));
        nextDay.MissedMonths().Select(m => m.Label).ShouldBe(["2026-05"]);
        nextDay.StatusOf(2026, 6).Status.ShouldBe(MonthStatus.Due);
    }

    [Fact]
    public void A_visit_this_month_clears_the_flag()
    {
        var s = Schedule(D(2026, 5, 20), [D(2026, 5, 1)], new Pairing(D(2026, 3, 1), null));
        s.NotVisitedThisMonth.ShouldBeFalse();
        s.VisitedThisMonth.ShouldBeTrue();
        s.StatusOf(2026, 5).ShouldBe(new Month(2026, 5, MonthStatus.Visited, 1));
    }

    [Fact]
    public void A_pairing_made_mid_month_needs_a_visit_in_that_month()
    {
        var pairing = new Pairing(D(2026, 3, 15), null);
        Schedule(D(2026, 4, 10), [D(2026, 3, 20)], pairing).MissedMonths().ShouldBeEmpty();
        Schedule(D(2026, 4, 10), [], pairing).MissedMonths().Select(m => m.Label).ShouldBe(["2026-03"]);
        Schedule(D(2026, 4, 10), [], pairing).StatusOf(2026, 2).Status.ShouldBe(MonthStatus.NotRequired);
    }

    [Fact]
    public void Months_without_a_visit_since_pairing_are_listed_oldest_first()
    {
        var s = Schedule(D(2026, 7, 3), [D(2026, 2, 10), D(2026, 4, 1), D(2026, 4, 30), D(2026, 6, 30)], new Pairing(D(2026, 1, 31), null));
        s.MissedMonths().Select(m => m.Label).ShouldBe(["2026-01", "2026-03", "2026-05"]);
        s.StatusOf(2026, 4).Visits.ShouldBe(2);
    }

    [Fact]
    public void A_pairing_ended_mid_month_does_not_require_that_month_and_no_later_one()
    {
        var s = Schedule(D(2026, 9, 15), [D(2026, 4, 5)], new Pairing(D(2026, 4, 1), D(2026, 6, 10)));
        s.MissedMonths().Select(m => m.Label).ShouldBe(["2026-05"]);
        s.StatusOf(2026, 6).Status.ShouldBe(MonthStatus.NotRequired);
        s.NotVisitedThisMonth.ShouldBeFalse();
        s.PairedToday.ShouldBeFalse();
    }

    [Fact]
    public void A_pairing_ended_on_the_last_day_of_a_month_still_requires_it()
    {
        var s = Schedule(D(2026, 9, 15), [], new Pairing(D(2026, 7, 1), D(2026, 7, 31)));
        s.MissedMonths().Select(m => m.Label).ShouldBe(["2026-07"]);
    }

    [Fact]
    public void Several_pairings_cover_the_gaps_of_each_other()
    {
        var s = Schedule(D(2026, 6, 10), [D(2026, 1, 5), D(2026, 2, 5), D(2026, 3, 5), D(2026, 4, 5), D(2026, 5, 5)],
            new Pairing(D(2026, 1, 1), D(2026, 3, 10)), new Pairing(D(2026, 3, 8), null));
        s.MissedMonths().ShouldBeEmpty();
        s.NotVisitedThisMonth.ShouldBeTrue();
    }

    [Fact]
    public void Without_a_pairing_nothing_is_required_or_flagged()
    {
        var s = Schedule(D(2026, 6, 10), []);
        s.NotVisitedThisMonth.ShouldBeFalse();
        s.MissedMonths().ShouldBeEmpty();
        s.YearGrid(2026).Take(6).ShouldAllBe(m => m.Status == MonthStatus.NotRequired);
    }

    [Fact]
    public void The_year_grid_has_twelve_months_with_future_ones_marked()
    {
        var grid = Schedule(D(2026, 3, 15), [D(2026, 2, 1)], new Pairing(D(2025, 12, 1), null)).YearGrid(2026);
        grid.Select(m => m.Status).ShouldBe([MonthStatus.Missed, MonthStatus.Visited, MonthStatus.Due,
            .. Enumerable.Repeat(MonthStatus.Future, 9)]);
        Schedule(D(2026, 3, 15), [], new Pairing(D(2025, 12, 1), null)).MissedMonths().Select(m => m.Label).ShouldBe(["2025-12", "2026-01", "2026-02"]);
    }

    [Fact]
    public void The_month_turns_at_midnight_china_time_not_utc()
    {
        var pairing = new Pairing(D(2026, 3, 1), null);
        // 2026-03-31 16:30 UTC is already 1 April 00:30 in China: March is over.
        var justAfter = new VisitSchedule([pairing], [D(2026, 3, 2)], new FixedTime(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)));
        justAfter.Today.ShouldBe(D(2026, 4, 1));
        justAfter.NotVisitedThisMonth.ShouldBeTrue();
        justAfter.StatusOf(2026, 3).Status.ShouldBe(MonthStatus.Visited);

        // 2026-03-31 15:59 UTC is 23:59 in China: still March, visited.
        var justBefore = new VisitSchedule([pairing], [D(2026, 3, 2)], new FixedTime(new DateTimeOffset(2026, 3, 31, 15, 59, 0, TimeSpan.Zero)));
        justBefore.Today.ShouldBe(D(2026, 3, 31));
        justBefore.NotVisitedThisMonth.ShouldBeFalse();
    }

    [Fact]
    public void The_year_boundary_is_handled()
    {
        var s = Schedule(D(2027, 1, 2), [D(2026, 11, 30)], new Pairing(D(2026, 11, 1), null));
        s.MissedMonths().Select(m => m.Label).ShouldBe(["2026-12"]);
        s.NotVisitedThisMonth.ShouldBeTrue();
    }
}
