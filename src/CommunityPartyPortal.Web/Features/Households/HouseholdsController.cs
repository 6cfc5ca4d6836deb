using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 联系对象: the secretary keeps the community's needy households, pairs members with them and logs their
/// visits; the street and the county read the list and the pages. Every route with an id loads the household
/// through the scoped context first: outside the user's scope it answers 404 and writes nothing.
/// </summary>
[Authorize]
[Route("households")]
public sealed class HouseholdsController : Controller
{
    public const string Readers = PortalRoles.CountyAdmin + "," + PortalRoles.StreetAdmin + "," + PortalRoles.CommunitySecretary;

    [Authorize(Roles = Readers), HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListHouseholds list, ListHouseholds.Query query) => View(await list.HandleAsync(query));

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("new")]
    public async Task<IActionResult> New([FromServices] CreateHousehold create) =>
        await create.NewFormAsync() is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] CreateHousehold create, HouseholdForm form) =>
        Done(await create.HandleAsync(form, ModelState.IsValid), "Form", form, "联系对象已登记");

    [Authorize(Roles = Readers), HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] HouseholdDetails details, Guid id, int reveal = 0, int? year = null) =>
        await details.HandleAsync(id, reveal == 1, year) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditHousehold edit, Guid id) =>
        await edit.FormAsync(id) is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditHousehold edit, Guid id, HouseholdForm form) =>
        Done(await edit.HandleAsync(id, form, ModelState.IsValid), "Form", form, "已保存");

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/archive")]
    public async Task<IActionResult> Archive([FromServices] ArchiveHousehold archive, Guid id, string? reason, Guid? version) =>
        Flash(id, await archive.ArchiveAsync(id, reason, version), "已归档");

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/restore")]
    public async Task<IActionResult> Restore([FromServices] ArchiveHousehold archive, Guid id, Guid? version) =>
        Flash(id, await archive.RestoreAsync(id, version), "已恢复");

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/pair")]
    public async Task<IActionResult> Pair([FromServices] PairMembers pair, Guid id) =>
        await pair.FormAsync(id) is { } form ? View(form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/pair")]
    public async Task<IActionResult> Pair([FromServices] PairMembers pair, Guid id, PairMembers.Form form) =>
        Done(await pair.HandleAsync(id, form, ModelState.IsValid), "Pair", form, "结对已登记");

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/pairings/{pairingId:guid}/end")]
    public async Task<IActionResult> EndPairing([FromServices] PairMembers pair, Guid id, Guid pairingId, DateOnly? endedOn, Guid? version) =>
        Flash(id, await pair.EndAsync(id, pairingId, endedOn, version), "结对已结束");

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/visits/new")]
    public async Task<IActionResult> Visit([FromServices] LogVisit log, Guid id) =>
        await log.FormAsync(id) is { } form ? View(form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/visits/new")]
    public async Task<IActionResult> Visit([FromServices] LogVisit log, Guid id, LogVisit.Form form) =>
        Done(await log.HandleAsync(id, form, ModelState.IsValid, User.DisplayNameOf()), "Visit", form, "走访已登记");

    /// <summary>PRG: saved → the household page with a flash; refused → the same view with the errors by field.</summary>
    private IActionResult Done(Outcome outcome, string view, object form, string flash)
    {
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok && ModelState.IsValid) return Back(outcome.Id, flash: flash);
        foreach (var e in outcome.Errors.Where(e => ModelState[e.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(e.Field, e.Message);
        return View(view, form);
    }

    /// <summary>For actions from the household page: null → 404, "" → done, else the error on the page.</summary>
    private IActionResult Flash(Guid id, string? result, string done) =>
        result is null ? NotFound() : result.Length == 0 ? Back(id, flash: done) : Back(id, error: result);

    private RedirectResult Back(Guid id, string? flash = null, string? error = null)
    {
        if (flash is not null) TempData["Flash"] = flash;
        if (error is not null) TempData["FlashError"] = error;
        return Redirect($"/households/{id}");
    }
}
