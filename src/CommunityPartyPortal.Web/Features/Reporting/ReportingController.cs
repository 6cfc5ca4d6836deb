using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 报到: the unit's side (dashboard, verified count, letters, receipts) and the community's side (pending
/// letters, confirming with the cards, the roster, withdrawing). Every record is loaded through the scoped
/// context first: what is outside the user's scope answers 404 and nothing is written.
/// </summary>
[Authorize]
[Route("reporting")]
public sealed class ReportingController : Controller
{
    /// <summary>TempData keys of the report just confirmed (its 报到回执 link on the community page).</summary>
    public const string ReceiptReportKey = "ReceiptReportId", ReceiptSerialKey = "ReceiptSerial";

    [Authorize(Policy = Policies.UnitReporting), HttpGet("unit")]
    public async Task<IActionResult> Unit([FromServices] UnitDashboard dashboard, UnitDashboard.Query query) =>
        await dashboard.HandleAsync(query) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("unit/verify")]
    public async Task<IActionResult> Verify([FromServices] VerifyUnitCount verify, [FromServices] UnitDashboard dashboard, UnitDashboard.VerifyForm form)
    {
        var problems = await verify.HandleAsync(form, ModelState.IsValid, User.DisplayNameOf());
        if (problems.Count == 0 && ModelState.IsValid) return Back(UnitDashboard.Link(form.Year!.Value, null), flash: $"已保存{form.Year}年度核实党员数：{form.VerifiedCount}人");
        AddProblems(problems);
        var model = (await dashboard.HandleAsync(new UnitDashboard.Query { Year = form.Year }))!;
        model.Verify = form;
        return View("Unit", model);
    }

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("letters")]
    public async Task<IActionResult> Letters([FromServices] IssueLetters issue, IssueLetters.Request request)
    {
        if (!ModelState.IsValid) return Back(UnitDashboard.Link(request.Year ?? 0, request.Unit, request.State), error: "提交的内容无效，请刷新页面后重试");
        var result = await issue.HandleAsync(request, User.DisplayNameOf());
        return result is null ? NotFound() : Back(UnitDashboard.Link(result.Year, request.Unit, request.State), result.Flash, result.FlashError);
    }

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("letters/{id:guid}/cancel")]
    public async Task<IActionResult> CancelLetter([FromServices] CancelLetter cancel, Guid id, string? reason) =>
        await cancel.HandleAsync(id, reason) is not { } done ? NotFound()
            : Back(UnitList(done.Year), done.Error is null ? "证明信已作废" : null, done.Error);

    [Authorize(Policy = Policies.UnitAdmin), HttpPost("reports/{id:guid}/receipt-received")]
    public async Task<IActionResult> ReceiptReceived([FromServices] AcknowledgeReceipt acknowledge, Guid id) =>
        await acknowledge.HandleAsync(id, User.DisplayNameOf()) is not { } done ? NotFound()
            : Back(UnitList(done.Year), done.Error is null ? "已确认收到报到回执" : null, done.Error);

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("community")]
    public async Task<IActionResult> Community([FromServices] CommunityDashboard dashboard, int? year) =>
        await dashboard.HandleAsync(year) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpGet("community/confirm/{memberId:guid}")]
    public async Task<IActionResult> Confirm([FromServices] ConfirmReport confirm, Guid memberId, Guid? letter, int? year) =>
        await confirm.FormAsync(memberId, letter, year) is { } form ? View(form) : NotFound();

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("community/confirm/{memberId:guid}")]
    public async Task<IActionResult> Confirm([FromServices] ConfirmReport confirm, Guid memberId, ConfirmReport.Form form)
    {
        var result = await confirm.HandleAsync(memberId, form, ModelState.IsValid, User.DisplayNameOf());
        if (result.NotFound) return NotFound();
        if (result.Ok)
        {
            // The community page offers the receipt of this report for download under the flash.
            TempData[ReceiptReportKey] = result.ReportId?.ToString();
            TempData[ReceiptSerialKey] = result.ReceiptSerial;
            return Back(CommunityLink(result.Year), flash: $"已确认报到，回执编号 {result.ReceiptSerial}");
        }
        AddProblems(result.Problems);
        return View(form);
    }

    [Authorize(Policy = Policies.CommunitySecretary), HttpPost("reports/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw([FromServices] WithdrawReport withdraw, Guid id, DateOnly? withdrawnOn, string? reason)
    {
        if (await withdraw.HandleAsync(id, withdrawnOn, reason) is not { } done) return NotFound();
        return done.Problems.Count == 0
            ? Back(CommunityLink(done.Year), flash: "已撤回报到，该党员可重新报到")
            : Back(CommunityLink(done.Year), error: string.Join("；", done.Problems));
    }

    private static string CommunityLink(int year) => $"/reporting/community?year={year}";

    /// <summary>The unit list a row action came from (its form posts "unit" and "state"), to go back to it.</summary>
    private string UnitList(int year)
    {
        var form = Request.HasFormContentType ? Request.Form : null;
        var unit = Guid.TryParse(form?["unit"].ToString(), out var u) ? u : (Guid?)null;
        return UnitDashboard.Link(year, unit, form?["state"].ToString());
    }

    private void AddProblems(IEnumerable<Problem> problems)
    {
        foreach (var p in problems.Where(p => ModelState[p.Field]?.Errors.Count is null or 0)) ModelState.AddModelError(p.Field, p.Message);
    }

    private RedirectResult Back(string url, string? flash = null, string? error = null)
    {
        if (flash is not null) TempData["Flash"] = flash;
        if (error is not null) TempData["FlashError"] = error;
        return Redirect(url);
    }
}
