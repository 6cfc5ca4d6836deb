using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Feedback;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// The unit's and the member's downloads of sent cards, through <see cref="FeedbackDocuments"/> on the scoped context:
/// one card (the unit's or the member's own), and the unit's batch of a cycle (for each community its covering letter,
/// then its cards) and the cycle's cards as .xlsx. The batch and the sheet hold the current cards (a superseded card is
/// replaced by its correction). Null (404) when the viewer sees no such card.
/// </summary>
public sealed class InboxDocuments(PortalDbContext db, FeedbackDocuments documents, OrgTreeCache trees) : IUseCase
{

    /// <summary>One sent card (current or superseded) the viewer sees.</summary>
    public async Task<PdfFile?> CardAsync(Guid id, CancellationToken ct = default)
    {
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => c.Id == id && c.Status != FeedbackCardStatus.Draft), ct);
        return entries.Count == 0 ? null : documents.CardsPdf(entries);
    }

    /// <summary>The unit's batch of a cycle: covering letters and cards.</summary>
    public async Task<PdfFile?> BatchAsync(Guid cycleId, CancellationToken ct = default)
    {
        var entries = await CurrentCardsAsync(cycleId, ct);
        return entries.Count == 0 ? null : await documents.BatchPdfAsync(entries, ct);
    }

    /// <summary>The unit's current cards of a cycle as .xlsx.</summary>
    public async Task<XlsxFile?> WorkbookAsync(Guid cycleId, CancellationToken ct = default)
    {
        var entries = await CurrentCardsAsync(cycleId, ct);
        if (entries.Count == 0) return null;
        var tree = await trees.GetAsync(ct);
        var unit = tree.NameOf(db.Scope.OrganizationId);
        var cycle = entries[0].Cycle.Label;
        var content = documents.Workbook(entries, $"{unit}在职党员现实表现评议情况反馈卡（{cycle}）", unit);
        return new XlsxFile(content, $"{unit}反馈卡（{cycle}）.xlsx", $"feedback-cards-{entries[0].Cycle.Year}-{entries[0].Cycle.Period}-{entries[0].Cycle.Number}.xlsx");
    }

    private async Task<List<FeedbackCardEntry>> CurrentCardsAsync(Guid cycleId, CancellationToken ct)
    {
        if (db.Scope.Kind != ScopeKind.Unit) return [];
        var entries = await documents.LoadAsync(db.FeedbackCards.Where(c => c.CycleId == cycleId && c.Status == FeedbackCardStatus.Sent), ct);
        // The letters group by community: keep each community's cards together, in the documents' name order.
        return [.. entries.OrderBy(e => e.Record.Community, StringComparer.Ordinal).ThenBy(e => e.Card.CommunityId)];
    }
}
