using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Summaries;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Summaries;

/// <summary>The figures of both summary tables on <see cref="SummaryTestData"/>, checked against hand-computed numbers.</summary>
public abstract class SummaryQueriesTests(DatabaseProvider provider) : SummaryTestData(provider)
{
    private static readonly DateOnly AsOf = new(Year, 9, 30);

    private static T Row<T>(SummaryTable<T> table, Organization org) where T : ISummaryFigures<T> =>
        table.Rows.Single(r => r.OrganizationId == org.Id).Figures;

    private static T Group<T>(SummaryTable<T> table, Organization org) where T : ISummaryFigures<T> =>
        table.Groups.Single(g => g.OrganizationId == org.Id).Subtotal;

    /// <summary>(verified, in portal, denominator, letters, reported, receipts, withdrawn, late).</summary>
    private static (int?, int, int, int, int, int, int, int) Counts(UnitReportingFigures f) =>
        (f.VerifiedCount, f.MembersInPortal, f.Denominator, f.LettersIssued, f.Reported, f.Receipts, f.Withdrawn, f.Late);

    /// <summary>(in service, self-managed, floating, letters, reported, receipts sent, received, withdrawn, late).</summary>
    private static (int, int, int, int, int, int, int, int, int) Counts(CommunityReportingFigures f) =>
        (f.InServiceResidents, f.SelfManagedResidents, f.FloatingResidents, f.LettersReceived, f.Reported, f.ReceiptsSent, f.ReceiptsReceived, f.Withdrawn, f.Late);

    /// <summary>(members, services, days, minutes, meeting, posts, wishes, paired, visited, visits, suggestions).</summary>
    private static (int, int, int, int, int, int, int, int, int, int, int) Counts(ServiceFigures f) =>
        (f.Members, f.Services, f.Days, f.Minutes, f.MeetingRequirements, f.PostsClaimed, f.WishesFulfilled, f.HouseholdsPaired, f.HouseholdsVisited,
            f.Visits, f.Suggestions);

    /// <summary>(优秀, 合格, 基本合格, 不合格, vetoes).</summary>
    private static (int, int, int, int, int) Grades(ServiceFigures f) => (f.Excellent, f.Qualified, f.BasicallyQualified, f.Unqualified, f.Vetoes);

    [Fact]
    public async Task Reporting_by_unit_as_of_30_September()
    {
        await using var db = As(CountyScope);
        var summary = await SummaryQueries.ReportingAsync(db, Year, AsOf, County.Id);
        summary.Header.ShouldBe(new SummaryHeader(Year, AsOf, County.Id, "示范县", OrgKind.County, 50));
        var units = summary.ByUnit;
        units.Groups.Select(g => g.Name).ShouldBe(["县教育局", "县卫健局"]);
        units.Groups[0].Rows.Select(r => (r.Name, r.Kind)).ShouldBe([("县教育局", SummaryRowKind.DepartmentOwn), ("县第一中学", SummaryRowKind.Unit), ("县第二中学", SummaryRowKind.Unit)]);

        // D1 itself: M1, M2 reported; not verified, so the portal's 2 members are the denominator.
        var d1 = Row(units, D1);
        Counts(d1).ShouldBe((null, 2, 2, 2, 2, 1, 0, 0));
        (d1.RatePercent, d1.Met, d1.BelowThreshold, d1.DenominatorIsVerified).ShouldBe((100.0m, true, false, false));
        // U11: M3 reported late; M4 moved out and withdrawn, M5 withdrawn; M5's letter was cancelled. Verified 3: 1/3 < 50%.
        var u11 = Row(units, U11);
        Counts(u11).ShouldBe((3, 2, 3, 2, 1, 1, 2, 1));
        (u11.RatePercent, u11.Met, u11.BelowThreshold, u11.DenominatorIsVerified).ShouldBe((33.3m, false, true, true));
        // U12: M6's letter and report come after 30 September; M7 only has a letter.
        Counts(Row(units, U12)).ShouldBe((null, 2, 2, 1, 0, 0, 0, 0));
        Row(units, U12).BelowThreshold.ShouldBeTrue();
        // D2 itself has no members: an empty row, neither met nor below.
        var d2 = Row(units, D2);
        (d2.Denominator, d2.RatePercent, d2.Met, d2.BelowThreshold).ShouldBe((0, null, false, false));
        // U21: M8, M9 reported of 4 verified: exactly 50% is met. M8's receipt came at 23:00 on 30 September, M9's after midnight.
        var u21 = Row(units, U21);
        Counts(u21).ShouldBe((4, 3, 4, 1, 2, 1, 0, 0));
        (u21.RatePercent, u21.Met, u21.BelowThreshold).ShouldBe((50.0m, true, false));

        var g1 = Group(units, D1);
        Counts(g1).ShouldBe((3, 6, 7, 5, 3, 2, 2, 1));
        (g1.UnverifiedRows, g1.RatePercent, g1.Met).ShouldBe((2, 42.9m, false), "3/7 recomputed from the sums, not averaged");
        Counts(Group(units, D2)).ShouldBe((4, 3, 4, 1, 2, 1, 0, 0));
        Counts(units.Total).ShouldBe((7, 9, 11, 6, 5, 3, 2, 1));
        (units.Total.RatePercent, units.Total.Met, units.Total.BelowThreshold).ShouldBe((45.5m, false, true));
        units.Rows.Where(r => r.BelowThreshold).Select(r => r.Name).ShouldBe(["县第一中学", "县第二中学"]);
    }

