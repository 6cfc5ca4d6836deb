using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>
/// 报送 and 撤回 of a year's summary figures by a work unit, street or community, on the caller's (scoped) context:
/// <c>SaveChanges</c> lets an organisation write only its own submissions (the county all) and throws
/// <see cref="Scoping.ScopeViolationException"/> otherwise, before anything is written.
/// </summary>
/// <remarks>
/// The deadline is 30 November of the year (<see cref="SummarySubmission.DeadlineOf"/>), in China dates. A submission
/// after it is accepted and marked late. A withdrawal is accepted up to the deadline only; the organisation may then
/// submit again (a new row; the withdrawn one stays as history). Two submissions at the same moment cannot both be
/// current: the second fails on the unique (OrganizationId, Year, ActiveSlot) index.
/// </remarks>
public static class SummarySubmitter
{
    /// <summary>Submits the organisation's figures of <paramref name="year"/>.</summary>
    /// <exception cref="SummaryException">Not a unit, street or community; already submitted; a note too long.</exception>
    public static async Task<SummarySubmission> SubmitAsync(PortalDbContext db, int year, Guid organizationId, string by, string? note,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > SummarySubmission.NoteMaxLength) throw new SummaryException($"报送说明不能超过{SummarySubmission.NoteMaxLength}字");
        var kind = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => (OrgKind?)o.Kind).FirstOrDefaultAsync(ct);
        if (kind is not (OrgKind.WorkUnit or OrgKind.Street or OrgKind.Community)) throw new SummaryException("只有单位、街道和社区可以报送汇总表");
        if (await db.SummarySubmissions.AnyAsync(s => s.OrganizationId == organizationId && s.Year == year && s.ActiveSlot != null, ct))
        {
            throw new SummaryException($"{year}年度汇总表已报送，如需修改请先撤回");
        }
        var submission = new SummarySubmission
        {
            Year = year,
            OrganizationId = organizationId,
            SubmittedAt = db.Time.GetUtcNow().UtcDateTime,
            SubmittedBy = by,
            Note = note,
            IsLate = Clock.TodayInChina(db.Time) > SummarySubmission.DeadlineOf(year),
        };
        db.SummarySubmissions.Add(submission);
        await db.SaveChangesAsync(ct);
        return submission;
    }

    /// <summary>Withdraws the organisation's current submission of <paramref name="year"/>.</summary>
    /// <exception cref="SummaryException">Nothing submitted, or the deadline has passed.</exception>
    public static async Task<SummarySubmission> WithdrawAsync(PortalDbContext db, int year, Guid organizationId, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var submission = await db.SummarySubmissions
                             .FirstOrDefaultAsync(s => s.OrganizationId == organizationId && s.Year == year && s.ActiveSlot != null, ct)
                         ?? throw new SummaryException($"{year}年度汇总表尚未报送");
        var deadline = SummarySubmission.DeadlineOf(year);
        if (Clock.TodayInChina(db.Time) > deadline) throw new SummaryException($"报送截止日期（{deadline:yyyy年M月d日}）已过，不能撤回");
        submission.Status = SubmissionStatus.Withdrawn;
        submission.WithdrawnAt = db.Time.GetUtcNow().UtcDateTime;
        submission.WithdrawnBy = by;
        await db.SaveChangesAsync(ct);
        return submission;
    }
}
