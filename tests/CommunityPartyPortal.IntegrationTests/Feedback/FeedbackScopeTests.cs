using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// Who reads and writes feedback cards and publicities, below HTTP: the community writes its cards, the member's unit
/// reads only sent ones and writes only its own fields, a third unit sees nothing and writes nothing, the member sees
/// his or her sent cards, the street its communities' cards.
/// </summary>
public abstract class FeedbackScopeTests(DatabaseProvider provider) : FeedbackDomainTests(provider)
{
    private static readonly DateTime Now = new(2025, 7, 3, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>Q2 drafted; Active's card reviewed (with a veto when asked) and sent by community A1; Busy's and WithdrawnLate's still drafts.</summary>
    private async Task<FeedbackCycle> SentCardAsync(bool veto = false)
    {
        var cycle = await SecondQuarterAsync();
        await using (var db = System()) await FeedbackDrafter.DraftAsync(db, cycle.Id);
        await using (var db = As(Secretary(CommunityA1)))
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            card.Review(FeedbackGrade.Qualified, "能按时参加社区活动", veto, veto ? "与邻里发生纠纷造成不良影响" : null, "社区书记", Now);
            await FeedbackSender.SendAsync(db, [card], "社区书记");
        }
        return cycle;
    }

    private async Task<FeedbackCard> CardOfAsync(Guid memberId)
    {
        await using var db = System();
        return await db.FeedbackCards.AsNoTracking().SingleAsync(c => c.MemberId == memberId && c.CurrentSlot != null);
    }

    [Fact]
    public async Task Each_scope_reads_exactly_its_cards()
    {
        await SentCardAsync();
        var cases = new (string Who, AccessScope Scope, Guid[] Members)[]
        {
            ("county", County, [Active.Id, Busy.Id, WithdrawnLate.Id]),
            ("street A", Street(StreetA), [Active.Id, Busy.Id, WithdrawnLate.Id]),
            ("street B", Street(StreetB), []),
            ("community A1, drafts too", Secretary(CommunityA1), [Active.Id, Busy.Id]),
            ("community A2", Secretary(CommunityA2), [WithdrawnLate.Id]),
            ("community B", Secretary(CommunityB), []),
            ("unit 1: the sent card only, never the draft", UnitAdmin(Unit1), [Active.Id]),
            ("unit 2: its member's card is a draft", UnitAdmin(Unit2), []),
            ("a third unit", UnitAdmin(Unit3), []),
            ("the member: own sent card", MemberScope(Active), [Active.Id]),
            ("a member whose card is a draft", MemberScope(Busy), []),
            ("anonymous", AccessScope.Anonymous, []),
        };
        foreach (var (who, scope, members) in cases)
        {
            await using var db = As(scope);
            (await db.FeedbackCards.Select(c => c.MemberId).ToListAsync()).Order().ToArray().ShouldBe(members.Order().ToArray(), who);
            (await db.FeedbackCycles.CountAsync()).ShouldBe(1, $"{who}: every scope reads the cycles");
        }
    }

