using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// Claims of posts: the secretary records one (approved at once), decides a member's request, records a
/// release; a member requests a post for himself or herself. A member's posts and teams on one page.
/// </summary>
[Authorize]
[Route("posts")]
public sealed class PostClaimsController : PostsControllerBase
{
    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/claims")]
    public async Task<IActionResult> Record([FromServices] RecordClaim record, [FromServices] PostDetails details, Guid id,
        Guid? memberId, string? memberName, string? note)
    {
        var result = await record.HandleAsync(id, memberId, note, User.DisplayNameOf());
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/posts/{id}", flash: result.Flash);
        if (await details.HandleAsync(id) is not { } model) return NotFound();
        (model.MemberId, model.MemberName, model.Note) = (memberId, memberName, note);
        AddProblems(result.Problems);
        return View(Views + "Details.cshtml", model);
    }

    [Authorize(Roles = PortalRoles.Member), HttpPost("{id:guid}/request")]
    public async Task<IActionResult> Ask([FromServices] RequestClaim ask, Guid id) => After(await ask.HandleAsync(id), "/posts");

    [Authorize(Roles = PortalRoles.Member), HttpPost("claims/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw([FromServices] WithdrawClaim withdraw, Guid id) => After(await withdraw.HandleAsync(id), "/posts");

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("claims/{id:guid}/approve")]
    public async Task<IActionResult> Approve([FromServices] DecideClaim decide, Guid id)
    {
        var result = await decide.ApproveAsync(id, User.DisplayNameOf());
        return After(result, $"/posts/{result.Id}");
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("claims/{id:guid}/reject")]
    public async Task<IActionResult> Reject([FromServices] DecideClaim decide, Guid id, string? reason)
    {
        var result = await decide.RejectAsync(id, reason, User.DisplayNameOf());
        return After(result, $"/posts/{result.Id}");
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("claims/{id:guid}/release")]
    public async Task<IActionResult> Release([FromServices] ReleaseClaim release, Guid id, DateOnly? releasedOn, string? note)
    {
        var result = await release.HandleAsync(id, releasedOn, note);
        return After(result, $"/posts/{result.Id}");
    }

    [Authorize(Roles = PostRoles.StaffWithUnit), HttpGet("member/{memberId:guid}")]
    public async Task<IActionResult> Member([FromServices] MemberServiceRoles roles, Guid memberId) =>
        await roles.HandleAsync(memberId) is { } model ? View(Views + "Member.cshtml", model) : NotFound();
}
