using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>The 联系对象 form shared by 新增 and 编辑; every field nullable so the Chinese rules below decide what is missing.</summary>
public sealed class HouseholdForm
{
    [Display(Name = "类别")] public HouseholdKind? Kind { get; set; }
    [Display(Name = "户主姓名")] public string? HeadName { get; set; }
    [Display(Name = "性别")] public Gender? Gender { get; set; }
    [Display(Name = "出生年份")] public int? BirthYear { get; set; }
    [Display(Name = "身份证号")] public string? NationalId { get; set; }
    [Display(Name = "联系电话")] public string? Phone { get; set; }
    [Display(Name = "家庭住址")] public string? Address { get; set; }
    [Display(Name = "网格")] public Guid? GridId { get; set; }
    [Display(Name = "家庭情况")] public string? Situation { get; set; }
    [Display(Name = "帮扶需求")] public string? Needs { get; set; }
    /// <summary>The household's version when the edit page was opened.</summary>
    public Guid? Version { get; set; }

    [BindNever, ValidateNever] public FormPage Page { get; set; } = new();
}

public sealed record Choice(Guid Id, string Text);

/// <summary>What the form page shows besides the fields; never bound.</summary>
public sealed class FormPage
{
    public Guid? Id { get; set; }
    public string? Serial { get; set; }
    public IReadOnlyList<Choice> Grids { get; set; } = [];
    /// <summary>The user may not see the full ID and phone: the fields are blank, "leave blank to keep".</summary>
    public bool PersonalDataHidden { get; set; }
    public string MaskedNationalId { get; set; } = "";
    public string MaskedPhone { get; set; } = "";
}

/// <summary>Options, validation (Chinese messages by field) and mapping of <see cref="HouseholdForm"/>.</summary>
public sealed class HouseholdFormRules(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const string Stale = "该联系对象已被他人修改，请刷新后重新填写";

    public AccessScope Scope => db.Scope;

    /// <summary>The secretary's community, or null for any other user (who may not write households).</summary>
    public Guid? Community => Scope.Kind == ScopeKind.Community ? Scope.OrganizationId : null;

    public async Task PrepareAsync(HouseholdForm form, Household? household, Guid community)
    {
        var tree = await trees.GetAsync();
        form.Page.Id = household?.Id;
        form.Page.Serial = household?.Serial;
        form.Page.Grids = [.. tree.ChildrenOf(community).Where(g => g.Kind == OrgKind.Grid && (g.IsActive || g.Id == household?.GridId))
            .Select(g => new Choice(g.Id, g.Name))];
        form.Page.PersonalDataHidden = !Scope.CanViewPersonalData;
        form.Page.MaskedNationalId = Masking.NationalId(household?.NationalId);
        form.Page.MaskedPhone = Masking.Mobile(household?.Phone);
    }

    public static HouseholdForm FormOf(Household h, bool pii) => new()
    {
        Kind = h.Kind,
        HeadName = h.HeadName,
        Gender = h.Gender,
        BirthYear = h.BirthYear,
        NationalId = pii ? h.NationalId : null,
        Phone = pii ? h.Phone : null,
        Address = h.Address,
        GridId = h.GridId,
        Situation = h.Situation,
        Needs = h.Needs,
        Version = h.Version,
    };

    public List<FieldError> Validate(HouseholdForm f, Household? existing)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new(field, message));
        var today = Clock.TodayInChina(time);
        if (f.Kind is not { } kind || !Enum.IsDefined(kind)) Add(nameof(f.Kind), "请选择联系对象类别");
        Text(f.HeadName, nameof(f.HeadName), "户主姓名", 50, required: true, errors);
        if (f.Gender is { } g && !Enum.IsDefined(g)) Add(nameof(f.Gender), "性别无效");
        if (f.BirthYear is { } y && (y < 1900 || y > today.Year)) Add(nameof(f.BirthYear), $"出生年份应在1900至{today.Year}之间");
        if (!string.IsNullOrWhiteSpace(f.NationalId) && !NationalId.TryValidate(f.NationalId, today, out var idError)) Add(nameof(f.NationalId), idError!);
        if (!string.IsNullOrWhiteSpace(f.Phone) && !MobilePhone.TryValidate(f.Phone, out var phoneError)) Add(nameof(f.Phone), phoneError!);
        Text(f.Address, nameof(f.Address), "家庭住址", 200, required: true, errors);
        if (f.GridId is { } grid && f.Page.Grids.All(c => c.Id != grid)) Add(nameof(f.GridId), "请选择本社区的网格");
        Text(f.Situation, nameof(f.Situation), "家庭情况", 500, required: false, errors);
        Text(f.Needs, nameof(f.Needs), "帮扶需求", 500, required: false, errors);
        if (existing is not null && f.Version is null) Add("", Stale);
        return errors;
    }

    /// <summary>Copies the form onto the household; a blank ID or phone from a user without the PII permission keeps the old value.</summary>
    public void Apply(HouseholdForm f, Household h)
    {
        h.Kind = f.Kind!.Value;
        h.HeadName = f.HeadName!.Trim();
        h.Gender = f.Gender;
        h.BirthYear = f.BirthYear;
        var keepHidden = !Scope.CanViewPersonalData;
        var id = NationalId.Normalize(f.NationalId);
        if (id.Length > 0 || !keepHidden) h.NationalId = id.Length > 0 ? id : null;
        var phone = MobilePhone.Normalize(f.Phone);
        if (phone.Length > 0 || !keepHidden) h.Phone = phone.Length > 0 ? phone : null;
        h.Address = f.Address!.Trim();
        h.GridId = f.GridId;
        h.Situation = Clean(f.Situation);
        h.Needs = Clean(f.Needs);
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Text(string? value, string field, string label, int max, bool required, List<FieldError> errors)
    {
        var v = value?.Trim() ?? "";
        if (required && v.Length == 0) errors.Add(new(field, $"请填写{label}"));
        else if (v.Length > max) errors.Add(new(field, $"{label}不能超过{max}个字"));
    }
}
