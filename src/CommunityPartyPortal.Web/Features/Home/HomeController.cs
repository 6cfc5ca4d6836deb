using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>The home page of each role.</summary>
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromServices] HomeSummary summary) => View(await summary.HandleAsync());
}
