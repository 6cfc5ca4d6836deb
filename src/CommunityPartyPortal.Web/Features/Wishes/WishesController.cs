using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>
/// 微心愿: the secretary's list, details, entry and moves; the member's 志愿者活动菜单. Every wish is loaded through
/// the scoped context first: a wish outside the user's community answers 404 and nothing is written.
/// </summary>
[Authorize]
[Route("wishes")]
public sealed class WishesController : Controller
{
    private const string SecretaryOrMember = PortalRoles.CommunitySecretary + "," + PortalRoles.Member;

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListWishes list, ListWishes.Query query) =>
        await list.HandleAsync(query) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("new")]
    public IActionResult New([FromServices] SaveWish save) => save.New() is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] SaveWish save, SaveWish.Form form)
    {
        var result = await save.CreateAsync(form, User.DisplayNameOf());
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/wishes/{result.Id}", $"已登记心愿 {result.Serial}");
        await save.PrepareAsync(form, null);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] WishDetails details, Guid id) =>
        await details.HandleAsync(id) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveWish save, Guid id) =>
        await save.EditAsync(id) is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveWish save, Guid id, SaveWish.Form form)
    {
        var result = await save.UpdateAsync(id, form);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/wishes/{id}", $"已保存心愿 {result.Serial}");
        await save.PrepareAsync(form, id);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [Authorize(Roles = PortalRoles.Member), HttpGet("menu")]
    public async Task<IActionResult> Menu([FromServices] WishMenu menu, int page = 1, ServiceCategory? category = null) =>
        await menu.HandleAsync(page, category) is { } model ? View(model) : NotFound();

    /// <summary>Every move (approve, reject, publish, assign, claim, fulfil, confirm, withdraw, reassign, release).</summary>
    [Authorize(Roles = SecretaryOrMember), HttpPost("{id:guid}/{move}")]
    public async Task<IActionResult> Move([FromServices] MoveWish moves, [FromServices] WishDetails details, [FromServices] WishMenu menu,
        Guid id, string move, MoveWish.Form form)
    {
        if (!MoveWish.TryParse(move, out var kind)) return NotFound();
        var result = await moves.HandleAsync(id, kind, form, User.DisplayNameOf());
        if (result.NotFound) return NotFound();
        var member = User.IsInRole(PortalRoles.Member);
        if (result.Ok) return Back(member ? "/wishes/menu" : $"/wishes/{id}", result.Flash);
        AddProblems(result.Problems);
        if (member)
        {
            if (await menu.HandleAsync() is not { } page) return NotFound();
            (page.Failed, page.FailedWish, page.Posted) = (kind, id, form);
            return View("Menu", page);
        }
        if (await details.HandleAsync(id) is not { } model) return NotFound();
        (model.Failed, model.Posted) = (kind, form);
        return View("Details", model);
    }

    private void AddProblems(IEnumerable<WishProblem> problems)
    {
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
    }

    private RedirectResult Back(string url, string? flash)
    {
        if (flash is not null) TempData["Flash"] = flash;
        return Redirect(url);
    }
}
