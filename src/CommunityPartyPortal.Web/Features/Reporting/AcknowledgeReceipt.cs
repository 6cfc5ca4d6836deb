using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>回执已收到: the unit acknowledges the community's 报到回执 of one of its members.</summary>
public sealed class AcknowledgeReceipt(PortalDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Null when the report is not visible (404); else the year and an error or null.</summary>
    public async Task<(int Year, string? Error)?> HandleAsync(Guid reportId, string receivedBy)
    {
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.Id == reportId);
        if (report is null) return null;
        if (report.Status != ReportStatus.Confirmed) return (report.Year, "该报到已撤回，无需确认回执");
        if (report.ReceiptReceivedAt is not null) return (report.Year, $"回执 {report.ReceiptSerial} 已确认收到");
        report.ReceiptReceivedAt = time.GetUtcNow().UtcDateTime;
        report.ReceiptReceivedBy = receivedBy;
        await db.SaveChangesAsync();
        return (report.Year, null);
    }
}
