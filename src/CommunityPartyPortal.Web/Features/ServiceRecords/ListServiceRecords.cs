using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// The community's 写实登记 list: a year (default the current one) or one month of it, filtered by member, status,
/// source and category, newest first, paged; with the count and the hours of what is listed (confirmed hours apart).
/// </summary>
public sealed class ListServiceRecords(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int PageSize = 50;

    public sealed class Query
    {
        public int? Year { get; set; }
        public int? Month { get; set; }
        public Guid? Member { get; set; }
        public RecordStatus? Status { get; set; }
        public RecordSource? Source { get; set; }
        public ServiceCategory? Category { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(Guid Id, Guid MemberId, string MemberName, DateOnly ServedOn, string Content, ServiceCategory Category,
        bool IsPublicWelfare, int Minutes, RecordSource Source, RecordStatus Status, string? ConfirmedBy, string? StatusReason,
        Guid? CorrectsId, Guid Version, string RecordedBy);

    public sealed record Model(Query Query, int Year, string? MemberName, IReadOnlyList<Row> Rows, PageInfo Paging,
        int TotalMinutes, int ConfirmedMinutes, int ConfirmedCount, IReadOnlyList<int> Years);

    public async Task<Model> HandleAsync(Query query)
    {
        var current = Clock.TodayInChina(time).Year;
        var year = query.Year is >= 2000 and <= 2100 ? query.Year.Value : current;
        query.Year = year;
        if (query.Month is not (>= 1 and <= 12)) query.Month = null;
        var first = new DateOnly(year, query.Month ?? 1, 1);
        var last = query.Month is { } m ? first.AddMonths(1).AddDays(-1) : new DateOnly(year, 12, 31);

        var records = db.ServiceRecords.AsNoTracking().Where(r => r.ServedOn >= first && r.ServedOn <= last);
        if (query.Member is { } member) records = records.Where(r => r.MemberId == member);
        if (query.Status is { } status) records = records.Where(r => r.Status == status);
        if (query.Source is { } source) records = records.Where(r => r.Source == source);
        if (query.Category is { } category) records = records.Where(r => r.Category == category);

        var totals = await records
            .GroupBy(r => r.Status == RecordStatus.Confirmed)
            .Select(g => new { Confirmed = g.Key, Count = g.Count(), Minutes = g.Sum(r => r.Minutes) })
            .ToListAsync();
        var total = totals.Sum(t => t.Count);
        var paging = PageInfo.For(query.Page, PageSize, total);
        var rows = await records
            .OrderByDescending(r => r.ServedOn).ThenByDescending(r => r.CreatedAt)
            .Skip(paging.Skip).Take(PageSize)
            .Select(r => new Row(r.Id, r.MemberId, "", r.ServedOn, r.Content, r.Category, r.IsPublicWelfare, r.Minutes,
                r.Source, r.Status, r.ConfirmedBy, r.StatusReason, r.CorrectsId, r.Version, r.RecordedBy))
            .ToListAsync();
        var names = await NamesAsync(db, rows.Select(r => r.MemberId));
        rows = [.. rows.Select(r => r with { MemberName = names.GetValueOrDefault(r.MemberId, "") })];
        var memberName = query.Member is { } id
            ? await db.Members.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync()
            : null;
        memberName ??= query.Member is { } any ? names.GetValueOrDefault(any) : null;
        var confirmed = totals.FirstOrDefault(t => t.Confirmed);
        return new Model(query, year, memberName, rows, paging, totals.Sum(t => t.Minutes), confirmed?.Minutes ?? 0, confirmed?.Count ?? 0,
            [.. Enumerable.Range(current - 5, 6).Append(year).Distinct().OrderDescending()]);
    }

    /// <summary>
    /// The names of the members of visible records. Read without the member filter: a record kept by the community stays
    /// listed with its member's name after the member moved to another community.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(PortalDbContext db, IEnumerable<Guid> memberIds)
    {
        var ids = memberIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name);
    }
}
