using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// A feedback cycle of the county (e.g. 2026年第一季度): the period whose records the cards summarise. County-wide
/// like the requirement rules: every scope reads the cycles, only the county (or the system) writes them. Closing
/// the cycle drafts the cards (<see cref="FeedbackDrafter.CloseAsync"/>). Unique by (Year, Period, Number).
/// </summary>
public class FeedbackCycle : EditableEntity
{
    public int Year { get; set; }
    public FeedbackPeriod Period { get; set; }
    /// <summary>1–4 for quarters, 1–2 for half-years, 1 for the year.</summary>
    public int Number { get; set; }
    /// <summary>First day of the period (inclusive).</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly EndsOn { get; set; }
    /// <summary>e.g. "2026年第一季度", "2026年上半年", "2026年度".</summary>
    public required string Label { get; set; }
    public FeedbackCycleStatus Status { get; set; } = FeedbackCycleStatus.Open;
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    public bool IsClosed => Status == FeedbackCycleStatus.Closed;

    /// <summary>How many cycles of <paramref name="period"/> a year has (4, 2 or 1).</summary>
    public static int CountPerYear(FeedbackPeriod period) => period switch
    {
        FeedbackPeriod.Quarter => 4,
        FeedbackPeriod.HalfYear => 2,
        FeedbackPeriod.Year => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown feedback period."),
    };

    /// <summary>The first and last day of cycle <paramref name="number"/> of <paramref name="period"/> in <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not 1…<see cref="CountPerYear"/>.</exception>
    public static (DateOnly StartsOn, DateOnly EndsOn) DatesOf(int year, FeedbackPeriod period, int number)
    {
        var count = CountPerYear(period);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, count);
        var months = 12 / count;
        var start = new DateOnly(year, (number - 1) * months + 1, 1);
        return (start, start.AddMonths(months).AddDays(-1));
    }

    /// <summary>The label of a cycle: "2026年第一季度", "2026年下半年", "2026年度".</summary>
    public static string LabelOf(int year, FeedbackPeriod period, int number)
    {
        DatesOf(year, period, number); // validates the number
        return period switch
        {
            FeedbackPeriod.Quarter => $"{year}年第{"一二三四"[number - 1]}季度",
            FeedbackPeriod.HalfYear => $"{year}年{(number == 1 ? "上" : "下")}半年",
            _ => $"{year}年度",
        };
    }

    /// <summary>A new open cycle with its dates and label.</summary>
    public static FeedbackCycle Create(int year, FeedbackPeriod period, int number)
    {
        var (starts, ends) = DatesOf(year, period, number);
        return new FeedbackCycle
        {
            Year = year,
            Period = period,
            Number = number,
            StartsOn = starts,
            EndsOn = ends,
            Label = LabelOf(year, period, number),
        };
    }

    /// <summary>The period covers <paramref name="date"/> (both ends inclusive).</summary>
    public bool Covers(DateOnly date) => date >= StartsOn && date <= EndsOn;

    /// <summary>Why the cycle is not valid as it stands, or null: the number fits the period, the dates lie in the year in order.</summary>
    public string? Problem()
    {
        if (!Enum.IsDefined(Period)) return "反馈周期类型无效";
        if (Number < 1 || Number > CountPerYear(Period)) return $"{Period.Text()}周期的序号应为1至{CountPerYear(Period)}";
        if (StartsOn > EndsOn) return "反馈周期的开始日期不能晚于结束日期";
        if (StartsOn.Year != Year || EndsOn.Year != Year) return "反馈周期的日期必须在该年度内";
        if (string.IsNullOrWhiteSpace(Label)) return "请填写反馈周期名称";
        return null;
    }
}
