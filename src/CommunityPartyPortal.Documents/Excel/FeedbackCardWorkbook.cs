using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// The 反馈卡 of one cycle and one unit as .xlsx (sheet 反馈卡): the title, 制表单位 and 制表日期, the header (frozen),
/// one row per card (streamed: enumerated once, never held) and a 合计 row: the sums of the numeric columns, how many
/// met every annual requirement, the count per grade and the number of vetoes. Hours are numbers with one decimal,
/// each card's rounded down to 0.1 (<see cref="ServiceHours"/>); the total is the sum of the rounded hours, so the
/// column adds up to it. No AutoFilter: sorting would move the 合计 row among the cards.
/// </summary>
public static class FeedbackCardWorkbook
{
    public const string SheetName = "反馈卡";

    /// <summary>The first cell of the totals row.</summary>
    public const string TotalsCaption = "合计";

    /// <summary>The columns, in order.</summary>
    internal static IReadOnlyList<XlsxColumn<Line>> Columns { get; } =
    [
        new("序号", l => l.Row is null ? TotalsCaption : l.No) { Width = 6 },
        new("编号", l => l.Row?.Serial ?? $"共{Text(l.Totals!.Cards)}份") { Width = 20 },
        new("姓名", l => l.Row?.Name) { Width = 10 },
        new("居住社区", l => l.Row?.Community) { Width = 22 },
        new("服务次数", l => l.Row?.Services ?? l.Totals!.Services) { Width = 10 },
        new("服务天数", l => l.Row?.Days ?? l.Totals!.Days) { Width = 10 },
        new("服务时长（小时）", l => XlsxCell.FromOneDecimal(l.Row is { } r ? ServiceHours.FromMinutes(r.Minutes) : l.Totals!.Hours)) { Width = 17 },
        new("认领岗位", l => l.Row?.PostsClaimed ?? l.Totals!.PostsClaimed) { Width = 10 },
        new("完成微心愿", l => l.Row?.WishesFulfilled ?? l.Totals!.WishesFulfilled) { Width = 11 },
        new("走访联系户", l => l.Row?.HouseholdVisits ?? l.Totals!.HouseholdVisits) { Width = 11 },
        new("提出建议", l => l.Row?.Suggestions ?? l.Totals!.Suggestions) { Width = 10 },
        new("年度要求", l => l.Row is { } r ? FeedbackGrades.RequirementsText(r.RequirementsMet, r.RequirementsTotal) : $"全部完成{Text(l.Totals!.AllRequirementsMet)}人") { Width = 13 },
        new("评议等次", l => l.Row is { } r ? r.Grade : l.Totals!.GradeText) { Width = 12 },
        new("一票否决", l => l.Row is { } r ? XlsxCell.FromBoolean(r.Veto) : $"否决{Text(l.Totals!.Vetoes)}人") { Width = 10 },
        new("否决理由", l => l.Row is { Veto: true } r ? r.VetoReason : null) { Width = 24 },
        new("社区意见", l => l.Row?.Opinion) { Width = 40 },
        new("签收状态", l => l.Row?.ReceiptStatus) { Width = 10 },
    ];

    /// <summary>
    /// Writes the workbook. For an ASP.NET response body use <see cref="WriteAsync"/>.
    /// </summary>
    /// <param name="output">Where the .xlsx goes (left open).</param>
    /// <param name="title">Row 1, e.g. 县财政局在职党员现实表现评议情况反馈卡（2026年第一季度）.</param>
    /// <param name="issuedBy">The organisation the sheet is from (制表单位).</param>
    /// <param name="issuedOn">制表日期.</param>
    /// <param name="rows">The cards, in the order to list them.</param>
    /// <returns>The number of cards written.</returns>
    /// <exception cref="ArgumentException">A grade is not one of <see cref="FeedbackGrades.All"/>.</exception>
    public static int Write(Stream output, string title, string issuedBy, DateOnly issuedOn, IEnumerable<FeedbackCardRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new XlsxWorkbookWriter(output);
        var count = writer.AddSheet(Sheet(title, issuedBy, issuedOn), Columns, Lines(rows)) - 1;
        writer.Complete();
        return count;
    }

    /// <summary>As <see cref="Write"/>, from an async sequence (e.g. an EF query's <c>AsAsyncEnumerable()</c>), copying to the output asynchronously.</summary>
    public static async Task<int> WriteAsync(
        Stream output, string title, string issuedBy, DateOnly issuedOn, IAsyncEnumerable<FeedbackCardRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new XlsxWorkbookWriter(output);
        var count = await writer.AddSheetAsync(Sheet(title, issuedBy, issuedOn), Columns, LinesAsync(rows, cancellationToken), cancellationToken).ConfigureAwait(false) - 1;
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static XlsxSheet Sheet(string title, string issuedBy, DateOnly issuedOn) => new(SheetName)
    {
        Title = title,
        Subtitle = $"制表单位：{issuedBy}　　制表日期：{issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        Landscape = true,
        AutoFilter = false,
    };

    private static IEnumerable<Line> Lines(IEnumerable<FeedbackCardRow> rows)
    {
        var totals = new Totals();
        foreach (var row in rows)
        {
            yield return totals.Add(row);
        }

        yield return new Line(null, null, totals);
    }

    private static async IAsyncEnumerable<Line> LinesAsync(IAsyncEnumerable<FeedbackCardRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var totals = new Totals();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return totals.Add(row);
        }

        yield return new Line(null, null, totals);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line of the sheet: a card (numbered from 1) or, with <see cref="Row"/> null, the totals.</summary>
    internal sealed record Line(int? No, FeedbackCardRow? Row, Totals? Totals);

    /// <summary>The sums of the cards seen so far.</summary>
    internal sealed class Totals
    {
        private readonly int[] _grades = new int[FeedbackGrades.All.Count];

        public int Cards { get; private set; }
        public int Services { get; private set; }
        public int Days { get; private set; }
        public decimal Hours { get; private set; }
        public int PostsClaimed { get; private set; }
        public int WishesFulfilled { get; private set; }
        public int HouseholdVisits { get; private set; }
        public int Suggestions { get; private set; }
        public int AllRequirementsMet { get; private set; }
        public int Vetoes { get; private set; }

        /// <summary>"优秀1名、合格2名、基本合格0名、不合格1名".</summary>
        public string GradeText => string.Join("、", FeedbackGrades.All.Select((g, i) => $"{g}{Text(_grades[i])}名"));

        public Line Add(FeedbackCardRow row)
        {
            ArgumentNullException.ThrowIfNull(row);
            FeedbackGrades.EnsureValid(row.Grade, $"Card {row.Serial}");
            Cards++;
            Services += row.Services;
            Days += row.Days;
            Hours += ServiceHours.FromMinutes(row.Minutes);
            PostsClaimed += row.PostsClaimed;
            WishesFulfilled += row.WishesFulfilled;
            HouseholdVisits += row.HouseholdVisits;
            Suggestions += row.Suggestions;
            if (row.RequirementsTotal > 0 && row.RequirementsMet >= row.RequirementsTotal)
            {
                AllRequirementsMet++;
            }

            if (row.Veto)
            {
                Vetoes++;
            }

            for (var i = 0; i < _grades.Length; i++)
            {
                if (string.Equals(row.Grade, FeedbackGrades.All[i], StringComparison.Ordinal))
                {
                    _grades[i]++;
                }
            }

            return new Line(Cards, row, null);
        }
    }
}
