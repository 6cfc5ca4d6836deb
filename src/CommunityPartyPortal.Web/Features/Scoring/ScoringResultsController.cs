using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// 考评结果 of a community secretary: the locked sessions that scored its community, with its rank and total, and its own
/// score sheet as PDF. The scope decides (a session before its lock, or another community's target, is 404).
/// </summary>
[Authorize(Roles = PortalRoles.CommunitySecretary)]
[Route("scoring/results")]
public sealed class ScoringResultsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ScoringResults results) =>
        View("~/Features/Scoring/Results.cshtml", await results.ListAsync());

    [HttpGet("{id:guid}/targets/{targetId:guid}/sheet.pdf")]
    public async Task<IActionResult> SheetPdf([FromServices] ScoringDocuments documents, Guid id, Guid targetId) =>
        this.Pdf(await documents.SheetFileAsync(id, targetId), inline: false);
}
