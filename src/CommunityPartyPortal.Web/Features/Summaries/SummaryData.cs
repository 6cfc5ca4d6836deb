using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Summaries;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// The domain's tables for a resolved filter, on the given (the user's) context; for a community secretary the
/// community view is cut down to the community's own row (its street's table taken on the secretary's context).
/// </summary>
public static class SummaryData
{
    public static async Task<ReportingSummary> ReportingAsync(PortalDbContext db, SummaryFilter.Resolved filter, CancellationToken ct = default)
    {
        var summary = await SummaryQueries.ReportingAsync(db, filter.Year, filter.AsOf, filter.QueryRoot, ct);
        return filter.OnlyCommunity is { } community
            ? summary with { ByCommunity = Only(summary.ByCommunity, community, CommunityReportingFigures.Zero(summary.Header.ThresholdPercent)) }
            : summary;
    }

    public static async Task<ServiceSummary> ServiceAsync(PortalDbContext db, SummaryFilter.Resolved filter, CancellationToken ct = default)
    {
        var summary = await SummaryQueries.ServiceAsync(db, filter.Year, filter.AsOf, filter.QueryRoot, ct);
        return filter.OnlyCommunity is { } community ? summary with { ByCommunity = Only(summary.ByCommunity, community, ServiceFigures.Zero) } : summary;
    }

    /// <summary>The table with the one organisation's row only; its group's subtotal and the total are that row.</summary>
    public static SummaryTable<T> Only<T>(SummaryTable<T> table, Guid organizationId, T zero) where T : ISummaryFigures<T>
    {
        var groups = table.Groups
            .Select(g => g.Rows.FirstOrDefault(r => r.OrganizationId == organizationId) is { } row ? g with { Rows = [row], Subtotal = row.Figures } : null)
            .OfType<SummaryGroup<T>>()
            .ToList();
        return new SummaryTable<T>(groups, groups.Count == 0 ? zero : groups[0].Subtotal);
    }
}
