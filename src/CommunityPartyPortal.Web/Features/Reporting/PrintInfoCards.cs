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
/// 在职党员基本情况信息卡 as PDF: one card per page (two with both copies), with the member's photo, for the
/// reports the user may see (the secretary's community, the unit's members, the county all).
/// </summary>
public sealed class PrintInfoCards(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : ReportPrintUseCase<MemberInfoCardRecord>(db, trees, audit, time), IUseCase
{
    protected override PrintedDocument Document { get; } = new(MemberInfoCardPdf.Title, nameof(CommunityReport), "基本情况信息卡", "member-info-card");

    /// <summary>The PDF, or null when any report is not the user's to print (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> reportIds, CardOptions? options = null)
    {
        options ??= CardOptions.Default;
        return PrintAsync(reportIds, records => MemberInfoCardPdf.Render(records, options.Paper, options.BothCopies));
    }

    protected override (Guid Id, string Serial) DocumentOf(ReportSource source) => (source.Report.Id, source.Report.InfoCardSerial);

    protected override async Task<List<MemberInfoCardRecord>> RecordsAsync(IReadOnlyList<ReportSource> sources, AccessScope scope, OrgTree tree)
    {
        var withPhoto = sources.Where(s => s.Member.HasPhoto).Select(s => s.Member.Id).Distinct().ToList();
        var photos = withPhoto.Count == 0
            ? []
            : await Db.MemberPhotos.AsNoTracking().Where(p => withPhoto.Contains(p.MemberId))
                .Select(p => new { p.MemberId, p.ContentType, p.Content })
                .ToDictionaryAsync(p => p.MemberId);

        return [.. sources.Select(s =>
        {
            var (r, m) = (s.Report, s.Member);
            photos.TryGetValue(m.Id, out var photo);
            return new MemberInfoCardRecord(
                r.InfoCardSerial,
                Place(tree, r.CommunityId),
                m.Name,
                m.Gender.Text(),
                m.Ethnicity,
                m.BirthDate,
                m.Education.Text(),
                m.JoinedPartyOn,
                m.Status.Text(),
                NationalId(scope, m.NationalId),
                Mobile(scope, m.Mobile),
                tree.NameOf(m.WorkUnitId),
                m.JobTitle,
                AddressOf(m, tree),
                r.ReportedOn)
            {
                Grid = m.GridId is null ? null : tree.NameOf(m.GridId),
                Building = m.Building,
                Room = m.Room,
                Specialties = m.Specialties,
                ServiceIntentions = CategoryNames(m.ServiceIntentions),
                FreeTime = m.FreeTime,
                Photo = photo?.Content,
                PhotoContentType = photo?.ContentType,
                UnitPartyOrganisation = m.WorkUnitId is null ? null : PartyOrganisation(tree.NameOf(m.WorkUnitId)),
            };
        })];
    }
}
