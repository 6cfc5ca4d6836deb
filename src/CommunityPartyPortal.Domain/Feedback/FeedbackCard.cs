using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// 在职党员现实表现评议情况反馈卡: what the community tells the member's unit about one member for one cycle.
/// Drafted by the portal with the period's figures (<see cref="FeedbackDrafter"/>), reviewed and sent by the
/// community (<see cref="Review"/>, <see cref="Send"/>), read, acknowledged and used by the unit
/// (<see cref="MarkRead"/>, <see cref="Acknowledge"/>, <see cref="RecordUse"/>). Once sent, the community's content is
/// frozen: a correction is a new revision (<see cref="Correct"/>) and the old card stays, <see cref="FeedbackCardStatus.Superseded"/>.
/// <c>SaveChanges</c> enforces all of this again (see <see cref="FeedbackRules"/>) and the scoping (ADR 0009 and
/// <c>ScopeRules.Community</c>): the unit never sees drafts.
/// </summary>
public class FeedbackCard : EditableEntity, IMemberOwned
{
    public const int OpinionMaxLength = 500;
    public const int VetoReasonMaxLength = 300;
    public const int UsageNoteMaxLength = 300;

    public Guid CycleId { get; set; }
    public FeedbackCycle? Cycle { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    /// <summary>The community the member reported to (the card's author).</summary>
    public Guid CommunityId { get; set; }
    /// <summary>The member's work unit when the card was drafted (the card's addressee).</summary>
    public Guid WorkUnitId { get; set; }

    /// <summary>1 for the drafted card, 2 for its first correction, …</summary>
    public int Revision { get; set; } = 1;
    /// <summary>The card this one corrects (revision − 1).</summary>
    public Guid? PreviousId { get; set; }
    public FeedbackCardStatus Status { get; set; } = FeedbackCardStatus.Draft;
    /// <summary>1 while Draft or Sent, null once Superseded: one current card per member and cycle (unique index). Kept by the DbContext.</summary>
    public int? CurrentSlot { get; set; } = 1;

    // The period's figures (from confirmed records; see FeedbackDrafter).
    /// <summary>Confirmed service records in the period.</summary>
    public int Services { get; set; }
    /// <summary>Distinct days of those records.</summary>
    public int Days { get; set; }
    /// <summary>Sum of their minutes.</summary>
    public int Minutes { get; set; }
    /// <summary>Posts the member held (approved claim) at some time in the period.</summary>
    public int PostsClaimed { get; set; }
    /// <summary>Wishes the member fulfilled in the period.</summary>
    public int WishesFulfilled { get; set; }
    /// <summary>Households the member was paired with at some time in the period.</summary>
    public int HouseholdsPaired { get; set; }
    /// <summary>The member's household visits in the period.</summary>
    public int HouseholdVisits { get; set; }
    /// <summary>Suggestions submitted in the period.</summary>
    public int Suggestions { get; set; }
    /// <summary>Annual requirement rules of the cycle's year met by the end of the period.</summary>
    public int RequirementsMet { get; set; }
    /// <summary>Annual requirement rules of the cycle's year (0 when the county set none).</summary>
    public int RequirementsTotal { get; set; }
    /// <summary>
    /// The requirement rules as evaluated at the end of the period, one line each (label, required, achieved, met), kept
    /// with the card so a sent card prints what was sent; see <see cref="FeedbackRequirementLines"/>. Null: no rules.
    /// </summary>
    public string? RequirementLines { get; set; }

    // The community's review.
    public FeedbackGrade? Grade { get; set; }
    /// <summary>社区党组织意见 (≤ 500).</summary>
    public string? Opinion { get; set; }
    /// <summary>一票否决: the community objects to the member's commendation.</summary>
    public bool Veto { get; set; }
    /// <summary>The reason of the veto (≤ 300), required with it.</summary>
    public string? VetoReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>反馈卡编号, e.g. 2026-反馈卡-000123, taken when sent (<see cref="FeedbackSender"/>).</summary>
    public string? Serial { get; set; }
    public DateTime? SentAt { get; set; }
    public string? SentBy { get; set; }

    // The unit's side.
    public DateTime? ReadAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public FeedbackUse Uses { get; set; }
    /// <summary>How the card was used, in words (≤ 300).</summary>
    public string? UsageNote { get; set; }

    /// <summary>The properties the unit may change (and the community may not).</summary>
    public static readonly IReadOnlySet<string> UnitFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(ReadAt), nameof(AcknowledgedAt), nameof(AcknowledgedBy), nameof(Uses), nameof(UsageNote),
    };

    /// <summary>Sent or superseded: what the unit and the member may see.</summary>
    public bool IsSent => Status is FeedbackCardStatus.Sent or FeedbackCardStatus.Superseded;

