using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 在职党员进社区报到证明信 as PDF, one letter (stub + letter) per page, in the order asked. Read through the
/// scoped context: a unit prints the letters it issued, a secretary those addressed to its community, the
/// county any. A letter (or its member) outside the scope, or a cancelled letter, fails the whole request.
/// </summary>
public sealed class PrintLetters(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time) : IUseCase
{
    /// <summary>The PDF, or null when any letter is not the user's to print (404).</summary>
    public async Task<PdfFile?> HandleAsync(IEnumerable<Guid> letterIds)
    {
        var ids = Distinct(letterIds);
        if (ids.Count is 0 or > MaxBatch) return null;

        var letters = await db.ReportLetters.AsNoTracking()
            .Where(l => ids.Contains(l.Id) && l.Status != LetterStatus.Cancelled)
            .ToDictionaryAsync(l => l.Id);
        if (letters.Count != ids.Count) return null;
        var memberIds = letters.Values.Select(l => l.MemberId).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        if (members.Count != memberIds.Count) return null;

        var years = letters.Values.Select(l => l.Year).Distinct().ToList();
        var deadlines = await db.ReportingYears.AsNoTracking().Where(y => years.Contains(y.Year)).ToDictionaryAsync(y => y.Year, y => y.Deadline);
        var unitIds = letters.Values.Select(l => l.WorkUnitId).Distinct().ToList();
        var contacts = await db.Organizations.AsNoTracking().Where(o => unitIds.Contains(o.Id))
            .Select(o => new { o.Id, o.ContactPerson, o.ContactPhone })
            .ToDictionaryAsync(o => o.Id);

        var scope = db.Scope;
        var tree = await trees.GetAsync();
        var records = ids.Select(id =>
        {
            var l = letters[id];
            var m = members[l.MemberId];
            contacts.TryGetValue(l.WorkUnitId, out var unit);
            return new ReportLetterRecord(
                l.Serial,
                PartyOrganisation(tree.NameOf(l.WorkUnitId)),
                PartyOrganisation(Place(tree, l.CommunityId)),
                m.Name,
                m.Gender.Text(),
                m.BirthDate,
                NationalId(scope, m.NationalId),
                Mobile(scope, m.Mobile),
                m.JobTitle,
                m.Status.Text(),
                m.JoinedPartyOn,
                AddressOf(m, tree),
                l.IssuedOn)
            {
                Year = l.Year,
                ValidUntil = deadlines.TryGetValue(l.Year, out var deadline) ? deadline : null,
                IssuedBy = l.IssuedBy,
                ContactPerson = unit?.ContactPerson,
                ContactPhone = unit?.ContactPhone,
            };
        }).ToList();

        var content = ReportLetterPdf.Render(records);
        await AuditUnmaskedAsync(audit, scope, ReportLetterPdf.Title, nameof(ReportLetter), [.. ids.Select(id => (id, letters[id].Serial))]);
        var (name, fallback) = FileNames("报到证明信", "report-letter", [.. records.Select(r => r.Serial)], Clock.TodayInChina(time));
        return new PdfFile(content, name, fallback, records.Count);
    }
}
