using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// A scoring session's ranking table (考评排名表) as .xlsx (sheet 考评排名): the title, 制表单位 and 制表日期, the header
/// (frozen) with 名次, the target, each category's name and points (「建立健全社区干部培养管理机制（20分）」) and
/// 总分（100分）, one row per target in the order given (streamed: enumerated once), and an 平均分 row: the mean of each
/// column over the targets scored in it. Scores are numbers shown with one decimal; the averages are rounded to one
/// decimal. No AutoFilter: sorting would move the 平均分 row among the targets.
/// </summary>
public static class RankingWorkbook
{
    public const string SheetName = "考评排名";

    /// <summary>The rank column's header.</summary>
    public const string RankHeader = "名次";

    /// <summary>The target column's header unless the caller names it (街道, 党员 …).</summary>
    public const string DefaultTargetHeader = "单位/社区";

    /// <summary>The target cell of the averages row.</summary>
    public const string AverageCaption = "平均分";

    /// <summary>The header of the total column: 「总分（100分）」.</summary>
    public static string TotalHeader(IReadOnlyList<RankingCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return $"总分（{ScoreText.Format(categories.Sum(c => c.Points))}分）";
    }

    /// <summary>Writes the workbook.</summary>
    /// <param name="output">Where the .xlsx goes (left open).</param>
    /// <param name="title">Row 1, e.g. 2026年度长桥街道社区党建机制考评排名表.</param>
    /// <param name="issuedBy">The organisation the table is from (制表单位: the street or county that ran the session).</param>
    /// <param name="issuedOn">制表日期.</param>
    /// <param name="categories">The rubric's categories, in order: one score column each.</param>
    /// <param name="rows">The targets, in the order to list them (by rank).</param>
    /// <param name="targetHeader">The target column's header (单位/社区 by default).</param>
    /// <returns>The number of targets written.</returns>
    /// <exception cref="ArgumentException">No category, or a row with a score for another number of categories.</exception>
    public static int Write(
        Stream output,
        string title,
        string issuedBy,
        DateOnly issuedOn,
        IReadOnlyList<RankingCategory> categories,
        IEnumerable<RankingRow> rows,
        string targetHeader = DefaultTargetHeader)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(rows);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A ranking table needs the rubric's categories.", nameof(categories));
        }

        using var writer = new XlsxWorkbookWriter(output);
        var sheet = new XlsxSheet(SheetName)
        {
            Title = title,
            Subtitle = $"制表单位：{issuedBy}　　制表日期：{issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            Landscape = categories.Count > 3,
            AutoFilter = false,
        };
        var count = writer.AddSheet(sheet, Columns(categories, targetHeader), Lines(categories.Count, rows)) - 1;
        writer.Complete();
        return count;
    }

    private static List<XlsxColumn<Line>> Columns(IReadOnlyList<RankingCategory> categories, string targetHeader)
    {
        var columns = new List<XlsxColumn<Line>>
        {
            new(RankHeader, l => l.Row is { } r ? r.Rank : null) { Width = 7 },
            new(targetHeader, l => l.Row is { } r ? r.Target : AverageCaption) { Width = 26 },
        };
        for (var i = 0; i < categories.Count; i++)
        {
            var index = i;
            columns.Add(new(categories[i].Header, l => XlsxCell.FromOneDecimal(l.Row is { } r ? r.CategoryScores[index] : l.Averages!.Category(index))) { Width = 16 });
        }

        columns.Add(new(TotalHeader(categories), l => XlsxCell.FromOneDecimal(l.Row is { } r ? r.Total : l.Averages!.Total)) { Width = 12 });
        return columns;
    }

    private static IEnumerable<Line> Lines(int categories, IEnumerable<RankingRow> rows)
    {
        var averages = new Averages(categories);
        foreach (var row in rows)
        {
            averages.Add(row);
            yield return new Line(row, null);
        }

        yield return new Line(null, averages);
    }

    /// <summary>A line of the sheet: a target, or with <see cref="Row"/> null the averages.</summary>
    private sealed record Line(RankingRow? Row, Averages? Averages);

    /// <summary>The sums and counts of the scores seen so far, per category and of the totals.</summary>
    private sealed class Averages(int categories)
    {
        private readonly int _categories = categories;
        private readonly decimal[] _sums = new decimal[categories + 1];
        private readonly int[] _counts = new int[categories + 1];

        public decimal? Total => Mean(_categories);

        public decimal? Category(int index) => Mean(index);

        public void Add(RankingRow row)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (row.CategoryScores.Count != _categories)
            {
                throw new ArgumentException(
                    $"The row of {row.Target} has {row.CategoryScores.Count} category scores; the rubric has {_categories} categories.", nameof(row));
            }

            for (var i = 0; i < _categories; i++)
            {
                Count(i, row.CategoryScores[i]);
            }

            Count(_categories, row.Total);
        }

        private void Count(int index, decimal? value)
        {
            if (value is { } v)
            {
                _sums[index] += v;
                _counts[index]++;
            }
        }

        private decimal? Mean(int index) =>
            _counts[index] == 0 ? null : Math.Round(_sums[index] / _counts[index], 1, MidpointRounding.AwayFromZero);
    }
}
