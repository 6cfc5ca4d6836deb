using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// The 写实登记 form: a service outside activities (new) or the corrected values of a record (correction). Hours are
/// entered with up to two decimals and stored as whole minutes.
/// </summary>
public sealed class ServiceRecordForm
{
    public const string FutureDate = "服务日期不能晚于今天";
    public const string HoursRange = "服务时长应大于0且不超过24小时";

    [Display(Name = "党员")] public Guid? MemberId { get; set; }
    /// <summary>The picked member's name, shown in the picker box again after a failed post.</summary>
    public string? MemberName { get; set; }
    [Display(Name = "服务日期")] public DateOnly? ServedOn { get; set; }
    [Display(Name = "服务内容")] public string? Content { get; set; }
    [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
    [Display(Name = "公益活动")] public bool IsPublicWelfare { get; set; }
    [Display(Name = "服务时长（小时）")] public decimal? Hours { get; set; }
    [Display(Name = "证明人")] public string? ConfirmedBy { get; set; }
    /// <summary>Generated with the form: a repeated POST of the same form writes nothing.</summary>
    public string? IdempotencyKey { get; set; }

    // Correction only
    [Display(Name = "更正原因")] public string? Reason { get; set; }
    /// <summary>The corrected record's version when the page was opened.</summary>
    public Guid? Version { get; set; }

    [BindNever, ValidateNever] public FormPage Page { get; set; } = new();

    /// <summary>What the page shows besides the fields.</summary>
    public sealed class FormPage
    {
        /// <summary>The record being corrected (null: a new record).</summary>
        public Guid? CorrectsId { get; set; }
        public string? OriginalText { get; set; }
        public string? Activity { get; set; }
        /// <summary>The longest service allowed, in minutes (24 h, or the activity's length for a check-in).</summary>
        public int MaxMinutes { get; set; } = 24 * 60;
        public DateOnly Today { get; set; }
        public string Action => CorrectsId is { } id ? $"/service-records/{id}/correct" : "/service-records/new";
    }

    public int Minutes => Hours is { } h ? (int)Math.Round(h * 60m, MidpointRounding.AwayFromZero) : 0;

    /// <summary>The checks of the values themselves (the member is checked by the use case).</summary>
    public List<Problem> Validate(DateOnly today, bool correction)
    {
        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(new Problem(field, message));
        if (ServedOn is not { } on) Add(nameof(ServedOn), "请填写服务日期");
        else if (on > today) Add(nameof(ServedOn), FutureDate);
        else if (on.Year < 2000) Add(nameof(ServedOn), "服务日期不能早于2000年");

        Content = Clean(Content);
        if (Content is null) Add(nameof(Content), "请填写服务内容");
        else if (Content.Length > 200) Add(nameof(Content), "服务内容不能超过200个字");

        if (Category is not { } c || c == ServiceCategory.None || !Enum.IsDefined(c) || EnumText.FlagsText(c).Contains('、', StringComparison.Ordinal))
        {
            Add(nameof(Category), "请选择一个服务类别");
        }

        var max = Page.MaxMinutes;
        if (Hours is null) Add(nameof(Hours), "请填写服务时长");
        else if (Hours <= 0 || Minutes < 1 || Minutes > 24 * 60) Add(nameof(Hours), HoursRange);
        else if (Minutes > max) Add(nameof(Hours), $"服务时长不能超过活动时长（{(max / 60m).ToString("0.##", CultureInfo.InvariantCulture)}小时）");

        ConfirmedBy = Clean(ConfirmedBy);
        if (ConfirmedBy is { Length: > 50 }) Add(nameof(ConfirmedBy), "证明人不能超过50个字");

        if (correction)
        {
            Reason = Clean(Reason);
            if (Reason is null) Add(nameof(Reason), "请填写更正原因");
            else if (Reason.Length > 200) Add(nameof(Reason), "更正原因不能超过200个字");
        }
        IdempotencyKey = Clean(IdempotencyKey);
        if (IdempotencyKey is { Length: > 64 }) Add("", "提交的内容无效，请刷新页面后重试");
        return problems;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string HoursText(int minutes) => (Math.Floor(minutes / 6m) / 10m).ToString("0.0", CultureInfo.InvariantCulture);

    public static string NewKey() => Guid.NewGuid().ToString("N");
}
