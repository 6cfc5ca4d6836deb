using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// Rubrics and scoring through the DbContext on a real database: the rules SaveChanges enforces whatever the caller (points,
/// locked sessions, scorers, published rubrics, concurrent edits) and what each scope reads and writes.
/// </summary>
public abstract class AssessmentScoringDomainTests(DatabaseProvider provider) : AssessmentDomainTests(provider)
{
    /// <summary>Seed 001's rubric published by the county; street A's session on A1 and A2 with its admin as scorer.</summary>
    private async Task<(Rubric Rubric, ScoringSession Session, ScoringTarget A1, ScoringTarget A2)> OpenAsync()
    {
        var rubric = RubricPresets.Load(RubricPresets.Wuzhong2011, Year);
        rubric.Publish();
        await using (var db = As(CountyScope))
        {
            db.Rubrics.Add(rubric);
            await db.SaveChangesAsync();
        }
        await using (var db = As(Street(StreetA)))
        {
            var session = ScoringSession.Open(rubric, Year, "2025年城关街道社区党建考评", StreetA.Id);
            var a1 = session.AddTarget(rubric, CommunityA1);
            var a2 = session.AddTarget(rubric, CommunityA2);
            session.AddScorer(StreetAUser, "streetA");
            db.ScoringSessions.Add(session);
            await db.SaveChangesAsync();
            return (rubric, session, a1, a2);
        }
    }

    private static Score NewScore(ScoringSession session, ScoringTarget target, Rubric rubric, int itemNo, decimal points) => new()
    {
        SessionId = session.Id, TargetId = target.Id, ItemId = rubric.Items.Single(i => i.No == itemNo).Id, Points = points, ScoredBy = "system",
    };

