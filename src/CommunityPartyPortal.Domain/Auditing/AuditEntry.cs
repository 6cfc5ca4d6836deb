namespace CommunityPartyPortal.Domain.Auditing;

/// <summary>
/// One line of the append-only audit trail: every write, every sign-in attempt, every unmasked view.
/// The DbContext refuses to update or delete these rows.
/// </summary>
public class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public Guid? OrganizationId { get; set; }
    /// <summary>What was done, e.g. <c>member.create</c>, <c>signin</c>, <c>member.view-pii</c>.</summary>
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public bool Success { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
