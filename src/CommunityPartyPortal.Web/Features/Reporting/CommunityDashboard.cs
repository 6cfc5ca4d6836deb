using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 报到管理 of a community for one year: (a) 待报到 — letters addressed to the community with no report yet,
/// (b) in-service residents with neither a letter nor a report (they may report without a letter),
/// (c) the 社区在职党员名册 — the confirmed reports, and the withdrawn ones below them.
/// </summary>
public sealed class CommunityDashboard(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    private static readonly StringComparer NameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    public sealed record PendingLetter(Guid LetterId, string Serial, Guid MemberId, string Name, string Unit, string Grid, DateOnly IssuedOn);

    public sealed record Resident(Guid MemberId, string Name, string Unit, string Grid, bool WasWithdrawn);

    public sealed record RosterRow(
        Guid ReportId, Guid MemberId, string Name, string Unit, string Grid, DateOnly ReportedOn, bool IsLate,
        string ReceiptSerial, string? LetterSerial, bool ReceiptReceived, bool Active, DateOnly? WithdrawnOn, string? WithdrawReason,
        bool MemberVisible);

    public sealed class Model
    {
        public required int Year { get; init; }
        public required IReadOnlyList<int> Years { get; init; }
        public required string CommunityName { get; init; }
        public ReportingYear? Settings { get; init; }
        public required IReadOnlyList<PendingLetter> Pending { get; init; }
        public required IReadOnlyList<Resident> WithoutLetter { get; init; }
        public required IReadOnlyList<RosterRow> Roster { get; init; }
        public required IReadOnlyList<RosterRow> Withdrawn { get; init; }
        public DateOnly Today { get; init; }
    }

    /// <summary>The community's page; null when the user is not a community secretary.</summary>
    public async Task<Model?> HandleAsync(int? requestedYear)
    {
        var scope = db.Scope;
        if (scope.Kind != ScopeKind.Community || scope.OrganizationId is not { } community) return null;
        var tree = await trees.GetAsync();
        var year = ReportingYears.Normalize(requestedYear, time);

        // Every query below is limited to the community by the context: its residents, the letters
        // addressed to it, the reports made to it.
        var reports = await db.CommunityReports.AsNoTracking()
            .Where(r => r.Year == year)
            .Select(r => new
            {
                r.Id, r.MemberId, r.ReportedOn, r.IsLate, r.ReceiptSerial, r.LetterId, r.Status, r.ReceiptReceivedAt,
                r.WithdrawnOn, r.WithdrawReason,
            })
            .ToListAsync();
        var letters = await db.ReportLetters.AsNoTracking()
            .Where(l => l.Year == year && l.Status != LetterStatus.Cancelled)
            .Select(l => new { l.Id, l.Serial, l.MemberId, l.Status, l.IssuedOn })
            .ToListAsync();
        var residents = await db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && m.MovedOutOn == null)
            .Select(m => new { m.Id, m.Name, m.WorkUnitId, m.GridId })
            .ToListAsync();

        var memberIds = reports.Select(r => r.MemberId).Concat(letters.Select(l => l.MemberId)).Distinct().ToList();
        var people = await db.Members.AsNoTracking()
            .Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.WorkUnitId, m.GridId })
            .ToDictionaryAsync(m => m.Id);
        foreach (var r in residents) people.TryAdd(r.Id, r);

        var active = reports.Where(r => r.Status == ReportStatus.Confirmed).Select(r => r.MemberId).ToHashSet();
        var withdrawnMembers = reports.Where(r => r.Status == ReportStatus.Withdrawn).Select(r => r.MemberId).ToHashSet();
        var serialOf = letters.ToDictionary(l => l.Id, l => l.Serial);

        var pending = letters
            .Where(l => l.Status == LetterStatus.Issued && !active.Contains(l.MemberId) && people.ContainsKey(l.MemberId))
            .Select(l => (Letter: l, Member: people[l.MemberId]))
            .Select(x => new PendingLetter(x.Letter.Id, x.Letter.Serial, x.Letter.MemberId, x.Member.Name,
                tree.NameOf(x.Member.WorkUnitId), tree.NameOf(x.Member.GridId), x.Letter.IssuedOn))
            .OrderBy(p => p.Name, NameOrder).ThenBy(p => p.Serial, StringComparer.Ordinal)
            .ToList();
        var withLetter = pending.Select(p => p.MemberId).ToHashSet();
        var withoutLetter = residents
            .Where(m => !active.Contains(m.Id) && !withLetter.Contains(m.Id))
            .Select(m => new Resident(m.Id, m.Name, tree.NameOf(m.WorkUnitId), tree.NameOf(m.GridId), withdrawnMembers.Contains(m.Id)))
            .OrderBy(m => m.Name, NameOrder).ThenBy(m => m.MemberId)
            .ToList();

        var roster = reports
            .Select(r =>
            {
                var visible = people.TryGetValue(r.MemberId, out var m);
                return new RosterRow(
                    r.Id, r.MemberId, visible ? m!.Name : "（已不在本社区居住）", visible ? tree.NameOf(m!.WorkUnitId) : "",
                    visible ? tree.NameOf(m!.GridId) : "", r.ReportedOn, r.IsLate, r.ReceiptSerial,
                    r.LetterId is { } letterId && serialOf.TryGetValue(letterId, out var serial) ? serial : null,
                    r.ReceiptReceivedAt is not null, r.Status == ReportStatus.Confirmed, r.WithdrawnOn, r.WithdrawReason, visible);
            })
            .ToList();

        return new Model
        {
            Year = year,
            Years = await ReportingYears.OptionsAsync(db, time, year),
            CommunityName = tree.PathName(community),
            Settings = await db.ReportingYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year),
            Pending = pending,
            WithoutLetter = withoutLetter,
            Roster = [.. roster.Where(r => r.Active).OrderBy(r => r.Name, NameOrder).ThenBy(r => r.ReportId)],
            Withdrawn = [.. roster.Where(r => !r.Active).OrderByDescending(r => r.WithdrawnOn).ThenBy(r => r.Name, NameOrder)],
            Today = Clock.TodayInChina(time),
        };
    }
}
