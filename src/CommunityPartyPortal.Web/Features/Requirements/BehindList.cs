using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Requirements;

/// <summary>
/// 未达标党员: the in-service members of the secretary's community (or of the unit admin's units, wherever they live)
/// who are behind on at least one rule of the year, from 1 July (before, a note; <c>asOf</c> previews another date).
/// Facts for all the members come from a fixed number of grouped queries; the list is sorted and paged in memory.
/// </summary>
public sealed class BehindList(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int PageSize = 50;
    public static readonly IReadOnlyList<(string Key, string Text)> Sorts =
        [("behind", "未达标项数"), ("name", "姓名"), ("hours", "服务时长"), ("days", "服务天数")];

    public sealed class Query
    {
        public int? Year { get; set; }
        public DateOnly? AsOf { get; set; }
        public string? Sort { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(Guid MemberId, string Name, string Place, int BehindCount, IReadOnlyList<string> BehindRules, int Minutes, int Days, int Services);

    public sealed record Model(Query Query, int Year, DateOnly AsOf, bool BeforeMidYear, bool NoRules, bool ForUnit, string Scope,
        int MemberCount, IReadOnlyList<Row> Rows, PageInfo Paging, IReadOnlyList<int> Years);

    public async Task<Model> HandleAsync(Query query)
    {
        var today = Clock.TodayInChina(time);
        var year = query.Year is { } y && EditRequirements.IsValidYear(y) ? y : today.Year;
        query.Year = year;
        var asOf = query.AsOf ?? today;
        query.Sort = Sorts.Any(s => s.Key == query.Sort) ? query.Sort : "behind";
        var scope = db.Scope;
        var forUnit = scope.Kind == ScopeKind.Unit;
        var tree = await trees.GetAsync();
        var years = (IReadOnlyList<int>)[.. Enumerable.Range(today.Year - 4, 5).Append(year).Distinct().OrderDescending()];
        var scopeName = tree.NameOf(scope.OrganizationId);

        var rules = await RequirementQueries.RulesAsync(db, year);
        var beforeMidYear = asOf < RequirementEvaluator.MidYear(year);
        if (rules.Count == 0 || beforeMidYear)
        {
            return new Model(query, year, asOf, beforeMidYear, rules.Count == 0, forUnit, scopeName, 0, [], PageInfo.For(1, PageSize, 0), years);
        }

        // The members in scope (the community's residents, or the unit's members): the scope filter decides.
        var first = new DateOnly(year, 1, 1);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Category == MemberCategory.InService && (m.MovedOutOn == null || m.MovedOutOn >= first))
            .Select(m => new { m.Id, m.Name, m.NamePinyin, m.CommunityId, m.WorkUnitId })
            .ToListAsync();
        var facts = await RequirementQueries.ForMembersAsync(db, [.. members.Select(m => m.Id)], year);

        var behind = new List<Row>();
        foreach (var m in members)
        {
            var f = facts[m.Id];
            var summary = RequirementEvaluator.Summarize(rules, f, asOf);
            if (summary.BehindCount == 0) continue;
            behind.Add(new Row(m.Id, m.Name, tree.NameOf(forUnit ? m.CommunityId : m.WorkUnitId), summary.BehindCount,
                [.. summary.Rules.Where(r => r.Behind).Select(r => r.Label)], f.ServiceMinutes, f.ServiceDates.Distinct().Count(), f.ServiceCount));
        }
        var pinyin = members.ToDictionary(m => m.Id, m => m.NamePinyin ?? m.Name);
        IOrderedEnumerable<Row> sorted = query.Sort switch
        {
            "name" => behind.OrderBy(r => pinyin[r.MemberId], StringComparer.Ordinal),
            "hours" => behind.OrderBy(r => r.Minutes).ThenBy(r => pinyin[r.MemberId], StringComparer.Ordinal),
            "days" => behind.OrderBy(r => r.Days).ThenBy(r => pinyin[r.MemberId], StringComparer.Ordinal),
            _ => behind.OrderByDescending(r => r.BehindCount).ThenBy(r => r.Minutes).ThenBy(r => pinyin[r.MemberId], StringComparer.Ordinal),
        };
        var paging = PageInfo.For(query.Page, PageSize, behind.Count);
        return new Model(query, year, asOf, false, false, forUnit, scopeName, members.Count,
            [.. sorted.ThenBy(r => r.MemberId).Skip(paging.Skip).Take(PageSize)], paging, years);
    }
}
