namespace CommunityPartyPortal.Documents.Records;

/// <summary>
/// 社区党员表现情况反馈函 (seed 004): the community party organisation's covering letter for a batch of
/// 在职党员现实表现评议情况反馈卡 sent to one unit party organisation for one cycle: how many members, the count per
/// grade, the vetoes with their reasons, and the list of the members. Strings are display-ready.
/// </summary>
/// <param name="Serial">编号 of the letter.</param>
/// <param name="IssuedBy">The community party organisation sending it; it seals the letter.</param>
/// <param name="ToUnit">The addressee, the unit party organisation ("XX单位党组织：").</param>
/// <param name="IssuedOn">The letter's date.</param>
/// <param name="CycleLabel">反馈周期 (e.g. 2026年第一季度).</param>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="PeriodEnd">Last day of the period.</param>
/// <param name="Members">The members whose cards go with the letter, in the order to list them.</param>
public sealed record FeedbackLetterRecord(
    string Serial,
    string IssuedBy,
    string ToUnit,
    DateOnly IssuedOn,
    string CycleLabel,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<FeedbackLetterMember> Members)
{
    /// <summary>社区联系人, optional.</summary>
    public string? ContactPerson { get; init; }

    /// <summary>社区联系电话, optional.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>Members graded <paramref name="grade"/> (one of <see cref="FeedbackGrades.All"/>).</summary>
    public int CountOf(string grade) => Members.Count(m => string.Equals(m.Grade, grade, StringComparison.Ordinal));

    /// <summary>Members without a grade (none when every card was sent, as sending requires one).</summary>
    public int Ungraded => Members.Count(m => m.Grade is null);

    /// <summary>The members with a veto, in list order.</summary>
    public IReadOnlyList<FeedbackLetterMember> Vetoed => [.. Members.Where(m => m.Veto)];
}

/// <summary>One member of the letter's list.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Grade">评议等次: one of <see cref="FeedbackGrades.All"/>, or null.</param>
/// <param name="Veto">一票否决.</param>
/// <param name="VetoReason">否决理由, quoted in the letter's body when <paramref name="Veto"/>.</param>
public sealed record FeedbackLetterMember(string Name, string? Grade, bool Veto, string? VetoReason);
