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
/// 表彰 (服务标兵, 优秀志愿者 …) of a member of the community: the 五个一's "one service-model recognition".
/// The list of a year and the form to record one, on one page.
/// </summary>
public sealed class RecordRecognition(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public static readonly IReadOnlyList<string> CommonTitles = ["服务标兵", "优秀志愿者", "优秀在职党员", "服务之星"];

    public sealed class Form
    {
        [Display(Name = "党员")] public Guid? MemberId { get; set; }
        [Display(Name = "表彰名称")] public string? Title { get; set; }
        [Display(Name = "表彰日期")] public DateOnly? AwardedOn { get; set; }
        [Display(Name = "表彰单位")] public string? AwardedBy { get; set; }

        [BindNever, ValidateNever] public string MemberName { get; set; } = "";
    }

    public sealed record Row(Guid Id, DateOnly AwardedOn, string MemberName, string Community, string Title, string AwardedBy);

    public sealed class Model
    {
        public int Year { get; init; }
        public required IReadOnlyList<int> Years { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required Form Form { get; init; }
        public bool CanRecord { get; init; }
        public bool ShowCommunity { get; init; }
        public DateOnly Today { get; init; }
    }

    public async Task<Model> PageAsync(int? year, Form? form = null)
    {
        var today = Clock.TodayInChina(time);
        var shown = year is { } y && y >= 2000 && y <= today.Year ? y : form?.AwardedOn?.Year is { } fy && fy <= today.Year ? fy : today.Year;
        var tree = await trees.GetAsync();
        var rows = await db.Recognitions.AsNoTracking().Where(r => r.Year == shown)
            .OrderByDescending(r => r.AwardedOn).ThenBy(r => r.Member!.NamePinyin).Take(500)
            .Select(r => new { r.Id, r.AwardedOn, r.Member!.Name, r.CommunityId, r.Title, r.AwardedBy })
            .ToListAsync();
        var community = db.Scope.Kind == ScopeKind.Community ? db.Scope.OrganizationId : null;
        return new Model
        {
            Year = shown,
            Years = [.. Enumerable.Range(today.Year - 4, 5).Reverse()],
            Rows = [.. rows.Select(r => new Row(r.Id, r.AwardedOn, r.Name, tree.NameOf(r.CommunityId), r.Title, r.AwardedBy))],
            Form = form ?? new Form { AwardedOn = today, AwardedBy = community is { } c ? tree.NameOf(c) : null },
            CanRecord = community is not null,
            ShowCommunity = community is null,
            Today = today,
        };
    }

    public async Task<Outcome> HandleAsync(Form form, bool bindingValid)
    {
        if (db.Scope.Kind != ScopeKind.Community || db.Scope.OrganizationId is not { } community) return Outcome.Missing;
        var errors = new List<FieldError>();
        var member = form.MemberId is { } id ? await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Id, m.Name }).FirstOrDefaultAsync() : null;
        form.MemberName = member?.Name ?? "";
        if (form.MemberId is null) errors.Add(new(nameof(Form.MemberId), "请选择党员"));
        else if (member is null) errors.Add(new(nameof(Form.MemberId), RecordSuggestion.UnknownMember));
        HouseholdFormRules.Text(form.Title, nameof(Form.Title), "表彰名称", 100, required: true, errors);
        if (form.AwardedOn is not { } on) errors.Add(new(nameof(Form.AwardedOn), "请填写表彰日期"));
        else if (on > Clock.TodayInChina(time)) errors.Add(new(nameof(Form.AwardedOn), "表彰日期不能晚于今天"));
        HouseholdFormRules.Text(form.AwardedBy, nameof(Form.AwardedBy), "表彰单位", 100, required: true, errors);
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(Guid.Empty, errors);

        var recognition = new Recognition
        {
            MemberId = member!.Id,
            CommunityId = community,
            Year = form.AwardedOn!.Value.Year,
            Title = form.Title!.Trim(),
            AwardedOn = form.AwardedOn.Value,
            AwardedBy = form.AwardedBy!.Trim(),
        };
        db.Recognitions.Add(recognition);
        await db.SaveChangesAsync();
        return Outcome.Saved(recognition.Id);
    }
}
