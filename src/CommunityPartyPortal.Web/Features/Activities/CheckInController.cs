using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 活动签到 by the community secretary: the screen, checking a member in (Post-Redirect-Get back to the screen with
/// the search box focused), undoing a check-in and confirming a member's own QR check-in.
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
[Route("activities/{id:guid}/checkin")]
public sealed class CheckInController : Controller
{
    private const string ViewPath = "~/Features/Activities/CheckIn.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Screen([FromServices] CheckInScreen screen, Guid id) =>
        await screen.HandleAsync(id) is { } model ? View(ViewPath, model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> CheckIn([FromServices] CheckInMember checkIn, [FromServices] CheckInScreen screen, Guid id, CheckInScreen.Form form)
    {
        var hoursValid = ModelState[nameof(form.Hours)]?.Errors.Count is null or 0;
        var outcome = await checkIn.HandleAsync(id, form, hoursValid, User.DisplayNameOf());
        if (outcome.NotFound) return NotFound();
        if (outcome.Flash is not null)
        {
            TempData["Flash"] = outcome.Flash;
            return Redirect($"/activities/{id}/checkin");
        }
        // Refused: the screen again with the reason beside the field and what was typed (nothing written).
        var model = (await screen.HandleAsync(id, form))!;
        model.Candidates = outcome.Candidates ?? [];
        ModelState.Clear();
        ModelState.AddModelError(outcome.Field ?? "", outcome.Error ?? "");
        return View(ViewPath, model);
    }

    [HttpPost("{recordId:guid}/undo")]
    public async Task<IActionResult> Undo([FromServices] UndoCheckIn undo, Guid id, Guid recordId, string? reason) =>
        Back(id, await undo.UndoAsync(id, recordId, reason));

    [HttpPost("{recordId:guid}/confirm")]
    public async Task<IActionResult> Confirm([FromServices] UndoCheckIn undo, Guid id, Guid recordId) =>
        Back(id, await undo.ConfirmAsync(id, recordId, User.DisplayNameOf()));

    private IActionResult Back(Guid id, UndoCheckIn.Outcome? outcome)
    {
        if (outcome is null) return NotFound();
        if (outcome.Flash is not null) TempData["Flash"] = outcome.Flash;
        if (outcome.Error is not null) TempData["FlashError"] = outcome.Error;
        return Redirect($"/activities/{id}/checkin");
    }
}
