using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 在职党员进社区报到回执 as PDF, one receipt (community stub + receipt to the unit) per page. The secretary prints
/// the reports made to its community, the unit those of its members, the county any; anything else is 404.
/// </summary>
public sealed class PrintReceipts(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : ReportPrintUseCase<ReportReceiptRecord>(db, trees, audit, time), IUseCase
{
    protected override PrintedDocument Document { get; } = new(ReportReceiptPdf.Title, nameof(CommunityReport), "报到回执", "report-receipt");

    /// <summary>The PDF, or null when any report is not the user's to print (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> reportIds) => PrintAsync(reportIds, ReportReceiptPdf.Render);

    protected override (Guid Id, string Serial) DocumentOf(ReportSource source) => (source.Report.Id, source.Report.ReceiptSerial);

    protected override async Task<List<ReportReceiptRecord>> RecordsAsync(IReadOnlyList<ReportSource> sources, AccessScope scope, OrgTree tree)
    {
        var communityIds = sources.Select(s => s.Report.CommunityId).Distinct().ToList();
        var contacts = await Db.Organizations.AsNoTracking().Where(o => communityIds.Contains(o.Id))
            .Select(o => new { o.Id, o.ContactPerson, o.ContactPhone })
            .ToDictionaryAsync(o => o.Id);

        return [.. sources.Select(s =>
        {
            var (r, m) = (s.Report, s.Member);
            contacts.TryGetValue(r.CommunityId, out var community);
            return new ReportReceiptRecord(
                r.ReceiptSerial,
                // The receipt answers the unit that sent the letter; without a letter, the member's unit.
                PartyOrganisation(tree.NameOf(s.LetterUnitId ?? m.WorkUnitId)),
                PartyOrganisation(Place(tree, r.CommunityId)),
                m.Name,
                m.Gender.Text(),
                Mobile(scope, m.Mobile),
                NationalId(scope, m.NationalId),
                r.ReportedOn,
                r.IsLate,
                s.LetterSerial,
                r.ConfirmedBy,
                DateOnly.FromDateTime(Clock.ToChina(r.CreatedAt)))
            {
                CommunityContact = community?.ContactPerson,
                CommunityPhone = community?.ContactPhone,
                Address = AddressOf(m, tree),
            };
        })];
    }
}
