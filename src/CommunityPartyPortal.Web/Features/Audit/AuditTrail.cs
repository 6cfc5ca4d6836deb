using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Features.Accounts;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Audit;

/// <summary>
/// The audit trail for the county admin, newest first, 50 a page. Read only: the trail is append-only
/// (the DbContext refuses to change or delete an entry) and nothing here offers to.
/// </summary>
public sealed class AuditTrail(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    OrgTreeCache trees) : IUseCase
{
    public const int PageSize = 50;

    /// <summary>
    /// The query string: <c>from</c>/<c>to</c> (China dates, inclusive), <c>user</c> (user name contains),
    /// <c>action</c> (prefix, any case), <c>success</c> (true/false), <c>target</c> (target id contains), <c>page</c>.
    /// </summary>
    public sealed class Filter
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? User { get; set; }
        public string? Action { get; set; }
        public bool? Success { get; set; }
        public string? Target { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(
        string Time,
        string UserName,
        string Organization,
        string Action,
        string ActionLabel,
        string Target,
        string? TargetId,
        bool Success,
        string? Detail,
        string? IpAddress);

    public sealed record Model(Filter Filter, IReadOnlyList<Row> Rows, PageInfo Page);

    public async Task<Model> HandleAsync(Filter filter, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var since = StartOfChinaDay(from);
            query = query.Where(a => a.OccurredAt >= since);
        }
        if (filter.To is { } to)
        {
            var before = StartOfChinaDay(to.AddDays(1));
            query = query.Where(a => a.OccurredAt < before);
        }
        if (Clean(filter.User) is { } user)
        {
            var lower = user.ToLowerInvariant();
            query = query.Where(a => a.UserName.ToLower().Contains(lower));
        }
        if (Clean(filter.Action) is { } action)
        {
            var lower = action.ToLowerInvariant();
            query = query.Where(a => a.Action.ToLower().StartsWith(lower));
        }
        if (filter.Success is { } success) query = query.Where(a => a.Success == success);
        if (Clean(filter.Target) is { } target)
        {
            var lower = target.ToLowerInvariant();
            query = query.Where(a => a.TargetId != null && a.TargetId.ToLower().Contains(lower));
        }

        var page = PageInfo.For(filter.Page, PageSize, await query.CountAsync(ct));
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(page.Skip).Take(PageSize)
            .ToListAsync(ct);

        var tree = await trees.GetAsync(ct);
        var names = await TargetNamesAsync(entries.Select(e => (e.TargetType, e.TargetId)), tree, ct);
        var rows = entries.Select(e => new Row(
                Clock.ToChina(e.OccurredAt).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                e.UserName,
                tree.NameOf(e.OrganizationId),
                e.Action,
                AuditActionText.Label(e.Action),
                TargetText(e.TargetType, e.TargetId, names),
                e.TargetId,
                e.Success,
                AuditActionText.Detail(e.Detail),
                e.IpAddress))
            .ToList();
        return new Model(filter, rows, page);
    }

    /// <summary>Names for the accounts, members and organisations on the page (one query per kind).</summary>
    private async Task<Dictionary<string, string>> TargetNamesAsync(
        IEnumerable<(string? Type, string? Id)> targets, OrgTree tree, CancellationToken ct)
    {
        var ids = targets
            .Where(t => t.Id is not null && Guid.TryParse(t.Id, out _))
            .GroupBy(t => t.Type ?? "", t => Guid.Parse(t.Id!))
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ids.TryGetValue("PortalUser", out var userIds))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct))
            {
                names[u.Id.ToString()] = u.UserName ?? "";
            }
        }
        if (ids.TryGetValue("Member", out var memberIds))
        {
            foreach (var m in await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync(ct))
            {
                names[m.Id.ToString()] = m.Name;
            }
        }
        if (ids.TryGetValue("Organization", out var orgIds))
        {
            foreach (var id in orgIds.Where(id => tree.Find(id) is not null)) names[id.ToString()] = tree.NameOf(id);
        }
        return names;
    }

    private static string TargetText(string? type, string? id, Dictionary<string, string> names)
    {
        var kind = type switch
        {
            null => "",
            "PortalUser" => "账号",
            "Member" => "党员",
            "MemberPhoto" => "党员照片",
            "MemberFlowRecord" => "流入流出登记",
            "Organization" => "组织",
            _ => type,
        };
        var name = id is not null && names.TryGetValue(id, out var n) ? n : null;
        return string.Join(" ", new[] { kind, name }.Where(s => !string.IsNullOrEmpty(s)));
    }

    /// <summary>00:00 of a China date, in UTC (the trail is stored in UTC).</summary>
    private static DateTime StartOfChinaDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Clock.China);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
