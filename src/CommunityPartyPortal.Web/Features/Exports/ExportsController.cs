using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>
/// 我的导出: the user's long exports of the last day, one export's progress (the page polls its status), and the file.
/// Another user's export is not found (404).
/// </summary>
[Authorize]
[Route("exports")]
public sealed class ExportsController : Controller
{
    [HttpGet("")]
    public IActionResult Index([FromServices] ExportJobs jobs) => View("~/Features/Exports/Index.cshtml", jobs.Mine());

    [HttpGet("{id:guid}")]
    public IActionResult Show([FromServices] ExportJobs jobs, Guid id) =>
        jobs.Find(id) is { } job ? View("~/Features/Exports/Show.cshtml", job) : NotFound();

    /// <summary>The job's state as JSON, for the status page's polling.</summary>
    [HttpGet("{id:guid}/status")]
    public IActionResult Status([FromServices] ExportJobs jobs, Guid id)
    {
        if (jobs.Find(id) is not { } job) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Json(new
        {
            status = job.Status.ToString(), statusText = Domain.Common.EnumText.Text(job.Status), percent = job.Percent, stage = job.Stage,
            error = job.Error, download = job.Status == ExportStatus.Done ? $"/exports/{job.Id}/file" : null,
        });
    }

    [HttpGet("{id:guid}/file")]
    public async Task<IActionResult> File([FromServices] ExportJobs jobs, Guid id) =>
        await jobs.OpenAsync(id) is { } open ? this.ExportFile(open.Job, open.Content) : NotFound();
}
