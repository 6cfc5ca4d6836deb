using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Settings;

/// <summary>
/// 新增/编辑报到年度: deadline (within the year), threshold (1–100%), notes; the two policy presets fill
/// the form for the chosen year. One setting per year. Saving a new deadline re-marks that year's reports
/// as late or not, so the 逾期 marks always follow the deadline in force.
/// </summary>
public sealed class EditReportingYear(PortalDbContext db, AuditLog audit, TimeProvider time) : IUseCase
{
    public const string YearTaken = "该年度已设置";
    public const string Stale = "该设置已被他人修改，请刷新后重新编辑";
    public const int LastYear = 2100;

    public sealed record Result(bool NotFound, IReadOnlyList<Problem> Problems, int Year)
    {
        public bool Ok => !NotFound && Problems.Count == 0;
    }

    /// <summary>A blank form for the first year not set yet, from the current one.</summary>
    public async Task<ReportingYearForm> NewFormAsync()
    {
        var taken = await db.ReportingYears.AsNoTracking().Select(y => y.Year).ToListAsync();
        var year = ReportingYears.Current(time);
        while (taken.Contains(year)) year++;
        return new ReportingYearForm { Year = year };
    }

    public async Task<ReportingYearForm?> FormAsync(Guid id)
    {
        var y = await db.ReportingYears.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        return y is null ? null : new ReportingYearForm
        {
            Id = y.Id, Year = y.Year, Deadline = y.Deadline, ThresholdPercent = y.ThresholdPercent, Notes = y.Notes, Version = y.Version,
        };
    }

    /// <summary>Fills the deadline and threshold of a preset for the form's year. Returns a problem, or null when applied.</summary>
    public static Problem? ApplyPreset(ReportingYearForm form, string key)
    {
        if (ReportingPresets.Find(key) is not { } preset) return new Problem("", "未知的预设");
        if (form.Year is not { } year || year < ReportingYears.First || year > LastYear) return new Problem(nameof(form.Year), "请先填写年度，再套用预设");
        form.Deadline = new DateOnly(year, preset.DeadlineMonth, preset.DeadlineDay);
        form.ThresholdPercent = preset.ThresholdPercent;
        form.AppliedPreset = preset.Name;
        return null;
    }

    /// <summary>Validates and saves (creates when <paramref name="id"/> is null). Nothing is written on any problem.</summary>
    public async Task<Result> HandleAsync(Guid? id, ReportingYearForm form, bool bindingValid)
    {
        ReportingYear? existing = null;
        if (id is { } key)
        {
            existing = await db.ReportingYears.FirstOrDefaultAsync(y => y.Id == key);
            if (existing is null) return new(true, [], 0);
            form.Id = key;
            form.Year = existing.Year; // the year of a setting is fixed once created
        }

        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(new Problem(field, message));
        if (form.Year is not { } year) Add(nameof(form.Year), "请填写年度");
        else if (year < ReportingYears.First || year > LastYear) Add(nameof(form.Year), $"年度应在{ReportingYears.First}至{LastYear}之间");
        else if (existing is null && await db.ReportingYears.AnyAsync(y => y.Year == year)) Add(nameof(form.Year), YearTaken);

        if (form.Deadline is not { } deadline) Add(nameof(form.Deadline), "请填写报到截止日期");
        else if (form.Year is { } y && deadline.Year != y) Add(nameof(form.Deadline), "截止日期须在该年度内");

        if (form.ThresholdPercent is not { } threshold) Add(nameof(form.ThresholdPercent), "请填写报到率要求");
        else if (threshold is < 1 or > 100) Add(nameof(form.ThresholdPercent), "报到率要求应在1%至100%之间");

        var notes = string.IsNullOrWhiteSpace(form.Notes) ? null : form.Notes.Trim();
        if (notes is { Length: > 500 }) Add(nameof(form.Notes), "备注不能超过500个字");
        if (problems.Count == 0 && existing is not null && form.Version != existing.Version) Add("", Stale);
        if (problems.Count > 0 || !bindingValid) return new(false, problems, form.Year ?? 0);

        var setting = existing ?? new ReportingYear { Year = form.Year!.Value };
        setting.Deadline = form.Deadline!.Value;
        setting.ThresholdPercent = form.ThresholdPercent!.Value;
        setting.Notes = notes;
        setting.Preset = ReportingPresets.All.FirstOrDefault(p =>
            p.DeadlineMonth == setting.Deadline.Month && p.DeadlineDay == setting.Deadline.Day && p.ThresholdPercent == setting.ThresholdPercent)?.Key;
        if (existing is null) db.ReportingYears.Add(setting);
        else db.Entry(existing).Property(y => y.Version).OriginalValue = form.Version!.Value;

        int remarked;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                return new(false, [new Problem("", Stale)], setting.Year);
            }
            catch (DbUpdateException) when (existing is null)
            {
                // Another admin created the same year at the same moment (unique index on Year).
                return new(false, [new Problem(nameof(form.Year), YearTaken)], setting.Year);
            }
            var y = setting.Year;
            var d = setting.Deadline;
            remarked = await db.CommunityReports
                .Where(r => r.Year == y && r.IsLate != (r.ReportedOn > d))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsLate, r => r.ReportedOn > d));
            await tx.CommitAsync();
        }
        if (remarked > 0)
        {
            await audit.WriteAsync("reporting.late-remarked", nameof(ReportingYear), setting.Id.ToString(), true,
                $"{setting.Year}年度截止日期改为{setting.Deadline:yyyy-MM-dd}，{remarked}条报到记录的逾期标记随之更新");
        }
        return new(false, [], setting.Year);
    }
}
