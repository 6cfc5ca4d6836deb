using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Features.ServiceRecords;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Requirements;

/// <summary>
/// A member's year against the annual requirements: every rule with required, achieved, progress, met / behind, and
/// the member's service records of the year below. Visible to whoever sees the member (the secretary of the
/// community the member lives in, the member's unit, the street, the county, the member himself); anyone else 404.
/// </summary>
public sealed class MemberProgress(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public sealed record RecordRow(Guid Id, DateOnly ServedOn, string Content, ServiceCategory Category, bool IsPublicWelfare,
        int Minutes, RecordSource Source, RecordStatus Status, string? ConfirmedBy, string? StatusReason);

    public sealed record Model(Guid MemberId, string Name, string Community, string WorkUnit, int Year, DateOnly AsOf,
        MemberYearSummary Summary, IReadOnlyList<RecordRow> Records, int ConfirmedCount, int ConfirmedDays, int ConfirmedMinutes,
        IReadOnlyList<int> Years, bool IsSecretary, bool CanPrint);

    /// <summary>Null when the member is not visible to the user (404).</summary>
    public async Task<Model?> HandleAsync(Guid memberId, int? year, DateOnly? asOf)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.Name, m.CommunityId, m.WorkUnitId }).FirstOrDefaultAsync();
        if (member is null) return null;
        var today = Clock.TodayInChina(time);
        var y = year is { } requested && EditRequirements.IsValidYear(requested) ? requested : today.Year;
        var on = asOf ?? today;

        var rules = await RequirementQueries.RulesAsync(db, y);
        var facts = await RequirementQueries.ForMemberAsync(db, member.Id, y);
        var summary = RequirementEvaluator.Summarize(rules, facts, on);
        var first = new DateOnly(y, 1, 1);
        var last = new DateOnly(y, 12, 31);
        var records = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.MemberId == member.Id && r.ServedOn >= first && r.ServedOn <= last)
            .OrderBy(r => r.ServedOn).ThenBy(r => r.CreatedAt)
            .Select(r => new RecordRow(r.Id, r.ServedOn, r.Content, r.Category, r.IsPublicWelfare, r.Minutes, r.Source, r.Status, r.ConfirmedBy, r.StatusReason))
            .ToListAsync();
        var tree = await trees.GetAsync();
        var scope = db.Scope;
        return new Model(member.Id, member.Name, tree.NameOf(member.CommunityId), tree.NameOf(member.WorkUnitId), y, on, summary, records,
            facts.ServiceCount, facts.ServiceDates.Distinct().Count(), facts.ServiceMinutes,
            [.. Enumerable.Range(today.Year - 4, 5).Append(y).Distinct().OrderDescending()],
            scope.Kind == ScopeKind.Community,
            scope.Kind is ScopeKind.County or ScopeKind.Street or ScopeKind.Community or ScopeKind.Unit);
    }

    public static string Hours(int minutes) => ServiceRecordForm.HoursText(minutes);
}
