using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// The household page: its data (ID and phone masked unless a PII user asks to reveal them, audited as
/// <c>member.view-pii</c> on the household), the pairings, the visits and the month-by-month grid of a year.
/// </summary>
public sealed class HouseholdDetails(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time) : IUseCase
{
    public sealed record PairingRow(Guid Id, Guid MemberId, string MemberName, string WorkUnit, DateOnly PairedOn, DateOnly? EndedOn, Guid Version)
    {
        public bool Active => EndedOn is null;
    }

    public sealed record VisitRow(Guid Id, DateOnly VisitedOn, string MemberName, string Help, string Content, string RecordedBy);

    public sealed class Model
    {
        public Guid Id { get; init; }
        public required string Serial { get; init; }
        public required string Kind { get; init; }
        public required string HeadName { get; init; }
        public string Gender { get; init; } = "";
        public int? BirthYear { get; init; }
        public required string NationalId { get; init; }
        public required string Phone { get; init; }
        public bool Revealed { get; init; }
        public bool CanReveal { get; init; }
        public required string Address { get; init; }
        public required string Community { get; init; }
        public required string Grid { get; init; }
        public string? Situation { get; init; }
        public string? Needs { get; init; }
        public bool IsArchived { get; init; }
        public string? ArchiveReason { get; init; }
        public Guid Version { get; init; }
        public bool CanWrite { get; init; }
        public required IReadOnlyList<PairingRow> Pairings { get; init; }
        public required IReadOnlyList<VisitRow> Visits { get; init; }
        public int Year { get; init; }
        public DateOnly Today { get; init; }
        public required IReadOnlyList<VisitSchedule.Month> Months { get; init; }
        public required IReadOnlyList<VisitSchedule.Month> MissedMonths { get; init; }
        public bool NotVisitedThisMonth { get; init; }
        public bool PairedToday { get; init; }
    }

    public async Task<Model?> HandleAsync(Guid id, bool reveal, int? year)
    {
        var h = await db.Households.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (h is null) return null;
        var scope = db.Scope;
        var hasPii = h.NationalId is not null || h.Phone is not null;
        var revealed = reveal && scope.CanViewPersonalData && hasPii;
        if (revealed) await audit.WriteAsync("member.view-pii", "Household", id.ToString(), true);

        var tree = await trees.GetAsync();
        var pairings = await db.HouseholdPairings.AsNoTracking().Where(p => p.HouseholdId == id)
            .Select(p => new { p.Id, p.MemberId, p.Member!.Name, p.Member.WorkUnitId, p.PairedOn, p.EndedOn, p.Version })
            .ToListAsync();
        var visits = await db.HouseholdVisits.AsNoTracking().Where(v => v.HouseholdId == id)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.CreatedAt)
            .Select(v => new { v.Id, v.VisitedOn, v.Member!.Name, v.Help, v.Content, v.RecordedBy })
            .ToListAsync();
        var today = Clock.TodayInChina(time);
        var schedule = new VisitSchedule(pairings.Select(p => new VisitSchedule.Pairing(p.PairedOn, p.EndedOn)), visits.Select(v => v.VisitedOn), today);
        var shownYear = year is { } y && y >= 2000 && y <= today.Year + 1 ? y : today.Year;

        return new Model
        {
            Id = h.Id,
            Serial = h.Serial,
            Kind = h.Kind.Text(),
            HeadName = h.HeadName,
            Gender = h.Gender?.Text() ?? "",
            BirthYear = h.BirthYear,
            NationalId = revealed ? h.NationalId ?? "" : Masking.NationalId(h.NationalId),
            Phone = revealed ? h.Phone ?? "" : Masking.Mobile(h.Phone),
            Revealed = revealed,
            CanReveal = scope.CanViewPersonalData && hasPii && !revealed,
            Address = h.Address,
            Community = tree.NameOf(h.CommunityId),
            Grid = tree.NameOf(h.GridId),
            Situation = h.Situation,
            Needs = h.Needs,
            IsArchived = h.IsArchived,
            ArchiveReason = h.ArchiveReason,
            Version = h.Version,
            CanWrite = scope.Kind == ScopeKind.Community && !h.IsArchived,
            Pairings = [.. pairings.OrderBy(p => p.EndedOn is null ? 0 : 1).ThenBy(p => p.PairedOn)
                .Select(p => new PairingRow(p.Id, p.MemberId, p.Name, tree.NameOf(p.WorkUnitId), p.PairedOn, p.EndedOn, p.Version))],
            Visits = [.. visits.Select(v => new VisitRow(v.Id, v.VisitedOn, v.Name, v.Help.Text(), v.Content, v.RecordedBy))],
            Year = shownYear,
            Today = today,
            Months = schedule.YearGrid(shownYear),
            MissedMonths = schedule.MissedMonths(),
            NotVisitedThisMonth = !h.IsArchived && schedule.NotVisitedThisMonth,
            PairedToday = schedule.PairedToday,
        };
    }
}
