using System.IO.Compression;
using System.Text;
using System.Threading.Channels;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// Writes an .xlsx workbook of table sheets, streaming: each sheet's rows are written as SpreadsheetML (UTF-8, by
/// <see cref="XmlOut"/>) as they come from the <see cref="IEnumerable{T}"/> or <see cref="IAsyncEnumerable{T}"/>,
/// straight into a compressed zip entry, so memory stays flat whatever the number of rows. Each sheet has an optional merged title and subtitle row, a bold filled header row, frozen
/// panes below the header, an AutoFilter, column widths, typed cells (see <see cref="XlsxCell"/>) and A4 print
/// setup (fit to width, header row repeated on every page).
/// </summary>
/// <remarks>
/// <para>
/// The package (zip and relationship parts) is assembled with <see cref="ZipArchive"/> in create mode rather
/// than with <c>SpreadsheetDocument.Create</c>: SDK 2.20 opens its package read-write, and System.IO.Packaging
/// then keeps every part uncompressed in memory until the package is closed (≈200 MB for 60,000 roster rows).
/// </para>
/// <para>
/// Output: a seekable stream at position 0 (a <see cref="MemoryStream"/>, a <see cref="FileStream"/>) receives
/// the package directly. Any other stream (an ASP.NET response body) receives it when the workbook is completed,
/// copied from a temporary file that is deleted on close; use <see cref="CompleteAsync"/> there, since
/// ASP.NET Core refuses synchronous writes to the response. The output stream is left open.
/// </para>
/// <para>
/// The sheet parts are written without the SDK's <c>OpenXmlWriter</c>: building its element and attribute objects for
/// each of the 1.2 million cells of a 60,000-row roster took most of the export's time. The small parts (styles,
/// workbook, shared strings) still use it. The unit tests check every sheet with the SDK's validator.
/// </para>
/// <para>Usage: <c>AddSheet</c> once per table, then <c>Complete</c>; disposing without completing abandons the workbook.</para>
/// </remarks>
public sealed partial class XlsxWorkbookWriter : IDisposable, IAsyncDisposable
{
    internal const int MaxExcelRows = 1_048_576;
    private const int MaxExcelColumns = 16_384;
    /// <summary>
    /// Deflate's fastest level: the 60,000-row roster's 77 MB of sheet XML compress to 11 MB in about 0.1 s of CPU,
    /// where the default (Optimal) level makes 7 MB in about 0.45 s, a third of the whole export's time
    /// (docs/performance.md, issue 3). The file is opened the same way either way.
    /// </summary>
    private const CompressionLevel Compression = CompressionLevel.Fastest;

    private readonly Stream _output;
    private readonly FileStream? _temp;
    private readonly ZipArchive _zip;
    private readonly SharedStrings? _sharedStrings;
    private readonly List<SheetEntry> _sheets = [];
    private State _state = State.Open;

    private enum State { Open, WritingSheet, Faulted, Completed, Disposed }

    private sealed record SheetEntry(string Name, string? FilterRange, int HeaderRow)
    {
        /// <summary>The first header row (the print titles run from it to <see cref="HeaderRow"/>).</summary>
        public int FirstHeaderRow { get; init; } = HeaderRow;
    }

    /// <summary>Set when a sheet uses the styles only official tables need (emphasised rows, one-decimal percentages).</summary>
    private bool _extendedStyles;

