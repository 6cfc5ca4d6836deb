using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Publicity;

/// <summary>
/// 公示: the unit admin lists and creates its publicities; the community secretary, the street, the county and the
/// member read the entries about their residents (or self). A publicity the viewer does not see answers 404.
/// </summary>
[Authorize]
[Route("publicity")]
public sealed class PublicityController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListPublicities list) => View(await list.HandleAsync());

    [Authorize(Policy = Policies.UnitAdmin), HttpGet("new")]
    public IActionResult New([FromServices] CreatePublicity create) => View(create.NewForm());

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] CreatePublicity create, CreatePublicity.Form form)
    {
        var outcome = await create.HandleAsync(form, ModelState.IsValid, User.DisplayNameOf());
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok)
        {
            TempData["Flash"] = "公示已发布，党员居住社区可同步查看";
            return Redirect($"/publicity/{outcome.Id}");
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field, e.Message);
        }
        return View(form);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] PublicityDetails details, Guid id) =>
        await details.HandleAsync(id) is { } model ? View(model) : NotFound();
}
