using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Summaries;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>
/// Who has and has not submitted a year's figures (报送情况): for the county every unit (by department), street and
/// community (by street); for a street itself and its communities. Counts, the deadline, and a 「未报送」 filter.
/// </summary>
public sealed class SubmissionsOverview(PortalDbContext db, SummaryFilter filter) : IUseCase
{
    public sealed record Model(int Year, DateOnly Deadline, bool MissingOnly, IReadOnlyList<SubmissionRow> Units, IReadOnlyList<SubmissionRow> Communities,
        int Expected, int Submitted, int Late)
    {
        public int Missing => Expected - Submitted;
    }

    /// <summary>Null: not the county or a street, or a year out of range.</summary>
    public async Task<Model?> HandleAsync(int? year, bool missingOnly)
    {
        var y = year ?? filter.ThisYear;
        if (y < SummaryFilter.FirstYear || y > filter.ThisYear) return null;
        if (db.Scope.Kind is not (ScopeKind.County or ScopeKind.Street)) return null;
        if (await filter.ResolveAsync(new SummaryFilter.Query { Year = y }) is not { } resolved) return null;
        var overview = await SummaryQueries.SubmissionsAsync(db, y, resolved.Root.Id);
        var all = overview.Units.Concat(overview.Communities).ToList();
        IReadOnlyList<SubmissionRow> Shown(IReadOnlyList<SubmissionRow> rows) => missingOnly ? rows.Where(r => !r.Submitted).ToList() : rows;
        return new Model(y, overview.Deadline, missingOnly, Shown(overview.Units), Shown(overview.Communities), all.Count, all.Count(r => r.Submitted),
            all.Count(r => r.IsLate));
    }
}
