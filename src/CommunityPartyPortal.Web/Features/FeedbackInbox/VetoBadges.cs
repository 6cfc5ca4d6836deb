using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// The 「不宜评先评优（{year}年社区一票否决）」 badge of the members of a page, wherever the member is shown: a veto in force
/// (<see cref="FeedbackQueries.VetoedMemberIdsAsync"/>) in the current year, or in the year before (its commendations
/// are made in the first months of the next year, after the yearly card arrived). One query for the whole page, on the
/// viewer's scoped context.
/// </summary>
public static class VetoBadges
{
    /// <summary>The badge text of each vetoed member among <paramref name="memberIds"/> (the latest year wins).</summary>
    public static async Task<Dictionary<Guid, string>> ForAsync(PortalDbContext db, TimeProvider time, IReadOnlyCollection<Guid> memberIds,
        CancellationToken ct = default)
    {
        var badges = new Dictionary<Guid, string>();
        if (memberIds.Count == 0) return badges;
        var year = Clock.TodayInChina(time).Year;
        foreach (var (id, y) in await FeedbackQueries.VetoYearsAsync(db, year - 1, year, memberIds, ct)) badges[id] = FeedbackCardView.VetoBadge(y);
        return badges;
    }
}
