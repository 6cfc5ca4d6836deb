using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommunityPartyPortal.Web.Features.Scoring;

/// <summary>
/// 考评评分 of a street (its communities) or the county (every community): the sessions and opening one, a session's ranking,
/// a target's score sheet and saving it, locking a complete session; the sheet as PDF and the ranking as .xlsx
/// (<see cref="ScoringDocuments"/>). Which sessions a user sees is the scope's job.
/// </summary>
[Authorize(Roles = PortalRoles.CountyAdmin + "," + PortalRoles.StreetAdmin)]
[Route("scoring")]
public sealed class ScoringController : Controller
{
    /// <summary>Form field prefixes of the score sheet: one pair per item, suffixed with the item id.</summary>
    public const string PointsField = "points-";
    public const string CommentField = "comment-";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ScoringSessions sessions) =>
        View("~/Features/Scoring/Index.cshtml", await sessions.ListAsync());

    [HttpPost("")]
    public async Task<IActionResult> Open([FromServices] ScoringSessions sessions, Guid? rubricId, int year, string? title)
    {
        var outcome = await sessions.OpenAsync(rubricId, year, title);
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect(outcome.SessionId is { } id ? $"/scoring/{id}" : "/scoring");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show([FromServices] ScoringSessions sessions, Guid id) =>
        await sessions.DetailAsync(id) is { } page ? View("~/Features/Scoring/Session.cshtml", page) : NotFound();

    [HttpPost("{id:guid}/lock")]
    public async Task<IActionResult> Lock([FromServices] ScoringSessions sessions, Guid id)
    {
        if (await sessions.LockAsync(id) is not { } outcome) return NotFound();
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect($"/scoring/{id}");
    }

    [HttpGet("{id:guid}/targets/{targetId:guid}")]
    public async Task<IActionResult> Target([FromServices] TargetScoring scoring, Guid id, Guid targetId) =>
        await scoring.SheetAsync(id, targetId) is { } page ? View("~/Features/Scoring/Target.cshtml", page) : NotFound();

    [HttpPost("{id:guid}/targets/{targetId:guid}")]
    public async Task<IActionResult> Save([FromServices] TargetScoring scoring, Guid id, Guid targetId)
    {
        var form = await Request.ReadFormAsync();
        var entries = new List<TargetScoring.Entry>();
        foreach (var key in form.Keys.Where(k => k.StartsWith(PointsField, StringComparison.Ordinal)))
        {
            if (!Guid.TryParse(key[PointsField.Length..], out var itemId)) continue;
            entries.Add(new TargetScoring.Entry(itemId, form[key].ToString(), form[CommentField + itemId].ToString()));
        }
        if (await scoring.SaveAsync(id, targetId, entries) is not { } outcome) return NotFound();
        TempData[outcome.Ok ? "Flash" : "FlashError"] = outcome.Message;
        return Redirect($"/scoring/{id}/targets/{targetId}");
    }

    [HttpGet("{id:guid}/targets/{targetId:guid}/sheet.pdf")]
    public async Task<IActionResult> SheetPdf([FromServices] ScoringDocuments documents, Guid id, Guid targetId) =>
        this.Pdf(await documents.SheetFileAsync(id, targetId), inline: false);

    [HttpGet("{id:guid}/ranking.xlsx")]
    public async Task<IActionResult> RankingXlsx([FromServices] ScoringDocuments documents, Guid id) =>
        this.Xlsx(await documents.RankingFileAsync(id));
}
