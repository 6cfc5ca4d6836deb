using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 认岗: the community's service posts. The secretary sets them up, edits, closes and reopens them; the street
/// and the county read them; a member sees the open posts of his or her community and asks for one
/// (<see cref="PostClaimsController"/>). Every record is loaded through the scoped context: outside → 404.
/// </summary>
[Authorize]
[Route("posts")]
public sealed class PostsController : PostsControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListPosts list, [FromServices] OpenPosts open, ListPosts.Query query) =>
        User.Role() switch
        {
            PortalRole.Member => View("Open", await open.HandleAsync()),
            PortalRole.UnitAdmin or null => Forbid(),
            _ => View(await list.HandleAsync(query)),
        };

    [Authorize(Roles = PostRoles.Readers), HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] PostDetails details, Guid id) =>
        await details.HandleAsync(id) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("new")]
    public IActionResult New([FromServices] SavePost save) => View("Form", save.New());

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] SavePost save, SavePost.Form form)
    {
        var result = await save.CreateAsync(form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/posts/{result.Id}", flash: result.Flash);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SavePost save, Guid id) =>
        await save.EditFormAsync(id) is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SavePost save, Guid id, SavePost.Form form)
    {
        var result = await save.EditAsync(id, form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/posts/{id}", flash: result.Flash);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/close")]
    public async Task<IActionResult> Close([FromServices] SetPostClosed set, Guid id) => After(await set.HandleAsync(id, closed: true), $"/posts/{id}");

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/reopen")]
    public async Task<IActionResult> Reopen([FromServices] SetPostClosed set, Guid id) => After(await set.HandleAsync(id, closed: false), $"/posts/{id}");
}
