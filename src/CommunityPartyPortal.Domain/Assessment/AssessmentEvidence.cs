using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Domain.Assessment.EvidenceText;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>
/// The evidence behind seed 001 items 13–17, computed from the portal's records for many communities at once (grouped
/// queries, one per kind of record, never one per community), over the year up to <c>asOf</c>, under the caller's scope.
/// <list type="bullet">
/// <item><b>posts</b>: posts set up (all the community's posts, closed ones too), and posts held by an approved claim in the year; full points when there is a post and at
/// least half are claimed, half when there are posts.</item>
/// <item><b>activities</b>: activities held (not cancelled) and those with a check-in (pending or confirmed); the share of the
/// due two-month periods (<see cref="TwoMonthPeriods"/>) that had an activity with a check-in.</item>
/// <item><b>households</b>: households paired in the year and their visits; the share of the due household-months (every
/// month of a pairing that has ended by <c>asOf</c>, or already has a visit) with a visit.</item>
/// <item><b>participation</b>: the community's own (自管) members still there with a confirmed service in the year, above
/// 60% of them (exactly 60% is not above), and a concentrated service (an activity of the kind 集中服务, or one with at
/// least <see cref="ConcentratedCheckIns"/> check-ins) in every due two-month period; full when both hold, half when one.</item>
/// <item><b>rosters</b>: members of each roster (自管、在职、流动) living in the community and the inflow/outflow cards; full
/// when the three rosters are non-empty and there is a card, half when one of the two holds.</item>
/// </list>
/// </summary>
public static class AssessmentEvidence
{
    /// <summary>Check-ins that make an activity a concentrated service whatever its kind.</summary>
    public const int ConcentratedCheckIns = 5;

    /// <summary>The participation rate must be above this share (not equal).</summary>
    public const int ParticipationPercent = 60;

