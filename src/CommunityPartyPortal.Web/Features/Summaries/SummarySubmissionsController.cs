using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// 报送: a unit, street or community submits its figures of the year (or withdraws before 30 November); the county and a
/// street see who has and has not submitted. Posts are redirected back with a flash message (PRG).
/// </summary>
[Route("summaries")]
public sealed class SummarySubmissionsController : Controller
{
    private const string Submitters = PortalRoles.UnitAdmin + "," + PortalRoles.CommunitySecretary + "," + PortalRoles.StreetAdmin;

    [Authorize(Roles = Submitters), HttpGet("submission")]
    public async Task<IActionResult> Submission([FromServices] OwnSubmission own, int? year) =>
        await own.PageAsync(year) is { } model ? View("~/Features/Summaries/Submission.cshtml", model) : NotFound();

    [Authorize(Roles = Submitters), HttpPost("submission")]
    public async Task<IActionResult> Submit([FromServices] OwnSubmission own, int year, string? note)
    {
        if (note?.Length > SummarySubmission.NoteMaxLength * 2) return BadRequest();
        if (await own.SubmitAsync(year, note, User.DisplayNameOf()) is not { } outcome) return NotFound();
        return Back(outcome);
    }

    [Authorize(Roles = Submitters), HttpPost("submission/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw([FromServices] OwnSubmission own, Guid id) =>
        await own.WithdrawAsync(id, User.DisplayNameOf()) is { } outcome ? Back(outcome) : NotFound();

    [Authorize(Roles = PortalRoles.CountyAdmin + "," + PortalRoles.StreetAdmin), HttpGet("submissions")]
    public async Task<IActionResult> Submissions([FromServices] SubmissionsOverview overview, int? year, bool missing = false) =>
        await overview.HandleAsync(year, missing) is { } model ? View("~/Features/Summaries/Submissions.cshtml", model) : NotFound();

    private RedirectResult Back(OwnSubmission.Outcome outcome)
    {
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect($"/summaries/submission?year={outcome.Year}");
    }
}
