using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// 汇总表: the page of the 报到 and 服务群众 tables for a year, a date and a subtree of the user's scope, and their downloads
/// (reporting, service or all; .xlsx or .pdf) as background exports. A subtree outside the scope is not found.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Route("summaries")]
public sealed class SummariesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] SummaryPage page, SummaryFilter.Query query) =>
        await page.HandleAsync(query) is { } model ? View("~/Features/Summaries/Index.cshtml", model) : NotFound();

    [HttpGet("{table:regex(^(reporting|service|all)$)}.{format:regex(^(xlsx|pdf)$)}")]
    public async Task<IActionResult> Download([FromServices] SummaryExports exports, [FromServices] Exports.ExportJobs jobs, string table, string format,
        SummaryFilter.Query query)
    {
        if (await exports.StartAsync(query, table, format) is not { } started) return NotFound();
        if (started.Job is not { } job)
        {
            TempData["FlashError"] = started.Filter.AsOfError;
            return Redirect($"/summaries?year={started.Filter.Year}&root={started.Filter.Root.Id}");
        }
        return await this.ExportAsync(jobs, job);
    }
}
