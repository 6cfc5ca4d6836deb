using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// The community's activities: upcoming (not yet ended, soonest first) or past (latest first), filtered by
/// month (China time), kind and category, 20 a page, with the number checked in.
/// </summary>
public sealed class ListActivities(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int PageSize = 20;

    public sealed class Query
    {
        /// <summary>"upcoming" (default) or "past".</summary>
        public string? When { get; set; }
        /// <summary>yyyy-MM.</summary>
        public string? Month { get; set; }
        public ActivityKind? Kind { get; set; }
        public ServiceCategory? Category { get; set; }
        public int? Page { get; set; }

        public bool Past => string.Equals(When, "past", StringComparison.OrdinalIgnoreCase);
    }

    public sealed record Row(Guid Id, string Title, ActivityKind Kind, ServiceCategory Category, bool IsPublicWelfare, string? Place,
        DateTime StartsAt, DateTime EndsAt, int? Capacity, bool IsCancelled, int CheckedIn, Guid? SeriesId);

    public sealed record Model(Query Query, IReadOnlyList<Row> Rows, PageInfo Paging, DateTime NowUtc);

    public async Task<Model> HandleAsync(Query query)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var activities = db.Activities.AsNoTracking();
        activities = query.Past ? activities.Where(a => a.EndsAt < now) : activities.Where(a => a.EndsAt >= now);
        if (MonthStart(query.Month) is { } month)
        {
            var from = CheckInRules.ToUtc(month.ToDateTime(TimeOnly.MinValue));
            var to = CheckInRules.ToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            activities = activities.Where(a => a.StartsAt >= from && a.StartsAt < to);
        }
        else query.Month = null;
        if (query.Kind is { } kind) activities = activities.Where(a => a.Kind == kind);
        if (query.Category is { } category) activities = activities.Where(a => a.Category == category);

        var paging = PageInfo.For(query.Page, PageSize, await activities.CountAsync());
        var ordered = query.Past
            ? activities.OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id)
            : activities.OrderBy(a => a.StartsAt).ThenBy(a => a.Id);
        var rows = await ordered.Skip(paging.Skip).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Kind, a.Category, a.IsPublicWelfare, a.Place, a.StartsAt, a.EndsAt, a.Capacity, a.IsCancelled,
                db.ServiceRecords.Count(r => r.ActivityId == a.Id && r.ActiveSlot == 1), a.SeriesId))
            .ToListAsync();
        return new Model(query, rows, paging, now);
    }

    /// <summary>The first day of a "yyyy-MM" month, or null when it is not one.</summary>
    public static DateOnly? MonthStart(string? month) =>
        DateOnly.TryParseExact(month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string When(DateTime startsUtc, DateTime endsUtc)
    {
        var s = Clock.ToChina(startsUtc);
        var e = Clock.ToChina(endsUtc);
        var inv = CultureInfo.InvariantCulture;
        return s.Date == e.Date
            ? $"{s.ToString("yyyy-MM-dd HH:mm", inv)}–{e.ToString("HH:mm", inv)}"
            : $"{s.ToString("yyyy-MM-dd HH:mm", inv)} 至 {e.ToString("yyyy-MM-dd HH:mm", inv)}";
    }
}