    public bool IsRead => ReadAt is not null;

    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>The community's review of a draft: grade, opinion and veto. A veto needs its reason; no veto clears the reason.</summary>
    /// <exception cref="FeedbackException">Not a draft, a veto without reason, or text too long.</exception>
    public void Review(FeedbackGrade? grade, string? opinion, bool veto, string? vetoReason, string by, DateTime now)
    {
        RequireStatus(FeedbackCardStatus.Draft, "只有草稿可以评议，已发送的反馈卡请更正");
        if (grade is { } g && !Enum.IsDefined(g)) throw new FeedbackException("评议等次无效");
        opinion = Clean(opinion);
        vetoReason = veto ? Clean(vetoReason) : null;
        if (opinion?.Length > OpinionMaxLength) throw new FeedbackException($"社区党组织意见不能超过{OpinionMaxLength}字");
        if (veto && vetoReason is null) throw new FeedbackException("一票否决必须填写否决理由");
        if (vetoReason?.Length > VetoReasonMaxLength) throw new FeedbackException($"否决理由不能超过{VetoReasonMaxLength}字");
        Grade = grade;
        Opinion = opinion;
        Veto = veto;
        VetoReason = vetoReason;
        ReviewedBy = by;
        ReviewedAt = now;
    }

    /// <summary>Why this draft cannot be sent yet, or null.</summary>
    public string? SendProblem() => Status != FeedbackCardStatus.Draft ? "只有草稿可以发送"
        : Grade is null ? "发送前请先评定等次"
        : Veto && string.IsNullOrWhiteSpace(VetoReason) ? "一票否决必须填写否决理由"
        : null;

    /// <summary>
    /// Sends the draft to the unit with its serial (take serials with <see cref="FeedbackSender.SendAsync"/>, which
    /// calls this). From now on the community's content never changes.
    /// </summary>
    /// <exception cref="FeedbackException">Not a draft, no grade, a veto without reason, or no serial.</exception>
    public void Send(string serial, string by, DateTime now)
    {
        if (SendProblem() is { } problem) throw new FeedbackException(problem);
        if (string.IsNullOrWhiteSpace(serial)) throw new FeedbackException("发送反馈卡需要编号");
        Serial = serial;
        SentBy = by;
        SentAt = now;
        Status = FeedbackCardStatus.Sent;
    }

    /// <summary>
    /// Corrects a sent card: this card becomes <see cref="FeedbackCardStatus.Superseded"/> (and stays visible to the
    /// unit) and the returned new draft, revision + 1, takes its place. The draft copies the figures and, as a starting
    /// point for the community's edit, the grade, opinion and veto; it has no serial until it is sent. Add it to the
    /// context and save both together.
    /// </summary>
    /// <exception cref="FeedbackException">The card is not sent (a draft is edited, a superseded card corrected through its successor).</exception>
    public FeedbackCard Correct()
    {
        RequireStatus(FeedbackCardStatus.Sent, "只有已发送的反馈卡可以更正");
        Status = FeedbackCardStatus.Superseded;
        CurrentSlot = null;
        return new FeedbackCard
        {
            CycleId = CycleId,
            MemberId = MemberId,
            CommunityId = CommunityId,
            WorkUnitId = WorkUnitId,
            Revision = Revision + 1,
            PreviousId = Id,
            Services = Services,
            Days = Days,
            Minutes = Minutes,
            PostsClaimed = PostsClaimed,
            WishesFulfilled = WishesFulfilled,
            HouseholdsPaired = HouseholdsPaired,
            HouseholdVisits = HouseholdVisits,
            Suggestions = Suggestions,
            RequirementsMet = RequirementsMet,
            RequirementsTotal = RequirementsTotal,
            RequirementLines = RequirementLines,
            Grade = Grade,
            Opinion = Opinion,
            Veto = Veto,
            VetoReason = VetoReason,
        };
    }

    /// <summary>The unit opened the card (the first time counts; later calls change nothing).</summary>
    /// <exception cref="FeedbackException">The card was not sent.</exception>
    public void MarkRead(DateTime now)
    {
        RequireSent();
        ReadAt ??= now;
    }

    /// <summary>The unit acknowledges the card (签收); it is read too. Acknowledging again keeps the first acknowledgement.</summary>
    /// <exception cref="FeedbackException">The card was not sent.</exception>
    public void Acknowledge(string by, DateTime now)
    {
        RequireSent();
        ReadAt ??= now;
        if (AcknowledgedAt is not null) return;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
    }

    /// <summary>Records how the unit used the card (replaces what was recorded).</summary>
    /// <exception cref="FeedbackException">The card was not sent, an unknown use, or the note is too long.</exception>
    public void RecordUse(FeedbackUse uses, string? note)
    {
        RequireSent();
        const FeedbackUse all = FeedbackUse.DemocraticAppraisal | FeedbackUse.Commendation | FeedbackUse.ProbationaryConversion | FeedbackUse.CadreInspection;
        if ((uses & ~all) != 0) throw new FeedbackException("反馈结果运用方式无效");
        note = Clean(note);
        if (note?.Length > UsageNoteMaxLength) throw new FeedbackException($"运用情况说明不能超过{UsageNoteMaxLength}字");
        Uses = uses;
        UsageNote = note;
    }

    private void RequireSent()
    {
        if (!IsSent) throw new FeedbackException("反馈卡尚未发送");
    }

    private void RequireStatus(FeedbackCardStatus status, string message)
    {
        if (Status != status) throw new FeedbackException(message);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
