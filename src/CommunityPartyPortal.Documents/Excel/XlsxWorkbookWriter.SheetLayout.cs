namespace CommunityPartyPortal.Documents.Excel;

// The parts of a sheet only official tables use (XlsxSheetLayout): the two-level merged header, styled empty cells,
// the closing lines under the rows.
public sealed partial class XlsxWorkbookWriter
{
    private sealed partial class SheetWriter<T>
    {
        /// <summary>
        /// The two header rows: a group's name over its consecutive columns (merged across them) with their headers
        /// below; an ungrouped column's header merged over both rows. Every cell of a merged range is written with
        /// the header style, so its borders print.
        /// </summary>
        private void WriteGroupedHeader(IReadOnlyList<string?> groups)
        {
            var top = _row + 1;
            StartRow(height: 22);
            for (var i = 0; i < _columns.Count;)
            {
                if (groups[i] is not { } group)
                {
                    WriteText(i, _columns[i].Header, XlsxStyles.Header);
                    _merges.Add($"{_letters[i]}{top}:{_letters[i]}{top + 1}");
                    i++;
                    continue;
                }
                var end = i + 1;
                while (end < _columns.Count && string.Equals(groups[end], group, StringComparison.Ordinal)) end++;
                WriteText(i, group, XlsxStyles.Header);
                for (var j = i + 1; j < end; j++) WriteEmpty(j, XlsxStyles.Header);
                if (end - i > 1) _merges.Add($"{_letters[i]}{top}:{_letters[end - 1]}{top}");
                i = end;
            }
            _x.Raw("</row>"u8);

            StartRow(height: 30);
            for (var i = 0; i < _columns.Count; i++)
            {
                if (groups[i] is null) WriteEmpty(i, XlsxStyles.Header);
                else WriteText(i, _columns[i].Header, XlsxStyles.Header);
            }
            _x.Raw("</row>"u8);
        }

        /// <summary>A cell with a style and no value (the borders and fill of a merged header or a highlighted row).</summary>
        private void WriteEmpty(int column, uint style)
        {
            StartCell(column, style);
            _x.Raw("/>"u8);
        }

        /// <summary>The layout's closing lines (signatures) after a blank row, each merged across the columns.</summary>
        private void WriteClosingLines()
        {
            if (_layout.ClosingLines is not { Count: > 0 } closing) return;
            _row++; // a blank row between the table and its closing lines
            foreach (var line in closing)
            {
                StartRow(height: 24);
                WriteText(0, line, XlsxStyles.Subtitle);
                _x.Raw("</row>"u8);
                if (_columns.Count > 1) _merges.Add($"A{_row}:{LastColumn}{_row}");
            }
        }
    }
}
