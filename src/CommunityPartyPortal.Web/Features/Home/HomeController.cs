using CommunityPartyPortal.Domain.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>The home page of each role: its overview and its dashboard (figures cached per <see cref="DashboardCache"/>).</summary>
[Authorize]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(
        [FromServices] HomeSummary summary,
        [FromServices] CountyDashboard county,
        [FromServices] StreetDashboard street,
        [FromServices] CommunityDashboard community,
        [FromServices] UnitDashboard unit)
    {
        var model = await summary.HandleAsync();
        model = model.Role switch
        {
            PortalRole.CountyAdmin => model with { Area = await county.HandleAsync() },
            PortalRole.StreetAdmin => model with { Area = await street.HandleAsync() },
            PortalRole.CommunitySecretary => model with { Community = await community.HandleAsync() },
            PortalRole.UnitAdmin => model with { Unit = await unit.HandleAsync() },
            _ => model,
        };
        return View(model);
    }
}
