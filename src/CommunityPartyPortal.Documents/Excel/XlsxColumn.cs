namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// One column of a table sheet: its Chinese header, how to get the cell from a row, and its width.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Header">The header text (bold, filled, bordered).</param>
/// <param name="Value">The cell of a row; an <see cref="XlsxCell.Empty"/> cell is left out.</param>
public sealed record XlsxColumn<T>(string Header, Func<T, XlsxCell> Value)
{
    /// <summary>Width in Excel units (one Chinese character ≈ 2); null: fitted to the header (<see cref="XlsxWidth.Of"/>).</summary>
    public double? Width { get; init; }

    /// <summary>
    /// The format of the column's empty cells, for sheets people fill in: <see cref="XlsxCellKind.Text"/> keeps
    /// a typed 18-digit ID number as text, <see cref="XlsxCellKind.Date"/> shows typed dates as yyyy-mm-dd.
    /// Null: none.
    /// </summary>
    public XlsxCellKind? Format { get; init; }

    /// <summary>
    /// A dropdown (list data validation) on the column's data cells, for sheets people fill in. The values may
    /// not contain commas or quotes and together must stay under 255 characters. Null: no dropdown.
    /// </summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    internal double EffectiveWidth => Width ?? XlsxWidth.Of(Header);
}

/// <summary>Column widths for CJK text.</summary>
public static class XlsxWidth
{
    /// <summary>Narrowest width <see cref="Of"/> returns.</summary>
    public const double Minimum = 6;

    /// <summary>
    /// The width that shows <paramref name="sample"/> in the default 11-point font: 2 units per Chinese
    /// (full-width) character, 1 per other character, plus 2 for padding and the filter button.
    /// </summary>
    public static double Of(string sample)
    {
        var units = 0.0;
        foreach (var c in sample) units += IsWide(c) ? 2 : 1.1;
        return Math.Max(Minimum, Math.Round(units + 2, 1));
    }

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';
}
