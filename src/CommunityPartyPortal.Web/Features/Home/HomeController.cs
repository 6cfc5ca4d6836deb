using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>The home page of each role.</summary>
[Authorize]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromServices] HomeSummary summary) => View(await summary.HandleAsync());
}
