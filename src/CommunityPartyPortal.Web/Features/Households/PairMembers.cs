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
/// 结对: one or more members of the community with a household (一对一 / 多对一), and ending a pairing with a date.
/// A member is paired at most once at a time with a household (ActiveSlot unique index; a concurrent double
/// submit is caught and answered with the same message).
/// </summary>
public sealed class PairMembers(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int Slots = 3;
    public const string NoMember = "请至少选择一名党员";
    public const string UnknownMember = "请从列表中选择本社区的党员";
    public const string MovedOut = "该党员已迁出，不能结对";
    public const string AlreadyPaired = "该党员已与该联系对象结对";
    public const string Archived = "该联系对象已归档，不能结对或登记走访";
    public const string DateMissing = "请填写日期";
    public const string FutureDate = "日期不能晚于今天";
    public const string EndBeforeStart = "结束日期不能早于结对日期";
    public const string AlreadyEnded = "该结对已结束";

    public sealed class Form
    {
        /// <summary>Up to <see cref="Slots"/> members chosen with the member picker (empty slots are ignored).</summary>
        [Display(Name = "结对党员")] public List<string?> MemberIds { get; set; } = [];
        [Display(Name = "结对日期")] public DateOnly? PairedOn { get; set; }

        [BindNever, ValidateNever] public Guid HouseholdId { get; set; }
        [BindNever, ValidateNever] public string HouseholdName { get; set; } = "";
        [BindNever, ValidateNever] public DateOnly Today { get; set; }
        /// <summary>The names of the members already chosen (to refill the pickers after an error).</summary>
        [BindNever, ValidateNever] public Dictionary<Guid, string> Names { get; set; } = [];
    }

    public async Task<Form?> FormAsync(Guid householdId)
    {
        if (await HouseholdAsync(householdId) is not { } h) return null;
        var form = new Form { PairedOn = Clock.TodayInChina(time) };
        Prepare(form, h);
        return form;
    }

    public async Task<Outcome> HandleAsync(Guid householdId, Form form, bool bindingValid)
    {
        if (await HouseholdAsync(householdId) is not { } h) return Outcome.Missing;
        Prepare(form, h);
        var errors = new List<FieldError>();
        if (h.IsArchived) errors.Add(new("", Archived));
        if (form.PairedOn is not { } on) errors.Add(new(nameof(Form.PairedOn), DateMissing));
        else if (on > form.Today) errors.Add(new(nameof(Form.PairedOn), FutureDate));

        var ids = new List<Guid>();
        foreach (var raw in form.MemberIds.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            if (!Guid.TryParse(raw, out var id)) { errors.Add(new(nameof(Form.MemberIds), UnknownMember)); continue; }
            if (!ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count == 0 && errors.All(e => e.Field != nameof(Form.MemberIds))) errors.Add(new(nameof(Form.MemberIds), NoMember));

        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.MovedOutOn }).ToListAsync();
        foreach (var m in members) form.Names[m.Id] = m.Name;
        var paired = await db.HouseholdPairings.AsNoTracking()
            .Where(p => p.HouseholdId == householdId && ids.Contains(p.MemberId) && p.EndedOn == null)
            .Select(p => p.MemberId).ToListAsync();
        foreach (var id in ids)
        {
            var m = members.FirstOrDefault(x => x.Id == id);
            if (m is null) errors.Add(new(nameof(Form.MemberIds), UnknownMember));
            else if (m.MovedOutOn is not null) errors.Add(new(nameof(Form.MemberIds), $"{m.Name}：{MovedOut}"));
            else if (paired.Contains(id)) errors.Add(new(nameof(Form.MemberIds), $"{m.Name}：{AlreadyPaired}"));
        }
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(householdId, errors);

        foreach (var id in ids)
        {
            db.HouseholdPairings.Add(new HouseholdPairing { HouseholdId = householdId, MemberId = id, CommunityId = h.CommunityId, PairedOn = form.PairedOn!.Value });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second submit that passed the check at the same moment: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await db.HouseholdPairings.AsNoTracking().AnyAsync(p => p.HouseholdId == householdId && ids.Contains(p.MemberId) && p.EndedOn == null)) throw;
            return Outcome.Invalid(householdId, nameof(Form.MemberIds), AlreadyPaired);
        }
        return Outcome.Saved(householdId);
    }

    /// <summary>结束结对 on a date (not in the future, not before the pairing). null: not found; "": done; else why not.</summary>
    public async Task<string?> EndAsync(Guid householdId, Guid pairingId, DateOnly? endedOn, Guid? version)
    {
        if (await HouseholdAsync(householdId) is null) return null;
        var pairing = await db.HouseholdPairings.FirstOrDefaultAsync(p => p.Id == pairingId && p.HouseholdId == householdId);
        if (pairing is null) return null;
        if (pairing.EndedOn is not null) return AlreadyEnded;
        if (endedOn is not { } on) return DateMissing;
        if (on > Clock.TodayInChina(time)) return FutureDate;
        if (on < pairing.PairedOn) return EndBeforeStart;
        var lastVisit = await db.HouseholdVisits.AsNoTracking().Where(v => v.HouseholdId == householdId && v.MemberId == pairing.MemberId)
            .MaxAsync(v => (DateOnly?)v.VisitedOn);
        if (lastVisit is { } last && on < last) return $"结束日期不能早于该党员最近一次走访（{last:yyyy-MM-dd}）";
        if (version is null) return HouseholdFormRules.Stale;
        pairing.EndedOn = on;
        db.Entry(pairing).Property(p => p.Version).OriginalValue = version.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return HouseholdFormRules.Stale;
        }
        return "";
    }

    private async Task<Household?> HouseholdAsync(Guid id) =>
        db.Scope.Kind == ScopeKind.Community ? await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id) : null;

    private void Prepare(Form form, Household h)
    {
        form.HouseholdId = h.Id;
        form.HouseholdName = $"{h.HeadName}（{h.Kind.Text()}）";
        form.Today = Clock.TodayInChina(time);
        while (form.MemberIds.Count < Slots) form.MemberIds.Add(null);
    }
}
