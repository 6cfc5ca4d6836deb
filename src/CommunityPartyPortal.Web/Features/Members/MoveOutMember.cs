using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>迁出: records the date, where to and why; 撤销迁出 clears them again (for mistakes).</summary>
public sealed class MoveOutMember(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string AlreadyMovedOut = "该党员已迁出";

    public sealed class Form
    {
        [Display(Name = "迁出日期")] public DateOnly? MovedOutOn { get; set; }
        [Display(Name = "迁往何处（去向）")] public string? MovedOutTo { get; set; }
        [Display(Name = "迁出原因")] public string? MoveOutReason { get; set; }

        [BindNever, ValidateNever] public Guid MemberId { get; set; }
        [BindNever, ValidateNever] public string MemberName { get; set; } = "";
    }

    /// <summary>The form (today's date preset); null when not visible. <paramref name="error"/> when already moved out.</summary>
    public async Task<(Form? Form, string? Error)> FormAsync(Guid id)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return (null, null);
        var form = new Form { MovedOutOn = Clock.TodayInChina(time), MemberId = id, MemberName = member.Name };
        return (form, member.MovedOutOn is null ? null : AlreadyMovedOut);
    }

    public async Task<Outcome> HandleAsync(Guid id, Form form, bool bindingValid)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return Outcome.Missing;
        form.MemberId = id;
        form.MemberName = member.Name;
        if (member.MovedOutOn is not null) return Outcome.Invalid(id, "", AlreadyMovedOut);

        var errors = MemberFormRules.ValidateMoveOut(form.MovedOutOn, form.MovedOutTo, form.MoveOutReason, member.JoinedPartyOn, Clock.TodayInChina(time)).ToList();
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);

        member.MovedOutOn = form.MovedOutOn;
        member.MovedOutTo = MemberFormRules.Clean(form.MovedOutTo);
        member.MoveOutReason = MemberFormRules.Clean(form.MoveOutReason);
        await db.SaveChangesAsync();
        return Outcome.Saved(id);
    }

    /// <summary>撤销迁出. Returns null when not visible, else an error message or "" when done.</summary>
    public async Task<string?> MoveBackAsync(Guid id)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return null;
        if (member.MovedOutOn is null) return "该党员未迁出，无需撤销";
        member.MovedOutOn = null;
        member.MovedOutTo = null;
        member.MoveOutReason = null;
        await db.SaveChangesAsync();
        return "";
    }
}
