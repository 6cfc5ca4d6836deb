using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 撤回报到 (the member moved away, or the report was a mistake): the report stays in the roster's history,
/// greyed, and frees its slot so that the member may report to the community again.
/// </summary>
public sealed class WithdrawReport(PortalDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Null when the report is not visible (404); else the year and the problems (none when done).</summary>
    public async Task<(int Year, IReadOnlyList<string> Problems)?> HandleAsync(Guid reportId, DateOnly? withdrawnOn, string? reason)
    {
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.Id == reportId);
        if (report is null) return null;
        if (report.Status != ReportStatus.Confirmed) return (report.Year, ["该报到已撤回"]);

        var problems = new List<string>();
        var today = Clock.TodayInChina(time);
        if (withdrawnOn is not { } on) problems.Add("请填写撤回日期");
        else if (on < report.ReportedOn) problems.Add("撤回日期不能早于报到日期");
        else if (on > today) problems.Add("撤回日期不能晚于今天");
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text is null) problems.Add("请填写撤回原因");
        else if (text.Length > 200) problems.Add("撤回原因不能超过200个字");
        if (problems.Count > 0) return (report.Year, problems);

        report.Status = ReportStatus.Withdrawn;
        report.WithdrawnOn = withdrawnOn;
        report.WithdrawReason = text;
        await db.SaveChangesAsync();
        return (report.Year, []);
    }
}
