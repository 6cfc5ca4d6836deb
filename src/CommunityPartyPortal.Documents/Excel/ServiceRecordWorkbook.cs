using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// A community's service records as .xlsx: sheet 服务记录 with one row per record (streamed: enumerated once, never
/// held) and, optionally, sheet 汇总 with one row per member (服务次数, 服务天数, 总时长 of the records that count),
/// most hours first. Hours are numbers with one decimal, rounded down to 0.1 (<see cref="ServiceHours"/>).
/// </summary>
public static class ServiceRecordWorkbook
{
    public const string SheetName = "服务记录";
    public const string SummarySheetName = "汇总";

    /// <summary>The columns of 服务记录, in order.</summary>
    internal static IReadOnlyList<XlsxColumn<ServiceRecordRow>> Columns { get; } =
    [
        new("日期", r => r.Date) { Width = 12 },
        new("党员姓名", r => r.MemberName) { Width = 10 },
        new("工作单位", r => r.WorkUnit) { Width = 24 },
        new("活动/内容", r => r.Content) { Width = 36 },
        new("服务类别", r => r.Category) { Width = 11 },
        new("时长(小时)", r => XlsxCell.FromOneDecimal(ServiceHours.FromMinutes(r.Minutes))) { Width = 11 },
        new("来源", r => r.Source) { Width = 13 },
        new("状态", r => r.Status) { Width = 9 },
        new("确认人", r => r.ConfirmedBy) { Width = 10 },
        new("登记时间", r => r.RecordedAt) { Width = 17 },
    ];

    /// <summary>The columns of 汇总, in order.</summary>
    internal static IReadOnlyList<XlsxColumn<MemberTally>> SummaryColumns { get; } =
    [
        new("序号", t => t.No) { Width = 6 },
        new("姓名", t => t.Name) { Width = 10 },
        new("工作单位", t => t.WorkUnit) { Width = 28 },
        new("服务次数", t => t.Services) { Width = 10 },
        new("服务天数", t => t.Days.Count) { Width = 10 },
        new("总时长(小时)", t => XlsxCell.FromOneDecimal(ServiceHours.FromMinutes(t.Minutes))) { Width = 13 },
    ];

    /// <summary>
    /// Writes the workbook: the title, a subtitle with the organisation and the export date, the header (frozen,
    /// with filters) and one row per record; then the 汇总 sheet when <paramref name="withSummary"/>. For an ASP.NET
    /// response body use <see cref="WriteAsync"/>.
    /// </summary>
    /// <returns>The number of records written.</returns>
    public static int Write(Stream output, string title, string organisation, DateOnly exportedOn, IEnumerable<ServiceRecordRow> rows, bool withSummary = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new XlsxWorkbookWriter(output);
        var tally = withSummary ? new Tally() : null;
        var count = writer.AddSheet(Sheet(SheetName, title, organisation, exportedOn), Columns, tally is null ? rows : tally.Observe(rows));
        if (tally is not null)
        {
            writer.AddSheet(Sheet(SummarySheetName, $"{title}（按党员汇总）", organisation, exportedOn), SummaryColumns, tally.Members());
        }

        writer.Complete();
        return count;
    }

    /// <summary>As <see cref="Write"/>, from an async sequence (e.g. an EF query's <c>AsAsyncEnumerable()</c>), copying to the output asynchronously.</summary>
    public static async Task<int> WriteAsync(
        Stream output, string title, string organisation, DateOnly exportedOn, IAsyncEnumerable<ServiceRecordRow> rows, bool withSummary = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new XlsxWorkbookWriter(output);
        var tally = withSummary ? new Tally() : null;
        var count = await writer.AddSheetAsync(
            Sheet(SheetName, title, organisation, exportedOn), Columns, tally is null ? rows : tally.ObserveAsync(rows), cancellationToken).ConfigureAwait(false);
        if (tally is not null)
        {
            writer.AddSheet(Sheet(SummarySheetName, $"{title}（按党员汇总）", organisation, exportedOn), SummaryColumns, tally.Members());
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static XlsxSheet Sheet(string name, string title, string organisation, DateOnly exportedOn) => new(name)
    {
        Title = title,
        Subtitle = $"填报单位：{organisation}　　导出日期：{exportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        Landscape = true,
    };

    /// <summary>One member's line of the 汇总 sheet.</summary>
    internal sealed class MemberTally(string name, string? workUnit, int order)
    {
        public int No { get; set; }
        public string Name { get; } = name;
        public string? WorkUnit { get; } = workUnit;
        public int Order { get; } = order;
        public int Services { get; set; }
        public HashSet<DateOnly> Days { get; } = [];
        public int Minutes { get; set; }
    }

    /// <summary>Adds up the records per member as they stream into the first sheet.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<(string, string), MemberTally> _members = [];

        public IEnumerable<ServiceRecordRow> Observe(IEnumerable<ServiceRecordRow> rows)
        {
            foreach (var row in rows)
            {
                Add(row);
                yield return row;
            }
        }

        public async IAsyncEnumerable<ServiceRecordRow> ObserveAsync(IAsyncEnumerable<ServiceRecordRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Add(row);
                yield return row;
            }
        }

        /// <summary>Most hours first, then most services, then in order of first appearance; numbered from 1.</summary>
        public IEnumerable<MemberTally> Members()
        {
            var no = 0;
            foreach (var member in _members.Values.OrderByDescending(m => m.Minutes).ThenByDescending(m => m.Services).ThenBy(m => m.Order))
            {
                member.No = ++no;
                yield return member;
            }
        }

        private void Add(ServiceRecordRow row)
        {
            var key = row.MemberKey is { } k ? (k, "") : ("\u0001" + row.MemberName, row.WorkUnit ?? "");
            if (!_members.TryGetValue(key, out var member))
            {
                member = new MemberTally(row.MemberName, row.WorkUnit, _members.Count);
                _members.Add(key, member);
            }

            if (row.CountsTowardTotals)
            {
                member.Services++;
                member.Days.Add(row.Date);
                member.Minutes += row.Minutes;
            }
        }
    }
}
