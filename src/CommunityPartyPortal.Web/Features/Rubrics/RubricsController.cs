using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>考评细则 of the county: the list and loading a preset, one rubric, publishing, copying, changing an item's points.</summary>
[Authorize(Policy = Policies.CountyAdmin)]
[Route("rubrics")]
public sealed class RubricsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CountyRubrics rubrics) =>
        View("~/Features/Rubrics/Index.cshtml", await rubrics.ListAsync());

    [HttpPost("preset")]
    public async Task<IActionResult> Preset([FromServices] CountyRubrics rubrics, string? preset, int year)
    {
        var (error, rubric) = await rubrics.LoadPresetAsync(preset, year);
        if (error is not null || rubric is null)
        {
            TempData["FlashError"] = error ?? "载入失败";
            return Redirect("/rubrics");
        }
        TempData["Flash"] = $"已载入“{rubric.Name}”（{rubric.Year}年），当前为草稿";
        return Redirect($"/rubrics/{rubric.Id}");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show([FromServices] CountyRubrics rubrics, Guid id) =>
        await rubrics.DetailAsync(id) is { } page ? View("~/Features/Rubrics/Rubric.cshtml", page) : NotFound();

    [HttpPost("{id:guid}/publish")]
    public async Task<IActionResult> Publish([FromServices] CountyRubrics rubrics, Guid id) => Done(await rubrics.PublishAsync(id));

    [HttpPost("{id:guid}/copy")]
    public async Task<IActionResult> Copy([FromServices] CountyRubrics rubrics, Guid id) => Done(await rubrics.CopyAsync(id));

    [HttpPost("{id:guid}/items/{itemId:guid}")]
    public async Task<IActionResult> Item([FromServices] CountyRubrics rubrics, Guid id, Guid itemId, string? points) =>
        Done(await rubrics.SetItemPointsAsync(id, itemId, points));

    private IActionResult Done(CountyRubrics.Outcome? outcome)
    {
        if (outcome is null) return NotFound();
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect($"/rubrics/{outcome.RubricId}");
    }
}
