using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Households;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Suggestions;

/// <summary>
/// 登记合理建议: the secretary records a member's suggestion (member picker), or a member submits his own
/// (the member is always the signed-in one; the community is the one he lives in). Date not in the future.
/// </summary>
public sealed class RecordSuggestion(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string MemberMissing = "请选择提出建议的党员";
    public const string UnknownMember = "请从列表中选择本社区的党员";
    public const string NoCommunity = "您的党员信息中没有居住社区，请联系社区书记";
    public const string FutureDate = "提出日期不能晚于今天";

    public sealed class Form
    {
        [Display(Name = "党员")] public Guid? MemberId { get; set; }
        [Display(Name = "提出日期")] public DateOnly? SubmittedOn { get; set; }
        [Display(Name = "建议标题")] public string? Title { get; set; }
        [Display(Name = "建议内容")] public string? Content { get; set; }
        [Display(Name = "提交对象")] public string? Addressee { get; set; }

        [BindNever, ValidateNever] public DateOnly Today { get; set; }
        [BindNever, ValidateNever] public string MemberName { get; set; } = "";
    }

    public Form NewForm() => new() { SubmittedOn = Clock.TodayInChina(time), Today = Clock.TodayInChina(time), Addressee = "社区党组织" };

    /// <summary>The secretary's entry (any member of the community) or the member's own (the form's member is ignored).</summary>
    public async Task<Outcome> HandleAsync(Form form, bool bindingValid)
    {
        var scope = db.Scope;
        if (scope.Kind is not (ScopeKind.Community or ScopeKind.Member)) return Outcome.Missing;
        form.Today = Clock.TodayInChina(time);
        var errors = new List<FieldError>();
        if (scope.Kind == ScopeKind.Member) form.MemberId = scope.MemberId;
        var member = form.MemberId is { } id
            ? await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Id, m.Name, m.CommunityId, m.MovedOutOn }).FirstOrDefaultAsync()
            : null;
        form.MemberName = member?.Name ?? "";
        var community = scope.Kind == ScopeKind.Community ? scope.OrganizationId : member?.CommunityId;
        if (form.MemberId is null) errors.Add(new(nameof(Form.MemberId), MemberMissing));
        else if (member is null) errors.Add(new(nameof(Form.MemberId), UnknownMember));
        else if (community is null) errors.Add(new("", NoCommunity));
        if (form.SubmittedOn is not { } on) errors.Add(new(nameof(Form.SubmittedOn), "请填写提出日期"));
        else if (on > form.Today) errors.Add(new(nameof(Form.SubmittedOn), FutureDate));
        HouseholdFormRules.Text(form.Title, nameof(Form.Title), "建议标题", 100, required: true, errors);
        HouseholdFormRules.Text(form.Content, nameof(Form.Content), "建议内容", 1000, required: true, errors);
        HouseholdFormRules.Text(form.Addressee, nameof(Form.Addressee), "提交对象", 100, required: false, errors);
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(Guid.Empty, errors);

        var suggestion = new Suggestion
        {
            MemberId = member!.Id,
            CommunityId = community!.Value,
            SubmittedOn = form.SubmittedOn!.Value,
            Title = form.Title!.Trim(),
            Content = form.Content!.Trim(),
            Addressee = HouseholdFormRules.Clean(form.Addressee),
        };
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync();
        return Outcome.Saved(suggestion.Id);
    }
}
