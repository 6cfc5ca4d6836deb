using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Features.Exports;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// The downloads of the summary tables as background exports (<see cref="ExportJobs"/>): 报到 (reporting), 服务群众
/// (service) or both (all), as .xlsx (one sheet per view) or PDF. The work runs with the user's scope and reports its
/// progress: 10% once the figures are counted, then each sheet's share as it is written.
/// </summary>
public sealed class SummaryExports(SummaryFilter filter, ExportJobs jobs) : IUseCase
{
    public const string Xlsx = "xlsx", Pdf = "pdf";
    public const string ReportingTable = "reporting", ServiceTable = "service", AllTables = "all";

    public sealed record Started(ExportJob? Job, SummaryFilter.Resolved Filter);

    public static bool IsKnown(string table, string format) =>
        table is ReportingTable or ServiceTable or AllTables && format is Xlsx or Pdf;

    /// <summary>Null: the filter is not the user's (404). A started result without a job: the date was refused (back to the page).</summary>
    public async Task<Started?> StartAsync(SummaryFilter.Query query, string table, string format)
    {
        if (!IsKnown(table, format) || await filter.ResolveAsync(query) is not { } resolved) return null;
        if (resolved.AsOfError is not null) return new Started(null, resolved);
        var name = table switch
        {
            ReportingTable => SummaryDocuments.ReportingTitle,
            ServiceTable => SummaryDocuments.ServiceTitle,
            _ => "在职党员进社区汇总表",
        };
        var fileName = $"{name}-{resolved.ScopeName}-{resolved.Year}-{resolved.AsOf:MMdd}.{format}";
        var fallback = $"summary-{table}-{resolved.Year}-{resolved.AsOf:MMdd}.{format}";
        var contentType = format == Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf";
        var title = $"{name}（{resolved.ScopeName}，{resolved.Year}年，截至{resolved.AsOf:yyyy-MM-dd}）";
        var job = await jobs.StartAsync(title, fileName, fallback, contentType, (services, context) => RunAsync(services, context, resolved, table, format));
        return new Started(job, resolved);
    }

    private static async Task RunAsync(IServiceProvider services, ExportContext context, SummaryFilter.Resolved filter, string table, string format)
    {
        var ct = context.CancellationToken;
        var db = services.GetRequiredService<PortalDbContext>();
        context.Report(0, "正在统计");
        var records = new List<SummaryTableRecord>();
        if (table is ReportingTable or AllTables)
        {
            records.AddRange(SummaryDocuments.Records(SummaryDocuments.Reporting(await SummaryData.ReportingAsync(db, filter, ct)), "报到", filter));
        }
        if (table is ServiceTable or AllTables)
        {
            records.AddRange(SummaryDocuments.Records(SummaryDocuments.Service(await SummaryData.ServiceAsync(db, filter, ct)), "服务", filter));
        }
        context.Report(10, "正在生成文件");

        var n = records.Count;
        var tracked = records.Select((r, i) => r with
        {
            Groups = Track(r.Groups, () => context.Report(10 + (85 * (i + 1) / n), $"已写入{i + 1}/{n}张表")),
        }).ToList();
        if (format == Xlsx) await SummaryWorkbook.WriteAsync(context.Output, tracked, ct);
        else SummaryTablePdf.Render(tracked, context.Output);
        context.Report(100, "已完成");
    }

    /// <summary>The groups, calling <paramref name="written"/> once they have all been enumerated (the table is written).</summary>
    private static IEnumerable<SummaryGroup> Track(IEnumerable<SummaryGroup> groups, Action written)
    {
        foreach (var group in groups) yield return group;
        written();
    }
}
