using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Rubrics;

/// <summary>
/// 考评细则 of the county: the list and loading a preset, one rubric, publishing, copying, changing an item's points, and the
/// editor of a draft (<c>/rubrics/{id}/edit</c>: header, categories, items).
/// </summary>
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

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] RubricEditing editing, Guid id)
    {
        if (await editing.PageAsync(id) is not { } page) return NotFound();
        if (!page.Rubric.IsPublished) return View("~/Features/Rubrics/Edit.cshtml", page);
        TempData["FlashError"] = RubricEditing.Frozen;
        return Redirect($"/rubrics/{id}");
    }

    [HttpPost("{id:guid}/edit/header")]
    public async Task<IActionResult> Header([FromServices] EditRubricHeader edit, [FromServices] RubricEditing editing, Guid id, EditRubricHeader.Form form) =>
        await Edited(editing, await edit.HandleAsync(id, form));

    [HttpPost("{id:guid}/categories")]
    public async Task<IActionResult> AddCategory([FromServices] EditCategory edit, [FromServices] RubricEditing editing, Guid id, EditCategory.Form form) =>
        await Edited(editing, await edit.AddAsync(id, form));

    [HttpPost("{id:guid}/categories/{categoryId:guid}")]
    public async Task<IActionResult> Category([FromServices] EditCategory edit, [FromServices] RubricEditing editing, Guid id, Guid categoryId, EditCategory.Form form) =>
        await Edited(editing, await edit.EditAsync(id, categoryId, form));

    [HttpPost("{id:guid}/categories/{categoryId:guid}/delete")]
    public async Task<IActionResult> DeleteCategory([FromServices] EditCategory edit, [FromServices] RubricEditing editing, Guid id, Guid categoryId, EditCategory.Form form) =>
        await Edited(editing, await edit.DeleteAsync(id, categoryId, form));

    [HttpPost("{id:guid}/categories/{categoryId:guid}/items")]
    public async Task<IActionResult> AddItem([FromServices] EditItem edit, [FromServices] RubricEditing editing, Guid id, Guid categoryId, EditItem.Form form) =>
        await Edited(editing, await edit.AddAsync(id, categoryId, form));

    [HttpPost("{id:guid}/items/{itemId:guid}/edit")]
    public async Task<IActionResult> EditItem([FromServices] EditItem edit, [FromServices] RubricEditing editing, Guid id, Guid itemId, EditItem.Form form) =>
        await Edited(editing, await edit.EditAsync(id, itemId, form));

    [HttpPost("{id:guid}/items/{itemId:guid}/delete")]
    public async Task<IActionResult> DeleteItem([FromServices] EditItem edit, [FromServices] RubricEditing editing, Guid id, Guid itemId, Guid? version) =>
        await Edited(editing, await edit.DeleteAsync(id, itemId, version));

    /// <summary>Saved → the editor with the flash; a refused form → the editor with the errors by field; a published rubric → its page.</summary>
    private async Task<IActionResult> Edited(RubricEditing editing, EditOutcome? outcome)
    {
        if (outcome is null) return NotFound();
        if (outcome.Failure is { } failure && await editing.PageAsync(outcome.RubricId, failure) is { } page)
        {
            return View("~/Features/Rubrics/Edit.cshtml", page);
        }
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect(outcome.Ok ? $"/rubrics/{outcome.RubricId}/edit" : $"/rubrics/{outcome.RubricId}");
    }

    private IActionResult Done(CountyRubrics.Outcome? outcome)
    {
        if (outcome is null) return NotFound();
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect($"/rubrics/{outcome.RubricId}");
    }
}
