using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// The self check-in QR code of an activity as a PNG (staff only): it encodes the absolute address
/// /checkin/{CheckInCode} on this host. Another community's activity answers 404.
/// Needs <c>&lt;PackageReference Include="QRCoder" /&gt;</c> in the Web project (version 1.6.0 in Directory.Packages.props).
/// </summary>
[Authorize(Policy = Policies.CommunitySecretary)]
public sealed class ActivityQrController : Controller
{
    [HttpGet("activities/{id:guid}/qr.png")]
    public async Task<IActionResult> Png([FromServices] PortalDbContext db, Guid id)
    {
        var code = await db.Activities.AsNoTracking().Where(a => a.Id == id).Select(a => a.CheckInCode).FirstOrDefaultAsync();
        if (code is null) return NotFound();
        var url = ActivityDetails.SelfCheckInUrl($"{Request.Scheme}://{Request.Host}{Request.PathBase}", code);
        var png = PngByteQRCodeHelper.GetQRCode(url, QRCodeGenerator.ECCLevel.M, 8);
        Response.Headers.CacheControl = "private, max-age=300";
        return File(png, "image/png");
    }
}
