using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>新增党员: validates the form and adds the member (the save is scope-checked and audited by the context).</summary>
public sealed class CreateMember(PortalDbContext db, MemberFormRules rules) : IUseCase
{
    public Task<MemberForm> NewFormAsync() => rules.NewFormAsync();

    /// <param name="bindingValid">False when model binding already found errors: validate, but never save.</param>
    public async Task<Outcome> HandleAsync(MemberForm form, bool bindingValid)
    {
        var (errors, values) = await rules.ValidateAsync(form, null);
        if (errors.Count > 0 || values is null || !bindingValid)
        {
            await rules.PrepareAsync(form, null);
            return Outcome.Invalid(Guid.Empty, errors);
        }

        var member = values.ToNewMember();
        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A unique-index race past the check in the rules: say so; anything else is a real error.
            db.Entry(member).State = EntityState.Detached;
            if (!await rules.NationalIdTakenAsync(member.NationalId, member.Id)) throw;
            await rules.PrepareAsync(form, null);
            return Outcome.Invalid(Guid.Empty, nameof(MemberForm.NationalId), "该身份证号已登记");
        }
        return Outcome.Saved(member.Id);
    }
}