    /// <summary>Starts a workbook that will be written to <paramref name="output"/>.</summary>
    public XlsxWorkbookWriter(Stream output, XlsxWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite) throw new ArgumentException("The output stream is not writable.", nameof(output));
        _output = output;
        Stream target = output;
        if (!output.CanSeek || output.Position != 0)
        {
            var path = Path.Combine(Path.GetTempPath(), $"portal-xlsx-{Guid.NewGuid():N}.tmp");
            _temp = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            target = _temp;
        }
        _zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        if (options?.SharedStrings == true) _sharedStrings = new SharedStrings();
    }

    /// <summary>Adds a sheet with one row per item of <paramref name="rows"/>, enumerated once; returns the number of data rows.</summary>
    public int AddSheet<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows) =>
        AddSheet(sheet, XlsxSheetLayout.Default, columns, rows);

    /// <summary>
    /// As <see cref="AddSheet{T}(XlsxSheet, IReadOnlyList{XlsxColumn{T}}, IEnumerable{T})"/>, laid out as an official table
    /// (<paramref name="layout"/>: two-level merged header, frozen columns, closing lines), each row emphasised as
    /// <paramref name="rowStyle"/> says (bold subtotals, highlighted rows); returns the number of data rows.
    /// </summary>
    public int AddSheet<T>(XlsxSheet sheet, XlsxSheetLayout layout, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows, Func<T, XlsxRowStyle>? rowStyle = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = BeginSheet(sheet, columns, layout, rowStyle);
        try
        {
            foreach (var item in rows) writer.WriteRow(item);
            _sheets.Add(writer.Finish());
            _state = State.Open;
            return writer.DataRows;
        }
        catch
        {
            _state = State.Faulted;
            throw;
        }
    }

    /// <summary>
    /// Adds a sheet with one row per item of <paramref name="rows"/> (e.g. an EF query's <c>AsAsyncEnumerable()</c>);
    /// returns the number of data rows. The rows are read on another thread than the one writing them, a few
    /// hundred ahead at most (<see cref="RowBatch"/> × <see cref="BatchesAhead"/>), so that reading the database
    /// and writing and compressing the XML use two cores; the sequence is still enumerated once, in order, by one
    /// reader, and it is finished (or cancelled and awaited) before this method returns.
    /// </summary>
    public async Task<int> AddSheetAsync<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = BeginSheet(sheet, columns);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<T[]>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadAheadAsync(rows, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch) writer.WriteRow(item);
            }
            await reader.ConfigureAwait(false); // the reader's own exception, if it failed
            _sheets.Add(writer.Finish());
            _state = State.Open;
            return writer.DataRows;
        }
        catch
        {
            _state = State.Faulted;
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception) when (!reader.IsCompletedSuccessfully)
            {
                // Already failing: the writer's or the caller's exception is the one to report.
            }
            throw;
        }
    }

    /// <summary>Rows read ahead are handed to the writer in arrays of this many.</summary>
    internal const int RowBatch = 256;

    /// <summary>At most this many batches wait for the writer.</summary>
    internal const int BatchesAhead = 4;

    private static async Task ReadAheadAsync<T>(IAsyncEnumerable<T> rows, ChannelWriter<T[]> output, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<T>(RowBatch);
            await foreach (var item in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(item);
                if (batch.Count < RowBatch) continue;
                await output.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
            if (batch.Count > 0) await output.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            output.TryComplete();
        }
    }

    /// <summary>Writes the workbook, styles and package parts, and the whole package to the output when it went through a temporary file.</summary>
    public void Complete()
    {
        FinishPackage();
        if (_temp is not null)
        {
            _temp.Position = 0;
            _temp.CopyTo(_output);
            _temp.Dispose();
        }
        _output.Flush();
    }

    /// <summary>As <see cref="Complete"/>, copying to the output asynchronously (for an ASP.NET response body).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        FinishPackage();
        if (_temp is not null)
        {
            _temp.Position = 0;
            await _temp.CopyToAsync(_output, cancellationToken).ConfigureAwait(false);
            await _temp.DisposeAsync().ConfigureAwait(false);
        }
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the temporary file; a workbook not completed is abandoned.</summary>
    public void Dispose()
    {
        if (_state == State.Disposed) return;
        if (_state != State.Completed)
        {
            try { _zip.Dispose(); }
            catch (IOException) { /* abandoning an incomplete package */ }
            catch (InvalidOperationException) { /* an entry was left open by a failed sheet */ }
        }
        _temp?.Dispose();
        _state = State.Disposed;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private SheetWriter<T> BeginSheet<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, XlsxSheetLayout? layout = null, Func<T, XlsxRowStyle>? rowStyle = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(columns);
        layout ??= XlsxSheetLayout.Default;
        switch (_state)
        {
            case State.WritingSheet: throw new InvalidOperationException("Another sheet is still being written.");
            case State.Faulted: throw new InvalidOperationException("A previous sheet failed; the workbook cannot be completed.");
            case State.Completed:
            case State.Disposed: throw new InvalidOperationException("The workbook is already completed.");
        }
        ValidateSheetName(sheet.Name);
        if (_sheets.Any(s => string.Equals(s.Name, sheet.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A sheet named '{sheet.Name}' already exists.", nameof(sheet));
        }
        if (columns.Count is 0 or > MaxExcelColumns) throw new ArgumentException("A sheet needs 1 to 16384 columns.", nameof(columns));
        if (layout.HeaderGroups is { } groups && groups.Count != columns.Count)
        {
            throw new ArgumentException("The layout needs one header group (or null) per column.", nameof(layout));
        }
        if (layout.FrozenColumns < 0 || layout.FrozenColumns >= columns.Count)
        {
            throw new ArgumentException("The frozen columns must leave at least one column unfrozen.", nameof(layout));
        }

        _state = State.WritingSheet;
        try
        {
            var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", Compression);
            if (layout.UsesExtendedStyles || rowStyle is not null) _extendedStyles = true;
            return new SheetWriter<T>(this, entry.Open(), sheet, columns, _sheets.Count, layout, rowStyle);
        }
        catch
        {
            _state = State.Faulted;
            throw;
        }
    }

    private static void ValidateSheetName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 31 || name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0
            || name.StartsWith('\'') || name.EndsWith('\''))
        {
            throw new ArgumentException($"'{name}' is not a valid sheet name (1–31 characters, none of []:*?/\\, no leading or trailing quote).", nameof(name));
        }
    }
}
