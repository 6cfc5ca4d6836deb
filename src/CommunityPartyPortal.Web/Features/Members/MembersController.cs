using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// 党员管理: list and rosters, the member card, create/edit, move-out, photo, 流入/流出登记 and the member's
/// sign-in. Every route with an id loads the member through the scoped context first (404 when not visible).
/// </summary>
[Authorize]
[Route("members")]
public sealed class MembersController : Controller
{
    [Authorize(Policy = Policies.Staff), HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListMembers list, ListMembers.Query query) => View(await list.HandleAsync(query));

    [HttpGet("me")]
    public IActionResult Me() => User.Role() switch
    {
        PortalRole.Member when User.MemberId() is { } id => Redirect($"/members/{id}"),
        PortalRole.Member or null => NotFound(),
        _ => Redirect("/members"),
    };

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details([FromServices] MemberDetails details, Guid id, int reveal = 0) =>
        await details.HandleAsync(id, reveal == 1) is { } model ? View(model) : NotFound();

    [Authorize(Policy = Policies.MemberEditor), HttpGet("new")]
    public async Task<IActionResult> New([FromServices] CreateMember create) => View("Form", await create.NewFormAsync());

    [Authorize(Policy = Policies.MemberEditor), HttpPost("new")]
    public async Task<IActionResult> New([FromServices] CreateMember create, MemberForm form) =>
        Done(await create.HandleAsync(form, ModelState.IsValid), "Form", form);

    [Authorize(Policy = Policies.MemberEditor), HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditMember edit, Guid id) =>
        await edit.FormAsync(id) is { } form ? View("Form", form) : NotFound();

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] EditMember edit, Guid id, MemberForm form) =>
        Done(await edit.HandleAsync(id, form, ModelState.IsValid), "Form", form);

    [Authorize(Policy = Policies.MemberEditor), HttpGet("{id:guid}/move-out")]
    public async Task<IActionResult> MoveOut([FromServices] MoveOutMember moveOut, Guid id) =>
        await moveOut.FormAsync(id) switch
        {
            (null, _) => NotFound(),
            (_, { } error) => Back(id, error: error),
            ({ } form, null) => View(form),
        };

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/move-out")]
    public async Task<IActionResult> MoveOut([FromServices] MoveOutMember moveOut, Guid id, MoveOutMember.Form form)
    {
        var outcome = await moveOut.HandleAsync(id, form, ModelState.IsValid);
        return outcome.Errors.Any(e => e.Message == MoveOutMember.AlreadyMovedOut) ? Back(id, error: MoveOutMember.AlreadyMovedOut) : Done(outcome, "MoveOut", form, "已迁出");
    }

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/move-back")]
    public async Task<IActionResult> MoveBack([FromServices] MoveOutMember moveOut, Guid id) =>
        Flash(id, await moveOut.MoveBackAsync(id), "已撤销迁出");

    [HttpGet("{id:guid}/photo")]
    public async Task<IActionResult> Photo([FromServices] MemberPhotoUpload photos, Guid id)
    {
        if (await photos.GetAsync(id) is not { } photo) return NotFound();
        Response.Headers.CacheControl = "private, max-age=300";
        return File(photo.Content, photo.ContentType);
    }

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/photo")]
    [RequestSizeLimit(MemberPhotoUpload.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = MemberPhotoUpload.RequestLimit)]
    public async Task<IActionResult> Photo([FromServices] MemberPhotoUpload photos, Guid id, IFormFile? photo) =>
        Flash(id, await photos.UploadAsync(id, photo), "照片已上传");

    [Authorize(Policy = Policies.MemberEditor), HttpGet("{id:guid}/flows/new")]
    public async Task<IActionResult> NewFlow([FromServices] RecordFlow flows, Guid id) =>
        await flows.FormAsync(id) is { } form ? View("FlowForm", form) : NotFound();

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/flows/new")]
    public async Task<IActionResult> NewFlow([FromServices] RecordFlow flows, Guid id, RecordFlow.Form form) =>
        Done(await flows.HandleAsync(id, form, ModelState.IsValid, User), "FlowForm", form, "流入/流出登记已保存");

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/flows/{flowId:guid}/end")]
    public async Task<IActionResult> EndFlow([FromServices] RecordFlow flows, Guid id, Guid flowId, DateOnly? endedOn) =>
        Flash(id, await flows.EndAsync(id, flowId, endedOn), "已登记返回/结束日期");

    [Authorize(Policy = Policies.MemberEditor), HttpPost("{id:guid}/account")]
    public async Task<IActionResult> Account([FromServices] GrantMemberAccount grant, Guid id) =>
        await grant.HandleAsync(id) switch
        {
            null => NotFound(),
            { Error: { } error } => Back(id, error: error),
            { Password: var password } => Back(id, flash: $"初始密码：{password}，请告知本人，首次登录须修改密码"),
        };

    /// <summary>PRG: saved → the member card with a flash; refused → the same view with the errors by field.</summary>
    private IActionResult Done(Outcome outcome, string view, object form, string flash = "已保存")
    {
        if (outcome.NotFound) return NotFound();
        if (outcome.Ok && ModelState.IsValid) return Back(outcome.Id, flash: flash);
        foreach (var e in outcome.Errors.Where(e => ModelState[e.Field]?.Errors.Count is null or 0))
        {
            ModelState.AddModelError(e.Field, e.Message);
        }
        return View(view, form);
    }

    /// <summary>For actions done from the card: null → 404, "" → done, else the error, all shown on the card.</summary>
    private IActionResult Flash(Guid id, string? result, string done) =>
        result is null ? NotFound() : result.Length == 0 ? Back(id, flash: done) : Back(id, error: result);

    private RedirectResult Back(Guid id, string? flash = null, string? error = null)
    {
        if (flash is not null) TempData["Flash"] = flash;
        if (error is not null) TempData["FlashError"] = error;
        return Redirect($"/members/{id}");
    }
}
