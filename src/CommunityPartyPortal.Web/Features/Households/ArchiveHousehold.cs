using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 归档 (the household no longer needs help, moved away, passed away) with a reason, and 恢复. Archiving ends
/// nothing by itself: the secretary ends the pairings; an archived household takes no new pairings or visits.
/// </summary>
public sealed class ArchiveHousehold(PortalDbContext db) : IUseCase
{
    public const string ReasonMissing = "请填写归档原因";
    public const string ReasonTooLong = "归档原因不能超过200个字";
    public const string AlreadyArchived = "该联系对象已归档";
    public const string NotArchived = "该联系对象未归档";
    public const string Stale = HouseholdFormRules.Stale;

    /// <summary>null: not found (404); "": done; else the reason it was refused.</summary>
    public async Task<string?> ArchiveAsync(Guid id, string? reason, Guid? version) =>
        await ChangeAsync(id, version, h =>
        {
            var text = reason?.Trim() ?? "";
            if (h.IsArchived) return AlreadyArchived;
            if (text.Length == 0) return ReasonMissing;
            if (text.Length > 200) return ReasonTooLong;
            h.IsArchived = true;
            h.ArchiveReason = text;
            return "";
        });

    public async Task<string?> RestoreAsync(Guid id, Guid? version) =>
        await ChangeAsync(id, version, h =>
        {
            if (!h.IsArchived) return NotArchived;
            h.IsArchived = false;
            h.ArchiveReason = null;
            return "";
        });

    private async Task<string?> ChangeAsync(Guid id, Guid? version, Func<Domain.Service.Household, string> change)
    {
        if (db.Scope.Kind != ScopeKind.Community) return null;
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == id);
        if (household is null) return null;
        var refused = change(household);
        if (refused.Length > 0) return refused;
        if (version is null) return Stale;
        db.Entry(household).Property(h => h.Version).OriginalValue = version.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
        return "";
    }
}
