using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CommunityPartyPortal.Web.Features.Settings;

/// <summary>The settings of one reporting year (新增 and 编辑). Nullable fields: the portal's Chinese rules decide what is missing.</summary>
public sealed class ReportingYearForm
{
    [Display(Name = "年度")] public int? Year { get; set; }
    [Display(Name = "报到截止日期")] public DateOnly? Deadline { get; set; }
    [Display(Name = "报到率要求（%）")] public int? ThresholdPercent { get; set; }
    [Display(Name = "备注")] public string? Notes { get; set; }
    /// <summary>The record's version when the edit form was opened.</summary>
    public Guid? Version { get; set; }

    /// <summary>The record edited; null for 新增. Never bound.</summary>
    [BindNever, ValidateNever] public Guid? Id { get; set; }
    /// <summary>The preset just applied (shown as a note), never bound.</summary>
    [BindNever, ValidateNever] public string? AppliedPreset { get; set; }

    public bool IsNew => Id is null;
    public string Action => IsNew ? "/settings/reporting-years/new" : $"/settings/reporting-years/{Id}/edit";
}
