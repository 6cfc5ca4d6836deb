using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>The page of the two summary tables (报到, 服务群众), each by unit and by community, for the filter's subtree.</summary>
public sealed class SummaryPage(PortalDbContext db, SummaryFilter filter) : IUseCase
{
    public sealed record Model(SummaryFilter.Resolved Filter, int ThresholdPercent, int RequirementRules, IReadOnlyList<SummaryView> Reporting,
        IReadOnlyList<SummaryView> Service);

    /// <summary>Null: the year or the subtree is not the user's to see (404).</summary>
    public async Task<Model?> HandleAsync(SummaryFilter.Query query)
    {
        if (await filter.ResolveAsync(query) is not { } resolved) return null;
        var reporting = await SummaryData.ReportingAsync(db, resolved);
        var service = await SummaryData.ServiceAsync(db, resolved);
        return new Model(resolved, reporting.Header.ThresholdPercent, service.RequirementRules, SummaryDocuments.Reporting(reporting),
            SummaryDocuments.Service(service));
    }
}
