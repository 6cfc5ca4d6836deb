using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.MemberSearch;

/// <summary>
/// The member picker's data: GET /members/search?q=zs gives up to ten members in the user's scope as
/// JSON. Used by the check-in screen and every form that picks a member (wwwroot/js/member-picker.js).
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Route("members/search")]
public sealed class MemberSearchController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Search([FromServices] SearchMembers search, string? q, int limit = SearchMembers.Limit, CancellationToken ct = default)
    {
        Response.Headers.CacheControl = "no-store";
        return Json(await search.HandleAsync(q, limit, ct));
    }
}
