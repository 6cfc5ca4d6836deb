using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Requirements;

/// <summary>A member to print a 写实登记卡 for; the serial is given when the records are built.</summary>
public sealed class CardSource(Member member)
{
    public Member Member { get; } = member;
    public string Serial { get; set; } = "";
}

/// <summary>
/// 在职党员进社区情况写实登记卡 as PDF, one member or a batch, for one year: every service record of the year (only
/// confirmed ones totalled), the totals and the progress on the year's rules; the phone masked unless the user may see
/// personal data. Serial: each print is a new document and takes consecutive serials "2026-写实-000001" from
/// <see cref="SerialNumbers"/> (one UPDATE for the whole batch); nothing else is stored.
/// </summary>
public sealed class PrintServiceRecordCards(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : PrintUseCase<CardSource, ServiceRecordCardRecord>(db, trees, audit, time), IUseCase
{
    public const string SerialType = "写实";
    public const int MaxBatch = 1000;

    private readonly TimeProvider clock = time;
    private int year;

    protected override PrintedDocument Document { get; } = new(ServiceRecordCardPdf.Title, nameof(Member), "写实登记卡", "service-record-card");

    /// <summary>The PDF of the members' cards, or null when any member is not the user's (404).</summary>
    public Task<PdfFile?> HandleAsync(IEnumerable<Guid> memberIds, int year)
    {
        this.year = year;
        return PrintAsync(memberIds, ServiceRecordCardPdf.Render);
    }

    /// <summary>The in-service members in the user's scope (the secretary's residents) for a whole-community batch.</summary>
    public async Task<List<Guid>> MembersInScopeAsync(int year)
    {
        var first = new DateOnly(year, 1, 1);
        return await Db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && (m.MovedOutOn == null || m.MovedOutOn >= first))
            .OrderBy(m => m.NamePinyin).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(MaxBatch + 1).ToListAsync();
    }

    protected override async Task<IReadOnlyList<CardSource>?> LoadAsync(IReadOnlyList<Guid> ids)
    {
        if (ids.Count is 0 or > MaxBatch) return null;
        var members = await Db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        return members.Count != ids.Count ? null : [.. ids.Select(id => new CardSource(members[id]))];
    }

    protected override (Guid Id, string Serial) DocumentOf(CardSource source) => (source.Member.Id, source.Serial);

    protected override async Task<List<ServiceRecordCardRecord>> RecordsAsync(IReadOnlyList<CardSource> sources, AccessScope scope, OrgTree tree)
    {
        var ids = sources.Select(s => s.Member.Id).ToList();
        var rules = await RequirementQueries.RulesAsync(Db, year);
        var facts = await RequirementQueries.ForMembersAsync(Db, ids, year);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var records = (await Db.ServiceRecords.AsNoTracking()
                .Where(r => ids.Contains(r.MemberId) && r.ServedOn >= first && r.ServedOn <= last)
                .Select(r => new { r.MemberId, r.ServedOn, r.CreatedAt, r.Content, r.Category, r.Minutes, r.ConfirmedBy, r.Status })
                .ToListAsync())
            .ToLookup(r => r.MemberId);
        var serials = await SerialNumbers.TakeAsync(Db, SerialType, year, sources.Count);
        var today = Clock.TodayInChina(clock);
        var asOf = today.Year > year ? new DateOnly(year + 1, 1, 1) : today;

        return [.. sources.Select((s, i) =>
        {
            var m = s.Member;
            s.Serial = serials[i];
            var services = records[m.Id].OrderBy(r => r.ServedOn).ThenBy(r => r.CreatedAt)
                .Select(r => new ServiceEntry(r.ServedOn, r.Content, r.Category.Text(), r.Minutes, r.ConfirmedBy, r.Status.Text())
                {
                    CountsTowardTotals = r.Status == RecordStatus.Confirmed,
                })
                .ToList();
            var progress = RequirementEvaluator.Evaluate(rules, facts[m.Id], asOf);
            var grid = m.GridId is null ? null : tree.NameOf(m.GridId);
            var address = string.Join(" ", new[] { grid, AddressOf(m, tree) }.Where(p => !string.IsNullOrWhiteSpace(p)));
            return new ServiceRecordCardRecord(s.Serial, Place(tree, m.CommunityId), year, m.Name, m.Gender.Text(), tree.NameOf(m.WorkUnitId),
                Mobile(scope, m.Mobile), today, services)
            {
                Post = m.JobTitle,
                GridAddress = address.Length == 0 ? null : address,
                UnitPartyOrganisation = m.WorkUnitId is null ? null : PartyOrganisation(tree.NameOf(m.WorkUnitId)),
                Requirements = [.. progress.Select(p => new RequirementProgress(p.Label, p.Required, p.Achieved, p.Met))],
            };
        })];
    }
}
