using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>What the 认岗 controllers share: problems into the model state, Post-Redirect-Get with a flash.</summary>
public abstract class PostsControllerBase : Controller
{
    protected const string Views = "/Features/Posts/";

    protected void AddProblems(IEnumerable<FieldProblem> problems)
    {
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
    }

    protected RedirectResult Back(string url, string? flash = null, string? error = null)
    {
        if (flash is not null) TempData["Flash"] = flash;
        if (error is not null) TempData["FlashError"] = error;
        return Redirect(url);
    }

    /// <summary>A row action's answer: 404, or back to <paramref name="url"/> with its flash or its problems.</summary>
    protected IActionResult After(Outcome outcome, string url) =>
        outcome.NotFound ? NotFound() : outcome.Ok ? Back(url, flash: outcome.Flash) : Back(url, error: outcome.ErrorText);
}
