using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>A validation message for one form field ("" for the whole form).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a form use case did: not found (out of scope), refused with errors, or saved.</summary>
public sealed record Outcome(bool NotFound, Guid Id, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => !NotFound && Errors.Count == 0;
    public static Outcome Missing { get; } = new(true, Guid.Empty, []);
    public static Outcome Saved(Guid id) => new(false, id, []);
    public static Outcome Invalid(Guid id, IReadOnlyList<FieldError> errors) => new(false, id, errors);
    public static Outcome Invalid(Guid id, string field, string message) => new(false, id, [new FieldError(field, message)]);
}

/// <summary>
/// The member form (基本情况信息卡) shared by 新增 and 编辑. Every field is nullable so that the
/// portal's own Chinese validation (<see cref="MemberFormRules"/>) decides what is missing.
/// </summary>
public sealed class MemberForm
{
    [Display(Name = "姓名")] public string? Name { get; set; }
    [Display(Name = "性别")] public Gender? Gender { get; set; }
    [Display(Name = "出生日期")] public DateOnly? BirthDate { get; set; }
    [Display(Name = "民族")] public string? Ethnicity { get; set; }
    [Display(Name = "学历")] public Education? Education { get; set; }
    [Display(Name = "入党日期")] public DateOnly? JoinedPartyOn { get; set; }
    [Display(Name = "正式/预备")] public MembershipStatus? Status { get; set; }
    [Display(Name = "党员类别")] public MemberCategory? Category { get; set; }
    [Display(Name = "身份证号")] public string? NationalId { get; set; }
    [Display(Name = "手机号码")] public string? Mobile { get; set; }

    [Display(Name = "工作单位（组织关系所在单位）")] public Guid? WorkUnitId { get; set; }
    [Display(Name = "职务/岗位")] public string? JobTitle { get; set; }

    [Display(Name = "居住社区")] public Guid? CommunityId { get; set; }
    [Display(Name = "网格")] public Guid? GridId { get; set; }
    [Display(Name = "楼栋")] public string? Building { get; set; }
    [Display(Name = "房号")] public string? Room { get; set; }
    [Display(Name = "详细住址")] public string? Address { get; set; }

    [Display(Name = "特长")] public string? Specialties { get; set; }
    [Display(Name = "服务意向")] public List<ServiceCategory> ServiceIntentions { get; set; } = [];
    [Display(Name = "空闲时间")] public string? FreeTime { get; set; }

    [Display(Name = "迁出日期")] public DateOnly? MovedOutOn { get; set; }
    [Display(Name = "迁往何处（去向）")] public string? MovedOutTo { get; set; }
    [Display(Name = "迁出原因")] public string? MoveOutReason { get; set; }

    /// <summary>The member's <see cref="EditableEntity.Version"/> when the edit form was opened.</summary>
    public Guid? Version { get; set; }

    /// <summary>What the view needs besides the fields (options, hints); never bound from the request.</summary>
    [BindNever, ValidateNever]
    public MemberFormPage Page { get; set; } = new();

    public ServiceCategory ServiceFlags => ServiceIntentions.Aggregate(ServiceCategory.None, (all, c) => all | c);
}

/// <summary>The options and hints of the member form page.</summary>
public sealed class MemberFormPage
{
    public sealed record Option(Guid Id, string Text, Guid? CommunityId = null);

    public bool IsNew { get; set; } = true;
    public Guid MemberId { get; set; }
    public string MemberName { get; set; } = "";
    /// <summary>A community secretary registers members of its own community only.</summary>
    public Option? FixedCommunity { get; set; }
    public IReadOnlyList<Option> Communities { get; set; } = [];
    public IReadOnlyList<Option> Grids { get; set; } = [];
    public IReadOnlyList<Option> WorkUnits { get; set; } = [];
    public IReadOnlyList<string> Ethnicities { get; set; } = MemberFormRules.EthnicGroups;
    /// <summary>Edit by a user without the PII permission: ID and phone are blank, with these masked hints.</summary>
    public bool PersonalDataHidden { get; set; }
    public string MaskedNationalId { get; set; } = "";
    public string MaskedMobile { get; set; } = "";
    /// <summary>The 迁出情况 section is editable only when the member has moved out.</summary>
    public bool ShowMoveOut { get; set; }
    public string Action => IsNew ? "/members/new" : $"/members/{MemberId}/edit";
}
