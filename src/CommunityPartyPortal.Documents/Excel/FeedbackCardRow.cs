using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// One 反馈卡 of a unit's cycle export (<see cref="FeedbackCardWorkbook"/>). Plain values: the web layer maps the card
/// and turns enums into their Chinese names (评议等次, 签收状态).
/// </summary>
public sealed record FeedbackCardRow
{
    /// <summary>编号.</summary>
    public string Serial { get; init; } = "";
    /// <summary>姓名.</summary>
    public string Name { get; init; } = "";
    /// <summary>居住社区.</summary>
    public string? Community { get; init; }
    /// <summary>服务次数.</summary>
    public int Services { get; init; }
    /// <summary>服务天数.</summary>
    public int Days { get; init; }
    /// <summary>服务时长 in minutes; written as hours with one decimal (rounded down to 0.1).</summary>
    public int Minutes { get; init; }
    /// <summary>认领岗位.</summary>
    public int PostsClaimed { get; init; }
    /// <summary>完成微心愿.</summary>
    public int WishesFulfilled { get; init; }
    /// <summary>走访联系户: visits to the paired households in the period.</summary>
    public int HouseholdVisits { get; init; }
    /// <summary>提出建议.</summary>
    public int Suggestions { get; init; }
    /// <summary>年度要求 met.</summary>
    public int RequirementsMet { get; init; }
    /// <summary>年度要求 in all; 0: none set (written 未设定).</summary>
    public int RequirementsTotal { get; init; }
    /// <summary>评议等次: one of <see cref="FeedbackGrades.All"/> or null.</summary>
    public string? Grade { get; init; }
    /// <summary>一票否决.</summary>
    public bool Veto { get; init; }
    /// <summary>否决理由.</summary>
    public string? VetoReason { get; init; }
    /// <summary>社区意见.</summary>
    public string? Opinion { get; init; }
    /// <summary>签收状态 (e.g. 未读, 已读, 已签收).</summary>
    public string? ReceiptStatus { get; init; }

    /// <summary>The row of a card as the PDF prints it, with the unit's receipt status.</summary>
    public static FeedbackCardRow From(FeedbackCardRecord card, string? receiptStatus = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new FeedbackCardRow
        {
            Serial = card.Serial,
            Name = card.Name,
            Community = card.Community,
            Services = card.Services,
            Days = card.Days,
            Minutes = card.Minutes,
            PostsClaimed = card.PostsClaimed,
            WishesFulfilled = card.WishesFulfilled,
            HouseholdVisits = card.HouseholdVisits,
            Suggestions = card.Suggestions,
            RequirementsMet = card.RequirementsMet,
            RequirementsTotal = card.RequirementsTotal,
            Grade = card.Grade,
            Veto = card.Veto,
            VetoReason = card.VetoReason,
            Opinion = card.Opinion,
            ReceiptStatus = receiptStatus,
        };
    }
}
