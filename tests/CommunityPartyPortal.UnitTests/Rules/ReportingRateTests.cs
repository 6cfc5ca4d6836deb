using CommunityPartyPortal.Domain.Reporting;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Rules;

public sealed class ReportingRateTests
{
    [Theory]
    [InlineData(10, 9, 90, true)]    // exactly at the threshold
    [InlineData(10, 8, 90, false)]
    [InlineData(3, 3, 100, true)]
    [InlineData(3, 2, 100, false)]
    [InlineData(7, 6, 90, false)]    // 85.7%
    [InlineData(20, 18, 90, true)]
    public void The_threshold_is_met_exactly_without_rounding(int verified, int confirmed, int threshold, bool met)
    {
        var rate = new UnitReportingRate(2026, verified, verified + 5, confirmed, threshold);
        rate.Met.ShouldBe(met);
        rate.Denominator.ShouldBe(verified);
    }

    [Fact]
    public void Without_a_verified_count_the_portals_count_is_the_denominator()
    {
        var rate = new UnitReportingRate(2026, null, 8, 6, 90);
        rate.Denominator.ShouldBe(8);
        rate.RatePercent.ShouldBe(75.0m);
        rate.Met.ShouldBeFalse();
    }

    [Fact]
    public void No_members_means_no_rate()
    {
        var rate = new UnitReportingRate(2026, 0, 0, 0, 90);
        rate.RatePercent.ShouldBeNull();
        rate.Met.ShouldBeFalse();
    }

    [Fact]
    public void Serials_are_per_type_and_year_with_six_digits()
    {
        SerialNumbers.Format(2026, DocumentTypes.Receipt, 123).ShouldBe("2026-报到-000123");
        SerialNumbers.Format(2026, DocumentTypes.Letter, 1).ShouldBe("2026-证明信-000001");
    }
}
