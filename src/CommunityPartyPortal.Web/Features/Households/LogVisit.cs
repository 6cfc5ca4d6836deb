using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 登记走访: a visit by a member currently paired with the household, on a date that is not in the future and
/// not before the member's pairing, under one of the 五助, with what was done.
/// </summary>
public sealed class LogVisit(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string MemberMissing = "请选择走访的结对党员";
    public const string NotPaired = "只有当前与该联系对象结对的党员才能登记走访";
    public const string BeforePairing = "走访日期不能早于该党员的结对日期";
    public const string HelpMissing = "请选择帮扶类型（五助）";

    public sealed class Form
    {
        [Display(Name = "走访党员")] public Guid? MemberId { get; set; }
        [Display(Name = "走访日期")] public DateOnly? VisitedOn { get; set; }
        [Display(Name = "帮扶类型")] public HelpKind? Help { get; set; }
        [Display(Name = "走访内容")] public string? Content { get; set; }

        [BindNever, ValidateNever] public Guid HouseholdId { get; set; }
        [BindNever, ValidateNever] public string HouseholdName { get; set; } = "";
        [BindNever, ValidateNever] public DateOnly Today { get; set; }
        [BindNever, ValidateNever] public IReadOnlyList<Choice> PairedMembers { get; set; } = [];
    }

    public async Task<Form?> FormAsync(Guid householdId)
    {
        if (await HouseholdAsync(householdId) is not { } h) return null;
        var form = new Form { VisitedOn = Clock.TodayInChina(time) };
        await PrepareAsync(form, h);
        if (form.PairedMembers.Count == 1) form.MemberId = form.PairedMembers[0].Id;
        return form;
    }

    public async Task<Outcome> HandleAsync(Guid householdId, Form form, bool bindingValid, string recordedBy)
    {
        if (await HouseholdAsync(householdId) is not { } h) return Outcome.Missing;
        var pairings = await PrepareAsync(form, h);
        var errors = new List<FieldError>();
        if (h.IsArchived) errors.Add(new("", PairMembers.Archived));
        var pairing = form.MemberId is { } memberId ? pairings.FirstOrDefault(p => p.MemberId == memberId) : null;
        if (form.MemberId is null) errors.Add(new(nameof(Form.MemberId), MemberMissing));
        else if (pairing is null) errors.Add(new(nameof(Form.MemberId), NotPaired));
        if (form.VisitedOn is not { } on) errors.Add(new(nameof(Form.VisitedOn), PairMembers.DateMissing));
        else if (on > form.Today) errors.Add(new(nameof(Form.VisitedOn), "走访日期不能晚于今天"));
        else if (pairing is not null && on < pairing.PairedOn) errors.Add(new(nameof(Form.VisitedOn), $"{BeforePairing}（{pairing.PairedOn:yyyy-MM-dd}）"));
        if (form.Help is not { } help || !Enum.IsDefined(help)) errors.Add(new(nameof(Form.Help), HelpMissing));
        HouseholdFormRules.Text(form.Content, nameof(Form.Content), "走访内容", 500, required: true, errors);
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(householdId, errors);

        db.HouseholdVisits.Add(new HouseholdVisit
        {
            HouseholdId = householdId,
            MemberId = pairing!.MemberId,
            CommunityId = h.CommunityId,
            VisitedOn = form.VisitedOn!.Value,
            Help = form.Help!.Value,
            Content = form.Content!.Trim(),
            RecordedBy = recordedBy.Length > 50 ? recordedBy[..50] : recordedBy,
        });
        await db.SaveChangesAsync();
        return Outcome.Saved(householdId);
    }

    private async Task<Household?> HouseholdAsync(Guid id) =>
        db.Scope.Kind == ScopeKind.Community ? await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id) : null;

    private async Task<List<HouseholdPairing>> PrepareAsync(Form form, Household h)
    {
        form.HouseholdId = h.Id;
        form.HouseholdName = $"{h.HeadName}（{h.Kind.Text()}）";
        form.Today = Clock.TodayInChina(time);
        var pairings = await db.HouseholdPairings.AsNoTracking().Include(p => p.Member)
            .Where(p => p.HouseholdId == h.Id && p.EndedOn == null).ToListAsync();
        form.PairedMembers = [.. pairings.OrderBy(p => p.Member!.NamePinyin).Select(p => new Choice(p.MemberId, $"{p.Member!.Name}（{p.PairedOn:yyyy-MM-dd} 结对）"))];
        return pairings;
    }
}
