using System.Globalization;

namespace CommunityPartyPortal.Documents.Excel;

public sealed partial class XlsxWorkbookWriter
{
    /// <summary>
    /// Writes one sheet: the layout before the rows, the rows as they come, the layout after them, as SpreadsheetML
    /// in the default namespace through <see cref="XmlOut"/> (the elements and attributes in schema order, as the
    /// SDK's classes wrote them).
    /// </summary>
    private sealed partial class SheetWriter<T> : IDisposable
    {
        private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

        private readonly XlsxWorkbookWriter _owner;
        private readonly Stream _stream;
        private readonly XmlOut _x;
        private readonly XlsxSheet _sheet;
        private readonly IReadOnlyList<XlsxColumn<T>> _columns;
        private readonly string[] _letters;
        private readonly byte[][] _letterBytes;
        private readonly int _headerRow;
        private readonly int _titleRows;
        private readonly XlsxSheetLayout _layout;
        private readonly Func<T, XlsxRowStyle>? _rowStyle;
        private readonly List<string> _merges = [];
        private int _row;
        private int _dataEnd = -1;

        // The current row number as UTF-8, written in every cell reference.
        private readonly byte[] _rowDigits = new byte[10];
        private int _rowDigitCount;

        public SheetWriter(XlsxWorkbookWriter owner, Stream stream, XlsxSheet sheet, IReadOnlyList<XlsxColumn<T>> columns, int index,
            XlsxSheetLayout layout, Func<T, XlsxRowStyle>? rowStyle)
        {
            _layout = layout;
            _rowStyle = rowStyle;
            _owner = owner;
            _stream = stream;
            _sheet = sheet;
            _columns = columns;
            _letters = new string[columns.Count];
            _letterBytes = new byte[columns.Count][];
            for (var i = 0; i < columns.Count; i++)
            {
                _letters[i] = XlsxText.ColumnName(i);
                _letterBytes[i] = System.Text.Encoding.ASCII.GetBytes(_letters[i]);
            }
            _titleRows = (sheet.Title is null ? 0 : 1) + (sheet.Subtitle is null ? 0 : 1);
            _headerRow = _titleRows + layout.HeaderRows;
            _x = new XmlOut(stream);
            WriteStart(index);
        }

        public int DataRows => (_dataEnd < 0 ? _row : _dataEnd) - _headerRow;

        private string LastColumn => _letters[^1];

        private void WriteStart(int index)
        {
            _x.Raw("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"u8);
            _x.Raw("<worksheet xmlns=\""u8);
            _x.Text(MainNs);
            _x.Raw("\">"u8);
            _x.Raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"u8);

            // Frozen below the header row, the first data cell selected.
            _x.Raw(index == 0 ? "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"u8 : "<sheetViews><sheetView workbookViewId=\"0\">"u8);
            if (_layout.FrozenColumns > 0)
            {
                // Frozen below the header and after the first columns (the labels stay in view both ways).
                var first = $"{_letters[_layout.FrozenColumns]}{_headerRow + 1}";
                _x.Raw("<pane xSplit=\""u8);
                _x.Number(_layout.FrozenColumns);
                _x.Raw("\" ySplit=\""u8);
                _x.Number(_headerRow);
                _x.Raw("\" topLeftCell=\""u8);
                _x.Attribute(first);
                _x.Raw("\" activePane=\"bottomRight\" state=\"frozen\"/><selection pane=\"bottomRight\" activeCell=\""u8);
                _x.Attribute(first);
                _x.Raw("\" sqref=\""u8);
                _x.Attribute(first);
                _x.Raw("\"/></sheetView></sheetViews>"u8);
            }
            else
            {
                _x.Raw("<pane ySplit=\""u8);
                _x.Number(_headerRow);
                _x.Raw("\" topLeftCell=\"A"u8);
                _x.Number(_headerRow + 1);
                _x.Raw("\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A"u8);
                _x.Number(_headerRow + 1);
                _x.Raw("\" sqref=\"A"u8);
                _x.Number(_headerRow + 1);
                _x.Raw("\"/></sheetView></sheetViews>"u8);
            }

            _x.Raw("<cols>"u8);
            for (var i = 0; i < _columns.Count; i++)
            {
                var c = _columns[i];
                _x.Raw("<col min=\""u8);
                _x.Number(i + 1);
                _x.Raw("\" max=\""u8);
                _x.Number(i + 1);
                _x.Raw("\" width=\""u8);
                _x.Number(c.EffectiveWidth);
                if (XlsxStyles.ForColumn(c.Format) is { } style)
                {
                    _x.Raw("\" style=\""u8);
                    _x.Number(style);
                }
                _x.Raw("\" customWidth=\"1\"/>"u8);
            }
            _x.Raw("</cols>"u8);

            _x.Raw("<sheetData>"u8);
            if (_sheet.Title is { } title)
            {
                StartRow(height: 30);
                WriteText(0, title, XlsxStyles.Title);
                _x.Raw("</row>"u8);
            }
            if (_sheet.Subtitle is { } subtitle)
            {
                StartRow(height: 20);
                WriteText(0, subtitle, XlsxStyles.Subtitle);
                _x.Raw("</row>"u8);
            }
            if (_columns.Count > 1)
            {
                for (var r = 1; r <= _titleRows; r++) _merges.Add($"A{r}:{LastColumn}{r}");
            }
            if (_layout.HeaderGroups is { } groups)
            {
                WriteGroupedHeader(groups);
                return;
            }
            StartRow();
            for (var i = 0; i < _columns.Count; i++) WriteText(i, _columns[i].Header, XlsxStyles.Header);
            _x.Raw("</row>"u8);
        }

