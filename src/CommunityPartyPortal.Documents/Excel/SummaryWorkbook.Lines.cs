using System.Globalization;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>What a line of a summary table is.</summary>
internal enum SummaryLineKind
{
    /// <summary>A group's name, on a line of its own above its rows.</summary>
    GroupHeading,
    Row,
    Subtotal,
    Total,
}

/// <summary>
/// A line of a summary table as printed: a numbered row, a group's heading, its subtotal, or the total. The values are
/// normalised per column format: decimals for numbers (null: blank), strings for text, bools for yes/no.
/// </summary>
internal sealed record SummaryLine(SummaryLineKind Kind, int? No, string Label, object?[] Values, bool Highlight)
{
    public bool Bold => Kind is SummaryLineKind.Subtotal or SummaryLineKind.Total or SummaryLineKind.GroupHeading;
}

/// <summary>
/// Flattens a <see cref="SummaryTableRecord"/> into its printed lines, streaming (each group and row is enumerated once,
/// as the lines are consumed), and computes the subtotals and the total the record leaves out: the sums of the numeric
/// columns, and for a ratio column the ratio of its two columns' sums — values that add up, never formulas. Shared by the
/// workbook and the PDF, so both print the same figures.
/// </summary>
internal static class SummaryLines
{
    public static IEnumerable<SummaryLine> Of(SummaryTableRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.EnsureValid();
        return Enumerate(record);
    }

    private static IEnumerable<SummaryLine> Enumerate(SummaryTableRecord record)
    {
        var total = new Sums(record);
        var no = 0;
        foreach (var group in record.Groups)
        {
            ArgumentNullException.ThrowIfNull(group, nameof(record));
            if (!string.IsNullOrWhiteSpace(group.Name))
            {
                yield return new SummaryLine(SummaryLineKind.GroupHeading, null, group.Name, new object?[record.Columns.Count], false);
            }

            var sums = new Sums(record);
            foreach (var row in group.Rows)
            {
                var values = Normalise(record, row);
                sums.Add(values);
                total.Add(values);
                yield return new SummaryLine(SummaryLineKind.Row, ++no, row.Label, values, row.Highlight);
            }

            yield return group.Subtotal is { } given
                ? new SummaryLine(SummaryLineKind.Subtotal, null, given.Label, Normalise(record, given), given.Highlight)
                : new SummaryLine(SummaryLineKind.Subtotal, null, $"{group.Name}{SummaryTableRecord.SubtotalCaption}", sums.Values(), false);
        }

        yield return record.Total is { } t
            ? new SummaryLine(SummaryLineKind.Total, null, t.Label, Normalise(record, t), t.Highlight)
            : new SummaryLine(SummaryLineKind.Total, null, SummaryTableRecord.TotalCaption, total.Values(), false);
    }

    /// <summary>The row's values, one per column, as decimals, strings or bools.</summary>
    /// <exception cref="ArgumentException">Another number of values than of columns, or a value that does not fit its column's format.</exception>
    private static object?[] Normalise(SummaryTableRecord record, SummaryRow row)
    {
        ArgumentNullException.ThrowIfNull(row, nameof(record));
        if (row.Values.Count != record.Columns.Count)
        {
            throw new ArgumentException($"The row {row.Label} of {record.Title} has {row.Values.Count} values for {record.Columns.Count} columns.", nameof(record));
        }

        var values = new object?[row.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = row.Values[i];
            var column = record.Columns[i];
            values[i] = (column.Format, value) switch
            {
                (_, null) => null,
                (SummaryFormat.Text, _) => Convert.ToString(value, CultureInfo.InvariantCulture),
                (SummaryFormat.YesNo, bool b) => b,
                (not SummaryFormat.YesNo, int or long or short or decimal or double or float) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"The value '{value}' of {row.Label} in column {column.Header} of {record.Title} is not a {column.Format} value.", nameof(record)),
            };
        }

        return values;
    }

    /// <summary>The text of a value as the PDF prints it: 12, 12.5, 92.5%, 是.</summary>
    public static string? Text(SummaryFormat format, object? value) => (format, value) switch
    {
        (_, null) => null,
        (SummaryFormat.Integer, decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture),
        (SummaryFormat.Decimal1, decimal d) => d.ToString("0.0", CultureInfo.InvariantCulture),
        (SummaryFormat.Percent1, decimal d) => (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        (SummaryFormat.YesNo, bool b) => b ? "是" : "否",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Running sums of the numeric columns.</summary>
    private sealed class Sums(SummaryTableRecord record)
    {
        private readonly decimal[] _sums = new decimal[record.Columns.Count];

        public void Add(object?[] values)
        {
            for (var i = 0; i < _sums.Length; i++)
            {
                if (values[i] is decimal d)
                {
                    _sums[i] += d;
                }
            }
        }

        public object?[] Values()
        {
            var values = new object?[_sums.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var column = record.Columns[i];
                values[i] = column.Format switch
                {
                    SummaryFormat.Integer or SummaryFormat.Decimal1 => _sums[i],
                    SummaryFormat.Percent1 when column.RatioOf is { } ratio => Ratio(_sums[record.Index(ratio.Numerator)], _sums[record.Index(ratio.Denominator)]),
                    _ => null,
                };
            }

            return values;
        }

        private static decimal? Ratio(decimal numerator, decimal denominator) =>
            denominator == 0 ? null : Math.Round(numerator / denominator, 6, MidpointRounding.AwayFromZero);
    }
}
