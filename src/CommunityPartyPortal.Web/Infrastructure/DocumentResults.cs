using CommunityPartyPortal.Web.Features.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>A rendered .xlsx and the names it is served under: the Chinese one (filename*) and an ASCII fallback.</summary>
public sealed record XlsxFile(byte[] Content, string FileName, string FallbackName);

/// <summary>How a printed document leaves the portal: never cached, named in Chinese (with an ASCII fallback).</summary>
public static class DocumentResults
{
    /// <summary>The PDF inline (opens in the browser) or as a download; 404 when there is nothing the user may print.</summary>
    public static IActionResult Pdf(this ControllerBase controller, PdfFile? file, bool inline)
    {
        if (file is null) return controller.NotFound();
        var headers = controller.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.ContentDisposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment")
        {
            FileName = file.FallbackName,
            FileNameStar = file.FileName,
        }.ToString();
        return controller.File(file.Content, "application/pdf");
    }

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook as a download; 404 when there is nothing the user may export.</summary>
    public static IActionResult Xlsx(this ControllerBase controller, XlsxFile? file)
    {
        if (file is null) return controller.NotFound();
        var headers = controller.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FallbackName, FileNameStar = file.FileName }.ToString();
        return controller.File(file.Content, XlsxContentType);
    }
}
