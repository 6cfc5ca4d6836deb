using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Account;

/// <summary>Sign in, sign out, change password.</summary>
[Authorize]
[Route("account")]
public sealed class AccountController : Controller
{
    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login([FromServices] SignIn signIn, string? returnUrl) =>
        View(signIn.NewForm(returnUrl));

    [AllowAnonymous]
    [HttpPost("login")]
    public async Task<IActionResult> Login([FromServices] SignIn signIn, SignIn.Form form)
    {
        if (!ModelState.IsValid) return View(signIn.Prepare(form));
        var result = await signIn.HandleAsync(form);
        if (result.Error is not null)
        {
            ModelState.AddModelError("", result.Error);
            return View(signIn.Prepare(form));
        }
        return LocalRedirect(result.RedirectTo!);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout([FromServices] SignIn signIn)
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePassword.Form());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword([FromServices] ChangePassword changePassword, ChangePassword.Form form)
    {
        if (!ModelState.IsValid) return View(form);
        var errors = await changePassword.HandleAsync(User, form);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
            return View(form);
        }
        TempData["Flash"] = "密码已修改";
        return Redirect("/");
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Error", StatusCodes.Status403Forbidden);
    }
}
