using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Summaries;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Summaries;

/// <summary>报送: submit, the late mark after 30 November, withdraw before the deadline and submit again, scoping of reads and writes.</summary>
public abstract class SummarySubmissionTests(DatabaseProvider provider) : SummaryTestData(provider)
{
    /// <summary>A clock standing at a given instant.</summary>
    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    private static FixedTime At(int month, int day, int hour, int minute = 0) => new(ChinaTime(Year, month, day, hour, minute));

    private async Task<List<SummarySubmission>> AllAsync()
    {
        await using var db = System();
        return await db.SummarySubmissions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync();
    }

    [Fact]
    public async Task A_unit_submits_withdraws_before_the_deadline_and_submits_again()
    {
        await using (var db = As(UnitScope(U11), At(11, 20, 10)))
        {
            var first = await SummarySubmitter.SubmitAsync(db, Year, U11.Id, "一中党支部", "  全年报到12人  ");
            (first.Status, first.IsLate, first.Note, first.ActiveSlot).ShouldBe((SubmissionStatus.Submitted, false, "全年报到12人", (int?)1));
            first.SubmittedAt.ShouldBe(ChinaTime(Year, 11, 20, 10));
            var again = await Should.ThrowAsync<SummaryException>(() => SummarySubmitter.SubmitAsync(db, Year, U11.Id, "一中党支部", null));
            again.Message.ShouldBe("2025年度汇总表已报送，如需修改请先撤回");
        }
        await using (var db = As(UnitScope(U11), At(11, 30, 23, 30)))
        {
            var withdrawn = await SummarySubmitter.WithdrawAsync(db, Year, U11.Id, "一中党支部");
            (withdrawn.Status, withdrawn.ActiveSlot, withdrawn.WithdrawnBy).ShouldBe((SubmissionStatus.Withdrawn, (int?)null, "一中党支部"));
            var second = await SummarySubmitter.SubmitAsync(db, Year, U11.Id, "一中党支部", "更正后重新报送");
            second.IsLate.ShouldBeFalse("23:30 on 30 November in China is still in time");
        }

        var all = await AllAsync();
        all.Count.ShouldBe(2, "the withdrawn submission stays as history");
        all.Select(s => (s.OrganizationId, s.Status, s.Note)).ShouldBe([
            (U11.Id, SubmissionStatus.Withdrawn, "全年报到12人"), (U11.Id, SubmissionStatus.Submitted, "更正后重新报送")]);
        all[0].WithdrawnAt.ShouldBe(ChinaTime(Year, 11, 30, 23, 30));
    }

    [Fact]
    public async Task After_30_November_a_submission_is_late_and_cannot_be_withdrawn()
    {
        await using (var db = As(SecretaryScope(A1), At(12, 1, 0, 10)))
        {
            var late = await SummarySubmitter.SubmitAsync(db, Year, A1.Id, "东风社区", null);
            late.IsLate.ShouldBeTrue();
            var refused = await Should.ThrowAsync<SummaryException>(() => SummarySubmitter.WithdrawAsync(db, Year, A1.Id, "东风社区"));
            refused.Message.ShouldBe("报送截止日期（2025年11月30日）已过，不能撤回");
        }
        (await AllAsync()).Single().Status.ShouldBe(SubmissionStatus.Submitted);

        await using (var db = As(SecretaryScope(A2), At(11, 1, 9)))
        {
            (await Should.ThrowAsync<SummaryException>(() => SummarySubmitter.WithdrawAsync(db, Year, A2.Id, "西街社区"))).Message.ShouldBe("2025年度汇总表尚未报送");
            (await Should.ThrowAsync<SummaryException>(() => SummarySubmitter.SubmitAsync(db, Year, M1.Id, "西街社区", null))).Message.ShouldBe("只有单位、街道和社区可以报送汇总表");
        }
    }

