using CommunityPartyPortal.Web.Features.Households;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Suggestions;

/// <summary>表彰: the secretary records a member's recognition (服务标兵 …); the street and the county read the list.</summary>
[Authorize]
[Route("recognitions")]
public sealed class RecognitionsController : Controller
{
    private const string PageView = "/Features/Suggestions/Recognitions.cshtml";

    [Authorize(Roles = HouseholdsController.Readers), HttpGet("")]
    public async Task<IActionResult> Index([FromServices] RecordRecognition recognitions, int? year) =>
        View(PageView, await recognitions.PageAsync(year));

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("")]
    public async Task<IActionResult> Index([FromServices] RecordRecognition recognitions, [Bind(Prefix = "Form")] RecordRecognition.Form form)
    {
        var outcome = await recognitions.HandleAsync(form, ModelState.IsValid);
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok)
        {
            TempData["Flash"] = $"已登记表彰：{form.MemberName} {form.Title?.Trim()}";
            return Redirect($"/recognitions?year={form.AwardedOn!.Value.Year}");
        }
        foreach (var e in outcome.Errors)
        {
            var key = e.Field.Length == 0 ? "" : "Form." + e.Field;
            if (ModelState[key]?.Errors.Count is null or 0) ModelState.AddModelError(key, e.Message);
        }
        return View(PageView, await recognitions.PageAsync(null, form));
    }
}
