using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// Scoping of 报送 (<see cref="SummarySubmission"/>): the county (and the system) reads and writes all; a street reads its
/// own and its communities' submissions and writes its own; a community or a unit reads and writes only its own (a
/// department does not see its subordinate units' submissions); members and anonymous nothing. Nobody but the county
/// deletes a submission (the history stays).
/// </summary>
public partial class PortalDbContext
{
    private void ApplySummaryFilters(ModelBuilder builder, ScopeKind kind)
    {
        builder.Entity<SummarySubmission>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => s => s.OrganizationId == ScopeOrganizationId || ScopeCommunityIds.Contains(s.OrganizationId),
            ScopeKind.Community or ScopeKind.Unit => s => s.OrganizationId == ScopeOrganizationId,
            _ => s => false,
        });
    }

    /// <summary>Keeps the current slot with the status, then checks the scope (as it will be and, for changes, as it was).</summary>
    private void CheckSummarySubmissionWrite(EntityEntry entry, SummarySubmission submission)
    {
        if (entry.State != EntityState.Deleted) submission.ActiveSlot = submission.IsActive ? 1 : null;
        if (Scope.SeesEverything) return;
        var own = Scope.Kind is ScopeKind.Unit or ScopeKind.Street or ScopeKind.Community
                  && entry.State != EntityState.Deleted
                  && submission.OrganizationId == ScopeOrganizationId
                  && (entry.State == EntityState.Added
                      || entry.OriginalValues.GetValue<Guid>(nameof(SummarySubmission.OrganizationId)) == ScopeOrganizationId);
        if (!own) throw new ScopeViolationException("只能报送或撤回本组织的汇总表");
    }
}
