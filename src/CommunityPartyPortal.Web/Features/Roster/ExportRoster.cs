using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>
/// 导出Excel: what the user's role calls the roster, streamed into an .xlsx.
/// <list type="bullet">
/// <item>community secretary — the 社区在职党员名册 of the year: the members with an active (confirmed) 报到 in the
/// community, with 报到日期 and 已报到 / 逾期报到;</item>
/// <item>unit admin — its in-service members (its unit and the units below, active in the year) with their 报到
/// state of the year, as <see cref="ReportingQueries.UnitMembersAsync"/> computes it;</item>
/// <item>street / county — the member list of the scope, with the filters and the order of GET /members.</item>
/// </list>
/// Rows are read with one no-tracking query and written as they come (never a list of entities); organisation
/// names come from the cached tree. 身份证号 and 手机 are masked unless the user has the PII permission; an unmasked
/// export is audited before it starts, and every export is audited with its row count when it ends.
/// </summary>
public sealed class ExportRoster(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time) : IUseCase
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The export decided from the request and the scope: file name, sheet title and the rows to stream.</summary>
    public sealed record Plan(
        string FileName, string Title, string Organisation, DateOnly ExportedOn, bool Unmasked, Guid? TargetId,
        IAsyncEnumerable<RosterRow> Rows);

    /// <summary>The 报到 columns of one member (null: left blank) and a note for 备注.</summary>
    private sealed record ReportInfo(DateOnly? ReportedOn, string? Status, string? Note);

    /// <summary>The member columns the roster needs (no photo, no navigation): one projection for every export.</summary>
    private sealed class Source
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Gender Gender { get; init; }
        public DateOnly BirthDate { get; init; }
        public string? Ethnicity { get; init; }
        public Education Education { get; init; }
        public DateOnly JoinedPartyOn { get; init; }
        public MembershipStatus Status { get; init; }
        public MemberCategory Category { get; init; }
        public string NationalId { get; init; } = "";
        public string Mobile { get; init; } = "";
        public Guid? WorkUnitId { get; init; }
        public string? JobTitle { get; init; }
        public Guid? CommunityId { get; init; }
        public Guid? GridId { get; init; }
        public string? Building { get; init; }
        public string? Room { get; init; }
        public string? Specialties { get; init; }
        public ServiceCategory ServiceIntentions { get; init; }
        public DateOnly? MovedOutOn { get; init; }
    }

    private static readonly Expression<Func<Member, Source>> Project = m => new Source
    {
        Id = m.Id,
        Name = m.Name,
        Gender = m.Gender,
        BirthDate = m.BirthDate,
        Ethnicity = m.Ethnicity,
        Education = m.Education,
        JoinedPartyOn = m.JoinedPartyOn,
        Status = m.Status,
        Category = m.Category,
        NationalId = m.NationalId,
        Mobile = m.Mobile,
        WorkUnitId = m.WorkUnitId,
        JobTitle = m.JobTitle,
        CommunityId = m.CommunityId,
        GridId = m.GridId,
        Building = m.Building,
        Room = m.Room,
        Specialties = m.Specialties,
        ServiceIntentions = m.ServiceIntentions,
        MovedOutOn = m.MovedOutOn,
    };

    /// <summary>The requested year when it is a sensible one (2000 … next year), else the current year in China.</summary>
    public static int YearOf(int? requested, DateOnly today) =>
        requested is { } y && y >= 2000 && y <= today.Year + 1 ? y : today.Year;

    /// <summary>The export for the current user; null when the role has no roster (a member account).</summary>
    public async Task<Plan?> PrepareAsync(int? requestedYear, ListMembers.Query query, CancellationToken ct = default)
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync(ct);
        var today = Clock.TodayInChina(time);
        var year = YearOf(requestedYear, today);
        var pii = scope.CanViewPersonalData;

        switch (scope.Kind)
        {
            case ScopeKind.Community when scope.OrganizationId is { } community:
            {
                // The reports of the year made to this community (the context limits them to it) and still active.
                var reports = await db.CommunityReports.AsNoTracking()
                    .Where(r => r.CommunityId == community && r.Year == year && r.Status == ReportStatus.Confirmed)
                    .Select(r => new { r.MemberId, r.ReportedOn, r.IsLate, r.LetterId, r.CreatedAt })
                    .ToListAsync(ct);
                var byMember = reports.GroupBy(r => r.MemberId).ToDictionary(g => g.Key, g =>
                {
                    var r = g.OrderByDescending(x => x.CreatedAt).First();
                    return new ReportInfo(r.ReportedOn, r.IsLate ? "逾期报到" : "已报到", r.LetterId is null ? "未持报到证明信" : null);
                });
                var ids = byMember.Keys.ToList();
                var members = db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Name).ThenBy(m => m.Id);
                var name = tree.NameOf(community);
                return new Plan(
                    FileName($"社区在职党员名册-{name}-{year}"), $"社区在职党员名册（{year}年度）", tree.PathName(community), today, pii, community,
                    Rows(members.Select(Project), tree, pii, s => byMember.GetValueOrDefault(s.Id), moveOutNote: true, categoryNote: false));
            }
            case ScopeKind.Unit when scope.OrganizationId is { } unit:
            {
                var units = scope.UnitIds.ToList();
                var states = (await ReportingQueries.UnitMembersAsync(db, units, year, ct)).ToDictionary(s => s.MemberId);
                // The members UnitMembersAsync reports on: in service, in the unit's subtree, not moved out before the year.
                var yearStart = new DateOnly(year, 1, 1);
                var members = db.Members.AsNoTracking()
                    .Where(m => m.WorkUnitId != null && units.Contains(m.WorkUnitId.Value) && m.Category == MemberCategory.InService
                                && (m.MovedOutOn == null || m.MovedOutOn >= yearStart))
                    .OrderBy(m => m.Name).ThenBy(m => m.Id);
                return new Plan(
                    FileName($"在职党员名单-{tree.NameOf(unit)}-{year}"), $"在职党员名单（{year}年度）", tree.NameOf(unit), today, pii, unit,
                    Rows(members.Select(Project), tree, pii, s => UnitReport(states.GetValueOrDefault(s.Id)), moveOutNote: true, categoryNote: false));
            }
            case ScopeKind.Street or ScopeKind.County:
            {
                var normalized = query.Normalized();
                // The list's order, with the name sorted as an expression (smallResult): the file holds every row, and
                // sorting them is cheaper than reading them along the name index with a table lookup per row
                // (SQLite, 60,000 members: about 0.2 s less).
                var members = ListMembers.Order(ListMembers.Filter(db.Members.AsNoTracking(), normalized, tree), normalized, reverse: false, smallResult: true);
                var title = (normalized.Category is { } category ? category.Text() + "名册" : "党员名册")
                            + normalized.Status switch { "out" => "（已迁出）", "all" => "（含已迁出）", _ => "" };
                var org = scope.Kind == ScopeKind.Street ? scope.OrganizationId : tree.County?.Id;
                var organisation = scope.Kind == ScopeKind.Street ? tree.PathName(org) : tree.NameOf(org);
                return new Plan(
                    FileName($"{title}-{tree.NameOf(org)}-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}"), title, organisation, today, pii, org,
                    Rows(members.Select(Project), tree, pii, _ => null, moveOutNote: true, categoryNote: normalized.Category is null));
            }
            default:
                return null;
        }
    }

    /// <summary>Streams the workbook to <paramref name="output"/>, with the audit lines; returns the number of members written.</summary>
    public async Task<int> WriteAsync(Plan plan, Stream output, CancellationToken ct = default)
    {
        var target = plan.TargetId?.ToString();
        if (plan.Unmasked)
        {
            await audit.WriteAsync("roster.export-pii", "Roster", target, true, $"{plan.Title}：身份证号、手机号码未脱敏");
        }
        var count = await RosterWorkbook.WriteAsync(output, plan.Title, plan.Organisation, plan.ExportedOn, plan.Rows, ct);
        await audit.WriteAsync("roster.export", "Roster", target, true,
            $"{plan.Title}（{plan.Organisation}）：{count}人，{(plan.Unmasked ? "未脱敏" : "身份证号、手机号码已脱敏")}");
        return count;
    }

    /// <summary>The 报到 columns of a unit's member: 已报到 / 逾期报到 while the report counts, else the state's name.</summary>
    private static ReportInfo UnitReport(MemberReportRow? row)
    {
        if (row is null) return new ReportInfo(null, MemberReportState.NotReported.Text(), null);
        var notes = new List<string>();
        if (row.State == MemberReportState.ReceiptReceived) notes.Add("已收回执");
        if (row.LetterMissing) notes.Add("未持报到证明信");
        if (row.State == MemberReportState.Withdrawn && row.WithdrawnOn is { } withdrawn) notes.Add($"{Date(withdrawn)}撤回报到");
        var status = row.Counts ? (row.IsLate ? "逾期报到" : "已报到") : row.State.Text();
        return new ReportInfo(row.Counts ? row.ReportedOn : null, status, notes.Count == 0 ? null : string.Join("；", notes));
    }

    /// <summary>
    /// The rows of the file, in the query's order. Per row only the row itself and its strings are allocated: the
    /// Chinese names of the enums and of the 服务意向 combinations are looked up once per export.
    /// </summary>
    private static async IAsyncEnumerable<RosterRow> Rows(
        IQueryable<Source> query, OrgTree tree, bool pii, Func<Source, ReportInfo?> report, bool moveOutNote, bool categoryNote,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var no = 0;
        var intentions = new Dictionary<ServiceCategory, string>();
        await foreach (var m in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var info = report(m);
            if (!intentions.TryGetValue(m.ServiceIntentions, out var intention))
            {
                intention = EnumText.FlagsText(m.ServiceIntentions);
                intentions.Add(m.ServiceIntentions, intention);
            }
            yield return new RosterRow
            {
                No = ++no,
                Name = m.Name,
                Gender = m.Gender.Text(),
                BirthDate = m.BirthDate,
                Ethnicity = m.Ethnicity,
                Education = m.Education.Text(),
                JoinedPartyOn = m.JoinedPartyOn,
                Status = m.Status.Text(),
                NationalId = pii ? m.NationalId : Masking.NationalId(m.NationalId),
                Mobile = pii ? m.Mobile : Masking.Mobile(m.Mobile),
                WorkUnit = tree.NameOf(m.WorkUnitId),
                JobTitle = m.JobTitle,
                Community = tree.NameOf(m.CommunityId),
                Grid = tree.NameOf(m.GridId),
                BuildingRoom = BuildingRoom(m.Building, m.Room),
                Specialties = m.Specialties,
                ServiceIntentions = intention,
                ReportedOn = info?.ReportedOn,
                ReportStatus = info?.Status,
                Notes = Notes(categoryNote ? m.Category.Text() : null, info?.Note, moveOutNote && m.MovedOutOn is { } movedOut ? $"{Date(movedOut)}迁出" : null),
            };
        }
    }

    /// <summary>楼栋 and 房号 with a space between, either alone, or empty.</summary>
    private static string BuildingRoom(string? building, string? room)
    {
        var b = string.IsNullOrWhiteSpace(building) ? null : building;
        var r = string.IsNullOrWhiteSpace(room) ? null : room;
        return b is null ? r ?? "" : r is null ? b : string.Concat(b, " ", r);
    }

    /// <summary>The notes given, in order, joined with "；"; null when there is none.</summary>
    private static string? Notes(string? category, string? report, string? moveOut)
    {
        if (report is null && moveOut is null) return category; // the usual case: one note or none
        return string.Join("；", new[] { category, report, moveOut }.Where(n => n is not null));
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A file name from the title: characters Windows refuses become '_'.</summary>
    private static string FileName(string stem)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        return string.Concat(stem.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)) + ".xlsx";
    }
}
