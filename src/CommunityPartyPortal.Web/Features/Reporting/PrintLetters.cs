using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 在职党员进社区报到证明信 as PDF, one letter (stub + letter) per page, in the order asked. Read through the
/// scoped context: a unit prints the letters it issued, a secretary those addressed to its community, the
/// county any. A letter (or its member) outside the scope, or a cancelled letter, fails the whole request.
/// </summary>
public sealed class PrintLetters(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : PrintUseCase<PrintLetters.LetterSource, ReportLetterRecord>(db, trees, audit, time), IUseCase
{
    /// <summary>A letter to print, with its member.</summary>
    public sealed record LetterSource(ReportLetter Letter, Member Member);

    protected override PrintedDocument Document { get; } = new(ReportLetterPdf.Title, nameof(ReportLetter), "报到证明信", "report-letter");

    /// <summary>The PDF, or null when any letter is not the user's to print (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> letterIds) => PrintAsync(letterIds, ReportLetterPdf.Render);

    protected override async Task<IReadOnlyList<LetterSource>?> LoadAsync(IReadOnlyList<Guid> ids)
    {
        if (ids.Count is 0 or > MaxBatch) return null;

        var letters = await Db.ReportLetters.AsNoTracking()
            .Where(l => ids.Contains(l.Id) && l.Status != LetterStatus.Cancelled)
            .ToDictionaryAsync(l => l.Id);
        if (letters.Count != ids.Count) return null;
        var memberIds = letters.Values.Select(l => l.MemberId).Distinct().ToList();
        var members = await Db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        if (members.Count != memberIds.Count) return null;
        return [.. ids.Select(id => new LetterSource(letters[id], members[letters[id].MemberId]))];
    }

    protected override (Guid Id, string Serial) DocumentOf(LetterSource source) => (source.Letter.Id, source.Letter.Serial);

    protected override async Task<List<ReportLetterRecord>> RecordsAsync(IReadOnlyList<LetterSource> sources, AccessScope scope, OrgTree tree)
    {
        var years = sources.Select(s => s.Letter.Year).Distinct().ToList();
        var deadlines = await Db.ReportingYears.AsNoTracking().Where(y => years.Contains(y.Year)).ToDictionaryAsync(y => y.Year, y => y.Deadline);
        var unitIds = sources.Select(s => s.Letter.WorkUnitId).Distinct().ToList();
        var contacts = await Db.Organizations.AsNoTracking().Where(o => unitIds.Contains(o.Id))
            .Select(o => new { o.Id, o.ContactPerson, o.ContactPhone })
            .ToDictionaryAsync(o => o.Id);

        return [.. sources.Select(s =>
        {
            var (l, m) = (s.Letter, s.Member);
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
        })];
    }
}