    [Fact]
    public async Task Reporting_by_community_as_of_30_September()
    {
        await using var db = As(CountyScope);
        var communities = (await SummaryQueries.ReportingAsync(db, Year, AsOf, County.Id)).ByCommunity;
        communities.Groups.Select(g => (g.Name, g.Rows.Count)).ShouldBe([("城关街道", 2), ("东关街道", 2)]);

        Counts(Row(communities, A1)).ShouldBe((3, 1, 0, 2, 2, 2, 1, 0, 0));
        Row(communities, A1).RatePercent.ShouldBe(66.7m);
        Counts(Row(communities, A2)).ShouldBe((2, 0, 0, 1, 2, 2, 1, 0, 1));
        // B1: M4 moved out (not a resident any more), M5 withdrawn; M10 reported only last year.
        Counts(Row(communities, B1)).ShouldBe((2, 0, 0, 1, 0, 2, 1, 2, 0));
        Row(communities, B1).BelowThreshold.ShouldBeTrue();
        Counts(Row(communities, B2)).ShouldBe((2, 0, 1, 2, 1, 1, 1, 0, 0));
        (Row(communities, B2).RatePercent, Row(communities, B2).Met).ShouldBe((50.0m, true));

        Counts(Group(communities, StreetA)).ShouldBe((5, 1, 0, 3, 4, 4, 2, 0, 1));
        Counts(Group(communities, StreetB)).ShouldBe((4, 0, 1, 3, 1, 3, 2, 2, 0));
        Counts(communities.Total).ShouldBe((9, 1, 1, 6, 5, 7, 4, 2, 1));
        communities.Total.RatePercent.ShouldBe(55.6m);
    }

