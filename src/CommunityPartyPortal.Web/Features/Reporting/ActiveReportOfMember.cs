using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// The member's active (confirmed) report of the latest year that the user may print, for the 信息卡 link of the
/// member page; null for the roles that may not print (street, member) and when there is none in the scope.
/// </summary>
public sealed class ActiveReportOfMember(PortalDbContext db) : IUseCase
{
    public async Task<Guid?> HandleAsync(Guid memberId)
    {
        if (db.Scope.Kind is not (ScopeKind.County or ScopeKind.Unit or ScopeKind.Community)) return null;
        return await db.CommunityReports.AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Status == ReportStatus.Confirmed)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.CreatedAt)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync();
    }

    public static string InfoCardUrl(Guid reportId) => $"/reporting/reports/{reportId}/info-card.pdf";
}
