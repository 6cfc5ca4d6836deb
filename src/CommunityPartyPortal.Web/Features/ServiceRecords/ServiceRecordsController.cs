using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.ServiceRecords;

/// <summary>
/// 写实登记 kept by the community secretary: the list, a service outside activities, confirming or rejecting a pending
/// record, correcting one (a new record; never a delete). Records are loaded through the scoped context: another
/// community's record answers 404 and nothing is written.
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
[Route("service-records")]
public sealed class ServiceRecordsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListServiceRecords list, ListServiceRecords.Query query) =>
        View(await list.HandleAsync(query));

    [HttpGet("export.xlsx")]
    public async Task<IActionResult> Export([FromServices] ExportServiceRecords export, int? year) =>
        this.Xlsx(await export.HandleAsync(year));

    [HttpGet("new")]
    public IActionResult New([FromServices] RecordService record, Guid? member, string? name)
    {
        var form = record.NewForm();
        form.MemberId = member;
        form.MemberName = name;
        return View("Form", form);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New([FromServices] RecordService record, ServiceRecordForm form)
    {
        var result = await record.HandleAsync(form, ModelState.IsValid, User.DisplayNameOf());
        if (result.Ok && ModelState.IsValid) return Back("/service-records", result.Flash);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    [HttpPost("{id:guid}/confirm")]
    public async Task<IActionResult> Confirm([FromServices] DecideServiceRecord decide, Guid id, Guid? version, string? confirmedBy, string? back) =>
        await decide.ConfirmAsync(id, version, confirmedBy, User.DisplayNameOf()) is not { } done ? NotFound() : Decided(done, back);

    [HttpPost("{id:guid}/reject")]
    public async Task<IActionResult> Reject([FromServices] DecideServiceRecord decide, Guid id, Guid? version, string? reason, string? back) =>
        await decide.RejectAsync(id, version, reason) is not { } done ? NotFound() : Decided(done, back);

    [HttpGet("{id:guid}/correct")]
    public async Task<IActionResult> Correct([FromServices] CorrectServiceRecord correct, Guid id) =>
        await correct.FormAsync(id) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{id:guid}/correct")]
    public async Task<IActionResult> Correct([FromServices] CorrectServiceRecord correct, Guid id, ServiceRecordForm form)
    {
        var result = await correct.HandleAsync(id, form, ModelState.IsValid, User.DisplayNameOf());
        if (result.NotFound) return NotFound();
        if (result.Ok && ModelState.IsValid) return Back("/service-records", result.Flash);
        AddProblems(result.Problems);
        return View("Form", form);
    }

    private RedirectResult Decided(DecideServiceRecord.Result done, string? back) =>
        done.Error is null ? Back(back, done.Flash) : Back(back, null, $"{done.Flash}：{done.Error}");

    private void AddProblems(IEnumerable<Problem> problems)
    {
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
    }

    private RedirectResult Back(string? url, string? flash, string? error = null)
    {
        if (flash is not null) TempData["Flash"] = flash;
        if (error is not null) TempData["FlashError"] = error;
        return Redirect(!string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/service-records");
    }
}
