using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>编辑联系对象: optimistic concurrency on Version; a PII user's view of the full ID and phone is audited.</summary>
public sealed class EditHousehold(PortalDbContext db, HouseholdFormRules rules, AuditLog audit) : IUseCase
{
    public const string Archived = "该联系对象已归档，不能修改";

    public async Task<HouseholdForm?> FormAsync(Guid id)
    {
        if (rules.Community is not { } community) return null;
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id);
        if (household is null) return null;
        var pii = rules.Scope.CanViewPersonalData;
        if (pii && (household.NationalId is not null || household.Phone is not null))
        {
            await audit.WriteAsync("member.edit-view-pii", "Household", id.ToString(), true);
        }
        var form = HouseholdFormRules.FormOf(household, pii);
        await rules.PrepareAsync(form, household, community);
        return form;
    }

    public async Task<Outcome> HandleAsync(Guid id, HouseholdForm form, bool bindingValid)
    {
        if (rules.Community is not { } community) return Outcome.Missing;
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == id);
        if (household is null) return Outcome.Missing;
        await rules.PrepareAsync(form, household, community);
        if (household.IsArchived) return Outcome.Invalid(id, "", Archived);
        var errors = rules.Validate(form, household);
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);
        rules.Apply(form, household);
        db.Entry(household).Property(h => h.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(id, "", HouseholdFormRules.Stale);
        }
        return Outcome.Saved(id);
    }
}
