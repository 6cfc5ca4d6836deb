using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 活动管理 of the community secretary: the list, new/edit, recurring generation, the activity page and cancelling.
/// Every activity is loaded through the scoped context: another community's answers 404 and nothing is written.
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
[Route("activities")]
public sealed class ActivitiesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListActivities list, ListActivities.Query query) =>
        View(await list.HandleAsync(query));

    [HttpGet("new")]
    public IActionResult New([FromServices] SaveActivity save) => View("Form", save.NewForm());

    [HttpPost("new")]
    public async Task<IActionResult> New([FromServices] SaveActivity save, ActivityForm form)
    {
        var result = await save.CreateAsync(form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/activities/{result.Id}", $"已创建活动：{form.Title?.Trim()}");
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveActivity save, Guid id) =>
        await save.EditFormAsync(id) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] SaveActivity save, Guid id, ActivityForm form)
    {
        var result = await save.UpdateAsync(id, form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok) return Back($"/activities/{id}", "已保存活动");
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [HttpGet("generate")]
    public IActionResult Generate([FromServices] GenerateRecurring generate) => View(generate.NewForm());

    [HttpPost("generate")]
    public async Task<IActionResult> Generate([FromServices] GenerateRecurring generate, GenerateRecurring.Form form)
    {
        if (await generate.HandleAsync(form, ModelState.IsValid) is not { } result) return NotFound();
        if (result.Problems.Count > 0 || !ModelState.IsValid)
        {
            AddProblems(result.Problems);
            return View(form);
        }
        return Back($"/activities?when=upcoming",
            $"已生成{form.Year}年{EnumTextOf(form)}{result.Created}场" + (result.Skipped > 0 ? $"，{result.Skipped}场已存在未重复生成" : ""));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] ActivityDetails details, Guid id) =>
        await details.HandleAsync(id, $"{Request.Scheme}://{Request.Host}{Request.PathBase}") is { } model ? View(model) : NotFound();

    [HttpPost("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel([FromServices] CancelActivity cancel, [FromServices] ActivityDetails details, Guid id, string? reason)
    {
        if (await cancel.HandleAsync(id, reason) is not { } outcome) return NotFound();
        if (outcome.Error is null) return Back($"/activities/{id}", "活动已取消");
        ModelState.AddModelError("reason", outcome.Error);
        var model = await details.HandleAsync(id, $"{Request.Scheme}://{Request.Host}{Request.PathBase}");
        return model is null ? NotFound() : View("Details", model);
    }

    private static string EnumTextOf(GenerateRecurring.Form form) => Domain.Common.EnumText.Text(form.Kind);

    private void AddProblems(IEnumerable<Problem> problems)
    {
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
    }

    private RedirectResult Back(string url, string flash)
    {
        TempData["Flash"] = flash;
        return Redirect(url);
    }
}
