using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 在职党员服务承诺卡 as PDF: one card per page (two with both copies), from the commitments kept with the report,
/// for the reports the user may see.
/// </summary>
public sealed class PrintCommitmentCards(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : ReportPrintUseCase<CommitmentCardRecord>(db, trees, audit, time), IUseCase
{
    protected override PrintedDocument Document { get; } = new(CommitmentCardPdf.Title, nameof(CommunityReport), "服务承诺卡", "commitment-card");

    /// <summary>The PDF, or null when any report is not the user's to print (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> reportIds, CardOptions? options = null)
    {
        options ??= CardOptions.Default;
        return PrintAsync(reportIds, records => CommitmentCardPdf.Render(records, options.Paper, options.BothCopies));
    }

    protected override (Guid Id, string Serial) DocumentOf(ReportSource source) => (source.Report.Id, source.Report.CommitmentSerial);

    protected override Task<List<CommitmentCardRecord>> RecordsAsync(IReadOnlyList<ReportSource> sources, AccessScope scope, OrgTree tree) =>
        Task.FromResult(sources.Select(s =>
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
        }).ToList());
}
