using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 在职党员服务承诺卡 as PDF: one card per page (two with both copies), from the commitments kept with the report,
/// for the reports the user may see.
/// </summary>
public sealed class PrintCommitmentCards(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time) : IUseCase
{
    /// <summary>The PDF, or null when any report is not the user's to print (404).</summary>
    public async Task<PdfFile?> HandleAsync(IEnumerable<Guid> reportIds, CardOptions? options = null)
    {
        var ids = Distinct(reportIds);
        if (await ReportSources.LoadAsync(db, ids) is not { } sources) return null;
        options ??= CardOptions.Default;

        var scope = db.Scope;
        var tree = await trees.GetAsync();
        var records = sources.Select(s =>
        {
            var (r, m) = (s.Report, s.Member);
            return new CommitmentCardRecord(
                r.CommitmentSerial,
                Place(tree, r.CommunityId),
                tree.NameOf(m.WorkUnitId),
                m.Name,
                m.Status.Text(),
                Mobile(scope, m.Mobile),
                r.PostWanted,
                CategoryNames(r.Categories),
                r.FreeTime,
                r.Promises ?? "",
                r.ReportedOn)
            {
                UnitPartyOrganisation = m.WorkUnitId is null ? null : PartyOrganisation(tree.NameOf(m.WorkUnitId)),
            };
        }).ToList();

        var content = CommitmentCardPdf.Render(records, options.Paper, options.BothCopies);
        await AuditUnmaskedAsync(audit, scope, CommitmentCardPdf.Title, nameof(CommunityReport), [.. sources.Select(s => (s.Report.Id, s.Report.CommitmentSerial))]);
        var (name, fallback) = FileNames("服务承诺卡", "commitment-card", [.. records.Select(r => r.Serial)], Clock.TodayInChina(time));
        return new PdfFile(content, name, fallback, records.Count);
    }
}
