using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// 反馈卡 as the unit and the member receive them. The unit admin: the inbox of its members' sent cards (unread first),
/// a card (opening marks it read), the 签收 with the uses, and the downloads (one card, the cycle's batch with the
/// covering letters, the cycle's .xlsx). The member: his or her own sent cards. Cards are loaded through the scoped
/// context: another unit's card, or a draft, answers 404 and nothing is written.
/// </summary>
[Authorize]
[Route("feedback")]
public sealed class FeedbackInboxController : Controller
{
    [Authorize(Policy = Policies.UnitAdmin), HttpGet("inbox")]
    public async Task<IActionResult> Index([FromServices] ListInbox list, ListInbox.Query query) => View(await list.HandleAsync(query));

    [Authorize(Policy = Policies.UnitAdmin), HttpGet("inbox/{id:guid}")]
    public async Task<IActionResult> Card([FromServices] AcknowledgeCard acknowledge, Guid id) =>
        await acknowledge.OpenAsync(id) is { } form ? View(form) : NotFound();

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("inbox/{id:guid}/acknowledge")]
    public async Task<IActionResult> Acknowledge([FromServices] AcknowledgeCard acknowledge, Guid id, AcknowledgeCard.Form form)
    {
        var outcome = await acknowledge.HandleAsync(id, form, ModelState.IsValid, User.DisplayNameOf());
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok)
        {
            TempData["Flash"] = "反馈卡已签收，使用情况已保存";
            return Redirect($"/feedback/inbox/{id}");
        }
        foreach (var e in outcome.Errors)
        {
            if (ModelState[e.Field]?.Errors.Count is null or 0) ModelState.AddModelError(e.Field, e.Message);
        }
        if (outcome.Errors.Any(e => e.Message == AcknowledgeCard.Stale))
        {
            // Show what the card is now, with its new version, keeping what the user chose.
            var fresh = await acknowledge.OpenAsync(id);
            if (fresh is null) return NotFound();
            form.Card = fresh.Card;
            form.CanAcknowledge = fresh.CanAcknowledge;
            ModelState.Remove(nameof(form.Version));
            form.Version = fresh.Version;
        }
        return View("Card", form);
    }

    [Authorize(Policy = Policies.UnitAdmin), HttpGet("inbox/cards/{id:guid}.pdf")]
    public async Task<IActionResult> CardPdf([FromServices] InboxDocuments documents, Guid id) => this.Pdf(await documents.CardAsync(id), inline: false);

    [Authorize(Policy = Policies.UnitAdmin), HttpGet("inbox/cycles/{cycleId:guid}/batch.pdf")]
    public async Task<IActionResult> BatchPdf([FromServices] InboxDocuments documents, Guid cycleId) => this.Pdf(await documents.BatchAsync(cycleId), inline: false);

    [Authorize(Policy = Policies.UnitAdmin), HttpGet("inbox/cycles/{cycleId:guid}/cards.xlsx")]
    public async Task<IActionResult> Workbook([FromServices] InboxDocuments documents, Guid cycleId) =>
        this.Xlsx(await documents.WorkbookAsync(cycleId));

    [Authorize(Roles = PortalRoles.Member), HttpGet("mine")]
    public async Task<IActionResult> Mine([FromServices] MyCards mine) => await mine.HandleAsync() is { } model ? View(model) : NotFound();

    [Authorize(Roles = PortalRoles.Member), HttpGet("mine/{id:guid}")]
    public async Task<IActionResult> MyCard([FromServices] AcknowledgeCard acknowledge, Guid id) =>
        await acknowledge.OpenAsync(id) is { } form ? View("Card", form) : NotFound();

    [Authorize(Roles = PortalRoles.Member), HttpGet("mine/cards/{id:guid}.pdf")]
    public async Task<IActionResult> MyCardPdf([FromServices] InboxDocuments documents, Guid id) => this.Pdf(await documents.CardAsync(id), inline: false);
}
