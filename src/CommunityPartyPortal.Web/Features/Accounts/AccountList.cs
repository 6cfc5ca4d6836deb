using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>The county's accounts, 20 a page, filtered by role, organisation, name and state.</summary>
public sealed class AccountList(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    OrgTreeCache trees,
    TimeProvider time) : IUseCase
{
    public const int PageSize = 20;

    /// <summary>The query string: <c>role</c>, <c>org</c> (text in the organisation's name), <c>q</c> (user name or name), <c>state</c>, <c>page</c>.</summary>
    public sealed class Filter
    {
        public PortalRole? Role { get; set; }
        public string? Org { get; set; }
        public string? Q { get; set; }
        public AccountState? State { get; set; }
        public int? Page { get; set; }
    }

    public sealed record Row(
        Guid Id,
        string UserName,
        string DisplayName,
        PortalRole Role,
        string Organization,
        bool CanViewPersonalData,
        bool IsDisabled,
        bool IsLocked,
        string Status,
        string LastSignIn);

    public sealed record Model(Filter Filter, IReadOnlyList<Row> Rows, PageInfo Page);

    public async Task<Model> HandleAsync(Filter filter, CancellationToken ct = default)
    {
        var tree = await trees.GetAsync(ct);
        var now = time.GetUtcNow();
        var query = db.Users.AsNoTracking();

        if (filter.Role is { } role) query = query.Where(u => u.Role == role);
        if (Clean(filter.Q) is { } q)
        {
            var upper = q.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q));
        }
        if (Clean(filter.Org) is { } org)
        {
            // The path holds the street (or department) too, so a street's name finds its communities' accounts.
            var orgIds = Enum.GetValues<OrgKind>().SelectMany(tree.OfKind)
                .Where(n => OrgChoices.PathName(tree, n.Id).Contains(org, StringComparison.OrdinalIgnoreCase))
                .Select(n => n.Id)
                .ToList();
            query = query.Where(u => orgIds.Contains(u.OrganizationId));
        }
        switch (filter.State)
        {
            case AccountState.Disabled:
                query = query.Where(u => u.IsDisabled);
                break;
            case AccountState.Locked:
            {
                var locked = await LockedIdsAsync(now, ct);
                query = query.Where(u => !u.IsDisabled && locked.Contains(u.Id));
                break;
            }
            case AccountState.Normal:
            {
                var locked = await LockedIdsAsync(now, ct);
                query = query.Where(u => !u.IsDisabled && !locked.Contains(u.Id));
                break;
            }
        }

        var page = PageInfo.For(filter.Page, PageSize, await query.CountAsync(ct));
        var users = await query.OrderBy(u => u.Role).ThenBy(u => u.UserName)
            .Skip(page.Skip).Take(PageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.OrganizationId, u.CanViewPersonalData, u.IsDisabled, u.LockoutEnd, u.LastSignInAt })
            .ToListAsync(ct);
        var rows = users.Select(u => new Row(
                u.Id, u.UserName ?? "", u.DisplayName, u.Role, OrgChoices.PathName(tree, u.OrganizationId), u.CanViewPersonalData,
                u.IsDisabled, AccountStatus.IsLocked(u.LockoutEnd, now), AccountStatus.Text(u.IsDisabled, u.LockoutEnd, now),
                AccountStatus.ChinaTime(u.LastSignInAt, "从未登录")))
            .ToList();
        return new Model(filter, rows, page);
    }

    /// <summary>
    /// The accounts locked out now. SQLite cannot compare DateTimeOffset values in SQL, so the few
    /// accounts that ever had a lockout are read and compared here.
    /// </summary>
    private async Task<List<Guid>> LockedIdsAsync(DateTimeOffset now, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).Select(u => new { u.Id, u.LockoutEnd }).ToListAsync(ct))
        .Where(u => u.LockoutEnd > now)
        .Select(u => u.Id)
        .ToList();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
