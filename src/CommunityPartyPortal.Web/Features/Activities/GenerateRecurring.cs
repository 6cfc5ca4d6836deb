using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 按规则生成全年活动: the 党员活动日 or the 志愿服务日 of a year (dates from <see cref="RecurringDates"/>) at a chosen
/// time of day and place, in the secretary's community, all in one series (the year's existing series of that kind
/// is continued). Idempotent: a date that already has an activity of the kind is skipped.
/// </summary>
public sealed class GenerateRecurring(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "年度")] public int? Year { get; set; }
        [Display(Name = "活动类型")] public ActivityKind Kind { get; set; } = ActivityKind.MeetingDay;
        [Display(Name = "开始时刻")] public TimeOnly? StartTime { get; set; }
        [Display(Name = "结束时刻")] public TimeOnly? EndTime { get; set; }
        [Display(Name = "活动地点")] public string? Place { get; set; }
        [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
        [Display(Name = "公益活动")] public bool IsPublicWelfare { get; set; }
        [Display(Name = "组织者")] public string? Organiser { get; set; }
        [Display(Name = "默认服务时长（小时）")] public decimal? DefaultHours { get; set; }
    }

    public sealed record Result(IReadOnlyList<Problem> Problems, int Created, int Skipped);

    public Form NewForm() => new()
    {
        Year = Clock.TodayInChina(time).Year,
        StartTime = new TimeOnly(9, 0),
        EndTime = new TimeOnly(11, 0),
        Category = ServiceCategory.PolicyPublicity,
        DefaultHours = 2,
    };

    public async Task<Result?> HandleAsync(Form form, bool bindingValid)
    {
        if (db.Scope is not { Kind: ScopeKind.Community, OrganizationId: { } community }) return null;
        var problems = Validate(form);
        if (problems.Count > 0 || !bindingValid) return new(problems, 0, 0);

        var year = form.Year!.Value;
        var dates = RecurringDates.For(form.Kind, year);
        var from = CheckInRules.ToUtc(new DateTime(year, 1, 1)).AddDays(-1);
        var to = CheckInRules.ToUtc(new DateTime(year + 1, 1, 1)).AddDays(1);
        var existing = await db.Activities.AsNoTracking()
            .Where(a => a.CommunityId == community && a.Kind == form.Kind && a.StartsAt >= from && a.StartsAt < to)
            .Select(a => new { a.StartsAt, a.SeriesId })
            .ToListAsync();
        var taken = existing.Select(a => DateOnly.FromDateTime(Clock.ToChina(a.StartsAt))).ToHashSet();
        var series = existing.Select(a => a.SeriesId).FirstOrDefault(s => s is not null) ?? Guid.NewGuid();
        var title = form.Kind.Text();
        var created = 0;
        foreach (var date in dates.Where(d => !taken.Contains(d)))
        {
            db.Activities.Add(new Activity
            {
                CommunityId = community,
                Title = title,
                Kind = form.Kind,
                Category = form.Category!.Value,
                IsPublicWelfare = form.IsPublicWelfare,
                Place = ActivityForm.Clean(form.Place),
                StartsAt = CheckInRules.ToUtc(date.ToDateTime(form.StartTime!.Value)),
                EndsAt = CheckInRules.ToUtc(date.ToDateTime(form.EndTime!.Value)),
                Organiser = ActivityForm.Clean(form.Organiser),
                DefaultMinutes = CheckInRules.ToMinutes(form.DefaultHours!.Value),
                Description = $"{year}年{title}（按规则生成）",
                SeriesId = series,
                CheckInCode = ActivityForm.NewCheckInCode(),
            });
            created++;
        }
        if (created > 0) await db.SaveChangesAsync();
        return new([], created, dates.Count - created);
    }

    private IReadOnlyList<Problem> Validate(Form f)
    {
        var problems = new List<Problem>();
        var thisYear = Clock.TodayInChina(time).Year;
        if (f.Year is not { } year || year < thisYear - 1 || year > thisYear + 1)
            problems.Add(new(nameof(Form.Year), $"年度须在{thisYear - 1}年至{thisYear + 1}年之间"));
        if (!RecurringDates.IsRecurring(f.Kind)) problems.Add(new(nameof(Form.Kind), "请选择党员活动日或志愿服务日"));
        if (f.Category is not { } c || c == ServiceCategory.None || !Enum.IsDefined(c)) problems.Add(new(nameof(Form.Category), "请选择服务类别"));
        if (f.Place?.Trim().Length > 200) problems.Add(new(nameof(Form.Place), "活动地点不能超过200个字"));
        if (f.Organiser?.Trim().Length > 50) problems.Add(new(nameof(Form.Organiser), "组织者不能超过50个字"));
        if (f.StartTime is null) problems.Add(new(nameof(Form.StartTime), "请填写开始时刻"));
        if (f.EndTime is null) problems.Add(new(nameof(Form.EndTime), "请填写结束时刻"));
        if (f is { StartTime: { } s, EndTime: { } e })
        {
            if (e <= s) problems.Add(new(nameof(Form.EndTime), "结束时刻必须晚于开始时刻"));
            else if (CheckInRules.Minutes(f.DefaultHours, (int)(e - s).TotalMinutes).Problem is { } hours)
                problems.Add(new(nameof(Form.DefaultHours), hours.Replace("服务时长", "默认服务时长")));
        }
        else if (f.DefaultHours is null) problems.Add(new(nameof(Form.DefaultHours), "请填写默认服务时长"));
        return problems;
    }
}
