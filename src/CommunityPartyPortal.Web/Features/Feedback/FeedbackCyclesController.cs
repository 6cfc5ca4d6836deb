using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>反馈周期 of the county: the year's cycles with their cards by status, creating them from a preset, closing one (drafting its cards).</summary>
[Authorize(Policy = Policies.CountyAdmin)]
[Route("feedback/cycles")]
public sealed class FeedbackCyclesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CountyCycles cycles, int? year)
    {
        var y = year ?? cycles.DefaultYear;
        return CountyCycles.IsValidYear(y) ? View("~/Features/Feedback/Cycles.cshtml", await cycles.PageAsync(y)) : NotFound();
    }

    [HttpPost("preset")]
    public async Task<IActionResult> Preset([FromServices] CountyCycles cycles, int year, string? preset)
    {
        if (!CountyCycles.IsValidYear(year)) return NotFound();
        var error = await cycles.CreateFromPresetAsync(year, preset);
        if (error is null) TempData["Flash"] = $"已按预设创建{year}年反馈周期";
        else TempData["FlashError"] = error;
        return Redirect($"/feedback/cycles?year={year}");
    }

    [HttpPost("{id:guid}/close")]
    public async Task<IActionResult> Close([FromServices] CountyCycles cycles, Guid id)
    {
        if (await cycles.CloseAsync(id, User.DisplayNameOf()) is not { } result) return NotFound();
        TempData[result.Ok ? "Flash" : "FlashError"] = result.Message;
        return Redirect($"/feedback/cycles?year={result.Year}");
    }
}
