using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Features.Households;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Suggestions;

/// <summary>
/// 合理建议: the secretary records members' suggestions and answers them; a member submits his own and reads
/// the answers (/suggestions/mine); the street and the county read. Records are loaded through the scoped
/// context: another community's suggestion answers 404 and nothing is written.
/// </summary>
[Authorize]
[Route("suggestions")]
public sealed class SuggestionsController : Controller
{
    [Authorize(Roles = HouseholdsController.Readers), HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListSuggestions list, ListSuggestions.Query query) => View(await list.HandleAsync(query));

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("new")]
    public IActionResult New([FromServices] RecordSuggestion record) => View(record.NewForm());

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] RecordSuggestion record, RecordSuggestion.Form form)
    {
        var outcome = await record.HandleAsync(form, ModelState.IsValid);
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok) return Back($"/suggestions/{outcome.Id}", "建议已登记");
        AddErrors(outcome);
        return View(form);
    }

    [Authorize(Roles = HouseholdsController.Readers), HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] AnswerSuggestion answer, Guid id) =>
        await answer.FormAsync(id) is { } form ? View(form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("{id:guid}/answer")]
    public async Task<IActionResult> Answer([FromServices] AnswerSuggestion answer, Guid id, AnswerSuggestion.Form form)
    {
        var outcome = await answer.HandleAsync(id, form, ModelState.IsValid, User.DisplayNameOf());
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok) return Back($"/suggestions/{id}", "答复已保存");
        AddErrors(outcome);
        return View("Details", form);
    }

    [Authorize(Roles = PortalRoles.Member), HttpGet("mine")]
    public async Task<IActionResult> Mine([FromServices] MySuggestions mine) =>
        await mine.HandleAsync() is { } model ? View(model) : NotFound();

    [Authorize(Roles = PortalRoles.Member), HttpPost("mine")]
    public async Task<IActionResult> Mine([FromServices] MySuggestions mine, [FromServices] RecordSuggestion record, [Bind(Prefix = "Form")] RecordSuggestion.Form form)
    {
        var outcome = await record.HandleAsync(form, ModelState.IsValid);
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok) return Back("/suggestions/mine", "建议已提交，社区答复后可在此查看");
        AddErrors(outcome, "Form.");
        return await mine.HandleAsync(form) is { } model ? View(model) : NotFound();
    }

    private void AddErrors(Outcome outcome, string prefix = "")
    {
        foreach (var e in outcome.Errors)
        {
            var key = e.Field.Length == 0 ? "" : prefix + e.Field;
            if (ModelState[key]?.Errors.Count is null or 0) ModelState.AddModelError(key, e.Message);
        }
    }

    private RedirectResult Back(string url, string flash)
    {
        TempData["Flash"] = flash;
        return Redirect(url);
    }
}
