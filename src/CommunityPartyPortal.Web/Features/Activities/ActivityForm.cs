using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>The activity form (新建/修改活动): times as China local time, hours as a decimal number of hours.</summary>
public sealed class ActivityForm
{
    public const int MaxDays = 7;

    [Display(Name = "活动名称")] public string? Title { get; set; }
    [Display(Name = "活动类型")] public ActivityKind Kind { get; set; } = ActivityKind.Regular;
    [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
    [Display(Name = "公益活动")] public bool IsPublicWelfare { get; set; }
    [Display(Name = "活动地点")] public string? Place { get; set; }
    [Display(Name = "开始时间")] public DateTime? StartsAt { get; set; }
    [Display(Name = "结束时间")] public DateTime? EndsAt { get; set; }
    [Display(Name = "组织者")] public string? Organiser { get; set; }
    [Display(Name = "人数上限")] public int? Capacity { get; set; }
    [Display(Name = "默认服务时长（小时）")] public decimal? DefaultHours { get; set; }
    [Display(Name = "活动说明")] public string? Description { get; set; }
    /// <summary>The activity's version when the form was opened (edit).</summary>
    public Guid? Version { get; set; }

    /// <summary>The activity being edited (null: new).</summary>
    [BindNever, ValidateNever] public Guid? Id { get; set; }

    public static ActivityForm From(Activity a) => new()
    {
        Id = a.Id,
        Title = a.Title,
        Kind = a.Kind,
        Category = a.Category == ServiceCategory.None ? null : a.Category,
        IsPublicWelfare = a.IsPublicWelfare,
        Place = a.Place,
        StartsAt = Clock.ToChina(a.StartsAt),
        EndsAt = Clock.ToChina(a.EndsAt),
        Organiser = a.Organiser,
        Capacity = a.Capacity,
        DefaultHours = CheckInRules.HoursValue(a.DefaultMinutes),
        Description = a.Description,
        Version = a.Version,
    };

    /// <summary>Every problem of the form, each with its field, in Chinese. Empty: valid.</summary>
    public IReadOnlyList<Problem> Validate()
    {
        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(new(field, message));
        if (string.IsNullOrWhiteSpace(Title)) Add(nameof(Title), "请填写活动名称");
        else if (Title.Trim().Length > 100) Add(nameof(Title), "活动名称不能超过100个字");
        if (!Enum.IsDefined(Kind)) Add(nameof(Kind), "请选择活动类型");
        if (Category is not { } c || c == ServiceCategory.None || !Enum.IsDefined(c)) Add(nameof(Category), "请选择服务类别");
        if (Place?.Trim().Length > 200) Add(nameof(Place), "活动地点不能超过200个字");
        if (Organiser?.Trim().Length > 50) Add(nameof(Organiser), "组织者不能超过50个字");
        if (Description?.Trim().Length > 1000) Add(nameof(Description), "活动说明不能超过1000个字");
        if (StartsAt is null) Add(nameof(StartsAt), "请填写开始时间");
        if (EndsAt is null) Add(nameof(EndsAt), "请填写结束时间");
        var length = 0;
        if (StartsAt is { } start && EndsAt is { } end)
        {
            length = (int)Math.Round((end - start).TotalMinutes);
            if (end <= start) Add(nameof(EndsAt), "结束时间必须晚于开始时间");
            else if (end - start > TimeSpan.FromDays(MaxDays)) Add(nameof(EndsAt), $"活动时长不能超过{MaxDays}天");
        }
        if (Capacity is < 1) Add(nameof(Capacity), "人数上限至少为1人（不限人数请留空）");
        if (DefaultHours is null) Add(nameof(DefaultHours), "请填写默认服务时长");
        else if (length > 0 && problems.All(p => p.Field != nameof(EndsAt)))
        {
            var (_, hours) = CheckInRules.Minutes(DefaultHours, length);
            if (hours is not null) Add(nameof(DefaultHours), hours.Replace("服务时长", "默认服务时长"));
        }
        else if (CheckInRules.ToMinutes(DefaultHours.Value) <= 0) Add(nameof(DefaultHours), "默认服务时长必须大于0");
        return problems;
    }

    /// <summary>Writes the (valid) form onto the activity.</summary>
    public void ApplyTo(Activity a)
    {
        a.Title = Title!.Trim();
        a.Kind = Kind;
        a.Category = Category!.Value;
        a.IsPublicWelfare = IsPublicWelfare;
        a.Place = Clean(Place);
        a.StartsAt = CheckInRules.ToUtc(StartsAt!.Value);
        a.EndsAt = CheckInRules.ToUtc(EndsAt!.Value);
        a.Organiser = Clean(Organiser);
        a.Capacity = Capacity;
        a.DefaultMinutes = CheckInRules.ToMinutes(DefaultHours!.Value);
        a.Description = Clean(Description);
    }

    /// <summary>A new random token for the self check-in address.</summary>
    public static string NewCheckInCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
