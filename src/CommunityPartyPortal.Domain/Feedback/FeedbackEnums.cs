using System.ComponentModel.DataAnnotations;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>The length of a feedback cycle (seed 003: quarterly and yearly; seed 000: half-yearly and yearly).</summary>
public enum FeedbackPeriod
{
    [Display(Name = "季度")] Quarter = 1,
    [Display(Name = "半年")] HalfYear = 2,
    [Display(Name = "年度")] Year = 3,
}

public enum FeedbackCycleStatus
{
    [Display(Name = "未关闭")] Open = 1,
    /// <summary>Closed by the county: the cards of the cycle have been drafted.</summary>
    [Display(Name = "已关闭")] Closed = 2,
}

public enum FeedbackCardStatus
{
    /// <summary>Drafted by the portal, reviewed by the community; never seen by the unit or the member.</summary>
    [Display(Name = "草稿")] Draft = 1,
    /// <summary>Sent to the unit: the community's content is frozen.</summary>
    [Display(Name = "已发送")] Sent = 2,
    /// <summary>Replaced by a correction (a newer revision); stays visible, frozen.</summary>
    [Display(Name = "已更正")] Superseded = 3,
}

/// <summary>评议等次.</summary>
public enum FeedbackGrade
{
    [Display(Name = "优秀")] Excellent = 1,
    [Display(Name = "合格")] Qualified = 2,
    [Display(Name = "基本合格")] BasicallyQualified = 3,
    [Display(Name = "不合格")] Unqualified = 4,
}

/// <summary>How the unit used a card (反馈结果运用); any combination.</summary>
[Flags]
public enum FeedbackUse
{
    [Display(Name = "未记录")] None = 0,
    [Display(Name = "民主评议")] DemocraticAppraisal = 1,
    [Display(Name = "评先选优")] Commendation = 2,
    [Display(Name = "预备党员转正")] ProbationaryConversion = 4,
    [Display(Name = "干部考察")] CadreInspection = 8,
}
