using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// The feedback downloads: one card as PDF (whoever sees it: the scope decides, so a unit or a member only once it is
/// sent), the community's batch to one unit (covering letter + that unit's sent cards of the cycle, one per page) and
/// the community's cards of a cycle as .xlsx. Null (404) when there is nothing the user may download. The documents
/// carry no ID number or phone, so no "document.pii" audit line is written (that audit is for unmasked prints only).
/// </summary>
public sealed class PrintFeedback(PortalDbContext db, OrgTreeCache trees, FeedbackDocuments documents) : IUseCase
{

    public async Task<PdfFile?> CardAsync(Guid id)
    {
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => c.Id == id));
        return entries.Count == 0 ? null : documents.CardsPdf(entries);
    }

    public async Task<PdfFile?> BatchAsync(Guid cycleId, Guid unitId)
    {
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => c.CycleId == cycleId && c.WorkUnitId == unitId && c.Status == FeedbackCardStatus.Sent));
        return entries.Count == 0 ? null : await documents.BatchPdfAsync(entries);
    }

    /// <summary>The community's current cards of the cycle (drafts and sent), or null when it has none.</summary>
    public async Task<XlsxFile?> WorkbookAsync(Guid cycleId)
    {
        var cycle = await db.FeedbackCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId);
        if (cycle is null) return null;
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => c.CycleId == cycleId && c.Status != FeedbackCardStatus.Superseded));
        if (entries.Count == 0) return null;
        var tree = await trees.GetAsync();
        var community = Place(tree, db.Scope.OrganizationId);
        var content = documents.Workbook(entries, $"{community}在职党员现实表现评议情况反馈卡（{cycle.Label}）", PartyOrganisation(community));
        return new XlsxFile(content, $"反馈卡-{cycle.Label}.xlsx", "feedback-cards.xlsx");
    }
}
