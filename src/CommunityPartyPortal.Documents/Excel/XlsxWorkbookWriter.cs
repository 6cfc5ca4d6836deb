using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// Writes an .xlsx workbook of table sheets, streaming: each sheet's rows are written with the OpenXML SDK's
/// <see cref="OpenXmlWriter"/> as they come from the <see cref="IEnumerable{T}"/> or
/// <see cref="IAsyncEnumerable{T}"/>, straight into a compressed zip entry, so memory stays flat whatever the
/// number of rows. Each sheet has an optional merged title and subtitle row, a bold filled header row, frozen
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
/// <para>Usage: <c>AddSheet</c> once per table, then <c>Complete</c>; disposing without completing abandons the workbook.</para>
/// </remarks>
public sealed class XlsxWorkbookWriter : IDisposable, IAsyncDisposable
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";
    internal const int MaxExcelRows = 1_048_576;
    private const int MaxExcelColumns = 16_384;
    private const CompressionLevel Compression = CompressionLevel.Optimal;

    private readonly Stream _output;
    private readonly FileStream? _temp;
    private readonly ZipArchive _zip;
    private readonly SharedStrings? _sharedStrings;
    private readonly List<SheetEntry> _sheets = [];
    private State _state = State.Open;

    private enum State { Open, WritingSheet, Faulted, Completed, Disposed }

    private sealed record SheetEntry(string Name, string? FilterRange, int HeaderRow);

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
    public int AddSheet<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = BeginSheet(sheet, columns);
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

    /// <summary>Adds a sheet with one row per item of <paramref name="rows"/> (e.g. an EF query's <c>AsAsyncEnumerable()</c>); returns the number of data rows.</summary>
    public async Task<int> AddSheetAsync<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = BeginSheet(sheet, columns);
        try
        {
            await foreach (var item in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) writer.WriteRow(item);
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

    private SheetWriter<T> BeginSheet<T>(XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(columns);
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

        _state = State.WritingSheet;
        try
        {
            var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", Compression);
            return new SheetWriter<T>(this, entry.Open(), sheet, columns, _sheets.Count);
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

    private void FinishPackage()
    {
        switch (_state)
        {
            case State.Open when _sheets.Count > 0: break;
            case State.Open: throw new InvalidOperationException("Add at least one sheet before completing the workbook.");
            case State.WritingSheet: throw new InvalidOperationException("A sheet is still being written.");
            case State.Faulted: throw new InvalidOperationException("A sheet failed; the workbook cannot be completed.");
            default: throw new InvalidOperationException("The workbook is already completed.");
        }

        try
        {
            WritePart("xl/styles.xml", w => w.WriteElement(XlsxStyles.Build()));
            if (_sharedStrings is not null) WritePart("xl/sharedStrings.xml", _sharedStrings.Write);
            WritePart("xl/workbook.xml", w => w.WriteElement(BuildWorkbook()));
            WriteXml("xl/_rels/workbook.xml.rels", WriteWorkbookRelationships);
            WriteXml("_rels/.rels", x =>
            {
                x.WriteStartElement("Relationships", PackageRelationshipsNs);
                Relationship(x, "rId1", RelationshipsNs + "/officeDocument", "xl/workbook.xml");
                x.WriteEndElement();
            });
            WriteXml("[Content_Types].xml", WriteContentTypes);
            _zip.Dispose();
            _state = State.Completed;
        }
        catch
        {
            _state = State.Faulted;
            throw;
        }
    }

    private Workbook BuildWorkbook()
    {
        var workbook = new Workbook();
        workbook.AddNamespaceDeclaration("r", RelationshipsNs);
        workbook.Append(new BookViews(new WorkbookView { ActiveTab = 0 }));
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var s = _sheets[i];
            sheets.Append(new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" });
            var quoted = "'" + s.Name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            if (s.FilterRange is not null)
            {
                names.Append(new DefinedName { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true, Text = quoted + s.FilterRange });
            }
            names.Append(new DefinedName { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i, Text = $"{quoted}${s.HeaderRow}:${s.HeaderRow}" });
        }
        workbook.Append(sheets);
        workbook.Append(names);
        return workbook;
    }

    private void WriteWorkbookRelationships(XmlWriter x)
    {
        x.WriteStartElement("Relationships", PackageRelationshipsNs);
        for (var i = 0; i < _sheets.Count; i++)
        {
            Relationship(x, $"rId{i + 1}", RelationshipsNs + "/worksheet", $"worksheets/sheet{i + 1}.xml");
        }
        Relationship(x, $"rId{_sheets.Count + 1}", RelationshipsNs + "/styles", "styles.xml");
        if (_sharedStrings is not null) Relationship(x, $"rId{_sheets.Count + 2}", RelationshipsNs + "/sharedStrings", "sharedStrings.xml");
        x.WriteEndElement();
    }

    private static void Relationship(XmlWriter x, string id, string type, string target)
    {
        x.WriteStartElement("Relationship", PackageRelationshipsNs);
        x.WriteAttributeString("Id", id);
        x.WriteAttributeString("Type", type);
        x.WriteAttributeString("Target", target);
        x.WriteEndElement();
    }

    private void WriteContentTypes(XmlWriter x)
    {
        const string sml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        x.WriteStartElement("Types", ContentTypesNs);
        Default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(x, "xml", "application/xml");
        Override(x, "/xl/workbook.xml", sml + "sheet.main+xml");
        for (var i = 0; i < _sheets.Count; i++) Override(x, $"/xl/worksheets/sheet{i + 1}.xml", sml + "worksheet+xml");
        Override(x, "/xl/styles.xml", sml + "styles+xml");
        if (_sharedStrings is not null) Override(x, "/xl/sharedStrings.xml", sml + "sharedStrings+xml");
        x.WriteEndElement();

        static void Default(XmlWriter x, string extension, string type)
        {
            x.WriteStartElement("Default", ContentTypesNs);
            x.WriteAttributeString("Extension", extension);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }

        static void Override(XmlWriter x, string part, string type)
        {
            x.WriteStartElement("Override", ContentTypesNs);
            x.WriteAttributeString("PartName", part);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }
    }

    private void WritePart(string name, Action<OpenXmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, Compression).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        write(writer);
        writer.Close();
    }

    private void WriteXml(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, Compression).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        write(writer);
        writer.WriteEndDocument();
    }

    /// <summary>The shared-string table built as the rows stream (when <see cref="XlsxWriterOptions.SharedStrings"/> is on).</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];
        private long _count;

        public int Add(string text)
        {
            _count++;
            if (_index.TryGetValue(text, out var i)) return i;
            i = _strings.Count;
            _index.Add(text, i);
            _strings.Add(text);
            return i;
        }

        public void Write(OpenXmlWriter w)
        {
            w.WriteStartElement(new SharedStringTable(),
            [
                new OpenXmlAttribute("count", "", _count.ToString(CultureInfo.InvariantCulture)),
                new OpenXmlAttribute("uniqueCount", "", _strings.Count.ToString(CultureInfo.InvariantCulture)),
            ]);
            var item = new SharedStringItem();
            var text = new Text();
            OpenXmlAttribute[] preserve = [new("xml", "space", XmlNs, "preserve")];
            foreach (var s in _strings)
            {
                w.WriteStartElement(item);
                if (NeedsPreserve(s)) w.WriteStartElement(text, preserve);
                else w.WriteStartElement(text);
                w.WriteString(XlsxText.Encode(s));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    private static bool NeedsPreserve(string s) => s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]));

    /// <summary>Writes one sheet: the layout before the rows, the rows as they come, the layout after them.</summary>
    private sealed class SheetWriter<T> : IDisposable
    {
        private readonly XlsxWorkbookWriter _owner;
        private readonly Stream _stream;
        private readonly OpenXmlWriter _w;
        private readonly XlsxSheet _sheet;
        private readonly IReadOnlyList<XlsxColumn<T>> _columns;
        private readonly string[] _letters;
        private readonly int _headerRow;
        private int _row;

        // Reused element templates and attribute buffers: only their names are written.
        private readonly Row _rowElement = new();
        private readonly Cell _cell = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly OpenXmlAttribute[] _rowAttributes = new OpenXmlAttribute[1];
        private readonly OpenXmlAttribute[] _numberAttributes = new OpenXmlAttribute[2];
        private readonly OpenXmlAttribute[] _textAttributes = new OpenXmlAttribute[3];
        private readonly OpenXmlAttribute[] _preserve = [new("xml", "space", XmlNs, "preserve")];

        public SheetWriter(XlsxWorkbookWriter owner, Stream stream, XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, int index)
        {
            _owner = owner;
            _stream = stream;
            _sheet = sheet;
            _columns = columns;
            _letters = new string[columns.Count];
            for (var i = 0; i < columns.Count; i++) _letters[i] = XlsxText.ColumnName(i);
            _headerRow = (sheet.Title is null ? 0 : 1) + (sheet.Subtitle is null ? 0 : 1) + 1;
            _w = OpenXmlWriter.Create(stream);
            WriteStart(index);
        }

        public int DataRows => _row - _headerRow;

        private string LastColumn => _letters[^1];

        private void WriteStart(int index)
        {
            _w.WriteStartDocument(true);
            _w.WriteStartElement(new Worksheet());
            _w.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));

            var firstData = $"A{_headerRow + 1}";
            var view = new SheetView { WorkbookViewId = 0 };
            if (index == 0) view.TabSelected = true;
            view.Append(new Pane
            {
                VerticalSplit = _headerRow,
                TopLeftCell = firstData,
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            });
            view.Append(new Selection
            {
                Pane = PaneValues.BottomLeft,
                ActiveCell = firstData,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = firstData },
            });
            _w.WriteElement(new SheetViews(view));

            var cols = new Columns();
            for (var i = 0; i < _columns.Count; i++)
            {
                var c = _columns[i];
                var col = new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.EffectiveWidth, CustomWidth = true };
                if (XlsxStyles.ForColumn(c.Format) is { } style) col.Style = style;
                cols.Append(col);
            }
            _w.WriteElement(cols);

            _w.WriteStartElement(new SheetData());
            if (_sheet.Title is { } title)
            {
                StartRow(height: 30);
                WriteText(0, title, XlsxStyles.Title);
                _w.WriteEndElement();
            }
            if (_sheet.Subtitle is { } subtitle)
            {
                StartRow(height: 20);
                WriteText(0, subtitle, XlsxStyles.Subtitle);
                _w.WriteEndElement();
            }
            StartRow();
            for (var i = 0; i < _columns.Count; i++) WriteText(i, _columns[i].Header, XlsxStyles.Header);
            _w.WriteEndElement();
        }

        public void WriteRow(T item)
        {
            if (_row >= MaxExcelRows) throw new InvalidOperationException($"A sheet holds at most {MaxExcelRows} rows.");
            StartRow();
            for (var i = 0; i < _columns.Count; i++) WriteCell(i, _columns[i].Value(item));
            _w.WriteEndElement();
        }

        private void StartRow(double? height = null)
        {
            _row++;
            _rowAttributes[0] = new OpenXmlAttribute("r", "", _row.ToString(CultureInfo.InvariantCulture));
            if (height is { } h) _w.WriteStartElement(new Row { RowIndex = (uint)_row, Height = h, CustomHeight = true });
            else _w.WriteStartElement(_rowElement, _rowAttributes);
        }

        private void WriteCell(int column, in XlsxCell cell)
        {
            switch (cell.Kind)
            {
                case XlsxCellKind.Empty:
                    return;
                case XlsxCellKind.Text:
                    var text = cell.Text!;
                    WriteText(column, text, XlsxStyles.ForCell(XlsxCellKind.Text, XlsxText.NeedsQuotePrefix(text)));
                    return;
                case XlsxCellKind.Boolean:
                    WriteText(column, cell.Flag ? "是" : "否", XlsxStyles.Boolean);
                    return;
                case XlsxCellKind.Date:
                    if (XlsxText.DateSerial(cell.Date) is { } serial)
                    {
                        WriteNumber(column, serial.ToString(CultureInfo.InvariantCulture), XlsxStyles.Date);
                    }
                    else
                    {
                        WriteText(column, cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), XlsxStyles.Text);
                    }
                    return;
                default:
                    WriteNumber(column, cell.Number.ToString(CultureInfo.InvariantCulture), XlsxStyles.ForCell(cell.Kind, false));
                    return;
            }
        }

        private string Reference(int column) => string.Concat(_letters[column], _rowAttributes[0].Value);

        private void WriteNumber(int column, string value, uint style)
        {
            _numberAttributes[0] = new OpenXmlAttribute("r", "", Reference(column));
            _numberAttributes[1] = new OpenXmlAttribute("s", "", StyleText(style));
            _w.WriteStartElement(_cell, _numberAttributes);
            _w.WriteStartElement(_value);
            _w.WriteString(value);
            _w.WriteEndElement();
            _w.WriteEndElement();
        }

        private void WriteText(int column, string text, uint style)
        {
            _textAttributes[0] = new OpenXmlAttribute("r", "", Reference(column));
            _textAttributes[1] = new OpenXmlAttribute("s", "", StyleText(style));
            if (_owner._sharedStrings is { } shared)
            {
                _textAttributes[2] = new OpenXmlAttribute("t", "", "s");
                _w.WriteStartElement(_cell, _textAttributes);
                _w.WriteStartElement(_value);
                _w.WriteString(shared.Add(text).ToString(CultureInfo.InvariantCulture));
                _w.WriteEndElement();
                _w.WriteEndElement();
                return;
            }
            _textAttributes[2] = new OpenXmlAttribute("t", "", "inlineStr");
            _w.WriteStartElement(_cell, _textAttributes);
            _w.WriteStartElement(_inline);
            if (NeedsPreserve(text)) _w.WriteStartElement(_text, _preserve);
            else _w.WriteStartElement(_text);
            _w.WriteString(XlsxText.Encode(text));
            _w.WriteEndElement();
            _w.WriteEndElement();
            _w.WriteEndElement();
        }

        private static readonly string[] StyleTexts = [.. Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture))];

        private static string StyleText(uint style) => StyleTexts[style];

        public SheetEntry Finish()
        {
            _w.WriteEndElement(); // sheetData
            var last = Math.Max(_row, _headerRow);
            string? filter = null;
            if (_sheet.AutoFilter)
            {
                _w.WriteElement(new AutoFilter { Reference = $"A{_headerRow}:{LastColumn}{last}" });
                filter = $"$A${_headerRow}:${LastColumn}${last}";
            }

            if (_columns.Count > 1 && _headerRow > 1)
            {
                var merges = new MergeCells();
                for (var r = 1; r < _headerRow; r++) merges.Append(new MergeCell { Reference = $"A{r}:{LastColumn}{r}" });
                merges.Count = (uint)(_headerRow - 1);
                _w.WriteElement(merges);
            }

            var validations = new DataValidations();
            for (var i = 0; i < _columns.Count; i++)
            {
                if (_columns[i].AllowedValues is not { Count: > 0 } values) continue;
                var list = string.Join(',', values);
                if (list.Length > 255 || values.Any(v => v.Contains(',') || v.Contains('"') || v.Length == 0))
                {
                    throw new InvalidOperationException($"The dropdown of column '{_columns[i].Header}' needs non-empty values without commas or quotes, 255 characters in all.");
                }
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowInputMessage = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "输入有误",
                    Error = Truncate($"请从下拉列表中选择{_columns[i].Header}：{string.Join('、', values)}", 255),
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{_letters[i]}{_headerRow + 1}:{_letters[i]}{MaxExcelRows}" },
                    Formula1 = new Formula1($"\"{list}\""),
                });
            }
            if (validations.HasChildren)
            {
                validations.Count = (uint)validations.ChildElements.Count;
                _w.WriteElement(validations);
            }

            _w.WriteElement(new PrintOptions { HorizontalCentered = true });
            _w.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            _w.WriteElement(new PageSetup
            {
                PaperSize = 9, // A4
                Orientation = _sheet.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
                FitToWidth = 1,
                FitToHeight = 0,
            });
            _w.WriteElement(new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
            _w.WriteEndElement(); // worksheet
            _w.Close();
            return new SheetEntry(_sheet.Name, filter, _headerRow);
        }

        private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

        public void Dispose()
        {
            _w.Dispose();
            _stream.Dispose();
        }
    }
}
