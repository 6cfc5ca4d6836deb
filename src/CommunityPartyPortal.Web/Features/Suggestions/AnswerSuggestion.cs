using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
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
/// The suggestion page and the community's answer (已答复 or 已采纳, with the text and the date, not in the
/// future and not before the suggestion). An answer may be corrected later (same form, optimistic concurrency).
/// </summary>
public sealed class AnswerSuggestion(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const string StatusMissing = "请选择答复结果（已答复 / 已采纳）";
    public const string Stale = "该建议已被他人修改，请刷新后重新填写";

    public sealed class Form
    {
        [Display(Name = "答复结果")] public SuggestionStatus? Status { get; set; }
        [Display(Name = "答复内容")] public string? Answer { get; set; }
        [Display(Name = "答复日期")] public DateOnly? AnsweredOn { get; set; }
        public Guid? Version { get; set; }

        [BindNever, ValidateNever] public Page Page { get; set; } = new();
    }

    public sealed class Page
    {
        public Guid Id { get; set; }
        public string MemberName { get; set; } = "";
        public string Community { get; set; } = "";
        public DateOnly SubmittedOn { get; set; }
        public string Title { get; set; } = "";
        public string Content { get; set; } = "";
        public string? Addressee { get; set; }
        public string Status { get; set; } = "";
        public string? Answer { get; set; }
        public DateOnly? AnsweredOn { get; set; }
        public string? AnsweredBy { get; set; }
        public bool CanAnswer { get; set; }
        public DateOnly Today { get; set; }
    }

    public async Task<Form?> FormAsync(Guid id)
    {
        var s = await db.Suggestions.AsNoTracking().Include(x => x.Member).FirstOrDefaultAsync(x => x.Id == id);
        if (s is null) return null;
        var form = new Form
        {
            Status = s.Status == SuggestionStatus.Submitted ? null : s.Status,
            Answer = s.Answer,
            AnsweredOn = s.AnsweredOn ?? Clock.TodayInChina(time),
            Version = s.Version,
        };
        await PrepareAsync(form, s);
        return form;
    }

    public async Task<Outcome> HandleAsync(Guid id, Form form, bool bindingValid, string answeredBy)
    {
        if (db.Scope.Kind != ScopeKind.Community) return Outcome.Missing;
        var s = await db.Suggestions.Include(x => x.Member).FirstOrDefaultAsync(x => x.Id == id);
        if (s is null) return Outcome.Missing;
        await PrepareAsync(form, s);
        var errors = new List<FieldError>();
        if (form.Status is not ({ } st and (SuggestionStatus.Answered or SuggestionStatus.Adopted))) errors.Add(new(nameof(Form.Status), StatusMissing));
        HouseholdFormRules.Text(form.Answer, nameof(Form.Answer), "答复内容", 1000, required: true, errors);
        if (form.AnsweredOn is not { } on) errors.Add(new(nameof(Form.AnsweredOn), "请填写答复日期"));
        else if (on > form.Page.Today) errors.Add(new(nameof(Form.AnsweredOn), "答复日期不能晚于今天"));
        else if (on < s.SubmittedOn) errors.Add(new(nameof(Form.AnsweredOn), "答复日期不能早于建议提出日期"));
        if (form.Version is null) errors.Add(new("", Stale));
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);

        s.Status = form.Status!.Value;
        s.Answer = form.Answer!.Trim();
        s.AnsweredOn = form.AnsweredOn;
        s.AnsweredBy = answeredBy.Length > 50 ? answeredBy[..50] : answeredBy;
        db.Entry(s).Property(x => x.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(id, "", Stale);
        }
        return Outcome.Saved(id);
    }

    private async Task PrepareAsync(Form form, Suggestion s)
    {
        var tree = await trees.GetAsync();
        var p = form.Page;
        p.Id = s.Id;
        p.MemberName = s.Member?.Name ?? "";
        p.Community = tree.NameOf(s.CommunityId);
        p.SubmittedOn = s.SubmittedOn;
        p.Title = s.Title;
        p.Content = s.Content;
        p.Addressee = s.Addressee;
        p.Status = s.Status.Text();
        p.Answer = s.Answer;
        p.AnsweredOn = s.AnsweredOn;
        p.AnsweredBy = s.AnsweredBy;
        p.CanAnswer = db.Scope.Kind == ScopeKind.Community;
        p.Today = Clock.TodayInChina(time);
    }
}
