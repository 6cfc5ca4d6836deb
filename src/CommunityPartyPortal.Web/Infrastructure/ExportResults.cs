using CommunityPartyPortal.Web.Features.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>How an export leaves a controller: the file at once when it finished within the inline wait, else its status page.</summary>
public static class ExportResults
{
    /// <summary>
    /// Starts nothing: answers for an export already started. Done → the file; failed → the status page (it shows why);
    /// still running → 303 to the status page, which shows the progress and the download link when it is ready.
    /// </summary>
    public static async Task<IActionResult> ExportAsync(this ControllerBase controller, ExportJobs jobs, ExportJob job)
    {
        job = await jobs.WaitAsync(job, controller.HttpContext.RequestAborted);
        if (job.Status == ExportStatus.Done && await jobs.OpenAsync(job.Id) is { } open) return controller.ExportFile(open.Job, open.Content);
        return new RedirectResult($"/exports/{job.Id}", permanent: false, preserveMethod: false);
    }

    /// <summary>The finished export as a download, never cached, named in Chinese with an ASCII fallback.</summary>
    public static IActionResult ExportFile(this ControllerBase controller, ExportJob job, Stream content)
    {
        var headers = controller.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = job.FallbackName, FileNameStar = job.FileName }.ToString();
        return controller.File(content, job.ContentType);
    }
}
