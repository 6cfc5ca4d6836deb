using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>
/// 名册导出与批量导入: the roster as .xlsx (what it holds depends on the role, see <see cref="ExportRoster"/>), the
/// import template, and the all-or-nothing member import.
/// </summary>
[Authorize]
[Route("roster")]
public sealed class RosterController : Controller
{
    /// <summary>GET /roster/export?year=&amp;category=&amp;community=&amp;grid=&amp;unit=&amp;status=&amp;q=&amp;sort=&amp;dir= — streamed, never buffered.</summary>
    [Authorize(Policy = Policies.Staff), HttpGet("export")]
    public async Task<IActionResult> Export([FromServices] ExportRoster export, int? year, ListMembers.Query query)
    {
        var ct = HttpContext.RequestAborted;
        if (await export.PrepareAsync(year, query, ct) is not { } plan) return NotFound();
        Response.ContentType = ExportRoster.ContentType;
        Response.Headers.ContentDisposition = Attachment(plan.FileName);
        Response.Headers.CacheControl = "no-store";
        await export.WriteAsync(plan, Response.Body, ct);
        return new EmptyResult();
    }

    [Authorize(Policy = Policies.MemberEditor), HttpGet("import/template")]
    public IActionResult Template([FromServices] ImportTemplate template) =>
        File(template.Handle(), ExportRoster.ContentType, ImportTemplate.FileName);

    [Authorize(Policy = Policies.MemberEditor), HttpGet("import")]
    public async Task<IActionResult> Import([FromServices] ImportMembers import, Guid? community) =>
        View(await import.PageAsync(community, HttpContext.RequestAborted));

    /// <summary>PRG on success (to the member list with the counts); the page again with every error otherwise.</summary>
    [Authorize(Policy = Policies.MemberEditor), HttpPost("import")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportMembers.RequestLimit)]
    [RejectOversizedUpload]
    public async Task<IActionResult> Import([FromServices] ImportMembers import, IFormFile? file, Guid? community)
    {
        var result = await import.HandleAsync(file, community, HttpContext.RequestAborted);
        if (!result.Succeeded) return View(result.Page);
        TempData["Flash"] = result.Message;
        return Redirect("/members");
    }

    /// <summary>attachment; filename=roster.xlsx (the fallback of old clients); filename*=UTF-8''… (the Chinese name).</summary>
    private static string Attachment(string fileName) =>
        new ContentDispositionHeaderValue("attachment") { FileName = "roster.xlsx", FileNameStar = fileName }.ToString();
}