    public static async Task<EvidenceSet> ForCommunitiesAsync(PortalDbContext db, IReadOnlyCollection<Guid> communityIds, int year, DateOnly asOf,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(communityIds);
        var ids = communityIds.Distinct().ToList();
        var from = new DateOnly(year, 1, 1);
        var to = asOf < new DateOnly(year, 12, 31) ? asOf : new DateOnly(year, 12, 31);
        var fromUtc = Utc(from);
        var untilUtc = Utc(to.AddDays(1));

        var posts = await db.ServicePosts.Where(p => ids.Contains(p.CommunityId))
            .GroupBy(p => p.CommunityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var claimed = await db.PostClaims
            .Where(c => ids.Contains(c.CommunityId) && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Released)
                        && c.ApprovedOn != null && c.ApprovedOn <= to && (c.ReleasedOn == null || c.ReleasedOn >= from))
            .GroupBy(c => c.CommunityId).Select(g => new { g.Key, Count = g.Select(c => c.PostId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var activities = await db.Activities
            .Where(a => ids.Contains(a.CommunityId) && !a.IsCancelled && a.StartsAt >= fromUtc && a.StartsAt < untilUtc)
            .Select(a => new { a.Id, a.CommunityId, a.StartsAt, a.Kind }).ToListAsync(ct);
        var checkIns = await db.ServiceRecords
            .Where(r => r.ActivityId != null && ids.Contains(r.CommunityId) && r.ServedOn >= from && r.ServedOn <= to
                        && (r.Status == RecordStatus.Pending || r.Status == RecordStatus.Confirmed))
            .GroupBy(r => r.ActivityId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var held = activities.Select(a => (a.CommunityId, Period: TwoMonthPeriods.Of(DateOnly.FromDateTime(Clock.ToChina(a.StartsAt))),
            CheckIns: checkIns.GetValueOrDefault(a.Id), Concentrated: a.Kind == ActivityKind.ConcentratedService || checkIns.GetValueOrDefault(a.Id) >= ConcentratedCheckIns))
            .ToLookup(a => a.CommunityId);

        var pairings = (await db.HouseholdPairings
            .Where(p => ids.Contains(p.CommunityId) && p.PairedOn <= to && (p.EndedOn == null || p.EndedOn >= from))
            .Select(p => new { p.CommunityId, p.HouseholdId, p.PairedOn, p.EndedOn }).ToListAsync(ct)).ToLookup(p => p.CommunityId);
        var visitedMonths = (await db.HouseholdVisits.Where(v => ids.Contains(v.CommunityId) && v.VisitedOn >= from && v.VisitedOn <= to)
            .Select(v => new { v.CommunityId, v.HouseholdId, v.VisitedOn.Month }).Distinct().ToListAsync(ct))
            .Select(v => (v.HouseholdId, v.Month)).ToHashSet();
        var visits = await db.HouseholdVisits.Where(v => ids.Contains(v.CommunityId) && v.VisitedOn >= from && v.VisitedOn <= to)
            .GroupBy(v => v.CommunityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var residents = db.Members.Where(m => m.CommunityId != null && ids.Contains(m.CommunityId.Value) && (m.MovedOutOn == null || m.MovedOutOn > to));
        var rosters = (await residents.GroupBy(m => new { m.CommunityId, m.Category }).Select(g => new { g.Key.CommunityId, g.Key.Category, Count = g.Count() })
            .ToListAsync(ct)).ToDictionary(g => (g.CommunityId!.Value, g.Category), g => g.Count);
        var participants = await residents
            .Where(m => m.Category == MemberCategory.SelfManaged && db.ServiceRecords.Any(r => r.MemberId == m.Id && r.Status == RecordStatus.Confirmed
                                                                                              && r.ServedOn >= from && r.ServedOn <= to))
            .GroupBy(m => m.CommunityId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var flows = (await (from f in db.MemberFlowRecords
                            join m in db.Members on f.MemberId equals m.Id
                            where m.CommunityId != null && ids.Contains(m.CommunityId.Value) && f.OccurredOn <= to
                            group f by new { m.CommunityId, f.Direction } into g
                            select new { g.Key.CommunityId, g.Key.Direction, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => (g.CommunityId!.Value, g.Direction), g => g.Count);

        var result = new List<Evidence>();
        foreach (var id in ids)
        {
            result.Add(Posts(id, posts.GetValueOrDefault(id), claimed.GetValueOrDefault(id)));
            var mine = held[id].ToList();
            result.Add(Activities(id, year, to, mine.Count, mine.Where(a => a.CheckIns > 0).Select(a => a.Period).ToList()));
            result.Add(Households(id, year, to, pairings[id].Select(p => (p.HouseholdId, p.PairedOn, p.EndedOn)).ToList(), visitedMonths, visits.GetValueOrDefault(id)));
            result.Add(Participation(id, year, to, rosters.GetValueOrDefault((id, MemberCategory.SelfManaged)), participants.GetValueOrDefault(id),
                mine.Where(a => a.Concentrated).Select(a => a.Period).ToHashSet()));
            result.Add(Rosters(id, rosters.GetValueOrDefault((id, MemberCategory.SelfManaged)), rosters.GetValueOrDefault((id, MemberCategory.InService)),
                rosters.GetValueOrDefault((id, MemberCategory.Floating)), flows.GetValueOrDefault((id, FlowDirection.Inflow)), flows.GetValueOrDefault((id, FlowDirection.Outflow))));
        }
        return new EvidenceSet(result);
    }

    private static DateTime Utc(DateOnly chinaDate) =>
        TimeZoneInfo.ConvertTimeToUtc(chinaDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Clock.China);

    // The evidence of one community from its figures (public: the rules are unit-tested at their edges).

    public static Evidence Posts(Guid community, int posts, int claimed)
    {
        var fraction = posts == 0 ? 0m : claimed * 2 >= posts ? 1m : 0.5m;
        var why = posts == 0 ? "未设置服务岗位" : $"设置服务岗位{posts}个，已认领{claimed}个（{Percent(claimed, posts)}）{(fraction == 1m ? "，认领过半" : "，认领不足一半")}";
        return new Evidence(community, EvidenceKeys.Posts, [new("服务岗位", posts, "个"), new("已认领岗位", claimed, "个")], fraction, $"{why}：{Suggestion(fraction)}");
    }

    public static Evidence Activities(Guid community, int year, DateOnly asOf, int held, IReadOnlyCollection<int> periodsWithCheckIns)
    {
        var (due, missing) = TwoMonthPeriods.Check(year, asOf, periodsWithCheckIns.ToHashSet());
        var fraction = Ratio(due.Count - missing.Count, due.Count);
        var why = $"开展活动{held}次，有签到记录的{periodsWithCheckIns.Count}次；应检查的{due.Count}个双月中{due.Count - missing.Count}个有记录"
                  + (missing.Count > 0 ? $"（{Periods(missing)}没有）" : "");
        return new Evidence(community, EvidenceKeys.Activities,
            [new("活动", held, "次"), new("有签到记录的活动", periodsWithCheckIns.Count, "次"), new("有记录的双月", due.Count - missing.Count, "个"), new("应检查的双月", due.Count, "个")],
            fraction, $"{why}：{Suggestion(fraction)}");
    }

    public static Evidence Households(Guid community, int year, DateOnly asOf, IReadOnlyList<(Guid HouseholdId, DateOnly PairedOn, DateOnly? EndedOn)> pairings,
        IReadOnlySet<(Guid HouseholdId, int Month)> visitedMonths, int visits)
    {
        var due = 0;
        var visited = 0;
        var lastMonth = asOf.Year < year ? 0 : asOf.Year > year ? 12 : asOf.Month;
        foreach (var household in pairings.GroupBy(p => p.HouseholdId))
        {
            for (var month = 1; month <= lastMonth; month++)
            {
                var start = new DateOnly(year, month, 1);
                var end = start.AddMonths(1).AddDays(-1);
                if (!household.Any(p => p.PairedOn <= end && (p.EndedOn is null || p.EndedOn >= start))) continue;
                var done = visitedMonths.Contains((household.Key, month));
                if (end > asOf && !done) continue; // the month in progress counts only once visited
                due++;
                if (done) visited++;
            }
        }
        var households = pairings.Select(p => p.HouseholdId).Distinct().Count();
        var fraction = Ratio(visited, due);
        var why = households == 0 ? "没有结对联系户" : $"结对联系户{households}户，走访{visits}次；应走访{due}户月，已走访{visited}户月（{Percent(visited, due)}）";
        return new Evidence(community, EvidenceKeys.Households,
            [new("结对联系户", households, "户"), new("走访", visits, "次"), new("应走访户月", due, "户月"), new("已走访户月", visited, "户月")],
            fraction, $"{why}：{Suggestion(fraction)}");
    }

    public static Evidence Participation(Guid community, int year, DateOnly asOf, int members, int participants, IReadOnlySet<int> concentratedPeriods)
    {
        var rateMet = members > 0 && participants * 100 > members * ParticipationPercent;
        var (due, missing) = TwoMonthPeriods.Check(year, asOf, concentratedPeriods);
        var serviceMet = due.Count > 0 && missing.Count == 0;
        var fraction = rateMet && serviceMet ? 1m : rateMet || serviceMet ? 0.5m : 0m;
        var rate = $"组织关系在社区的党员{members}人，参与服务{participants}人（{Percent(participants, members)}，{(rateMet ? "超过" : "未超过")}{ParticipationPercent}%）";
        var service = due.Count == 0 ? "尚无集中服务" : missing.Count == 0 ? $"集中服务{due.Count}个双月均有" : $"集中服务{Periods(missing)}没有";
        return new Evidence(community, EvidenceKeys.Participation,
            [new("组织关系在社区的党员", members, "人"), new("参与服务的党员", participants, "人"), new("有集中服务的双月", due.Count - missing.Count, "个"), new("应检查的双月", due.Count, "个")],
            fraction, $"{rate}；{service}：{Suggestion(fraction)}");
    }

    public static Evidence Rosters(Guid community, int selfManaged, int inService, int floating, int inflow, int outflow)
    {
        var rostersMet = selfManaged > 0 && inService > 0 && floating > 0;
        var cardsMet = inflow + outflow > 0;
        var fraction = rostersMet && cardsMet ? 1m : rostersMet || cardsMet ? 0.5m : 0m;
        var why = $"自管党员{selfManaged}人、在职党员{inService}人、流动党员{floating}人（{(rostersMet ? "三类花名册齐全" : "三类花名册不全")}）；" +
                  $"流入登记卡{inflow}张、流出登记卡{outflow}张";
        return new Evidence(community, EvidenceKeys.Rosters,
            [new("自管党员", selfManaged, "人"), new("在职党员", inService, "人"), new("流动党员", floating, "人"), new("流入登记卡", inflow, "张"), new("流出登记卡", outflow, "张")],
            fraction, $"{why}：{Suggestion(fraction)}");
    }
}
