using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// A sent feedback card as the unit and the member read it: the figures, the community's review, the revision and the
/// cards it corrects or is corrected by, and the unit's acknowledgement. Loaded through the scoped context, so a card
/// the viewer may not see (another unit's, a draft) is null. The member's name is loaded on its own (a join through
/// <see cref="FeedbackCard.Member"/> would apply the member filter to the card, and a member who moved to another unit
/// since would take the card with him).
/// </summary>
public sealed record FeedbackCardView
{
    public required Guid Id { get; init; }
    public required Guid Version { get; init; }
    public required Guid MemberId { get; init; }
    public required string Serial { get; init; }
    public required string MemberName { get; init; }
    public required string Community { get; init; }
    public required string WorkUnit { get; init; }
    public required string CycleLabel { get; init; }
    public required int Year { get; init; }
    public required string Period { get; init; }
    public required DateTime? SentAt { get; init; }
    public required int Revision { get; init; }
    public required bool Superseded { get; init; }
    public required int Services { get; init; }
    public required int Days { get; init; }
    public required string Hours { get; init; }
    public required int PostsClaimed { get; init; }
    public required int WishesFulfilled { get; init; }
    public required int HouseholdsPaired { get; init; }
    public required int HouseholdVisits { get; init; }
    public required int Suggestions { get; init; }
    public required string Requirements { get; init; }
    /// <summary>Each rule's standing at the end of the period, as kept with the card (empty for a card drafted before lines were kept).</summary>
    public IReadOnlyList<FeedbackRequirementLine> RequirementLines { get; init; } = [];
    public required string Grade { get; init; }
    public required string? Opinion { get; init; }
    public required bool Veto { get; init; }
    public required string? VetoReason { get; init; }
    public required DateTime? ReadAt { get; init; }
    public required DateTime? AcknowledgedAt { get; init; }
    public required string? AcknowledgedBy { get; init; }
    public required FeedbackUse Uses { get; init; }
    public required string? UsageNote { get; init; }
    /// <summary>The card this one corrects (revision − 1), when the viewer sees it.</summary>
    public (Guid Id, string Serial)? Corrects { get; init; }
    /// <summary>For a superseded card: the current sent card of the member and cycle (null while its correction is a draft).</summary>
    public (Guid Id, int Revision)? CurrentCard { get; init; }

    /// <summary>The uses that can be recorded, in the order the form shows them.</summary>
    public static IReadOnlyList<FeedbackUse> AllUses { get; } =
        [FeedbackUse.DemocraticAppraisal, FeedbackUse.Commendation, FeedbackUse.ProbationaryConversion, FeedbackUse.CadreInspection];

    /// <summary>"民主评议、评先选优", or "未记录".</summary>
    public static string UsesText(FeedbackUse uses) =>
        uses == FeedbackUse.None ? FeedbackUse.None.Text() : string.Join("、", AllUses.Where(u => uses.HasFlag(u)).Select(u => u.Text()));

    /// <summary>「不宜评先评优（2026年社区一票否决）」: how a vetoed member is marked wherever the unit sees him or her.</summary>
    public static string VetoBadge(int year) => $"不宜评先评优（{year}年社区一票否决）";

    /// <summary>The card, or null when the viewer does not see it.</summary>
    public static async Task<FeedbackCardView?> LoadAsync(PortalDbContext db, OrgTree tree, Guid id, CancellationToken ct = default)
    {
        var card = await db.FeedbackCards.AsNoTracking().Include(c => c.Cycle).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !card.IsSent) return null;
        var names = await MemberNamesAsync(db, [card.MemberId], ct);
        (Guid, string)? corrects = null;
        if (card.PreviousId is { } previousId
            && await db.FeedbackCards.AsNoTracking().Where(c => c.Id == previousId).Select(c => new { c.Id, c.Serial }).FirstOrDefaultAsync(ct) is { } previous)
        {
            corrects = (previous.Id, previous.Serial ?? "");
        }
        (Guid, int)? current = null;
        if (card.Status == FeedbackCardStatus.Superseded
            && await db.FeedbackCards.AsNoTracking()
                .Where(c => c.CycleId == card.CycleId && c.MemberId == card.MemberId && c.Status == FeedbackCardStatus.Sent)
                .Select(c => new { c.Id, c.Revision }).FirstOrDefaultAsync(ct) is { } latest)
        {
            current = (latest.Id, latest.Revision);
        }
        return From(card, card.Cycle!, names, tree) with { Corrects = corrects, CurrentCard = current };
    }

    public static FeedbackCardView From(FeedbackCard c, FeedbackCycle cycle, IReadOnlyDictionary<Guid, string> names, OrgTree tree) => new()
    {
        Id = c.Id,
        Version = c.Version,
        MemberId = c.MemberId,
        Serial = c.Serial ?? "",
        MemberName = NameOf(names, c.MemberId),
        Community = tree.NameOf(c.CommunityId),
        WorkUnit = tree.NameOf(c.WorkUnitId),
        CycleLabel = cycle.Label,
        Year = cycle.Year,
        Period = $"{cycle.StartsOn:yyyy-MM-dd} 至 {cycle.EndsOn:yyyy-MM-dd}",
        SentAt = c.SentAt,
        Revision = c.Revision,
        Superseded = c.Status == FeedbackCardStatus.Superseded,
        Services = c.Services,
        Days = c.Days,
        Hours = ServiceHours.Format(c.Minutes),
        PostsClaimed = c.PostsClaimed,
        WishesFulfilled = c.WishesFulfilled,
        HouseholdsPaired = c.HouseholdsPaired,
        HouseholdVisits = c.HouseholdVisits,
        Suggestions = c.Suggestions,
        Requirements = FeedbackGrades.RequirementsText(c.RequirementsMet, c.RequirementsTotal),
        RequirementLines = FeedbackRequirementLines.Read(c.RequirementLines),
        Grade = c.Grade?.Text() ?? "",
        Opinion = c.Opinion,
        Veto = c.Veto,
        VetoReason = c.VetoReason,
        ReadAt = c.ReadAt,
        AcknowledgedAt = c.AcknowledgedAt,
        AcknowledgedBy = c.AcknowledgedBy,
        Uses = c.Uses,
        UsageNote = c.UsageNote,
    };

    /// <summary>
    /// The names of the members of cards the viewer sees, by id (one query). Pass only the member ids of cards read through
    /// the scoped context: the scope chose the cards, so their members' names are read even when a member has since moved
    /// to another unit (as <c>FeedbackDocuments</c> prints them).
    /// </summary>
    public static async Task<Dictionary<Guid, string>> MemberNamesAsync(PortalDbContext db, IReadOnlyCollection<Guid> cardMemberIds, CancellationToken ct = default)
    {
        if (cardMemberIds.Count == 0) return [];
        var list = cardMemberIds.Distinct().ToList();
        return await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => list.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }

    public static string NameOf(IReadOnlyDictionary<Guid, string> names, Guid id) => names.TryGetValue(id, out var name) ? name : "";
}