    [Fact]
    public async Task Reporting_at_other_dates_counts_what_had_happened_by_then()
    {
        await using var db = As(CountyScope);
        var july = await SummaryQueries.ReportingAsync(db, Year, D(7, 31), County.Id);
        // 31 July: M5 is still reported (withdrawn 1 August), M4 is withdrawn and gone.
        Counts(Row(july.ByUnit, U11)).ShouldBe((3, 2, 3, 2, 2, 1, 1, 1));
        Counts(Row(july.ByCommunity, B1)).ShouldBe((2, 0, 0, 1, 1, 2, 1, 1, 0));

        // After the year (clamped to 31 December): M6's late report and M9's receipt count.
        var end = await SummaryQueries.ReportingAsync(db, Year, new DateOnly(Year + 1, 3, 1), County.Id);
        end.Header.AsOf.ShouldBe(D(12, 31));
        Counts(Row(end.ByUnit, U12)).ShouldBe((null, 2, 2, 2, 1, 0, 0, 1));
        Counts(Row(end.ByUnit, U21)).ShouldBe((4, 3, 4, 1, 2, 2, 0, 0));
        Counts(end.ByUnit.Total).ShouldBe((7, 9, 11, 7, 6, 4, 2, 2));

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => SummaryQueries.ReportingAsync(db, Year, new DateOnly(Year - 1, 12, 31), County.Id));
        await Should.ThrowAsync<ArgumentException>(() => SummaryQueries.ReportingAsync(db, Year, AsOf, A1.Id));
    }

    [Fact]
    public async Task A_street_root_gives_its_communities_and_the_units_of_its_residents()
    {
        ReportingSummary byCounty, byStreet;
        await using (var db = As(CountyScope)) byCounty = await SummaryQueries.ReportingAsync(db, Year, AsOf, StreetA.Id);
        await using (var db = As(StreetScope(StreetA))) byStreet = await SummaryQueries.ReportingAsync(db, Year, AsOf, StreetA.Id);

        foreach (var summary in new[] { byCounty, byStreet })
        {
            summary.ByCommunity.Groups.Select(g => g.Name).ShouldBe(["城关街道"]);
            summary.ByCommunity.Rows.Select(r => r.Name).ShouldBe(["东风社区", "西街社区"]);
            Counts(summary.ByCommunity.Total).ShouldBe((5, 1, 0, 3, 4, 4, 2, 0, 1));
            // Units: only members living in street A, against the portal's counts; D2 itself has none and is left out.
            summary.ByUnit.Rows.Select(r => r.Name).ShouldBe(["县教育局", "县第一中学", "县第二中学", "县医院"]);
            Counts(Row(summary.ByUnit, D1)).ShouldBe((null, 2, 2, 2, 2, 1, 0, 0));
            Counts(Row(summary.ByUnit, U11)).ShouldBe((null, 1, 1, 1, 1, 1, 0, 1));
            Counts(Row(summary.ByUnit, U12)).ShouldBe((null, 1, 1, 0, 0, 0, 0, 0));
            Counts(Row(summary.ByUnit, U21)).ShouldBe((null, 1, 1, 0, 1, 0, 0, 0));
            Counts(summary.ByUnit.Total).ShouldBe((null, 5, 5, 3, 4, 2, 0, 1));
        }
    }

    [Fact]
    public async Task A_department_root_gives_its_units_and_the_communities_of_its_members()
    {
        await using var db = As(CountyScope);
        var summary = await SummaryQueries.ReportingAsync(db, Year, AsOf, D2.Id);
        summary.ByUnit.Groups.Select(g => g.Name).ShouldBe(["县卫健局"]);
        summary.ByUnit.Rows.Select(r => r.Name).ShouldBe(["县卫健局", "县医院"]);
        Counts(summary.ByUnit.Total).ShouldBe((4, 3, 4, 1, 2, 1, 0, 0));
        // M8 (B2), M9 (A2), M10 (B1) only.
        summary.ByCommunity.Rows.Select(r => r.Name).ShouldBe(["西街社区", "南关社区", "北关社区"]);
        Counts(Row(summary.ByCommunity, A2)).ShouldBe((1, 0, 0, 0, 1, 1, 0, 0, 0));
        Counts(Row(summary.ByCommunity, B1)).ShouldBe((1, 0, 0, 0, 0, 0, 0, 0, 0));
        Counts(Row(summary.ByCommunity, B2)).ShouldBe((1, 0, 0, 1, 1, 1, 1, 0, 0));
        Counts(summary.ByCommunity.Total).ShouldBe((3, 0, 0, 1, 2, 2, 1, 0, 0));

        var unit = await SummaryQueries.ReportingAsync(db, Year, AsOf, U11.Id);
        unit.ByUnit.Rows.Select(r => r.Name).ShouldBe(["县第一中学"]);
        Counts(unit.ByUnit.Total).ShouldBe((3, 2, 3, 2, 1, 1, 2, 1));
    }

    [Fact]
    public async Task Service_by_unit_and_community_as_of_30_September()
    {
        await using var db = As(CountyScope);
        var summary = await SummaryQueries.ServiceAsync(db, Year, AsOf, County.Id);
        summary.RequirementRules.ShouldBe(1);
        var units = summary.ByUnit;

        // D1 itself: M1 (3 services on 2 days, 4 h; a post, a wish, a household visited twice), M2 (8 h in one record).
        Counts(Row(units, D1)).ShouldBe((2, 4, 3, 720, 2, 1, 1, 1, 1, 2, 0));
        Grades(Row(units, D1)).ShouldBe((0, 1, 0, 0, 0), "M1's Q2 card; M2 has a draft only");
        Row(units, D1).Hours.ShouldBe(12.0m);
        // U11: only M3 is a member at the date; M4's service before moving out and M5's before the withdrawal count.
        Counts(Row(units, U11)).ShouldBe((1, 4, 4, 270, 0, 0, 0, 0, 0, 0, 1));
        Grades(Row(units, U11)).ShouldBe((0, 0, 0, 1, 0));
        Row(units, U11).Hours.ShouldBe(4.5m);
        Counts(Row(units, U12)).ShouldBe((0, 1, 1, 60, 0, 0, 0, 0, 0, 0, 0));
        Row(units, D2).IsEmpty.ShouldBeTrue();
        // U21: M8 met the rule with 2 services; the Q2 card in force on 30 September is the vetoed one (corrected 10-10).
        Counts(Row(units, U21)).ShouldBe((2, 2, 2, 120, 1, 0, 0, 1, 0, 0, 1));
        Grades(Row(units, U21)).ShouldBe((0, 0, 1, 0, 1));
        Row(units, U21).RequirementRatePercent.ShouldBe(50.0m);

        Counts(Group(units, D1)).ShouldBe((3, 9, 8, 1050, 2, 1, 1, 1, 1, 2, 1));
        Group(units, D1).Hours.ShouldBe(17.5m);
        Counts(units.Total).ShouldBe((5, 11, 10, 1170, 3, 1, 1, 2, 1, 2, 2));
        Grades(units.Total).ShouldBe((0, 1, 1, 1, 1));
        (units.Total.Hours, units.Total.RequirementRatePercent).ShouldBe((19.5m, 60.0m));

        var communities = summary.ByCommunity;
        Counts(Row(communities, A1)).ShouldBe((2, 5, 4, 780, 2, 1, 1, 1, 1, 2, 0));
        Counts(Row(communities, A2)).ShouldBe((2, 1, 1, 30, 0, 0, 0, 0, 0, 0, 1));
        Counts(Row(communities, B1)).ShouldBe((0, 3, 3, 240, 0, 0, 0, 0, 0, 0, 0));
        Counts(Row(communities, B2)).ShouldBe((1, 2, 2, 120, 1, 0, 0, 1, 0, 0, 1));
        Counts(Group(communities, StreetA)).ShouldBe((4, 6, 5, 810, 2, 1, 1, 1, 1, 2, 1));
        Group(communities, StreetA).Hours.ShouldBe(13.5m);
        Counts(Group(communities, StreetB)).ShouldBe((1, 5, 5, 360, 1, 0, 0, 1, 0, 0, 1));
        Counts(communities.Total).ShouldBe(Counts(units.Total));
        Grades(communities.Total).ShouldBe((0, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Service_at_the_years_end_takes_the_yearly_card_and_the_corrections()
    {
        await using var db = As(CountyScope);
        var summary = await SummaryQueries.ServiceAsync(db, Year, D(12, 31), County.Id);
        // M1: the yearly card (优秀) over Q4's, sent later; M8: the correction (合格, no veto); M9: 优秀 sent 10-10.
        Grades(Row(summary.ByUnit, D1)).ShouldBe((1, 0, 0, 0, 0));
        Grades(Row(summary.ByUnit, U21)).ShouldBe((1, 1, 0, 0, 0));
        Grades(summary.ByUnit.Total).ShouldBe((2, 1, 0, 1, 0));
        // M1's 10-5 record and M6 (reported 10-15) now count.
        Counts(Row(summary.ByUnit, D1)).ShouldBe((2, 5, 4, 810, 2, 1, 2, 1, 1, 3, 0));
        Counts(Row(summary.ByUnit, U12)).ShouldBe((1, 1, 1, 60, 0, 0, 0, 0, 0, 0, 0));
        Counts(summary.ByUnit.Total).ShouldBe((6, 12, 11, 1260, 3, 1, 2, 2, 1, 3, 3));
    }

    [Fact]
    public async Task Service_for_a_street_counts_its_residents_only()
    {
        await using var db = As(StreetScope(StreetB));
        var summary = await SummaryQueries.ServiceAsync(db, Year, AsOf, StreetB.Id);
        summary.ByCommunity.Rows.Select(r => r.Name).ShouldBe(["南关社区", "北关社区"]);
        Counts(summary.ByCommunity.Total).ShouldBe((1, 5, 5, 360, 1, 0, 0, 1, 0, 0, 1));
        Grades(summary.ByCommunity.Total).ShouldBe((0, 0, 1, 0, 1));
        // B residents work in U11 (M4, M5), U12 (M7: nothing to show, left out) and U21 (M8, M10).
        summary.ByUnit.Rows.Select(r => r.Name).ShouldBe(["县第一中学", "县医院"]);
        Counts(Row(summary.ByUnit, U11)).ShouldBe((0, 3, 3, 240, 0, 0, 0, 0, 0, 0, 0));
        Counts(summary.ByUnit.Total).ShouldBe(Counts(summary.ByCommunity.Total));
    }
}

public sealed class SqliteSummaryQueriesTests() : SummaryQueriesTests(DatabaseProvider.Sqlite);

public sealed class PostgresSummaryQueriesTests() : SummaryQueriesTests(DatabaseProvider.PostgreSql);
