using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.FeedbackInbox;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;
using PublicityList = CommunityPartyPortal.Domain.Feedback.Publicity;

namespace CommunityPartyPortal.Web.Features.Publicity;

/// <summary>
/// A unit's new 公示: title, kind (评先选优, 预备党员转正, 干部考察, 其他), the publicity period, a note, the honour and
/// its members (several, picked among the unit's own members). A member with a 一票否决 in force in the publicity's year
/// or the year before (the year whose commendation it usually is) is refused on a 评先选优 list.
/// </summary>
public sealed class CreatePublicity(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string Commendation = "评先选优";
    public static readonly IReadOnlyList<string> Kinds = [Commendation, "预备党员转正", "干部考察", "其他"];
    public const int MemberSlots = 8;
    public const string NoMember = "请至少选择一名党员";
    public const string UnknownMember = "所选党员不在本单位党员中";

    public sealed class Form
    {
        [Display(Name = "公示标题")] public string? Title { get; set; }
        [Display(Name = "公示类别")] public string? Kind { get; set; }
        [Display(Name = "公示开始日期")] public DateOnly? StartsOn { get; set; }
        [Display(Name = "公示结束日期")] public DateOnly? EndsOn { get; set; }
        [Display(Name = "拟表彰（推荐）事项")] public string? Honour { get; set; }
        [Display(Name = "说明")] public string? Note { get; set; }
        [Display(Name = "公示党员")] public List<string?> MemberIds { get; set; } = [];

        [BindNever, ValidateNever] public Dictionary<Guid, string> Names { get; set; } = [];
    }

    public Form NewForm()
    {
        var today = Clock.TodayInChina(time);
        return Pad(new Form { Kind = Commendation, StartsOn = today, EndsOn = today.AddDays(6) });
    }

    public async Task<Outcome> HandleAsync(Form form, bool bindingValid, string by, CancellationToken ct = default)
    {
        if (db.Scope.Kind != ScopeKind.Unit || db.Scope.OrganizationId is not { } unitId) return Outcome.Missing;
        var errors = new List<FieldError>();
        var title = Clean(form.Title);
        var honour = Clean(form.Honour) ?? title;
        var note = Clean(form.Note);
        if (title is null) errors.Add(new(nameof(Form.Title), "请填写公示标题"));
        else if (title.Length > 100) errors.Add(new(nameof(Form.Title), "公示标题不能超过100字"));
        if (form.Kind is null || !Kinds.Contains(form.Kind)) errors.Add(new(nameof(Form.Kind), "请选择公示类别"));
        if (form.StartsOn is null) errors.Add(new(nameof(Form.StartsOn), "请填写公示开始日期"));
        if (form.EndsOn is null) errors.Add(new(nameof(Form.EndsOn), "请填写公示结束日期"));
        else if (form.StartsOn is { } s && form.EndsOn < s) errors.Add(new(nameof(Form.EndsOn), "公示结束日期不能早于开始日期"));
        if (honour?.Length > 100) errors.Add(new(nameof(Form.Honour), "拟表彰（推荐）事项不能超过100字"));
        if (note?.Length > 500) errors.Add(new(nameof(Form.Note), "说明不能超过500字"));

        var ids = new List<Guid>();
        foreach (var raw in form.MemberIds.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            if (Guid.TryParse(raw, out var id)) { if (!ids.Contains(id)) ids.Add(id); }
            else errors.Add(new(nameof(Form.MemberIds), UnknownMember));
        }
        // The scoped context reads the unit's members only: another unit's member is not found.
        var members = ids.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.MovedOutOn }).ToListAsync(ct);
        foreach (var m in members) form.Names[m.Id] = m.Name;
        if (ids.Count == 0 && errors.All(e => e.Field != nameof(Form.MemberIds))) errors.Add(new(nameof(Form.MemberIds), NoMember));
        if (members.Count != ids.Count) errors.Add(new(nameof(Form.MemberIds), UnknownMember));
        if (form.Kind == Commendation && form.StartsOn is { } start && members.Count > 0)
        {
            var year = start.Year;
            var vetoes = await FeedbackQueries.VetoYearsAsync(db, year - 1, year, ids, ct);
            foreach (var m in members)
            {
                if (vetoes.TryGetValue(m.Id, out var y)) errors.Add(new(nameof(Form.MemberIds), $"{m.Name}：{FeedbackCardView.VetoBadge(y)}，不能列入评先选优公示"));
            }
        }
        if (errors.Count > 0 || !bindingValid)
        {
            Pad(form);
            return Outcome.Invalid(Guid.Empty, errors);
        }

        var publicity = new PublicityList
        {
            WorkUnitId = unitId,
            Year = form.StartsOn!.Value.Year,
            Title = title!,
            Kind = form.Kind!,
            StartsOn = form.StartsOn.Value,
            EndsOn = form.EndsOn!.Value,
            Note = note,
            CreatedBy = by.Length > 50 ? by[..50] : by,
        };
        db.Publicities.Add(publicity);
        foreach (var id in ids) db.PublicityEntries.Add(new PublicityEntry { PublicityId = publicity.Id, MemberId = id, Honour = honour! });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (FeedbackException e)
        {
            db.ChangeTracker.Clear();
            Pad(form);
            return Outcome.Invalid(Guid.Empty, "", e.Message);
        }
        return Outcome.Saved(publicity.Id);
    }

    private static Form Pad(Form form)
    {
        while (form.MemberIds.Count < MemberSlots) form.MemberIds.Add(null);
        return form;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
