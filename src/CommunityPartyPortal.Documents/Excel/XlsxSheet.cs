namespace CommunityPartyPortal.Documents.Excel;

/// <summary>How one table sheet is laid out and printed.</summary>
/// <param name="Name">The tab name: at most 31 characters, none of <c>[]:*?/\</c>, unique in the workbook.</param>
public sealed record XlsxSheet(string Name)
{
    /// <summary>Row 1, merged across the columns, bold 16 pt, centred. Null: no title row.</summary>
    public string? Title { get; init; }

    /// <summary>The row under the title, merged across the columns (e.g. 填报单位 and 导出日期). Null: no subtitle row.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Print in landscape (A4 either way, fitted to the page width, the header row repeated on each page).</summary>
    public bool Landscape { get; init; }

    /// <summary>Put an AutoFilter on the header and data rows. Default true.</summary>
    public bool AutoFilter { get; init; } = true;
}

/// <summary>Workbook-wide settings of <see cref="XlsxWorkbookWriter"/>.</summary>
public sealed record XlsxWriterOptions
{
    /// <summary>
    /// Store text in a shared-string table instead of inline in the cells. The table is built in memory as the
    /// rows stream, so memory grows with the number of distinct strings. Measured on the 20-column roster
    /// (Release): about 8% smaller files, but peak working set +42 MB at 60,000 rows and +116 MB at 300,000
    /// (inline: +22 MB at both) and slower at scale. Default false: inline strings, flat memory.
    /// </summary>
    public bool SharedStrings { get; init; }
}
