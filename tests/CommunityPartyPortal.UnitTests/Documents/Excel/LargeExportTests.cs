using System.Diagnostics;
using CommunityPartyPortal.Documents.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static CommunityPartyPortal.UnitTests.Documents.Excel.ExcelTestFiles;

namespace CommunityPartyPortal.UnitTests.Documents.Excel;

[CollectionDefinition(nameof(LargeExportCollection), DisableParallelization = true)]
public sealed class LargeExportCollection;

/// <summary>
/// The 60,000-row roster: prints time, peak working set and size (never asserted: machines differ), and checks
/// the file reads back. Runs alone so the memory figures are its own.
/// </summary>
[Collection(nameof(LargeExportCollection))]
public sealed class LargeExportTests(ITestOutputHelper output)
{
    private const int Rows = 60_000;

    [Fact]
    public void Sixty_thousand_rows_export()
    {
        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.xlsx");
        try
        {
            var (elapsed, peakDelta, allocated) = Measure(() =>
            {
                using var file = File.Create(path);
                RosterWorkbook.Write(file, "幸福社区在职党员名册", "中共幸福社区委员会", Today, Generate(Rows)).ShouldBe(Rows);
            });
            var size = new FileInfo(path).Length;
            output.WriteLine($"60,000 rows × 20 columns (inline strings): {elapsed.TotalMilliseconds:F0} ms, " +
                             $"peak working set +{peakDelta / 1048576.0:F1} MB over the working set before, {allocated / 1048576.0:F0} MB allocated in all, file {size / 1024.0:F0} KB");

            using var doc = SpreadsheetDocument.Open(path, false);
            var part = Sheet(doc);
            using var reader = OpenXmlReader.Create(part);
            var rows = 0;
            Row? last = null;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                rows++;
                if (rows == Rows + 3) last = (Row)reader.LoadCurrentElement()!;
            }
            rows.ShouldBe(Rows + 3);
            last!.RowIndex!.Value.ShouldBe((uint)(Rows + 3));
            last.Elements<Cell>().First(c => c.CellReference == $"B{Rows + 3}").InlineString!.InnerText.ShouldBe("党员60000");
            part.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value.ShouldBe($"A3:T{Rows + 3}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Inline_versus_shared_strings_and_non_seekable_output()
    {
        foreach (var (label, shared, seekable) in new[] { ("inline, file", false, true), ("shared, file", true, true), ("inline, non-seekable (temp file + copy)", false, false) })
        {
            long size = 0;
            var (elapsed, peakDelta, allocated) = Measure(() =>
            {
                var sink = new CountingStream(seekable);
                using (var writer = new XlsxWorkbookWriter(sink, new XlsxWriterOptions { SharedStrings = shared }))
                {
                    writer.AddSheet(new XlsxSheet("党员名册") { Title = "名册" }, RosterColumns(), Generate(Rows));
                    writer.Complete();
                }
                size = sink.Written;
            });
            output.WriteLine($"{label}: {elapsed.TotalMilliseconds:F0} ms, peak working set +{peakDelta / 1048576.0:F1} MB, {allocated / 1048576.0:F0} MB allocated, {size / 1024.0:F0} KB");
            size.ShouldBeGreaterThan(0);
        }
    }

    private static IReadOnlyList<XlsxColumn<RosterRow>> RosterColumns() =>
    [
        new("序号", r => r.No), new("姓名", r => r.Name), new("性别", r => r.Gender), new("出生日期", r => r.BirthDate),
        new("民族", r => r.Ethnicity), new("学历", r => r.Education), new("入党日期", r => r.JoinedPartyOn), new("正式/预备", r => r.Status),
        new("身份证号", r => r.NationalId), new("手机", r => r.Mobile), new("工作单位", r => r.WorkUnit), new("职务", r => r.JobTitle),
        new("居住社区", r => r.Community), new("网格", r => r.Grid), new("楼栋/房号", r => r.BuildingRoom), new("特长", r => r.Specialties),
        new("服务意向", r => r.ServiceIntentions), new("报到日期", r => r.ReportedOn), new("报到状态", r => r.ReportStatus), new("备注", r => r.Notes),
    ];

    private static IEnumerable<RosterRow> Generate(int n)
    {
        for (var i = 1; i <= n; i++) yield return Roster(i);
    }

    private static (TimeSpan Elapsed, long PeakDelta, long Allocated) Measure(Action action)
    {
        // Warm up (JIT, static tables) so the figures are the export's own.
        RosterWorkbook.Write(new MemoryStream(), "预热", "预热", Today, Generate(1_000));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakWorkingSet();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        // Where the peak cannot be reset it may predate this test: the delta is then an upper bound.
        return (watch.Elapsed, Math.Max(0, process.PeakWorkingSet64 - before), GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    /// <summary>On Linux, resets the process's peak resident set (VmHWM, which PeakWorkingSet64 reads) to the current one.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            if (OperatingSystem.IsLinux()) File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not permitted here: the peak stays the process's lifetime peak.
        }
    }

    /// <summary>Counts what is written and keeps nothing (seekable or not).</summary>
    private sealed class CountingStream(bool seekable) : Stream
    {
        private long _position;
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => seekable;
        public override bool CanWrite => true;
        public override long Length => seekable ? Written : throw new NotSupportedException();
        public override long Position
        {
            get => seekable ? _position : throw new NotSupportedException();
            set => _position = seekable ? value : throw new NotSupportedException();
        }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Written + offset,
        };
        public override void SetLength(long value) => Written = value;
        public override void Write(byte[] buffer, int offset, int count)
        {
            _position += count;
            Written = Math.Max(Written, _position);
        }
    }
}
