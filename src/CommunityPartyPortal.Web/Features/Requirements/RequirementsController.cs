using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Requirements;

/// <summary>
/// 年度要求: the county's rule set per year; a member's progress (whoever sees the member; anyone else 404); the lists
/// of members behind (the community's, the unit's); the 写实登记卡 PDFs.
/// </summary>
[Authorize]
[Route("requirements")]
public sealed class RequirementsController(TimeProvider time) : Controller
{
    private const string BehindViewers = PortalRoles.CommunitySecretary + "," + PortalRoles.UnitAdmin;

    [Authorize(Policy = Policies.CountyAdmin), HttpGet("")]
    public IActionResult Index() => Redirect($"/requirements/{Clock.TodayInChina(time).Year}");

    [Authorize(Policy = Policies.CountyAdmin), HttpGet("{year:int}")]
    public async Task<IActionResult> Edit([FromServices] EditRequirements edit, int year) =>
        EditRequirements.IsValidYear(year) ? View("Edit", await edit.PageAsync(year)) : NotFound();

    /// <summary>Saves the rules; with <paramref name="preset"/> (a preset button) replaces them with the preset's.</summary>
    [Authorize(Policy = Policies.CountyAdmin), HttpPost("{year:int}")]
    public async Task<IActionResult> Edit([FromServices] EditRequirements edit, int year, EditRequirements.Form form, string? preset)
    {
        if (!EditRequirements.IsValidYear(year)) return NotFound();
        if (!string.IsNullOrEmpty(preset))
        {
            var error = await edit.ApplyPresetAsync(year, preset);
            if (error is null) TempData["Flash"] = $"已按预设设置{year}年度要求";
            else TempData["FlashError"] = error;
            return Redirect($"/requirements/{year}");
        }
        var problems = await edit.SaveAsync(year, form);
        if (problems.Count == 0 && ModelState.IsValid)
        {
            TempData["Flash"] = $"已保存{year}年度要求";
            return Redirect($"/requirements/{year}");
        }
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
        return View("Edit", await edit.PageAsync(year, form));
    }

    [HttpGet("member/{memberId:guid}")]
    public async Task<IActionResult> Member([FromServices] MemberProgress progress, Guid memberId, int? year, DateOnly? asOf) =>
        await progress.HandleAsync(memberId, year, asOf) is { } model ? View("Member", model) : NotFound();

    [Authorize(Roles = BehindViewers), HttpGet("behind")]
    public async Task<IActionResult> Behind([FromServices] BehindList list, BehindList.Query query) => View("Behind", await list.HandleAsync(query));

    [Authorize(Policy = Policies.Staff), HttpGet("member/{memberId:guid}/card.pdf")]
    public async Task<IActionResult> Card([FromServices] PrintServiceRecordCards print, Guid memberId, int? year) =>
        this.Pdf(await print.HandleAsync([memberId], Year(year)), inline: true);

    /// <summary>A batch: the ticked members, or (<paramref name="all"/>) every in-service member in the user's scope.</summary>
    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("cards.pdf")]
    public async Task<IActionResult> Cards([FromServices] PrintServiceRecordCards print, List<Guid> memberIds, bool all, int? year)
    {
        var y = Year(year);
        var ids = all ? await print.MembersInScopeAsync(y) : ReportingDocuments.Distinct(memberIds);
        if (ids.Count == 0 || ids.Count > PrintServiceRecordCards.MaxBatch)
        {
            TempData["FlashError"] = ids.Count == 0 ? "请先勾选要打印写实登记卡的党员" : $"一次最多打印{PrintServiceRecordCards.MaxBatch}份，请分批打印";
            return Redirect($"/requirements/behind?year={y}");
        }
        return this.Pdf(await print.HandleAsync(ids, y), inline: false);
    }

    private int Year(int? year) => year is { } y && EditRequirements.IsValidYear(y) ? y : Clock.TodayInChina(time).Year;
}
