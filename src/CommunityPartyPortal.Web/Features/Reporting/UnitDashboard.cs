using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 报到管理 of a unit: its members' 报到 states, the verified member count, the reporting rate against
/// the year's threshold. A unit admin sees its own unit and the units below it; the county any unit
/// (read only). Everything is read through the scoped context.
/// </summary>
public sealed class UnitDashboard(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int PageSize = 100;
    /// <summary>The filter value of the "still missing" list: 未报到 and 已开证明信.</summary>
    public const string Missing = "missing";

    private static readonly StringComparer NameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    /// <summary>The query string: year, unit, state (a <see cref="MemberReportState"/> name or "missing"), page.</summary>
    public sealed class Query
    {
        public int? Year { get; set; }
        public Guid? Unit { get; set; }
        public string? State { get; set; }
        public int Page { get; set; } = 1;
    }

    /// <summary>核实单位党员数 (posted to /reporting/unit/verify).</summary>
    public sealed class VerifyForm
    {
        [Display(Name = "年度")] public int? Year { get; set; }
        [Display(Name = "核实党员数")] public int? VerifiedCount { get; set; }
        [Display(Name = "备注")] public string? Notes { get; set; }
    }

    public sealed record Option(Guid Id, string Text);

    public sealed record Row(MemberReportRow Data, string Unit, string Community);

    public sealed class Model
    {
        public required int Year { get; init; }
        public required IReadOnlyList<int> Years { get; init; }
        public required IReadOnlyList<Option> Units { get; init; }
        /// <summary>The unit shown (with the units below it); null while the county has not picked one.</summary>
        public Guid? UnitId { get; init; }
        public string UnitName { get; init; } = "";
        /// <summary>The unit admin may act (letters, receipts); the county only reads.</summary>
        public bool CanAct { get; init; }
        /// <summary>The verify form is shown to a unit admin looking at its own unit.</summary>
        public bool CanVerify { get; init; }
        public VerifyForm Verify { get; set; } = new();
        public string? VerifiedBy { get; init; }
        public DateTime? VerifiedAt { get; init; }
        public ReportingYear? Settings { get; init; }
        public UnitReportingRate? Rate { get; init; }
        public IReadOnlyDictionary<MemberReportState, int> Counts { get; init; } = new Dictionary<MemberReportState, int>();
        public int Total { get; init; }
        public int MissingCount { get; init; }
        public string? State { get; init; }
        public IReadOnlyList<Row> Rows { get; init; } = [];
        public int Page { get; init; } = 1;
        public int PageCount { get; init; } = 1;
        public int Shown { get; init; }

        public string Link(string? state = null, int? page = null, bool keepState = true) =>
            UnitDashboard.Link(Year, UnitId, keepState ? state ?? State : state, page);
    }

    /// <summary>The dashboard URL (also the redirect target of its forms).</summary>
    public static string Link(int year, Guid? unit, string? state = null, int? page = null)
    {
        var text = new StringBuilder("/reporting/unit?year=").Append(year.ToString(CultureInfo.InvariantCulture));
        if (unit is { } u) text.Append("&unit=").Append(u);
        if (NormalizeState(state) is { } s) text.Append("&state=").Append(s);
        if (page is > 1) text.Append("&page=").Append(page.Value.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    public static string? NormalizeState(string? state) =>
        state == Missing ? Missing : Enum.TryParse<MemberReportState>(state, out var s) && Enum.IsDefined(s) ? s.ToString() : null;

    /// <summary>The dashboard, or null when the unit asked for is not the user's to see (404).</summary>
    public async Task<Model?> HandleAsync(Query query)
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync();
        var year = ReportingYears.Normalize(query.Year, time);
        var years = await ReportingYears.OptionsAsync(db, time, year);
        var settings = await db.ReportingYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year);

        Guid? unitId;
        List<Option> units;
        if (scope.Kind == ScopeKind.Unit && scope.OrganizationId is { } own)
        {
            unitId = query.Unit ?? own;
            if (!scope.UnitIds.Contains(unitId.Value)) return null;
            units = [.. UnitsIndented(tree, own).Select(u => new Option(u.Node.Id, Indent(u.Depth) + u.Node.Name))];
        }
        else if (scope.SeesEverything)
        {
            unitId = query.Unit;
            if (unitId is { } picked && tree.Find(picked) is not { Kind: OrgKind.WorkUnit }) return null;
            units = [.. tree.WorkUnitsIndented().Select(u => new Option(u.Node.Id, Indent(u.Depth) + u.Node.Name))];
        }
        else
        {
            return null;
        }

        if (unitId is not { } unit)
        {
            return new Model { Year = year, Years = years, Units = units, Settings = settings };
        }

        var subtree = tree.Subtree(unit).Where(n => n.Kind == OrgKind.WorkUnit).Select(n => n.Id)
            .Where(id => scope.SeesEverything || scope.UnitIds.Contains(id)).ToList();
        var all = await ReportingQueries.UnitMembersAsync(db, subtree, year);
        var rate = await ReportingQueries.UnitRateAsync(db, unit, subtree, year, all);
        var counts = Enum.GetValues<MemberReportState>().ToDictionary(s => s, s => all.Count(r => r.State == s));

        var state = NormalizeState(query.State);
        var filtered = state switch
        {
            null => all,
            Missing => [.. all.Where(r => r.State is MemberReportState.NotReported or MemberReportState.LetterIssued)],
            _ => [.. all.Where(r => r.State.ToString() == state)],
        };
        var pageCount = Math.Max(1, (filtered.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = filtered
            .OrderBy(r => r.Name, NameOrder).ThenBy(r => r.MemberId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r, tree.NameOf(r.WorkUnitId), tree.PathName(r.CommunityId)))
            .ToList();

        var canVerify = scope.Kind == ScopeKind.Unit && unit == scope.OrganizationId;
        var verification = canVerify
            ? await db.UnitVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.WorkUnitId == unit && v.Year == year)
            : null;

        return new Model
        {
            Year = year,
            Years = years,
            Units = units,
            UnitId = unit,
            UnitName = tree.NameOf(unit),
            CanAct = scope.Kind == ScopeKind.Unit,
            CanVerify = canVerify,
            Verify = new VerifyForm { Year = year, VerifiedCount = verification?.VerifiedCount, Notes = verification?.Notes },
            VerifiedBy = verification?.VerifiedBy,
            VerifiedAt = verification?.UpdatedAt,
            Settings = settings,
            Rate = rate,
            Counts = counts,
            Total = all.Count,
            MissingCount = counts[MemberReportState.NotReported] + counts[MemberReportState.LetterIssued],
            State = state,
            Rows = rows,
            Page = page,
            PageCount = pageCount,
            Shown = filtered.Count,
        };
    }

    private static string Indent(int depth) => new('\u3000', depth);

    /// <summary>A unit admin's own unit and the units below it, indented from its own unit.</summary>
    private static IEnumerable<(OrgTree.Node Node, int Depth)> UnitsIndented(OrgTree tree, Guid root)
    {
        foreach (var n in tree.Subtree(root).Where(n => n.Kind == OrgKind.WorkUnit))
        {
            var depth = 0;
            for (var p = n; p is not null && p.Id != root; p = tree.Find(p.ParentId)) depth++;
            yield return (n, depth);
        }
    }
}
