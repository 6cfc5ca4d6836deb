using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// The unit's inbox: the sent (and superseded) cards of its members, as the scope gives them (never drafts, never
/// another unit's), unread first, then by sending time, newest first; filtered by cycle and state; with the unread
/// count and the 一票否决 badge of the members vetoed in the cards' years.
/// </summary>
public sealed class ListInbox(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public const int MaxRows = 500;

    /// <summary>The state filter: unread, unacknowledged, acknowledged, vetoed.</summary>
    public static readonly IReadOnlyList<(string Key, string Text)> States =
        [("unread", "未读"), ("unacknowledged", "未签收"), ("acknowledged", "已签收"), ("veto", "一票否决")];

    public sealed class Query
    {
        public Guid? Cycle { get; set; }
        public string? State { get; set; }
    }

    public sealed record Row(
        Guid Id, string Serial, string MemberName, string Community, string Cycle, int Revision, bool Superseded, string Grade,
        bool Veto, bool Unread, string Receipt, string? VetoBadge, DateTime? SentAt);

    public sealed record CycleOption(Guid Id, string Label);

    public sealed class Model
    {
        public required Query Query { get; init; }
        public required int Unread { get; init; }
        public required int Total { get; init; }
        public required IReadOnlyList<Row> Rows { get; init; }
        public required IReadOnlyList<CycleOption> Cycles { get; init; }
    }

    public async Task<Model> HandleAsync(Query query, CancellationToken ct = default)
    {
        var tree = await trees.GetAsync(ct);
        var cards = db.FeedbackCards.AsNoTracking().Where(c => c.Status != FeedbackCardStatus.Draft);
        if (query.Cycle is { } cycleId) cards = cards.Where(c => c.CycleId == cycleId);
        cards = query.State switch
        {
            "unread" => cards.Where(c => c.Status == FeedbackCardStatus.Sent && c.ReadAt == null),
            "unacknowledged" => cards.Where(c => c.Status == FeedbackCardStatus.Sent && c.AcknowledgedAt == null),
            "acknowledged" => cards.Where(c => c.AcknowledgedAt != null),
            "veto" => cards.Where(c => c.Veto),
            _ => cards,
        };
        var total = await cards.CountAsync(ct);
        // Unread first (a superseded card is never "to read": its correction is), then the newest sent.
        var page = await cards
            .OrderBy(c => c.Status == FeedbackCardStatus.Sent && c.ReadAt == null ? 0 : 1)
            .ThenByDescending(c => c.SentAt)
            .ThenBy(c => c.Serial)
            .Take(MaxRows)
            .Select(c => new
            {
                c.Id, c.Serial, c.MemberId, c.CommunityId, c.CycleId, c.Revision, c.Status, c.Grade, c.Veto, c.ReadAt,
                c.AcknowledgedAt, c.Uses, c.SentAt,
            })
            .ToListAsync(ct);

        var cycles = await db.FeedbackCycles.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Period)
            .Select(c => new { c.Id, c.Label, c.Year }).ToListAsync(ct);
        var cycleById = cycles.ToDictionary(c => c.Id);
        var names = await FeedbackCardView.MemberNamesAsync(db, page.Select(c => c.MemberId).ToList(), ct);
        var vetoed = new Dictionary<int, IReadOnlySet<Guid>>();
        foreach (var year in page.Select(c => cycleById[c.CycleId].Year).Distinct())
        {
            vetoed[year] = await FeedbackQueries.VetoedMemberIdsAsync(db, year, page.Select(c => c.MemberId).ToList(), ct);
        }

        var rows = page.Select(c =>
        {
            var year = cycleById[c.CycleId].Year;
            var receipt = c.AcknowledgedAt is null ? (c.ReadAt is null ? "未读" : "已读未签收")
                : $"已签收（{FeedbackCardView.UsesText(c.Uses)}）";
            return new Row(c.Id, c.Serial ?? "", FeedbackCardView.NameOf(names, c.MemberId), tree.NameOf(c.CommunityId), cycleById[c.CycleId].Label,
                c.Revision, c.Status == FeedbackCardStatus.Superseded, c.Grade?.Text() ?? "", c.Veto,
                c.Status == FeedbackCardStatus.Sent && c.ReadAt is null, receipt,
                vetoed[year].Contains(c.MemberId) ? FeedbackCardView.VetoBadge(year) : null, c.SentAt);
        }).ToList();

        return new Model
        {
            Query = query,
            Unread = await FeedbackQueries.UnreadCountAsync(db, null, ct),
            Total = total,
            Rows = rows,
            Cycles = cycles.Select(c => new CycleOption(c.Id, c.Label)).ToList(),
        };
    }
}
