using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Audit;

/// <summary>The audit trail, for the county admin only. There is no edit or delete: the trail is append-only.</summary>
[Authorize(Policy = Policies.CountyAdmin)]
[Route("audit")]
public sealed class AuditController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] AuditTrail trail, [FromQuery] AuditTrail.Filter filter) =>
        View(await trail.HandleAsync(filter, HttpContext.RequestAborted));
}
