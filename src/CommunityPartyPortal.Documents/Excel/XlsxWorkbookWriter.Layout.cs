namespace CommunityPartyPortal.Documents.Excel;

/// <summary>The emphasis of one data row of a sheet (<see cref="XlsxWorkbookWriter.AddSheet{T}(XlsxSheet, XlsxSheetLayout, IReadOnlyList{XlsxColumn{T}}, IEnumerable{T}, Func{T, XlsxRowStyle}?)"/>).</summary>
[Flags]
public enum XlsxRowStyle
{
    None = 0,

    /// <summary>Bold (subtotal and total rows).</summary>
    Bold = 1,

    /// <summary>Filled light red (e.g. a unit below the threshold); its empty cells are filled too.</summary>
    Highlight = 2,
}

/// <summary>
/// The layout of an official table sheet beyond <see cref="XlsxSheet"/>: a two-level header with merged cells, panes
/// frozen after the first columns too, percentages with one decimal, and closing lines (signatures) under the rows.
/// The default changes nothing: a sheet written with it is the same as one written without.
/// </summary>
public sealed record XlsxSheetLayout
{
    public static XlsxSheetLayout Default { get; } = new();

    /// <summary>
    /// The top header over each column (one per column), for a header of two rows: consecutive columns of the same
    /// group get one cell merged across them; a column whose group is null has its header merged over both rows.
    /// Null: one header row.
    /// </summary>
    public IReadOnlyList<string?>? HeaderGroups { get; init; }

    /// <summary>Columns frozen at the left (e.g. 2: 序号 and the label), besides the rows down to the header.</summary>
    public int FrozenColumns { get; init; }

    /// <summary>Show <see cref="XlsxCellKind.Percent"/> cells with one decimal (<c>0.0%</c>) instead of two.</summary>
    public bool PercentOneDecimal { get; init; }

    /// <summary>Lines after the rows (one blank row between), each merged across the columns (e.g. 填报人 审核人 日期).</summary>
    public IReadOnlyList<string>? ClosingLines { get; init; }

    internal int HeaderRows => HeaderGroups is null ? 1 : 2;

    internal bool UsesExtendedStyles => PercentOneDecimal;
}
