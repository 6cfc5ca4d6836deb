using System.Globalization;

namespace CommunityPartyPortal.Documents.Records;

/// <summary>How the values of a <see cref="SummaryColumn"/> are stored and shown.</summary>
public enum SummaryFormat
{
    /// <summary>A whole number (format <c>0</c>); summed in the subtotal and total rows.</summary>
    Integer,

    /// <summary>A number with one decimal (format <c>0.0</c>, service hours); summed in the subtotal and total rows.</summary>
    Decimal1,

    /// <summary>A ratio (0.925 = 92.5%, format <c>0.0%</c>); in computed totals the ratio of <see cref="SummaryColumn.RatioOf"/>'s sums.</summary>
    Percent1,

    /// <summary>Text; empty in computed totals.</summary>
    Text,

    /// <summary>A yes/no value (a <see cref="bool"/>), shown 是 or 否; empty in computed totals.</summary>
    YesNo,
}

/// <summary>A data column of an official summary table (汇总表).</summary>
/// <param name="Key">The column's key (stable, for the caller and for <see cref="RatioOf"/>).</param>
/// <param name="Header">The leaf header text (e.g. 优秀, 达标率).</param>
/// <param name="Group">
/// The merged top header over this and the neighbouring columns of the same group (e.g. 反馈评议等次 over 优秀 合格 基本合格
/// 不合格); null: the column's header spans both header rows.
/// </param>
/// <param name="Format">How its values are stored and shown.</param>
public sealed record SummaryColumn(string Key, string Header, string? Group = null, SummaryFormat Format = SummaryFormat.Integer)
{
    /// <summary>
    /// For a <see cref="SummaryFormat.Percent1"/> column: the keys of the numerator and denominator columns, so a
    /// computed subtotal or total is sum(numerator) / sum(denominator) (达标率 = 达标人数 / 党员数), never an average of rates.
    /// </summary>
    public (string Numerator, string Denominator)? RatioOf { get; init; }

    /// <summary>Column width in Excel units (one Chinese character ≈ 2); null: fitted to the header.</summary>
    public double? Width { get; init; }
}

/// <summary>A line of a summary table: a unit or community, a group's subtotal or the total.</summary>
/// <param name="Label">The label cell (the unit's or community's name, 「小计」, 「合计」).</param>
/// <param name="Values">One value per column, in column order: numbers (int, long, decimal, double), strings, bools or null (blank).</param>
/// <param name="Highlight">Shade the row (e.g. a unit below the reporting threshold).</param>
public sealed record SummaryRow(string Label, IReadOnlyList<object?> Values, bool Highlight = false);

/// <summary>Rows under a group (a department's units, a street's communities) with their subtotal.</summary>
/// <param name="Name">The group's name (shown on the group's heading line); empty: no heading line.</param>
/// <param name="Rows">The rows, enumerated once (may stream from a query).</param>
/// <param name="Subtotal">The group's subtotal row; null: computed from the rows (sums, and ratios of sums), labelled 「{Name}小计」.</param>
public sealed record SummaryGroup(string Name, IEnumerable<SummaryRow> Rows, SummaryRow? Subtotal = null);

/// <summary>
/// An official summary table (在职党员进社区报到情况汇总表, 服务群众情况汇总表): the title, who files it and for what scope,
/// the year and the 统计截至 date, a two-level header, the rows in groups with their subtotals and the total. Printed by
/// <c>SummaryWorkbook</c> (one sheet per table) and <c>SummaryTablePdf</c>. The groups and their rows are enumerated once,
/// in order, so a caller may stream them.
/// </summary>
/// <param name="Serial">编号 of the table.</param>
/// <param name="Title">The official title (e.g. 在职党员进社区报到情况汇总表（按单位）).</param>
/// <param name="IssuedBy">填报单位: the organisation filing the table.</param>
/// <param name="Scope">范围: 全县, XX街道, XX部门.</param>
/// <param name="Year">The year the figures are for.</param>
/// <param name="AsOf">统计截至: the figures' date.</param>
/// <param name="LabelHeader">The header of the label column (单位, 社区).</param>
/// <param name="Columns">The data columns, left to right (the 序号 and label columns come first).</param>
/// <param name="Groups">The groups, in order.</param>
public sealed record SummaryTableRecord(
    string Serial,
    string Title,
    string IssuedBy,
    string Scope,
    int Year,
    DateOnly AsOf,
    string LabelHeader,
    IReadOnlyList<SummaryColumn> Columns,
    IEnumerable<SummaryGroup> Groups)
{
    /// <summary>The caption of the total row's label cell unless <see cref="Total"/> gives one.</summary>
    public const string TotalCaption = "合计";

    /// <summary>The caption of a computed subtotal, after the group's name.</summary>
    public const string SubtotalCaption = "小计";

    /// <summary>The header of the row-number column.</summary>
    public const string NumberHeader = "序号";

    /// <summary>The Excel tab (at most 31 characters, none of <c>[]:*?/\</c>); null: derived from the title.</summary>
    public string? SheetName { get; init; }

    /// <summary>The total row; null: computed from all rows (sums, and ratios of sums), labelled 「合计」.</summary>
    public SummaryRow? Total { get; init; }

    /// <summary>The info line under the title: 「填报单位：… 范围：… 年度：2026年 统计截至：2026年11月30日 编号：…」.</summary>
    public string InfoLine =>
        $"填报单位：{IssuedBy}　　范围：{Scope}　　年度：{Year.ToString(CultureInfo.InvariantCulture)}年　　" +
        $"统计截至：{AsOf.Year}年{AsOf.Month}月{AsOf.Day}日　　编号：{Serial}";

    /// <summary>The signature line at the end of the table.</summary>
    public const string SignatureLine = "填报人：　　　　　　　　审核人：　　　　　　　　单位（盖章）：　　　　　　　　日期：　　　　年　　月　　日";

    /// <summary>Throws when the columns are unusable: none, a duplicate key, or a <see cref="SummaryColumn.RatioOf"/> naming no numeric column.</summary>
    /// <exception cref="ArgumentException">The first problem found.</exception>
    public void EnsureValid()
    {
        if (Columns.Count == 0)
        {
            throw new ArgumentException($"The table {Title} has no columns.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            if (!keys.Add(c.Key))
            {
                throw new ArgumentException($"The table {Title} has two columns keyed {c.Key}.");
            }
        }

        foreach (var c in Columns)
        {
            if (c.RatioOf is { } ratio && (Index(ratio.Numerator) < 0 || Index(ratio.Denominator) < 0 || c.Format != SummaryFormat.Percent1))
            {
                throw new ArgumentException($"The column {c.Key} of {Title} is a ratio of unknown columns, or not a percent column.");
            }
        }
    }

    /// <summary>The index of the column keyed <paramref name="key"/>, or -1.</summary>
    public int Index(string key)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
