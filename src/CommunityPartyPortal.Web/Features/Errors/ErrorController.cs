using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Errors;

/// <summary>Chinese error pages for status codes and unhandled exceptions.</summary>
[AllowAnonymous]
[Route("error")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("")]
    [Route("{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show(int code = 500)
    {
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        return View("Error", Response.StatusCode);
    }
}
