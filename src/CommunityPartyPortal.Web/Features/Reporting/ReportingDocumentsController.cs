using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// The 报到 documents as PDF: 证明信, 报到回执, 基本情况信息卡, 服务承诺卡, one at a time (shown in the browser) or a
/// batch in one file (downloaded). The county, unit admins and community secretaries may print; which records is
/// the scoped context's business: a record outside the user's scope is 404, never a PDF. Nothing is written
/// except the "document.pii" audit line of a print with the full personal data.
/// </summary>
[Authorize(Roles = Printers)]
[Route("reporting")]
public sealed class ReportingDocumentsController : Controller
{
    private const string Printers = PortalRoles.CountyAdmin + "," + PortalRoles.UnitAdmin + "," + PortalRoles.CommunitySecretary;

    /// <summary>Which document a batch of reports is printed as (the <c>kind</c> field).</summary>
    public static class Kinds
    {
        public const string Receipt = "receipt";
        public const string InfoCard = "info-card";
        public const string CommitmentCard = "commitment-card";
    }

    /// <summary>A batch form: the ticked ids, or every id of the list shown when the "all" button was used.</summary>
    public sealed class BatchForm
    {
        public List<Guid> LetterIds { get; set; } = [];
        public List<Guid> ReportIds { get; set; } = [];
        /// <summary>Every id of the list on the page, posted with the "print all" button (<see cref="Selection"/> = all).</summary>
        public List<Guid> AllIds { get; set; } = [];
        public string? Selection { get; set; }
        public string? Kind { get; set; }
        public string? Paper { get; set; }
        public int? Copies { get; set; }
        /// <summary>The page to go back to when nothing was ticked.</summary>
        public string? Back { get; set; }

        public List<Guid> Pick(List<Guid> ticked) => Selection == "all" ? AllIds : ticked;
    }

    [HttpGet("letters/{id:guid}/pdf")]
    public async Task<IActionResult> Letter([FromServices] PrintLetters print, Guid id) =>
        this.Pdf(await print.HandleAsync([id]), inline: true);

    [Authorize(Policy = Policies.UnitReporting), HttpPost("letters/pdf")]
    public async Task<IActionResult> Letters([FromServices] PrintLetters print, BatchForm form)
    {
        var ids = ReportingDocuments.Distinct(form.Pick(form.LetterIds));
        if (Refused(ids.Count, "证明信") is { } refused) return BackTo(form.Back, refused);
        return this.Pdf(await print.HandleAsync(ids), inline: false);
    }

    [HttpGet("reports/{id:guid}/receipt.pdf")]
    public async Task<IActionResult> Receipt([FromServices] PrintReceipts print, Guid id) =>
        this.Pdf(await print.HandleAsync([id]), inline: true);

    [HttpGet("reports/{id:guid}/info-card.pdf")]
    public async Task<IActionResult> InfoCard([FromServices] PrintInfoCards print, Guid id, string? paper, int? copies) =>
        this.Pdf(await print.HandleAsync([id], CardOptions.From(paper, copies)), inline: true);

    [HttpGet("reports/{id:guid}/commitment-card.pdf")]
    public async Task<IActionResult> CommitmentCard([FromServices] PrintCommitmentCards print, Guid id, string? paper, int? copies) =>
        this.Pdf(await print.HandleAsync([id], CardOptions.From(paper, copies)), inline: true);

    [HttpPost("reports/pdf")]
    public async Task<IActionResult> Reports([FromServices] PrintReceipts receipts, [FromServices] PrintInfoCards infoCards,
        [FromServices] PrintCommitmentCards commitmentCards, BatchForm form)
    {
        var ids = ReportingDocuments.Distinct(form.Pick(form.ReportIds));
        if (Refused(ids.Count, "文书") is { } refused) return BackTo(form.Back, refused);
        var options = CardOptions.From(form.Paper, form.Copies);
        return form.Kind switch
        {
            Kinds.Receipt => this.Pdf(await receipts.HandleAsync(ids), inline: false),
            Kinds.InfoCard => this.Pdf(await infoCards.HandleAsync(ids, options), inline: false),
            Kinds.CommitmentCard => this.Pdf(await commitmentCards.HandleAsync(ids, options), inline: false),
            _ => BadRequest(),
        };
    }

    private static string? Refused(int count, string what) =>
        count == 0 ? $"请先勾选要打印的{what}"
        : count > ReportingDocuments.MaxBatch ? $"一次最多打印{ReportingDocuments.MaxBatch}份，请分批勾选打印"
        : null;

    private RedirectResult BackTo(string? back, string error)
    {
        TempData["FlashError"] = error;
        var fallback = User.IsInRole(PortalRoles.CommunitySecretary) ? "/reporting/community" : "/reporting/unit";
        return Redirect(!string.IsNullOrEmpty(back) && Url.IsLocalUrl(back) ? back : fallback);
    }
}
