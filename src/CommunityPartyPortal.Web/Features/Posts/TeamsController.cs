using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 志愿者服务队 and 党小组: the secretary forms them (optionally on a post) with a leader, adds and removes
/// members, dissolves them; the street and the county read them. Views beside the posts' (Features/Posts).
/// </summary>
[Authorize(Roles = PostRoles.Readers)]
[Route("posts/teams")]
public sealed class TeamsController : PostsControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListTeams list, bool dissolved = false) =>
        View(Views + "Teams.cshtml", await list.HandleAsync(dissolved));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] TeamDetails details, Guid id) =>
        await details.HandleAsync(id) is { } model ? View(Views + "Team.cshtml", model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("new")]
    public async Task<IActionResult> New([FromServices] SaveTeam save, Guid? post) =>
        await save.NewAsync(post) is { } form ? View(Views + "TeamForm.cshtml", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("new")]
    public Task<IActionResult> New([FromServices] SaveTeam save, SaveTeam.Form form) => Save(save, null, form);

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveTeam save, Guid id) =>
        await save.EditFormAsync(id) is { } form ? View(Views + "TeamForm.cshtml", form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Edit([FromServices] SaveTeam save, Guid id, SaveTeam.Form form) => Save(save, id, form);

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/members")]
    public async Task<IActionResult> AddMember([FromServices] AddTeamMember add, [FromServices] TeamDetails details, Guid id,
        Guid? memberId, string? memberName, DateOnly? joinedOn)
    {
        var result = await add.HandleAsync(id, memberId, joinedOn);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/posts/teams/{id}", flash: result.Flash);
        if (await details.HandleAsync(id) is not { } model) return NotFound();
        (model.MemberId, model.MemberName, model.JoinedOn) = (memberId, memberName, joinedOn);
        AddProblems(result.Problems);
        return View(Views + "Team.cshtml", model);
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("memberships/{id:guid}/remove")]
    public async Task<IActionResult> RemoveMember([FromServices] RemoveTeamMember remove, Guid id, DateOnly? leftOn)
    {
        var result = await remove.HandleAsync(id, leftOn);
        return After(result, $"/posts/teams/{result.Id}");
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/dissolve")]
    public async Task<IActionResult> Dissolve([FromServices] DissolveTeam dissolve, Guid id) =>
        After(await dissolve.HandleAsync(id), $"/posts/teams/{id}");

    private async Task<IActionResult> Save(SaveTeam save, Guid? id, SaveTeam.Form form)
    {
        var result = await save.SaveAsync(id, form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/posts/teams/{result.Id}", flash: result.Flash);
        AddProblems(result.Problems);
        return View(Views + "TeamForm.cshtml", form);
    }
}
