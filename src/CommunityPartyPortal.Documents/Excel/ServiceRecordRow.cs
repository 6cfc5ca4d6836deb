namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// One service record of a community's export (服务记录). Plain values: the web layer maps the entity and turns
/// enums into their Chinese names (服务类别, 来源, 状态).
/// </summary>
public sealed record ServiceRecordRow
{
    /// <summary>日期 (the day served).</summary>
    public DateOnly Date { get; init; }
    /// <summary>党员姓名.</summary>
    public string MemberName { get; init; } = "";
    /// <summary>
    /// Identifies the member in the 汇总 sheet (e.g. the member's id); null: name and work unit together, so two
    /// members of the same name in the same unit are only told apart with a key.
    /// </summary>
    public string? MemberKey { get; init; }
    /// <summary>工作单位.</summary>
    public string? WorkUnit { get; init; }
    /// <summary>活动/内容.</summary>
    public string? Content { get; init; }
    /// <summary>服务类别 (政策宣传 …).</summary>
    public string? Category { get; init; }
    /// <summary>时长 in minutes; written as hours with one decimal (rounded down to 0.1).</summary>
    public int Minutes { get; init; }
    /// <summary>来源 (活动签到, 扫码自助签到, 活动外服务).</summary>
    public string? Source { get; init; }
    /// <summary>状态 (待确认, 已确认, 未通过 …).</summary>
    public string? Status { get; init; }
    /// <summary>确认人.</summary>
    public string? ConfirmedBy { get; init; }
    /// <summary>登记时间, in China time.</summary>
    public DateTime? RecordedAt { get; init; }
    /// <summary>Counted in the 汇总 sheet (confirmed records: true; pending, rejected or undone ones: false). Default true.</summary>
    public bool CountsTowardTotals { get; init; } = true;
}
