using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// 报送 of a unit, street or community: its own figures of the year (the summary views of its subtree), its current
/// submission and history, submitting with an optional note (late after 30 November: accepted, marked) and withdrawing
/// before the deadline (<see cref="SummarySubmitter"/>). Only the organisation's own submission is found; another's is not (404).
/// </summary>
public sealed class OwnSubmission(PortalDbContext db, SummaryFilter filter, TimeProvider time) : IUseCase
{
    public sealed record Model(int Year, DateOnly Deadline, bool DeadlinePassed, string OrganizationName, IReadOnlyList<SummaryView> Figures,
        SummarySubmission? Current, IReadOnlyList<SummarySubmission> History);

    public sealed record Outcome(bool Ok, string Message, int Year);

    public static bool Submits(AccessScope scope) =>
        scope.Kind is ScopeKind.Unit or ScopeKind.Community or ScopeKind.Street && scope.OrganizationId is not null;

    public bool IsValidYear(int year) => year >= SummaryFilter.FirstYear && year <= filter.ThisYear;

    /// <summary>Null: not an organisation that submits, or a year out of range.</summary>
    public async Task<Model?> PageAsync(int? year)
    {
        var y = year ?? filter.ThisYear;
        if (!Submits(db.Scope) || !IsValidYear(y)) return null;
        if (await filter.ResolveAsync(new SummaryFilter.Query { Year = y, Root = db.Scope.OrganizationId }) is not { } resolved) return null;
        var history = await db.SummarySubmissions.AsNoTracking()
            .Where(s => s.OrganizationId == resolved.Root.Id && s.Year == y)
            .OrderByDescending(s => s.SubmittedAt)
            .ToListAsync();
        var view = resolved.Root.Kind == OrgKind.WorkUnit ? 0 : 1; // a unit its units, a street or community its communities
        SummaryView[] views =
        [
            SummaryDocuments.Reporting(await SummaryData.ReportingAsync(db, resolved))[view],
            SummaryDocuments.Service(await SummaryData.ServiceAsync(db, resolved))[view],
        ];
        var deadline = SummarySubmission.DeadlineOf(y);
        return new Model(y, deadline, Clock.TodayInChina(time) > deadline, resolved.Root.Name, views,
            history.FirstOrDefault(s => s.IsActive), history);
    }

    public async Task<Outcome?> SubmitAsync(int year, string? note, string by)
    {
        if (!Submits(db.Scope) || !IsValidYear(year)) return null;
        try
        {
            var saved = await SummarySubmitter.SubmitAsync(db, year, db.Scope.OrganizationId!.Value, by, note);
            return new Outcome(true, saved.IsLate ? $"已报送{year}年度汇总表（逾期报送）" : $"已报送{year}年度汇总表", year);
        }
        catch (SummaryException e)
        {
            return new Outcome(false, e.Message, year);
        }
        catch (DbUpdateException)
        {
            // Submitted at the same moment from another session (unique current submission).
            return new Outcome(false, $"{year}年度汇总表已报送，如需修改请先撤回", year);
        }
    }

    /// <summary>Null: no such submission of the user's organisation (404, nothing written).</summary>
    public async Task<Outcome?> WithdrawAsync(Guid id, string by)
    {
        if (!Submits(db.Scope)) return null;
        var submission = await db.SummarySubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        if (submission is null || submission.OrganizationId != db.Scope.OrganizationId) return null;
        if (!submission.IsActive) return new Outcome(false, "该次报送已撤回", submission.Year);
        try
        {
            await SummarySubmitter.WithdrawAsync(db, submission.Year, submission.OrganizationId, by);
            return new Outcome(true, $"已撤回{submission.Year}年度汇总表的报送", submission.Year);
        }
        catch (SummaryException e)
        {
            return new Outcome(false, e.Message, submission.Year);
        }
    }
}
