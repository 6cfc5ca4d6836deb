using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>The county admin manages the staff accounts: list, create, edit, disable/enable, unlock, reset password.</summary>
[Authorize(Policy = Policies.CountyAdmin)]
[Route("accounts")]
public sealed class AccountsController : Controller
{
    public const string TemporaryPasswordKey = "TemporaryPassword";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] AccountList list, [FromQuery] AccountList.Filter filter) =>
        View(await list.HandleAsync(filter, HttpContext.RequestAborted));

    [HttpGet("new")]
    public async Task<IActionResult> New([FromServices] CreateAccount create) =>
        View(await create.PageAsync(new CreateAccount.Form()));

    [HttpPost("new")]
    public async Task<IActionResult> New([FromServices] CreateAccount create, CreateAccount.Form form)
    {
        if (ModelState.IsValid)
        {
            var outcome = await create.HandleAsync(form);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = outcome.Message;
                return Redirect("/accounts");
            }
            AddErrors(outcome);
        }
        return View(await create.PageAsync(form));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditAccount edit, Guid id)
    {
        // The page may carry a temporary password: never keep it in a cache.
        Response.Headers.CacheControl = "no-store";
        return await edit.PageAsync(id) is { } page ? View(page) : NotFound();
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditAccount edit, Guid id, EditAccount.Form form)
    {
        if (ModelState.IsValid)
        {
            var outcome = await edit.HandleAsync(id, form);
            if (!outcome.Found) return NotFound();
            if (outcome.Succeeded)
            {
                TempData["Flash"] = outcome.Message;
                return Redirect($"/accounts/{id}/edit");
            }
            AddErrors(outcome);
            form.ConcurrencyStamp = null;
        }
        return await edit.PageAsync(id, form) is { } page ? View(page) : NotFound();
    }

    [HttpPost("{id:guid}/disable")]
    public async Task<IActionResult> Disable([FromServices] SetAccountDisabled handler, Guid id, string? returnUrl) =>
        After(await handler.HandleAsync(id, disabled: true), id, returnUrl);

    [HttpPost("{id:guid}/enable")]
    public async Task<IActionResult> Enable([FromServices] SetAccountDisabled handler, Guid id, string? returnUrl) =>
        After(await handler.HandleAsync(id, disabled: false), id, returnUrl);

    [HttpPost("{id:guid}/unlock")]
    public async Task<IActionResult> Unlock([FromServices] UnlockAccount handler, Guid id, string? returnUrl) =>
        After(await handler.HandleAsync(id), id, returnUrl);

    [HttpPost("{id:guid}/reset-password")]
    public async Task<IActionResult> ResetPassword([FromServices] ResetPassword handler, Guid id)
    {
        var result = await handler.HandleAsync(id);
        if (result.TemporaryPassword is { } password) TempData[TemporaryPasswordKey] = password;
        return After(result.Outcome, id, returnUrl: null);
    }

    /// <summary>Post-redirect-get back to the account (or the list page the action came from), with the outcome as flash.</summary>
    private IActionResult After(AccountOutcome outcome, Guid id, string? returnUrl)
    {
        if (!outcome.Found) return NotFound();
        if (outcome.Succeeded) TempData["Flash"] = outcome.Message;
        else TempData["FlashError"] = string.Join("；", outcome.Errors.Select(e => e.Message));
        var back = returnUrl is not null && returnUrl.StartsWith("/accounts", StringComparison.Ordinal) && Url.IsLocalUrl(returnUrl)
            ? returnUrl
            : $"/accounts/{id}/edit";
        return LocalRedirect(back);
    }

    private void AddErrors(AccountOutcome outcome)
    {
        foreach (var (field, message) in outcome.Errors) ModelState.AddModelError(field, message);
    }
}
