using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Evaluation;

/// <summary>
/// 党员评议 of a community secretary on a published member rubric (五带头): the community's sessions and opening one, a
/// session's ranking of members, a member's sheet (组织点评, 党员互评, 群众评议) and saving it, locking a complete session.
/// Other roles get 403 (as on /scoring); another community's sessions are 404 (OwnSessionAsync).
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
[Route("evaluation")]
public sealed class EvaluationController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] EvaluationSessions sessions) =>
        await sessions.ListAsync() is { } page ? View("~/Features/Evaluation/Index.cshtml", page) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Open([FromServices] EvaluationSessions sessions, Guid? rubricId, int year, string? title, List<Guid>? memberIds)
    {
        var outcome = await sessions.OpenAsync(rubricId, year, title, memberIds ?? []);
        Flash(outcome.Ok, outcome.Message);
        return Redirect(outcome.SessionId is { } id ? $"/evaluation/{id}" : "/evaluation");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show([FromServices] EvaluationSessions sessions, Guid id) =>
        await sessions.DetailAsync(id) is { } page ? View("~/Features/Evaluation/Session.cshtml", page) : NotFound();

    [HttpPost("{id:guid}/lock")]
    public async Task<IActionResult> Lock([FromServices] EvaluationSessions sessions, Guid id)
    {
        if (await sessions.LockAsync(id) is not { } outcome) return NotFound();
        Flash(outcome.Ok, outcome.Message);
        return Redirect($"/evaluation/{id}");
    }

    [HttpGet("{id:guid}/members/{targetId:guid}")]
    public async Task<IActionResult> Member([FromServices] MemberScoring scoring, Guid id, Guid targetId) =>
        await scoring.SheetAsync(id, targetId) is { } page ? View("~/Features/Evaluation/Member.cshtml", page) : NotFound();

    [HttpPost("{id:guid}/members/{targetId:guid}")]
    public async Task<IActionResult> Save([FromServices] MemberScoring scoring, Guid id, Guid targetId)
    {
        var form = await Request.ReadFormAsync();
        if (await scoring.SaveAsync(id, targetId, MemberScoring.EntriesOf(form)) is not { } outcome) return NotFound();
        Flash(outcome.Ok, outcome.Message);
        return Redirect($"/evaluation/{id}/members/{targetId}");
    }

    [HttpGet("{id:guid}/members/{targetId:guid}/sheet.pdf")]
    public async Task<IActionResult> SheetPdf([FromServices] Scoring.ScoringDocuments documents, [FromServices] PortalDbContext db, Guid id, Guid targetId) =>
        await OwnAsync(db, id) ? this.Pdf(await documents.SheetFileAsync(id, targetId), inline: false) : NotFound();

    [HttpGet("{id:guid}/ranking.xlsx")]
    public async Task<IActionResult> RankingXlsx([FromServices] Scoring.ScoringDocuments documents, [FromServices] PortalDbContext db, Guid id) =>
        await OwnAsync(db, id) ? this.Xlsx(await documents.RankingFileAsync(id)) : NotFound();

    /// <summary>The session is one of this community's member evaluations (not a street's session that scores the community).</summary>
    private static async Task<bool> OwnAsync(PortalDbContext db, Guid id) => await EvaluationQueries.OwnSessionAsync(db, id, tracking: false) is not null;

    private void Flash(bool ok, string message) => TempData[ok ? "Flash" : "FlashError"] = message;
}