        public void WriteRow(T item)
        {
            if (_row >= MaxExcelRows) throw new InvalidOperationException($"A sheet holds at most {MaxExcelRows} rows.");
            var emphasis = _rowStyle?.Invoke(item) ?? XlsxRowStyle.None;
            StartRow();
            if (emphasis == XlsxRowStyle.None)
            {
                for (var i = 0; i < _columns.Count; i++) WriteCell(i, _columns[i].Value(item));
            }
            else
            {
                for (var i = 0; i < _columns.Count; i++)
                {
                    var cell = _columns[i].Value(item);
                    if (cell.Kind == XlsxCellKind.Empty) WriteEmpty(i, XlsxStyles.Emphasize(XlsxStyles.Text, emphasis));
                    else WriteCell(i, cell, emphasis);
                }
            }
            _x.Raw("</row>"u8);
        }

        private void StartRow(double? height = null)
        {
            _row++;
            _row.TryFormat(_rowDigits, out _rowDigitCount, default, CultureInfo.InvariantCulture);
            _x.Raw("<row r=\""u8);
            _x.Raw(_rowDigits.AsSpan(0, _rowDigitCount));
            if (height is { } h)
            {
                _x.Raw("\" ht=\""u8);
                _x.Number(h);
                _x.Raw("\" customHeight=\"1\">"u8);
            }
            else
            {
                _x.Raw("\">"u8);
            }
        }

        private void WriteCell(int column, in XlsxCell cell, XlsxRowStyle emphasis = XlsxRowStyle.None)
        {
            switch (cell.Kind)
            {
                case XlsxCellKind.Empty:
                    return;
                case XlsxCellKind.Text:
                    var text = cell.Text!;
                    WriteText(column, text, XlsxStyles.Emphasize(XlsxStyles.ForCell(XlsxCellKind.Text, XlsxText.NeedsQuotePrefix(text)), emphasis));
                    return;
                case XlsxCellKind.Boolean:
                    WriteText(column, cell.Flag ? "是" : "否", XlsxStyles.Emphasize(XlsxStyles.Boolean, emphasis));
                    return;
                case XlsxCellKind.Date:
                    if (XlsxText.DateSerial(cell.Date) is { } serial)
                    {
                        WriteNumber(column, serial, XlsxStyles.Emphasize(XlsxStyles.Date, emphasis));
                    }
                    else
                    {
                        WriteText(column, cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), XlsxStyles.Text);
                    }
                    return;
                case XlsxCellKind.DateTime:
                    if (XlsxText.DateSerial(cell.Date) is { } day)
                    {
                        WriteNumber(column, (day + Math.Round(cell.Number / 1440m, 10)).ToString(CultureInfo.InvariantCulture), XlsxStyles.Emphasize(XlsxStyles.DateTime, emphasis));
                    }
                    else
                    {
                        WriteText(column, cell.ToString(), XlsxStyles.Text);
                    }
                    return;
                default:
                    var style = cell.Kind == XlsxCellKind.Percent && _layout.PercentOneDecimal ? XlsxStyles.OnePercent : XlsxStyles.ForCell(cell.Kind, false);
                    WriteNumber(column, cell.Number, XlsxStyles.Emphasize(style, emphasis));
                    return;
            }
        }

