using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Summaries;

public enum SubmissionStatus
{
    [Display(Name = "已报送")] Submitted = 1,
    [Display(Name = "已撤回")] Withdrawn = 2,
}

/// <summary>
/// 报送: a work unit (department or subordinate unit), a street or a community marks its summary figures of a year as
/// reported up to the county (seed 003: by 30 November). The history is kept: a withdrawal (撤回, before the deadline, by
/// the same organisation) leaves the row <see cref="SubmissionStatus.Withdrawn"/> and a new submission is a new row. One
/// current submission per organisation and year (<see cref="ActiveSlot"/>, unique with OrganizationId and Year, kept by
/// the DbContext). Scoping: <c>ScopeRules.Summaries</c>.
/// </summary>
public class SummarySubmission : EditableEntity
{
    public const int NoteMaxLength = 500;

    public int Year { get; set; }
    /// <summary>The submitting organisation: a work unit, a street or a community.</summary>
    public Guid OrganizationId { get; set; }
    public SubmissionStatus Status { get; set; } = SubmissionStatus.Submitted;
    /// <summary>1 while submitted, null once withdrawn. Kept in step with <see cref="Status"/> by the DbContext.</summary>
    public int? ActiveSlot { get; set; } = 1;
    /// <summary>UTC.</summary>
    public DateTime SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    /// <summary>报送说明 (≤ 500).</summary>
    public string? Note { get; set; }
    /// <summary>Submitted after the deadline (China date after 30 November of <see cref="Year"/>): allowed, marked.</summary>
    public bool IsLate { get; set; }
    /// <summary>UTC.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }

    public bool IsActive => Status == SubmissionStatus.Submitted;

    /// <summary>The deadline of a year's 报送: 30 November (seed 003, "每年11月底前").</summary>
    public static DateOnly DeadlineOf(int year) => new(year, 11, 30);
}

/// <summary>A 报送 rule refused a change (already submitted, withdrawal after the deadline, …). The message is for the user.</summary>
public sealed class SummaryException(string message) : InvalidOperationException(message);
