using CommunityPartyPortal.Domain.Auditing;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>
/// Writes audit lines that are not a by-product of saving an entity (writes are audited by the
/// DbContext itself): sign-ins, unmasked views, refused attempts, account administration. Uses its own
/// system-scope context so an audit line is saved even when the request's own work failed.
/// </summary>
public sealed class AuditLog(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    IAccessScopeAccessor scope,
    IHttpContextAccessor http,
    TimeProvider time)
{
    public async Task WriteAsync(string action, string? targetType, string? targetId, bool success, string? detail = null,
        Guid? userId = null, string? userName = null, Guid? organizationId = null)
    {
        var current = scope.Current;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            UserId = userId ?? current.UserId,
            UserName = Limit(userName ?? current.UserName, 256),
            OrganizationId = organizationId ?? current.OrganizationId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Success = success,
            Detail = detail is null ? null : Limit(detail, 1000),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
    }

    private static string Limit(string s, int max) => s.Length <= max ? s : s[..max];
}
