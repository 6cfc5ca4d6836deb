using System.Globalization;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Summaries;

namespace CommunityPartyPortal.Web.Features.Summaries;

/// <summary>A line of a table view: a unit or community (with its id, for the link to its members), a subtotal or the total.</summary>
public sealed record SummaryViewRow(Guid? OrganizationId, SummaryRowKind? Kind, string Label, IReadOnlyList<object?> Values, bool Highlight = false)
{
    public SummaryRow ToRecord() => new(Label, Values, Highlight);
}

public sealed record SummaryViewGroup(string Name, IReadOnlyList<SummaryViewRow> Rows, SummaryViewRow Subtotal);

/// <summary>
/// One view of a summary table (按单位 or 按社区) as the page shows it and the documents print it: the same columns, rows,
/// subtotals and total (taken from the domain's sums), so the page and the downloads never disagree.
/// </summary>
public sealed record SummaryView(string Key, string Title, string SheetName, string LabelHeader, IReadOnlyList<SummaryColumn> Columns,
    IReadOnlyList<SummaryViewGroup> Groups, SummaryViewRow Total)
{
    public IEnumerable<SummaryViewRow> Rows => Groups.SelectMany(g => g.Rows);

    /// <summary>The official record of this view (see <see cref="SummaryDocuments"/> for the serial).</summary>
    public SummaryTableRecord ToRecord(SummaryFilter.Resolved filter, string serial) =>
        new(serial, Title, filter.IssuedBy, filter.ScopeName, filter.Year, filter.AsOf, LabelHeader, Columns,
            Groups.Select(g => new SummaryGroup(g.Name, g.Rows.Select(r => r.ToRecord()), g.Subtotal.ToRecord())))
        {
            SheetName = SheetName,
            Total = Total.ToRecord(),
        };

    /// <summary>A value as the page shows it: 12, 8.5, 33.3%, 是/否, text; blank for null.</summary>
    public static string Format(SummaryColumn column, object? value) => (column.Format, value) switch
    {
        (_, null) => "",
        (SummaryFormat.Percent1, decimal ratio) => (ratio * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        (SummaryFormat.Decimal1, decimal d) => d.ToString("0.0", CultureInfo.InvariantCulture),
        (SummaryFormat.YesNo, bool b) => b ? "是" : "否",
        (_, IFormattable f) => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The header's top row: (text, column span, spans both rows) for each ungrouped column or group of columns.</summary>
    public IReadOnlyList<(string Text, int Span, bool BothRows)> HeaderGroups()
    {
        var cells = new List<(string, int, bool)>();
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Group is not { } group)
            {
                cells.Add((Columns[i].Header, 1, true));
                continue;
            }
            var span = 1;
            while (i + span < Columns.Count && Columns[i + span].Group == group) span++;
            cells.Add((group, span, false));
            i += span - 1;
        }
        return cells;
    }

    /// <summary>The view of a domain table: <paramref name="values"/> gives a row's values (total: true for subtotals and the total).</summary>
    public static SummaryView Of<T>(string key, string title, string sheet, string labelHeader, IReadOnlyList<SummaryColumn> columns,
        SummaryTable<T> table, Func<T, bool, object?[]> values) where T : ISummaryFigures<T>
    {
        var groups = table.Groups.Select(g => new SummaryViewGroup(g.Name,
                g.Rows.Select(r => new SummaryViewRow(r.OrganizationId, r.Kind, Label(r), values(r.Figures, false), r.BelowThreshold)).ToList(),
                new SummaryViewRow(null, null, g.Name + SummaryTableRecord.SubtotalCaption, values(g.Subtotal, true))))
            .ToList();
        return new SummaryView(key, title, sheet, labelHeader, columns, groups,
            new SummaryViewRow(null, null, SummaryTableRecord.TotalCaption, values(table.Total, true)));

        static string Label(SummaryRow<T> r) => r.Kind == SummaryRowKind.DepartmentOwn ? $"{r.Name}（本级）" : r.Name;
    }
}
