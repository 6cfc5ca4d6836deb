using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Documents.Excel;

public sealed partial class XlsxWorkbookWriter
{
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
