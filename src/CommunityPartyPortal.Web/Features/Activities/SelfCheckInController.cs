using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 扫码自助签到 (the address in the activity's QR code): members only — anonymous users are sent to sign in and come
/// back, staff get 403; an activity of another community answers 404.
/// </summary>
[Authorize(Roles = PortalRoles.Member)]
[Route("checkin/{code}")]
public sealed class SelfCheckInController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Page([FromServices] SelfCheckIn self, string code) =>
        await self.PageAsync(code) is { } model ? View("~/Features/Activities/SelfCheckIn.cshtml", model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> CheckIn([FromServices] SelfCheckIn self, string code, string? idempotencyKey)
    {
        if (await self.HandleAsync(code, idempotencyKey, User.DisplayNameOf()) is not { } outcome) return NotFound();
        if (outcome.Flash is not null) TempData["Flash"] = outcome.Flash;
        if (outcome.Error is not null) TempData["FlashError"] = outcome.Error;
        return Redirect($"/checkin/{Uri.EscapeDataString(code)}");
    }
}
