using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// The community's service records of a year as .xlsx (sheet 服务记录, every record with its status; sheet 汇总, the
/// confirmed ones per member). No ID numbers or phones are exported, so there is nothing to mask.
/// </summary>
public sealed class ExportServiceRecords(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public async Task<XlsxFile> HandleAsync(int? year)
    {
        var today = Clock.TodayInChina(time);
        var y = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        var first = new DateOnly(y, 1, 1);
        var last = new DateOnly(y, 12, 31);
        var records = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.ServedOn >= first && r.ServedOn <= last)
            .OrderBy(r => r.ServedOn).ThenBy(r => r.CreatedAt)
            .Select(r => new { r.MemberId, r.ServedOn, r.Content, r.Category, r.Minutes, r.Source, r.Status, r.ConfirmedBy, r.CreatedAt })
            .ToListAsync();
        var ids = records.Select(r => r.MemberId).Distinct().ToList();
        var members = ids.Count == 0 ? [] : await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.WorkUnitId }).ToDictionaryAsync(m => m.Id);
        var tree = await trees.GetAsync();
        var rows = records.Select(r =>
        {
            members.TryGetValue(r.MemberId, out var m);
            return new ServiceRecordRow
            {
                Date = r.ServedOn,
                MemberName = m?.Name ?? "",
                MemberKey = r.MemberId.ToString(),
                WorkUnit = tree.NameOf(m?.WorkUnitId),
                Content = r.Content,
                Category = r.Category.Text(),
                Minutes = r.Minutes,
                Source = r.Source.Text(),
                Status = r.Status.Text(),
                ConfirmedBy = r.ConfirmedBy,
                RecordedAt = Clock.ToChina(r.CreatedAt),
                CountsTowardTotals = r.Status == RecordStatus.Confirmed,
            };
        });
        var organisation = tree.NameOf(db.Scope.OrganizationId);
        using var output = new MemoryStream();
        ServiceRecordWorkbook.Write(output, $"{organisation}{y}年度在职党员进社区服务记录", organisation, today, rows);
        return new XlsxFile(output.ToArray(), $"服务记录-{y}-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx", "service-records.xlsx");
    }
}
