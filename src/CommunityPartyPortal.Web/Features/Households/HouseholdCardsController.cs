using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>
/// 联系对象档案卡 as PDF for the household readers (the community's secretary, its street, the county): one card (shown
/// in the browser) or a batch of the ticked households, or of every household of the list's current filter
/// (downloaded). A household outside the user's scope makes the request 404, never a PDF and never a partial batch.
/// </summary>
[Authorize(Roles = HouseholdsController.Readers)]
[Route("households")]
public sealed class HouseholdCardsController : Controller
{
    /// <summary>The batch form of the list page: the ticked ids, or (<see cref="All"/>) the list's filter.</summary>
    public sealed class BatchForm
    {
        public List<Guid> HouseholdIds { get; set; } = [];
        public bool All { get; set; }
    }

    [HttpGet("{id:guid}/card.pdf")]
    public async Task<IActionResult> Card([FromServices] PrintHouseholdCards print, Guid id) =>
        this.Pdf(await print.HandleAsync([id]), inline: true);

    [HttpPost("cards.pdf")]
    public async Task<IActionResult> Cards([FromServices] PrintHouseholdCards print, [FromServices] ListHouseholds list, BatchForm form,
        [FromForm(Name = "filter")] ListHouseholds.Query filter)
    {
        var ids = form.All ? await list.IdsAsync(filter, PrintHouseholdCards.MaxBatch) : ReportingDocuments.Distinct(form.HouseholdIds);
        if (ids.Count == 0 || ids.Count > PrintHouseholdCards.MaxBatch)
        {
            TempData["FlashError"] = ids.Count == 0
                ? form.All ? "当前筛选条件下没有联系对象，无法打印档案卡" : "请先勾选要打印档案卡的联系对象"
                : $"一次最多打印{PrintHouseholdCards.MaxBatch}份档案卡，请缩小筛选范围或分批勾选打印";
            return Redirect(ListUrl(filter));
        }
        return this.Pdf(await print.HandleAsync(ids), inline: false);
    }

    /// <summary>The list page with the filter the batch was posted from.</summary>
    private static string ListUrl(ListHouseholds.Query q)
    {
        var parts = new List<string>();
        if (q.Kind is { } kind) parts.Add($"kind={kind}");
        if (q.Community is { } community) parts.Add($"community={community}");
        if (q.Grid is { } grid) parts.Add($"grid={grid}");
        if (q.Unvisited) parts.Add("unvisited=true");
        if (q.Archived) parts.Add("archived=true");
        return parts.Count == 0 ? "/households" : "/households?" + string.Join("&", parts);
    }
}