    [Fact]
    public async Task The_community_writes_its_own_cards_and_only_the_communitys_fields()
    {
        await SentCardAsync();
        var busy = await CardOfAsync(Busy.Id);
        var foreign = await CardOfAsync(WithdrawnLate.Id);

        await using (var db = As(Secretary(CommunityA1)))
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.Id == busy.Id);
            card.Review(FeedbackGrade.Excellent, "表现突出", false, null, "社区书记", Now);
            await db.SaveChangesAsync();
        }
        await using (var db = As(Secretary(CommunityA1)))
        {
            // Another community's draft, brought in from elsewhere.
            db.FeedbackCards.Attach(foreign);
            foreign.Review(FeedbackGrade.Unqualified, "越权", false, null, "社区书记", Now);
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(Secretary(CommunityA1)))
        {
            var sent = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            sent.Acknowledge("冒充单位", Now);
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(Secretary(CommunityA1)))
        {
            // A fresh card is the county's drafting, not the community's.
            db.FeedbackCards.Add(new FeedbackCard { CycleId = busy.CycleId, MemberId = NotReported.Id, CommunityId = CommunityA1.Id, WorkUnitId = Unit1.Id });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        foreach (var scope in new[] { Street(StreetA), MemberScope(Busy) })
        {
            var copy = await CardOfAsync(Busy.Id);
            await using var db = As(scope);
            db.FeedbackCards.Attach(copy);
            copy.Opinion = "街道或党员改的";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }

        await using var check = System();
        var reviewed = await check.FeedbackCards.SingleAsync(c => c.Id == busy.Id);
        (reviewed.Grade, reviewed.Opinion).ShouldBe((FeedbackGrade.Excellent, "表现突出"));
        (await check.FeedbackCards.SingleAsync(c => c.Id == foreign.Id)).Grade.ShouldBeNull();
        (await check.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id)).AcknowledgedAt.ShouldBeNull();
        (await check.FeedbackCards.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task The_members_unit_reads_and_acknowledges_a_third_unit_sees_nothing_and_writes_nothing()
    {
        var cycle = await SentCardAsync();
        var sent = await CardOfAsync(Active.Id);
        var draft = await CardOfAsync(Busy.Id);

        await using (var db = As(UnitAdmin(Unit1)))
        {
            (await FeedbackQueries.UnreadCountAsync(db)).ShouldBe(1);
            (await FeedbackQueries.UnreadCountAsync(db, cycle.Id)).ShouldBe(1);
            var card = await db.FeedbackCards.SingleAsync();
            card.MarkRead(Now);
            card.Acknowledge("单位管理员", Now);
            card.RecordUse(FeedbackUse.DemocraticAppraisal, "用于年度民主评议定等");
            await db.SaveChangesAsync();
            (await FeedbackQueries.UnreadCountAsync(db)).ShouldBe(0);
        }
        await using (var db = As(UnitAdmin(Unit1)))
        {
            var card = await db.FeedbackCards.SingleAsync();
            card.Grade = FeedbackGrade.Excellent;
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(UnitAdmin(Unit1)))
        {
            // Its member's draft, brought in from elsewhere: the unit never touches drafts.
            db.FeedbackCards.Attach(draft);
            draft.Opinion = "单位改的";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(UnitAdmin(Unit3)))
        {
            (await db.FeedbackCards.AnyAsync()).ShouldBeFalse();
            (await FeedbackQueries.UnreadCountAsync(db)).ShouldBe(0);
            db.FeedbackCards.Attach(sent);
            sent.UsageNote = "别的单位";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(MemberScope(Active)))
        {
            var own = await db.FeedbackCards.SingleAsync();
            own.Serial.ShouldBe($"{Year}-反馈卡-000001");
            own.MarkRead(Now.AddDays(1));
            own.UsageNote = "党员自己写的";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }

        await using var check = System();
        var saved = await check.FeedbackCards.AsNoTracking().SingleAsync(c => c.Id == sent.Id);
        (saved.ReadAt, saved.AcknowledgedBy, saved.Uses, saved.UsageNote, saved.Grade)
            .ShouldBe((Now, "单位管理员", FeedbackUse.DemocraticAppraisal, "用于年度民主评议定等", FeedbackGrade.Qualified));
        (await check.FeedbackCards.AsNoTracking().SingleAsync(c => c.Id == draft.Id)).Opinion.ShouldBeNull();
        (await check.AuditEntries.CountAsync(a => a.Action == "FeedbackCard.update" && a.TargetId == sent.Id.ToString())).ShouldBe(2, "sent, then acknowledged");
    }

    [Fact]
    public async Task A_veto_marks_the_member_for_the_year_until_a_sent_correction_lifts_it()
    {
        await SentCardAsync(veto: true);
        async Task<IReadOnlySet<Guid>> VetoedAsync(AccessScope scope, int year = Year)
        {
            await using var db = As(scope);
            return await FeedbackQueries.VetoedMemberIdsAsync(db, year);
        }
        (await VetoedAsync(UnitAdmin(Unit1))).ShouldBe(new[] { Active.Id });
        (await VetoedAsync(UnitAdmin(Unit1), Year + 1)).ShouldBeEmpty();
        (await VetoedAsync(UnitAdmin(Unit3))).ShouldBeEmpty();
        (await VetoedAsync(County)).ShouldBe(new[] { Active.Id });
        await using (var db = As(UnitAdmin(Unit1)))
        {
            (await FeedbackQueries.VetoedMemberIdsAsync(db, Year, [Busy.Id])).ShouldBeEmpty();
            (await FeedbackQueries.VetoedMemberIdsAsync(db, Year, [Active.Id, Busy.Id])).ShouldBe(new[] { Active.Id });
        }

        FeedbackCard correction;
        await using (var db = As(Secretary(CommunityA1)))
        {
            var card = await db.FeedbackCards.SingleAsync(c => c.MemberId == Active.Id);
            correction = card.Correct();
            db.FeedbackCards.Add(correction);
            await db.SaveChangesAsync();
        }
        (await VetoedAsync(UnitAdmin(Unit1))).ToArray().ShouldBe(new[] { Active.Id }, "the correction is a draft: the sent veto stays in force");
        (await VetoedAsync(County)).ShouldBe(new[] { Active.Id });
        await using (var db = As(UnitAdmin(Unit1)))
        {
            (await db.FeedbackCards.Select(c => c.Status).ToListAsync()).ShouldBe([FeedbackCardStatus.Superseded], "the old card stays visible, the draft does not show");
        }

        await using (var db = As(Secretary(CommunityA1)))
        {
            var draft = await db.FeedbackCards.SingleAsync(c => c.Id == correction.Id);
            draft.Review(FeedbackGrade.Qualified, "经核实，纠纷已化解", false, null, "社区书记", Now);
            await FeedbackSender.SendAsync(db, [draft], "社区书记");
        }
        (await VetoedAsync(UnitAdmin(Unit1))).ShouldBeEmpty();
        await using (var db = As(UnitAdmin(Unit1)))
        {
            var cards = await db.FeedbackCards.OrderBy(c => c.Revision).ToListAsync();
            cards.Select(c => (c.Revision, c.Status, c.Serial)).ShouldBe(
            [
                (1, FeedbackCardStatus.Superseded, $"{Year}-反馈卡-000001"),
                (2, FeedbackCardStatus.Sent, $"{Year}-反馈卡-000002"),
            ]);
            cards[1].PreviousId.ShouldBe(cards[0].Id);
            (await FeedbackQueries.UnreadCountAsync(db)).ShouldBe(1, "the correction is to be read; the superseded card is not counted");
        }
    }

    [Fact]
    public async Task A_unit_publicises_its_members_and_their_communities_see_it()
    {
        var publicity = new Publicity
        {
            WorkUnitId = Unit1.Id, Year = Year, Title = "2025年度优秀共产党员拟表彰人选公示", Kind = "评先选优",
            StartsOn = D(12, 1), EndsOn = D(12, 7), CreatedBy = "单位管理员",
        };
        await using (var db = As(UnitAdmin(Unit1)))
        {
            db.Publicities.Add(publicity);
            db.PublicityEntries.Add(new PublicityEntry { PublicityId = publicity.Id, MemberId = Active.Id, Honour = "优秀共产党员" });
            await db.SaveChangesAsync();
        }
        await using (var db = System())
        {
            var entry = await db.PublicityEntries.AsNoTracking().SingleAsync();
            (entry.WorkUnitId, entry.CommunityId).ShouldBe((Unit1.Id, CommunityA1.Id), "kept from the publicity and the member");
        }

        var reads = new (string Who, AccessScope Scope, int Publicities, Guid[] Entries)[]
        {
            ("county", County, 1, [Active.Id]),
            ("unit 1", UnitAdmin(Unit1), 1, [Active.Id]),
            ("unit 2", UnitAdmin(Unit2), 0, []),
            ("the member's community", Secretary(CommunityA1), 1, [Active.Id]),
            ("another community", Secretary(CommunityB), 0, []),
            ("the member's street", Street(StreetA), 1, [Active.Id]),
            ("another street", Street(StreetB), 0, []),
            ("the member", MemberScope(Active), 1, [Active.Id]),
            ("another member", MemberScope(Busy), 0, []),
        };
        foreach (var (who, scope, publicities, entries) in reads)
        {
            await using var db = As(scope);
            (await db.Publicities.CountAsync()).ShouldBe(publicities, who);
            (await db.PublicityEntries.Select(e => e.MemberId).ToListAsync()).ToArray().ShouldBe(entries, who);
        }

        await using (var db = As(UnitAdmin(Unit2)))
        {
            // Another unit's publicity, or a member not of the unit: refused.
            db.PublicityEntries.Add(new PublicityEntry { PublicityId = publicity.Id, MemberId = WithdrawnLate.Id, Honour = "优秀共产党员" });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(UnitAdmin(Unit1)))
        {
            db.PublicityEntries.Add(new PublicityEntry { PublicityId = publicity.Id, MemberId = WithdrawnLate.Id, Honour = "优秀共产党员" });
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(Secretary(CommunityA1)))
        {
            var own = await db.Publicities.SingleAsync();
            own.Title = "社区改的标题";
            await Should.ThrowAsync<ScopeViolationException>(() => db.SaveChangesAsync());
        }
        await using (var db = As(UnitAdmin(Unit1)))
        {
            db.Publicities.Add(new Publicity { WorkUnitId = Unit1.Id, Year = Year, Title = "公示", Kind = "预备党员转正", StartsOn = D(12, 7), EndsOn = D(12, 1), CreatedBy = "单位" });
            (await Should.ThrowAsync<FeedbackException>(() => db.SaveChangesAsync())).Message.ShouldBe("公示开始日期不能晚于结束日期");
        }
        await using var check = System();
        (await check.PublicityEntries.CountAsync()).ShouldBe(1);
        (await check.Publicities.SingleAsync()).Title.ShouldBe("2025年度优秀共产党员拟表彰人选公示");
    }
}

public sealed class SqliteFeedbackScopeTests() : FeedbackScopeTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeedbackScopeTests() : FeedbackScopeTests(DatabaseProvider.PostgreSql);
