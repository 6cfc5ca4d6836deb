using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Suggestions;

/// <summary>合理建议 of a year, filtered by status, newest first, with the counts by status (the community's; the street's and county's read-only).</summary>
public sealed class ListSuggestions(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const int PageSize = 50;

    public sealed class Query
    {
        public int? Year { get; set; }
        public SuggestionStatus? Status { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(Guid Id, DateOnly SubmittedOn, string MemberName, string Community, string Title, string? Addressee,
        SuggestionStatus Status, DateOnly? AnsweredOn);

    public sealed class Model
    {
        public required Query Query { get; init; }
        public int Year { get; init; }
        public required IReadOnlyList<int> Years { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required PageInfo Paging { get; init; }
        public required IReadOnlyDictionary<SuggestionStatus, int> Counts { get; init; }
        public bool CanRecord { get; init; }
        public bool ShowCommunity { get; init; }
    }

    public async Task<Model> HandleAsync(Query q)
    {
        var today = Clock.TodayInChina(time);
        var year = q.Year is { } y && y >= 2000 && y <= today.Year ? y : today.Year;
        var tree = await trees.GetAsync();
        var ofYear = db.Suggestions.AsNoTracking().Where(s => s.SubmittedOn >= new DateOnly(year, 1, 1) && s.SubmittedOn <= new DateOnly(year, 12, 31));
        var counts = await ofYear.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var filtered = q.Status is { } status ? ofYear.Where(s => s.Status == status) : ofYear;
        var paging = PageInfo.For(q.Page, PageSize, await filtered.CountAsync());
        var rows = await filtered.OrderByDescending(s => s.SubmittedOn).ThenByDescending(s => s.CreatedAt).Skip(paging.Skip).Take(PageSize)
            .Select(s => new { s.Id, s.SubmittedOn, s.Member!.Name, s.CommunityId, s.Title, s.Addressee, s.Status, s.AnsweredOn })
            .ToListAsync();
        var first = await db.Suggestions.AsNoTracking().MinAsync(s => (DateOnly?)s.SubmittedOn);
        return new Model
        {
            Query = q,
            Year = year,
            Years = [.. Enumerable.Range(Math.Min(first?.Year ?? today.Year, today.Year), today.Year - Math.Min(first?.Year ?? today.Year, today.Year) + 1).Reverse()],
            Rows = [.. rows.Select(r => new Row(r.Id, r.SubmittedOn, r.Name, tree.NameOf(r.CommunityId), r.Title, r.Addressee, r.Status, r.AnsweredOn))],
            Paging = paging,
            Counts = counts.ToDictionary(c => c.Key, c => c.Count),
            CanRecord = db.Scope.Kind == ScopeKind.Community,
            ShowCommunity = db.Scope.Kind != ScopeKind.Community,
        };
    }
}
