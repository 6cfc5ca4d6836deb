using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// The feedback documents: a card as PDF for anyone who sees it (the scope filters: the unit and the member only once
/// it is sent), the community's batch to a unit (covering letter + cards) and its cards of a cycle as .xlsx.
/// </summary>
[Authorize]
[Route("feedback")]
public sealed class FeedbackDownloadsController : Controller
{
    [HttpGet("cards/{id:guid}.pdf")]
    public async Task<IActionResult> CardPdf([FromServices] PrintFeedback print, Guid id) => this.Pdf(await print.CardAsync(id), inline: true);

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("cycles/{id:guid}/units/{unitId:guid}/batch.pdf")]
    public async Task<IActionResult> Batch([FromServices] PrintFeedback print, Guid id, Guid unitId) =>
        this.Pdf(await print.BatchAsync(id, unitId), inline: false);

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("cycles/{id:guid}/cards.xlsx")]
    public async Task<IActionResult> Workbook([FromServices] PrintFeedback print, Guid id) =>
        this.Xlsx(await print.WorkbookAsync(id));
}