    [Fact]
    public async Task Nobody_writes_another_organisations_submission()
    {
        // A department does not submit for its units, a street not for its communities, a unit not for another.
        await using (var db = As(UnitScope(D1, U11, U12), At(11, 20, 10)))
        {
            await Should.ThrowAsync<ScopeViolationException>(() => SummarySubmitter.SubmitAsync(db, Year, U11.Id, "教育局", null));
        }
        await using (var db = As(StreetScope(StreetA), At(11, 20, 10)))
        {
            await Should.ThrowAsync<ScopeViolationException>(() => SummarySubmitter.SubmitAsync(db, Year, A1.Id, "城关街道", null));
        }
        await using (var db = As(UnitScope(U21), At(11, 20, 10)))
        {
            await Should.ThrowAsync<ScopeViolationException>(() => SummarySubmitter.SubmitAsync(db, Year, U11.Id, "县医院", null));
        }
        (await AllAsync()).ShouldBeEmpty();

        // U12's submission, seen by U11 through a stale copy: changing it is refused, nothing is written.
        Guid id;
        await using (var db = As(UnitScope(U12), At(11, 20, 10))) id = (await SummarySubmitter.SubmitAsync(db, Year, U12.Id, "二中", null)).Id;
        await using (var db = As(UnitScope(U11), At(11, 21, 10)))
        {
            (await db.SummarySubmissions.AnyAsync()).ShouldBeFalse("a unit sees only its own submissions");
            var copy = (await AllAsync()).Single(s => s.Id == id);
            db.SummarySubmissions.Attach(copy);
            copy.Status = SubmissionStatus.Withdrawn;
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        (await AllAsync()).Single().Status.ShouldBe(SubmissionStatus.Submitted);
    }

    [Fact]
    public async Task The_county_sees_who_has_and_has_not_submitted_and_a_street_its_communities()
    {
        await using (var db = As(UnitScope(U21), At(11, 10, 9))) await SummarySubmitter.SubmitAsync(db, Year, U21.Id, "县医院", null);
        await using (var db = As(SecretaryScope(A1), At(11, 12, 9))) await SummarySubmitter.SubmitAsync(db, Year, A1.Id, "东风社区", null);
        await using (var db = As(SecretaryScope(B1), At(12, 2, 9))) await SummarySubmitter.SubmitAsync(db, Year, B1.Id, "南关社区", null);
        await using (var db = As(StreetScope(StreetA), At(11, 28, 9))) await SummarySubmitter.SubmitAsync(db, Year, StreetA.Id, "城关街道", null);

        await using (var db = As(CountyScope))
        {
            var overview = await SummaryQueries.SubmissionsAsync(db, Year, County.Id);
            overview.Deadline.ShouldBe(new DateOnly(Year, 11, 30));
            overview.Units.Select(r => (r.Name, r.Submitted)).ShouldBe([
                ("县教育局", false), ("县第一中学", false), ("县第二中学", false), ("县卫健局", false), ("县医院", true)]);
            overview.Communities.Select(r => (r.Name, r.Submitted, r.IsLate)).ShouldBe([
                ("城关街道", true, false), ("东风社区", true, false), ("西街社区", false, false),
                ("东关街道", false, false), ("南关社区", true, true), ("北关社区", false, false)]);
            overview.Communities.Single(r => r.Name == "东风社区").ParentName.ShouldBe("城关街道");
            overview.Missing.Count().ShouldBe(7);
            (await SummaryQueries.SubmissionsAsync(db, Year - 1, County.Id)).Missing.Count().ShouldBe(11);
        }

        await using (var db = As(StreetScope(StreetA)))
        {
            var overview = await SummaryQueries.SubmissionsAsync(db, Year, StreetA.Id);
            overview.Units.ShouldBeEmpty();
            overview.Communities.Select(r => (r.Name, r.Submitted)).ShouldBe([("城关街道", true), ("东风社区", true), ("西街社区", false)]);
            (await db.SummarySubmissions.CountAsync()).ShouldBe(2, "its own and A1's; not B1's or the units'");
        }
        await using (var db = As(SecretaryScope(A2)))
        {
            (await db.SummarySubmissions.CountAsync()).ShouldBe(0);
        }
    }
}

public sealed class SqliteSummarySubmissionTests() : SummarySubmissionTests(DatabaseProvider.Sqlite);

public sealed class PostgresSummarySubmissionTests() : SummarySubmissionTests(DatabaseProvider.PostgreSql);
