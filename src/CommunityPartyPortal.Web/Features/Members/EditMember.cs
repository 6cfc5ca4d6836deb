using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>编辑党员: optimistic concurrency on <c>Version</c>; a PII user's view of the full ID and phone is audited.</summary>
public sealed class EditMember(PortalDbContext db, MemberFormRules rules, AuditLog audit) : IUseCase
{
    public const string ConcurrencyMessage = "该记录已被他人修改，请刷新后重新编辑";

    /// <summary>The edit form, or null when the member is not visible to the user.</summary>
    public async Task<MemberForm?> FormAsync(Guid id)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return null;
        var form = await rules.EditFormAsync(member);
        if (db.Scope.CanViewPersonalData)
        {
            await audit.WriteAsync("member.edit-view-pii", "Member", id.ToString(), true);
        }
        return form;
    }

    /// <param name="bindingValid">False when model binding already found errors: validate, but never save.</param>
    public async Task<Outcome> HandleAsync(Guid id, MemberForm form, bool bindingValid)
    {
        // Visibility first: a member outside the scope does not exist, whatever the form says.
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return Outcome.Missing;

        // The page is prepared from the stored record (masked hints), before the form's values are applied.
        await rules.PrepareAsync(form, member);
        var (errors, values) = await rules.ValidateAsync(form, member);
        if (errors.Count == 0 && form.Version != member.Version)
        {
            errors = [new FieldError("", ConcurrencyMessage)];
        }
        if (errors.Count > 0 || values is null || !bindingValid) return Outcome.Invalid(id, errors);

        values.ApplyTo(member);
        db.Entry(member).Property(m => m.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(member).State = EntityState.Detached;
            return Outcome.Invalid(id, "", ConcurrencyMessage);
        }
        catch (DbUpdateException)
        {
            // A unique-index race past the check above: say so; anything else is a real error.
            db.Entry(member).State = EntityState.Detached;
            if (!await rules.NationalIdTakenAsync(member.NationalId, member.Id)) throw;
            return Outcome.Invalid(id, nameof(MemberForm.NationalId), "该身份证号已登记");
        }
        return Outcome.Saved(id);
    }
}
