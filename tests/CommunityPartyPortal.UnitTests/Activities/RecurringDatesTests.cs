using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Activities;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Activities;

public sealed class RecurringDatesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Meeting_days_of_2026_are_the_first_saturdays_of_the_odd_months()
    {
        RecurringDates.MeetingDays(2026).ShouldBe([D(2026, 1, 3), D(2026, 3, 7), D(2026, 5, 2), D(2026, 7, 4), D(2026, 9, 5), D(2026, 11, 7)]);
        RecurringDates.MeetingDays(2026).ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Saturday && d.Day <= 7 && d.Month % 2 == 1);
    }

    [Theory]
    [InlineData(2022, 1, 1)] // the month starts on a Saturday: the 1st itself
    [InlineData(2023, 7, 1)]
    [InlineData(2026, 3, 7)] // the month starts on a Sunday: six days later
    [InlineData(2026, 11, 7)]
    public void The_first_saturday_can_be_the_first_or_the_seventh(int year, int month, int day) =>
        RecurringDates.FirstSaturday(year, month).ShouldBe(D(year, month, day));

    [Fact]
    public void Volunteer_days_of_2026_are_the_saturdays_of_the_last_full_weekends_of_the_quarters()
    {
        RecurringDates.VolunteerDays(2026).ShouldBe([D(2026, 3, 28), D(2026, 6, 27), D(2026, 9, 26), D(2026, 12, 26)]);
    }

    [Theory]
    [InlineData(2024, 3, 30)] // March 2024 ends on Sunday the 31st: that weekend counts
    [InlineData(2024, 6, 29)] // June 2024 ends on Sunday the 30th
    [InlineData(2028, 9, 23)] // September 2028 ends on Saturday the 30th: its Sunday is in October, so the week before
    [InlineData(2029, 3, 24)] // March 2029 ends on Saturday the 31st
    [InlineData(2028, 12, 30)] // December 2028 ends on Sunday the 31st
    public void A_quarter_end_on_a_weekend(int year, int month, int day)
    {
        var saturday = RecurringDates.LastFullWeekendSaturday(year, month);
        saturday.ShouldBe(D(year, month, day));
        saturday.AddDays(1).Month.ShouldBe(month, "the Sunday of the weekend is in the same month");
    }

    [Fact]
    public void Counts_per_year_and_only_the_recurring_kinds()
    {
        for (var year = 2024; year <= 2035; year++)
        {
            RecurringDates.For(ActivityKind.MeetingDay, year).Count.ShouldBe(6);
            RecurringDates.For(ActivityKind.VolunteerDay, year).Count.ShouldBe(4);
            RecurringDates.VolunteerDays(year).ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Saturday && d.AddDays(1).Month == d.Month && d.AddDays(8).Month != d.Month);
        }
        Should.Throw<ArgumentOutOfRangeException>(() => RecurringDates.For(ActivityKind.Regular, 2026));
        RecurringDates.IsRecurring(ActivityKind.ConcentratedService).ShouldBeFalse();
    }
}
