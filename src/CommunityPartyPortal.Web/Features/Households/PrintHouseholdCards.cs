using System.Globalization;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 在职党员进社区联系对象档案卡 (seed 003 att. 8) as PDF, one household or a batch (one card from a new page each, in
/// the order asked): the household's particulars (ID and phone masked unless the user may see personal data; an
/// unmasked print is audited as "document.pii"), every pairing (current first; an ended one says when it ended) and every
/// visit, oldest first. The serial is the household's own; nothing else is written. A household the user may not
/// read makes the whole print 404 (<see cref="PrintUseCase{TSource,TRecord}"/>): no partial batches.
/// </summary>
public sealed class PrintHouseholdCards(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : PrintUseCase<Household, HouseholdCardRecord>(db, trees, audit, time), IUseCase
{
    /// <summary>The most cards one PDF may hold.</summary>
    public const int MaxBatch = ReportingDocuments.MaxBatch;

    private readonly TimeProvider clock = time;

    protected override PrintedDocument Document { get; } = new(HouseholdCardPdf.Title, nameof(Household), "联系对象档案卡", "household-card");

    /// <summary>The PDF of the households' cards, or null when any is not the user's to read (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> householdIds) => PrintAsync(householdIds, HouseholdCardPdf.Render);

    protected override async Task<IReadOnlyList<Household>?> LoadAsync(IReadOnlyList<Guid> ids)
    {
        if (ids.Count is 0 or > MaxBatch) return null;
        var found = await Db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id);
        return found.Count != ids.Count ? null : [.. ids.Select(id => found[id])];
    }

    protected override (Guid Id, string Serial) DocumentOf(Household source) => (source.Id, source.Serial);

    protected override async Task<List<HouseholdCardRecord>> RecordsAsync(IReadOnlyList<Household> sources, AccessScope scope, OrgTree tree)
    {
        var ids = sources.Select(h => h.Id).ToList();
        var pairings = (await Db.HouseholdPairings.AsNoTracking().Where(p => ids.Contains(p.HouseholdId))
                .Select(p => new { p.HouseholdId, p.Member!.Name, p.Member.WorkUnitId, p.Member.Mobile, p.PairedOn, p.EndedOn })
                .ToListAsync())
            .ToLookup(p => p.HouseholdId);
        var visits = (await Db.HouseholdVisits.AsNoTracking().Where(v => ids.Contains(v.HouseholdId))
                .Select(v => new { v.HouseholdId, v.VisitedOn, v.CreatedAt, v.Member!.Name, v.Help, v.Content })
                .ToListAsync())
            .ToLookup(v => v.HouseholdId);
        var today = Clock.TodayInChina(clock);

        return [.. sources.Select(h =>
        {
            var paired = pairings[h.Id].OrderBy(p => p.EndedOn is null ? 0 : 1).ThenBy(p => p.PairedOn).ToList();
            var units = paired.Where(p => p.EndedOn is null && p.WorkUnitId is not null)
                .Select(p => PartyOrganisation(tree.NameOf(p.WorkUnitId))).Where(n => n.Length > 0).Distinct().ToList();
            return new HouseholdCardRecord(
                h.Serial,
                Place(tree, h.CommunityId),
                h.Kind.Text(),
                h.HeadName,
                h.Gender?.Text(),
                h.NationalId is null ? null : NationalId(scope, h.NationalId),
                h.Phone is null ? null : Mobile(scope, h.Phone),
                h.Address,
                today)
            {
                BirthYear = h.BirthYear,
                Age = AgeOf(h.BirthYear, today),
                Grid = h.GridId is null ? null : tree.NameOf(h.GridId),
                FamilySituation = h.Situation,
                Needs = h.Needs,
                Members = [.. paired.Select(p => new PairedMember(p.Name, WorkUnitText(tree.NameOf(p.WorkUnitId), p.EndedOn), p.PairedOn)
                {
                    Mobile = string.IsNullOrEmpty(p.Mobile) ? null : Mobile(scope, p.Mobile),
                })],
                Visits = [.. visits[h.Id].OrderBy(v => v.VisitedOn).ThenBy(v => v.CreatedAt)
                    .Select(v => new HouseholdVisitEntry(v.VisitedOn, v.Name, v.Help.Text(), v.Content))],
                UnitPartyOrganisation = units.Count == 0 ? null : string.Join("、", units),
            };
        })];
    }

    /// <summary>The work unit as printed; an ended pairing says when it ended (the card has no column for it).</summary>
    public static string WorkUnitText(string unit, DateOnly? endedOn) =>
        endedOn is { } end ? $"{unit}（{end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}结束结对）" : unit;

    /// <summary>Age in whole years at <paramref name="today"/> from the birth year alone (null without one or when implausible).</summary>
    public static int? AgeOf(int? birthYear, DateOnly today) =>
        birthYear is { } y && y <= today.Year && today.Year - y <= 130 ? today.Year - y : null;
}