    /// <summary>Every item of both targets scored by street A's admin through the domain method: A1 gets full points, A2 full minus one on item 1.</summary>
    private async Task ScoreAllAsync(Rubric rubric, ScoringSession session)
    {
        await using var db = As(Street(StreetA));
        var loaded = await db.ScoringSessions.Include(s => s.Targets).Include(s => s.Scorers).SingleAsync(s => s.Id == session.Id);
        foreach (var target in loaded.Targets)
        {
            foreach (var item in rubric.Items)
            {
                var points = target.OrganizationId == CommunityA2.Id && item.No == 1 ? item.Points - 1 : item.Points;
                db.Scores.Add(loaded.SetScore(rubric, null, target.Id, item.Id, ScorePart.Organisation, points, null, StreetAUser, "streetA", county: false));
            }
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task SaveChanges_refuses_scores_out_of_range_from_non_scorers_and_on_locked_sessions()
    {
        var (rubric, session, a1, a2) = await OpenAsync();
        await using (var db = System())
        {
            db.Scores.Add(NewScore(session, a1, rubric, 16, 3.5m));
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("第16项的得分不能超过该项分值3分");
        }
        await using (var db = System())
        {
            db.Scores.Add(NewScore(session, a1, rubric, 16, -1));
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("第16项的得分不能为负数");
        }
        await using (var db = As(Street(StreetA) with { UserId = Guid.NewGuid(), UserName = "another street A admin" }))
        {
            db.Scores.Add(NewScore(session, a1, rubric, 16, 1));
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("您不是本次考评的评分人");
        }
        await using (var db = System())
        {
            var locked = await db.ScoringSessions.SingleAsync();
            locked.Status = ScoringSessionStatus.Locked;
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("还有46项未评分，全部评分后才能锁定");
        }

        await ScoreAllAsync(rubric, session);
        await using (var db = As(Street(StreetA)))
        {
            var loaded = await db.ScoringSessions.Include(s => s.Targets).SingleAsync();
            loaded.Lock(rubric, await db.Scores.ToListAsync(), "streetA", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        await using (var db = As(CountyScope))
        {
            var score = await db.Scores.FirstAsync();
            score.Points = 0;
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("本次考评已锁定，不能再修改");
        }
        await using (var db = System())
        {
            db.Scores.Remove(await db.Scores.FirstAsync());
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("本次考评已锁定，不能再修改");
            db.ChangeTracker.Clear();
            var reopened = await db.ScoringSessions.SingleAsync();
            reopened.Status = ScoringSessionStatus.Open;
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("本次考评已锁定，不能再修改");
        }

        await using var check = System();
        (await check.Scores.CountAsync()).ShouldBe(46);
        (await check.Scores.SumAsync(s => (double)s.Points)).ShouldBe(199d);
        var all = await check.Scores.ToListAsync();
        var totals = ScoreTotals.Compute(rubric, [a1.Id, a2.Id], all);
        totals.Select(t => (t.TargetId, t.Total, t.Rank)).ShouldBe([(a1.Id, 100m, 1), (a2.Id, 99m, 2)]);
        (await check.ScoringSessions.SingleAsync()).Status.ShouldBe(ScoringSessionStatus.Locked);
        (await check.AuditEntries.CountAsync(a => a.TargetType == nameof(Score))).ShouldBe(46);
    }

    [Fact]
    public async Task Rubrics_are_the_countys_published_ones_are_frozen_and_an_invalid_one_is_not_published()
    {
        var (rubric, _, _, _) = await OpenAsync();
        await using (var db = As(Street(StreetA)))
        {
            db.Rubrics.Add(RubricPresets.Load(RubricPresets.FiveGood));
            (await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync())).Message.ShouldBe("只有县级管理员可以维护考评细则");
            (await db.Rubrics.CountAsync()).ShouldBe(1); // every scope reads rubrics
        }
        await using (var db = As(CountyScope))
        {
            var item = await db.RubricItems.SingleAsync(i => i.RubricId == rubric.Id && i.No == 1);
            item.Points = 5;
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync())).Message.ShouldBe("已发布的考评细则不能修改，请复制后修改");
        }
        await using (var db = As(CountyScope))
        {
            var published = await db.Rubrics.Include(r => r.Categories).ThenInclude(c => c.Items).SingleAsync();
            var copy = RubricPresets.Copy(published, "2026年考评细则", 2026);
            copy.Items.Single(i => i.No == 1).Points = 5;
            db.Rubrics.Add(copy);
            await db.SaveChangesAsync(); // a draft may be inconsistent while edited
        }
        await using (var db = As(CountyScope))
        {
            var draft = await db.Rubrics.SingleAsync(r => r.Status == RubricStatus.Draft);
            draft.Status = RubricStatus.Published; // bypassing Publish(): SaveChanges loads the items and checks them
            (await Should.ThrowAsync<AssessmentException>(() => db.SaveChangesAsync()))
                .Message.ShouldBe("考评细则有误，不能发布：类别1“建立健全社区干部培养管理机制”各项分值合计19分，与类别分值20分不符");
        }
    }

    [Fact]
    public async Task Concurrent_edits_of_the_same_score_do_not_overwrite_each_other()
    {
        var (rubric, session, a1, _) = await OpenAsync();
        await using (var db = As(Street(StreetA)))
        {
            db.Scores.Add(NewScore(session, a1, rubric, 13, 2));
            await db.SaveChangesAsync();
        }
        await using var first = As(Street(StreetA));
        await using var second = As(Street(StreetA));
        var mine = await first.Scores.SingleAsync();
        var theirs = await second.Scores.SingleAsync();
        mine.Points = 3;
        theirs.Points = 4;
        await first.SaveChangesAsync();
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = System();
        (await check.Scores.SingleAsync()).Points.ShouldBe(3m);
    }

    [Fact]
    public async Task Street_B_sees_nothing_of_street_As_session_and_a_community_sees_its_own_rows_once_locked()
    {
        var (rubric, session, a1, a2) = await OpenAsync();
        await ScoreAllAsync(rubric, session);

        async Task<(int Sessions, int Targets, int Scorers, int Scores)> CountAsync(AccessScope scope)
        {
            await using var db = As(scope);
            return (await db.ScoringSessions.CountAsync(), await db.ScoringTargets.CountAsync(), await db.ScoringScorers.CountAsync(), await db.Scores.CountAsync());
        }

        (await CountAsync(CountyScope)).ShouldBe((1, 2, 1, 46));
        (await CountAsync(Street(StreetA))).ShouldBe((1, 2, 1, 46));
        (await CountAsync(Street(StreetB))).ShouldBe((0, 0, 0, 0));
        (await CountAsync(Secretary(CommunityA1))).ShouldBe((0, 1, 0, 0)); // open: only its own target row, no scores
        (await CountAsync(Secretary(CommunityB))).ShouldBe((0, 0, 0, 0));
        (await CountAsync(UnitAdmin)).ShouldBe((0, 0, 0, 0));
        (await CountAsync(AccessScope.Anonymous)).ShouldBe((0, 0, 0, 0));

        await using (var db = As(Street(StreetB)))
        {
            db.Scores.Add(NewScore(session, a1, rubric, 13, 1));
            await Should.ThrowAsync<Exception>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.ScoringScorers.Add(new ScoringScorer { SessionId = session.Id, UserId = StreetBUser, UserName = "streetB" });
            (await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync())).Message.ShouldBe("该考评不在您的管理范围内");
            db.ChangeTracker.Clear();
            var own = ScoringSession.Open(rubric, Year, "越界考评", StreetB.Id);
            own.AddTarget(rubric, CommunityA1);
            db.ScoringSessions.Add(own);
            (await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync())).Message.ShouldBe("该考评不在您的管理范围内");
        }

        await using (var db = As(Street(StreetA)))
        {
            var loaded = await db.ScoringSessions.Include(s => s.Targets).SingleAsync();
            loaded.Lock(rubric, await db.Scores.ToListAsync(), "streetA", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        (await CountAsync(Secretary(CommunityA1))).ShouldBe((1, 1, 0, 23));
        (await CountAsync(Secretary(CommunityA2))).ShouldBe((1, 1, 0, 23));
        (await CountAsync(Street(StreetB))).ShouldBe((0, 0, 0, 0));
        await using (var db = As(Secretary(CommunityA2)))
        {
            (await db.Scores.SumAsync(s => (double)s.Points)).ShouldBe(99d);
            (await db.ScoringTargets.SingleAsync()).Id.ShouldBe(a2.Id);
        }
    }
}

public sealed class SqliteAssessmentScoringDomainTests() : AssessmentScoringDomainTests(DatabaseProvider.Sqlite);

public sealed class PostgresAssessmentScoringDomainTests() : AssessmentScoringDomainTests(DatabaseProvider.PostgreSql);
