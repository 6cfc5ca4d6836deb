using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Settings;

/// <summary>县委组织部的设置: 报到年度 (deadline and threshold per year, from the policy presets or by hand).</summary>
[Authorize(Policy = Policies.CountyAdmin)]
[Route("settings")]
public sealed class SettingsController : Controller
{
    [HttpGet("reporting-years")]
    public async Task<IActionResult> ReportingYears([FromServices] ReportingYearList list) => View(await list.HandleAsync());

    [HttpGet("reporting-years/new")]
    public async Task<IActionResult> NewYear([FromServices] EditReportingYear edit) => View("ReportingYearForm", await edit.NewFormAsync());

    /// <summary>Saves; with <paramref name="preset"/> (a preset button) only fills the form for the chosen year.</summary>
    [HttpPost("reporting-years/new")]
    public Task<IActionResult> NewYear([FromServices] EditReportingYear edit, ReportingYearForm form, string? preset) =>
        SaveAsync(edit, null, form, preset);

    [HttpGet("reporting-years/{id:guid}/edit")]
    public async Task<IActionResult> EditYear([FromServices] EditReportingYear edit, Guid id) =>
        await edit.FormAsync(id) is { } form ? View("ReportingYearForm", form) : NotFound();

    [HttpPost("reporting-years/{id:guid}/edit")]
    public Task<IActionResult> EditYear([FromServices] EditReportingYear edit, Guid id, ReportingYearForm form, string? preset) =>
        SaveAsync(edit, id, form, preset);

    private async Task<IActionResult> SaveAsync(EditReportingYear edit, Guid? id, ReportingYearForm form, string? preset)
    {
        form.Id = id;
        if (!string.IsNullOrEmpty(preset))
        {
            if (id is { } key)
            {
                if (await edit.FormAsync(key) is not { } stored) return NotFound();
                form.Year = stored.Year;
            }
            // The filled values replace what was posted: drop the posted ones so that the form shows the preset's.
            ModelState.Clear();
            if (EditReportingYear.ApplyPreset(form, preset) is { } problem) ModelState.AddModelError(problem.Field, problem.Message);
            return View("ReportingYearForm", form);
        }
        var result = await edit.HandleAsync(id, form, ModelState.IsValid);
        if (result.NotFound) return NotFound();
        if (result.Ok && ModelState.IsValid)
        {
            TempData["Flash"] = $"已保存{result.Year}年度报到设置";
            return Redirect("/settings/reporting-years");
        }
        foreach (var p in result.Problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
        return View("ReportingYearForm", form);
    }
}