        /// <summary><c>&lt;c r="B4" s="4"</c>: the start of a cell, its reference and style.</summary>
        private void StartCell(int column, uint style)
        {
            _x.Raw("<c r=\""u8);
            _x.Raw(_letterBytes[column]);
            _x.Raw(_rowDigits.AsSpan(0, _rowDigitCount));
            _x.Raw("\" s=\""u8);
            _x.Number(style);
            _x.Raw("\""u8);
        }

        private void WriteNumber(int column, long value, uint style)
        {
            StartCell(column, style);
            _x.Raw("><v>"u8);
            _x.Number(value);
            _x.Raw("</v></c>"u8);
        }

        private void WriteNumber(int column, decimal value, uint style)
        {
            StartCell(column, style);
            _x.Raw("><v>"u8);
            _x.Number(value);
            _x.Raw("</v></c>"u8);
        }

        private void WriteNumber(int column, string value, uint style)
        {
            StartCell(column, style);
            _x.Raw("><v>"u8);
            _x.Text(value);
            _x.Raw("</v></c>"u8);
        }

        private void WriteText(int column, string text, uint style)
        {
            StartCell(column, style);
            if (_owner._sharedStrings is { } shared)
            {
                _x.Raw(" t=\"s\"><v>"u8);
                _x.Number(shared.Add(text));
                _x.Raw("</v></c>"u8);
                return;
            }
            _x.Raw(NeedsPreserve(text) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8 : " t=\"inlineStr\"><is><t>"u8);
            _x.Text(XlsxText.Encode(text));
            _x.Raw("</t></is></c>"u8);
        }

        public SheetEntry Finish()
        {
            _dataEnd = _row;
            var last = Math.Max(_row, _headerRow);
            WriteClosingLines();
            _x.Raw("</sheetData>"u8);
            string? filter = null;
            if (_sheet.AutoFilter)
            {
                _x.Raw("<autoFilter ref=\""u8);
                _x.Attribute($"A{_headerRow}:{LastColumn}{last}");
                _x.Raw("\"/>"u8);
                filter = $"$A${_headerRow}:${LastColumn}${last}";
            }

            if (_merges.Count > 0)
            {
                _x.Raw("<mergeCells count=\""u8);
                _x.Number(_merges.Count);
                _x.Raw("\">"u8);
                foreach (var merge in _merges)
                {
                    _x.Raw("<mergeCell ref=\""u8);
                    _x.Attribute(merge);
                    _x.Raw("\"/>"u8);
                }
                _x.Raw("</mergeCells>"u8);
            }

            var validations = new List<(int Column, IReadOnlyList<string> Values)>();
            for (var i = 0; i < _columns.Count; i++)
            {
                if (_columns[i].AllowedValues is not { Count: > 0 } values) continue;
                var list = string.Join(',', values);
                if (list.Length > 255 || values.Any(v => v.Contains(',') || v.Contains('"') || v.Length == 0))
                {
                    throw new InvalidOperationException($"The dropdown of column '{_columns[i].Header}' needs non-empty values without commas or quotes, 255 characters in all.");
                }
                validations.Add((i, values));
            }
            if (validations.Count > 0)
            {
                _x.Raw("<dataValidations count=\""u8);
                _x.Number(validations.Count);
                _x.Raw("\">"u8);
                foreach (var (i, values) in validations)
                {
                    _x.Raw("<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"输入有误\" error=\""u8);
                    _x.Attribute(Truncate($"请从下拉列表中选择{_columns[i].Header}：{string.Join('、', values)}", 255));
                    _x.Raw("\" sqref=\""u8);
                    _x.Attribute($"{_letters[i]}{_headerRow + 1}:{_letters[i]}{MaxExcelRows}");
                    _x.Raw("\"><formula1>"u8);
                    _x.Text($"\"{string.Join(',', values)}\"");
                    _x.Raw("</formula1></dataValidation>"u8);
                }
                _x.Raw("</dataValidations>"u8);
            }

            _x.Raw("<printOptions horizontalCentered=\"1\"/><pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"u8);
            _x.Raw(_sheet.Landscape
                ? "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"landscape\"/>"u8
                : "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"portrait\"/>"u8);
            _x.Raw("<headerFooter><oddFooter>"u8);
            _x.Text("&C第 &P 页，共 &N 页");
            _x.Raw("</oddFooter></headerFooter></worksheet>"u8);
            _x.Flush();
            return new SheetEntry(_sheet.Name, filter, _headerRow) { FirstHeaderRow = _titleRows + 1 };
        }

        private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

        public void Dispose()
        {
            _x.Dispose();
            _stream.Dispose();
        }
    }
}
