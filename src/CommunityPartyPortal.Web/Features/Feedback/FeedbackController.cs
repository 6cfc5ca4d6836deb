using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// 反馈卡 of the community secretary: the closed cycles, a cycle's cards, one card (review, send, correct), sending
/// many. Everything is read through the scoped context: another community's card answers 404 and nothing is written.
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
[Route("feedback")]
public sealed class FeedbackController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CommunityCycles cycles) => View("Index", await cycles.ClosedCyclesAsync());

    [HttpGet("cycles/{id:guid}")]
    public async Task<IActionResult> Cycle([FromServices] CommunityCycles cycles, [FromServices] FeedbackDocuments documents, Guid id,
        CommunityCycles.Query query) =>
        await cycles.CycleAsync(id, query, documents) is { } page ? View("Cycle", page) : NotFound();

    [HttpPost("cycles/{id:guid}/send")]
    public async Task<IActionResult> SendMany([FromServices] SendCards send, Guid id, List<Guid> cardIds, bool all)
    {
        if (await send.ManyAsync(id, cardIds, all, User.DisplayNameOf()) is not { } result) return NotFound();
        return Back($"/feedback/cycles/{id}", result.Ok, result.Message);
    }

    [HttpGet("cards/{id:guid}")]
    public async Task<IActionResult> Card([FromServices] ReviewCard review, Guid id) =>
        await review.FormAsync(id) is { } form ? View("Card", form) : NotFound();

    [HttpPost("cards/{id:guid}/review")]
    public async Task<IActionResult> Review([FromServices] ReviewCard review, Guid id, ReviewCard.Form form)
    {
        var outcome = await review.HandleAsync(id, form, ModelState.IsValid, User.DisplayNameOf());
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok) return Back($"/feedback/cards/{id}", true, "评议已保存");
        foreach (var e in outcome.Errors.Where(e => ModelState[e.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(e.Field, e.Message);
        return View("Card", form);
    }

    [HttpPost("cards/{id:guid}/send")]
    public async Task<IActionResult> Send([FromServices] SendCards send, Guid id, Guid? version)
    {
        if (await send.OneAsync(id, version, User.DisplayNameOf()) is not { } result) return NotFound();
        return Back($"/feedback/cards/{id}", result.Ok, result.Message);
    }

    [HttpPost("cards/{id:guid}/correct")]
    public async Task<IActionResult> Correct([FromServices] CorrectCard correct, Guid id, Guid? version)
    {
        if (await correct.HandleAsync(id, version) is not { } result) return NotFound();
        return result.NewId is { } newId
            ? Back($"/feedback/cards/{newId}", true, "已生成更正草稿，请修改评议后重新发送")
            : Back($"/feedback/cards/{id}", false, result.Error!);
    }

    private RedirectResult Back(string url, bool ok, string message)
    {
        TempData[ok ? "Flash" : "FlashError"] = message;
        return Redirect(url);
    }
}
