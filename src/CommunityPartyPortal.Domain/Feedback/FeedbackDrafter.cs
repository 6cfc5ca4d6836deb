using CommunityPartyPortal.Domain.Auditing;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// Drafts the cards of a cycle: one <see cref="FeedbackCardStatus.Draft"/> card per member who reported to a community
/// for the cycle's year and was still reported at the cycle's end, and who has no current card in the cycle yet. Runs
/// with the county or system scope only (it writes past the per-row scope checks), set-based (a dozen queries whatever
/// the county's size, see <see cref="FeedbackFigures"/>) and inserts with the <see cref="BulkLoader"/> in one
/// transaction (the caller's, when one is open).
/// </summary>
/// <remarks>
/// <para><b>Who gets a card.</b> A member with a <see cref="CommunityReport"/> of the cycle's year, reported on or before
/// EndsOn and not withdrawn by EndsOn (confirmed, or withdrawn after EndsOn), and with a work unit (the card's addressee;
/// a member without one gets no card). With two such reports the latest one gives the community. The card's
/// <see cref="FeedbackCard.WorkUnitId"/> is the member's unit at drafting.</para>
/// <para><b>Idempotent.</b> A member who already has a current card (draft or sent) in the cycle is skipped, so running
/// again drafts only the members that were missing. Two runs at the same moment cannot both insert: the second fails on
/// the unique (CycleId, MemberId, CurrentSlot) index and writes nothing.</para>
/// <para>Bulk-inserted drafts are not audited one by one: one audit line <c>FeedbackCard.draft</c> names the cycle and the count.</para>
/// </remarks>
public static class FeedbackDrafter
{
    /// <summary>Drafts the missing cards of the cycle; returns how many were drafted.</summary>
    /// <exception cref="ScopeViolationException">The context is not the county's or the system's.</exception>
    /// <exception cref="FeedbackException">No such cycle.</exception>
    public static async Task<int> DraftAsync(PortalDbContext db, Guid cycleId, CancellationToken ct = default)
    {
        RequireCounty(db);
        var cycle = await db.FeedbackCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cycleId, ct)
                    ?? throw new FeedbackException("反馈周期不存在");
        return await InTransactionAsync(db, async () =>
        {
            var drafted = await DraftCoreAsync(db, cycle, ct);
            await db.SaveChangesAsync(ct);
            return drafted;
        }, ct);
    }

    /// <summary>
    /// Closes the cycle: drafts the missing cards and marks the cycle <see cref="FeedbackCycleStatus.Closed"/> (with
    /// who and when, the first time), in one transaction. Idempotent: closing a closed cycle drafts only the members
    /// still missing and keeps the first closing's time and name. Refused while the period lasts (today in China time
    /// on or before EndsOn): the figures would be incomplete.
    /// </summary>
    /// <returns>How many cards were drafted.</returns>
    /// <exception cref="ScopeViolationException">The context is not the county's or the system's.</exception>
    /// <exception cref="FeedbackException">No such cycle, or it has not ended.</exception>
    public static async Task<int> CloseAsync(PortalDbContext db, Guid cycleId, string by, CancellationToken ct = default)
    {
        RequireCounty(db);
        var cycle = await db.FeedbackCycles.SingleOrDefaultAsync(c => c.Id == cycleId, ct)
                    ?? throw new FeedbackException("反馈周期不存在");
        if (Clock.TodayInChina(db.Time) <= cycle.EndsOn)
        {
            throw new FeedbackException($"{cycle.Label}至{cycle.EndsOn:yyyy年M月d日}结束，结束后才能关闭");
        }
        return await InTransactionAsync(db, async () =>
        {
            var drafted = await DraftCoreAsync(db, cycle, ct);
            if (!cycle.IsClosed)
            {
                cycle.Status = FeedbackCycleStatus.Closed;
                cycle.ClosedAt = db.Time.GetUtcNow().UtcDateTime;
                cycle.ClosedBy = by;
            }
            await db.SaveChangesAsync(ct);
            return drafted;
        }, ct);
    }

    private static async Task<int> DraftCoreAsync(PortalDbContext db, FeedbackCycle cycle, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(db, cycle, ct);
        if (candidates.Count == 0) return 0;
        var figures = await FeedbackFigures.ComputeAsync(db, cycle, candidates.Keys, ct);
        var cards = new List<FeedbackCard>(candidates.Count);
        foreach (var (memberId, (communityId, workUnitId)) in candidates)
        {
            var f = figures[memberId];
            cards.Add(new FeedbackCard
            {
                CycleId = cycle.Id,
                MemberId = memberId,
                CommunityId = communityId,
                WorkUnitId = workUnitId,
                Services = f.Services,
                Days = f.Days,
                Minutes = f.Minutes,
                PostsClaimed = f.PostsClaimed,
                WishesFulfilled = f.WishesFulfilled,
                HouseholdsPaired = f.Households.Count,
                HouseholdVisits = f.HouseholdVisits,
                Suggestions = f.Suggestions,
                RequirementsMet = f.RequirementsMet,
                RequirementsTotal = f.RequirementsTotal,
                RequirementLines = FeedbackRequirementLines.Write(f.Requirements),
            });
        }
        await BulkLoader.LoadRowsAsync(db, cards, ct);
        var scope = db.Scope;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = db.Time.GetUtcNow().UtcDateTime,
            UserId = scope.UserId,
            UserName = scope.UserName,
            OrganizationId = scope.OrganizationId,
            Action = "FeedbackCard.draft",
            TargetType = nameof(FeedbackCycle),
            TargetId = cycle.Id.ToString(),
            Success = true,
            Detail = $"{cycle.Label}: {cards.Count}",
        });
        return cards.Count;
    }

    /// <summary>The members to draft, with the community they reported to and their unit.</summary>
    private static async Task<Dictionary<Guid, (Guid CommunityId, Guid WorkUnitId)>> CandidatesAsync(PortalDbContext db, FeedbackCycle cycle,
        CancellationToken ct)
    {
        var end = cycle.EndsOn;
        var cycleId = cycle.Id;
        var reports = await db.CommunityReports.AsNoTracking()
            .Where(r => r.Year == cycle.Year && r.ReportedOn <= end
                        && (r.Status == ReportStatus.Confirmed || (r.Status == ReportStatus.Withdrawn && r.WithdrawnOn != null && r.WithdrawnOn > end))
                        && r.Member!.WorkUnitId != null
                        && !db.FeedbackCards.Any(c => c.CycleId == cycleId && c.MemberId == r.MemberId && c.CurrentSlot != null))
            .Select(r => new { r.MemberId, r.CommunityId, WorkUnitId = r.Member!.WorkUnitId!.Value, r.ReportedOn, r.CreatedAt })
            .ToListAsync(ct);
        return reports
            .GroupBy(r => r.MemberId)
            .Select(g => g.OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.CreatedAt).First())
            .ToDictionary(r => r.MemberId, r => (r.CommunityId, r.WorkUnitId));
    }

    private static void RequireCounty(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Scope.SeesEverything) throw new ScopeViolationException("只有县级管理员可以生成反馈卡");
    }

    private static async Task<int> InTransactionAsync(PortalDbContext db, Func<Task<int>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }
}
