using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// Reads a community's or unit's member spreadsheet (.xlsx, e.g. filled from <see cref="RosterWorkbook.Template"/>)
/// for bulk import and checks all of it before anything is saved: the file (size, zip, zip-bomb limits), the
/// header row, and every cell of every row. Every problem is collected (not just the first), and every row
/// without a cell problem is returned parsed even when other rows have problems, so that the caller can run its own
/// checks against the database (an ID already registered, the member form's rules…) on those rows in the same pass
/// and list every bad row at once. The caller saves only when <see cref="MemberImportResult.Succeeded"/> and its own
/// checks found nothing either.
/// </summary>
/// <remarks>
/// The header is the first row of the first sheet that holds at least two of the template's column names (a title
/// or subtitle row above it, as in the exported roster, is skipped; only the first five non-empty rows are
/// searched, else the first non-empty row is taken as the header). It must hold the required columns of
/// <see cref="MemberImportColumns"/>: exact names in any order (spaces and a * are ignored); other columns are
/// ignored. Blank rows are skipped.
/// </remarks>
public static class MemberImport
{
    /// <summary>Largest file accepted.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Most data rows in one import.</summary>
    public const int MaxRows = 20_000;

    internal const int MaxZipEntries = 1_000;
    internal const long MaxUncompressedBytes = 100L * 1024 * 1024;
    internal const int MaxCompressionRatio = 200;
    /// <summary>Entries smaller than this are not held to the ratio: tiny, very repetitive parts are harmless.</summary>
    internal const long RatioGraceBytes = 100 * 1024;

    internal const string TooLarge = "文件不能超过10MB";
    internal const string NotXlsx = "文件不是有效的Excel（.xlsx）文件";
    internal const string OldOrEncrypted = "不支持旧版.xls文件或加密的文件，请在Excel中另存为不加密的.xlsx文件后再导入";
    internal const string ZipBomb = "文件内容异常（疑似压缩炸弹），已拒绝";

    /// <summary>Reads and checks the file; the stream is read from its current position and left open.</summary>
    public static MemberImportResult Read(Stream input, IMemberImportRules rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        if (TooLong(input)) return MemberImportResult.Fail(TooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = input.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxFileBytes + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxFileBytes) return MemberImportResult.Fail(TooLarge);
        }
        return Check(buffer, rules);
    }

    /// <summary>As <see cref="Read"/>, reading the upload asynchronously (e.g. <c>IFormFile.OpenReadStream()</c>).</summary>
    public static async Task<MemberImportResult> ReadAsync(Stream input, IMemberImportRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        if (TooLong(input)) return MemberImportResult.Fail(TooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxFileBytes + 1L - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxFileBytes) return MemberImportResult.Fail(TooLarge);
        }
        return Check(buffer, rules);
    }

    private static bool TooLong(Stream input)
    {
        try
        {
            return input.CanSeek && input.Length - input.Position > MaxFileBytes;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static MemberImportResult Check(MemoryStream file, IMemberImportRules rules)
    {
        if (CheckFile(file) is { } fileError) return MemberImportResult.Fail(fileError);
        file.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(file, false, new OpenSettings { MaxCharactersInPart = MaxUncompressedBytes });
            if (XlsxSheetReader.ForFirstSheet(document) is not { } sheet)
            {
                return MemberImportResult.Fail("第一个工作表不是数据表，请把党员信息放在第一个工作表");
            }
            return new RowChecker(rules).Check(sheet);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FileFormatException
                                      or IOException or InvalidOperationException)
        {
            return MemberImportResult.Fail(NotXlsx);
        }
    }

    /// <summary>
    /// The checks on the raw bytes, before the SDK opens anything: a zip (not an old .xls), whose central
    /// directory promises at most 1,000 entries, 100 MB uncompressed and a 200:1 ratio per entry, with a
    /// workbook part. The decompressor never yields more than an entry's declared size, so these limits hold.
    /// </summary>
    internal static string? CheckFile(MemoryStream file)
    {
        var bytes = file.GetBuffer().AsSpan(0, (int)file.Length);
        if (bytes.Length > MaxFileBytes) return TooLarge;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return OldOrEncrypted;
        if (!bytes.StartsWith("PK\x03\x04"u8)) return NotXlsx;
        if (DeclaredEntryCount(bytes) is > MaxZipEntries) return ZipBomb;

        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries) return ZipBomb;
            long total = 0;
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length < 0 || total > MaxUncompressedBytes) return ZipBomb;
                if (entry.Length > RatioGraceBytes && entry.Length > (double)MaxCompressionRatio * Math.Max(1, entry.CompressedLength)) return ZipBomb;
                if (entry.FullName == "xl/workbook.xml") hasWorkbook = true;
            }
            return hasWorkbook ? null : NotXlsx;
        }
        catch (InvalidDataException)
        {
            return NotXlsx;
        }
    }

    /// <summary>The entry count in the end-of-central-directory record, read before <see cref="ZipArchive"/> materialises the entries.</summary>
    private static int? DeclaredEntryCount(ReadOnlySpan<byte> zip)
    {
        var from = Math.Max(0, zip.Length - (22 + ushort.MaxValue));
        var eocd = zip[from..].LastIndexOf("PK\x05\x06"u8);
        if (eocd < 0 || from + eocd + 22 > zip.Length) return null;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.Slice(from + eocd + 10, 2));
        return count == ushort.MaxValue ? null : count; // 0xFFFF: Zip64, checked on the entries
    }

    /// <summary>Checks the header and every row, collecting every error and every row without one.</summary>
    private sealed class RowChecker(IMemberImportRules rules)
    {
        private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];
        private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '/', '／', ' ', '\u3000', '\n'];
        private const int HeaderSearchRows = 5;
        private const string DateFormatHint = "应为yyyy-MM-dd、yyyy/M/d或yyyy年M月d日格式的日期";

        private readonly List<ImportError> _errors = [];
        private readonly List<ImportedMemberRow> _rows = [];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public MemberImportResult Check(XlsxSheetReader sheet)
        {
            Dictionary<int, MemberImportColumn>? columns = null;
            XlsxReadRow? firstNonEmpty = null;
            var rowsBeforeHeader = 0;
            var headerRow = 0;
            var dataRows = 0;
            foreach (var row in sheet.Rows())
            {
                if (columns is null)
                {
                    if (row.Cells.Values.All(c => string.IsNullOrWhiteSpace(c.Text))) continue;
                    firstNonEmpty ??= row;
                    var isHeader = KnownColumns(row) >= 2;
                    if (!isHeader && ++rowsBeforeHeader < HeaderSearchRows) continue;
                    var header = isHeader ? row : firstNonEmpty;
                    headerRow = header.Number;
                    columns = Header(header);
                    if (_errors.Count > 0) return new MemberImportResult(_errors, []); // the rows cannot be read without the header
                    continue;
                }
                var values = new Dictionary<MemberImportColumn, XlsxReadCell>();
                foreach (var (index, column) in columns)
                {
                    if (row.Cells.TryGetValue(index, out var cell) && !string.IsNullOrWhiteSpace(cell.Text))
                    {
                        values[column] = cell with { Text = cell.Text.Trim() };
                    }
                }
                if (values.Count == 0) continue; // blank rows (and stray cells in other columns) are skipped
                if (++dataRows > MaxRows)
                {
                    _errors.Add(new ImportError(row.Number, "", $"一次最多导入{MaxRows}行，请分批导入"));
                    break;
                }
                CheckRow(row.Number, columns.Values, values);
            }

            if (columns is null)
            {
                if (firstNonEmpty is null) return MemberImportResult.Fail("第一个工作表是空的，请按模板填写表头和党员信息");
                Header(firstNonEmpty);
                return new MemberImportResult(_errors, []);
            }
            if (dataRows == 0) _errors.Add(new ImportError(headerRow + 1, "", "没有可导入的党员数据"));
            return new MemberImportResult(_errors, _rows); // the clean rows, also next to the errors of other rows
        }

        /// <summary>How many of the template's column names the row holds.</summary>
        private static int KnownColumns(XlsxReadRow row) =>
            row.Cells.Values.Select(c => NormalizeHeader(c.Text)).Distinct().Count(h => MemberImportColumns.Find(h) is not null);

        private Dictionary<int, MemberImportColumn> Header(XlsxReadRow row)
        {
            var columns = new Dictionary<int, MemberImportColumn>();
            foreach (var (index, cell) in row.Cells.OrderBy(c => c.Key))
            {
                if (MemberImportColumns.Find(NormalizeHeader(cell.Text)) is not { } column) continue;
                if (columns.ContainsValue(column)) _errors.Add(new ImportError(row.Number, column.Name, $"列重复：{column.Name}"));
                else columns[index] = column;
            }
            foreach (var column in MemberImportColumns.All.Where(c => c.Required && !columns.ContainsValue(c)))
            {
                _errors.Add(new ImportError(row.Number, column.Name, $"缺少列：{column.Name}"));
            }
            return columns;
        }

        private static string NormalizeHeader(string text) =>
            string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '＊'))).Replace('／', '/');

        private void CheckRow(int number, IEnumerable<MemberImportColumn> present, Dictionary<MemberImportColumn, XlsxReadCell> values)
        {
            var errorsBefore = _errors.Count;
            void Error(MemberImportColumn c, string message) => _errors.Add(new ImportError(number, c.Name, message));

            var raw = new Dictionary<string, string>();
            foreach (var c in present) raw[c.Name] = values.TryGetValue(c, out var v) ? v.Text : "";

            string? name = null, gender = null, ethnicity = null, education = null, category = null, status = null;
            string? id = null, mobile = null, unitName = null, jobTitle = null, gridName = null, building = null, room = null;
            string? address = null, specialties = null, freeTime = null;
            DateOnly? birth = null, joined = null;
            Guid? unitId = null, gridId = null;
            IReadOnlyList<string> intentions = [];

            foreach (var column in MemberImportColumns.All)
            {
                if (!values.TryGetValue(column, out var cell))
                {
                    if (column.Required) Error(column, $"请填写{column.Name}");
                    continue;
                }
                var text = cell.Text;
                switch (column.Kind)
                {
                    case ImportValueKind.Text:
                        if (text.Length > column.MaxLength) { Error(column, $"{column.Name}不能超过{column.MaxLength}个字"); break; }
                        switch (column.Name)
                        {
                            case MemberImportColumns.Name: name = text; break;
                            case MemberImportColumns.Ethnicity: ethnicity = text; break;
                            case MemberImportColumns.JobTitle: jobTitle = text; break;
                            case MemberImportColumns.Building: building = text; break;
                            case MemberImportColumns.Room: room = text; break;
                            case MemberImportColumns.Address: address = text; break;
                            case MemberImportColumns.Specialties: specialties = text; break;
                            case MemberImportColumns.FreeTime: freeTime = text; break;
                        }
                        break;
                    case ImportValueKind.Choice:
                        if (!column.AllowedValues!.Contains(text))
                        {
                            Error(column, $"{column.Name}应为以下之一：{string.Join("、", column.AllowedValues!)}");
                            break;
                        }
                        switch (column.Name)
                        {
                            case MemberImportColumns.Gender: gender = text; break;
                            case MemberImportColumns.Education: education = text; break;
                            case MemberImportColumns.Category: category = text; break;
                            case MemberImportColumns.Status: status = text; break;
                        }
                        break;
                    case ImportValueKind.Date:
                        if (Date(column, cell) is not { } date) break;
                        if (column.Name == MemberImportColumns.BirthDate) birth = date;
                        else joined = date;
                        break;
                    case ImportValueKind.NationalId:
                        if (cell.IsNumber)
                        {
                            Error(column, "身份证号被Excel存成了数字，末几位可能已丢失，请将该列设为文本格式后重新填写");
                            break;
                        }
                        var normalized = text.ToUpperInvariant();
                        if (rules.ValidateNationalId(normalized) is { } idError) { Error(column, idError); break; }
                        if (_ids.TryGetValue(normalized, out var firstRow)) { Error(column, $"与第{firstRow}行身份证号重复"); break; }
                        _ids[normalized] = number;
                        id = normalized;
                        break;
                    case ImportValueKind.Mobile:
                        if (rules.ValidateMobile(text) is { } mobileError) { Error(column, mobileError); break; }
                        mobile = text;
                        break;
                    case ImportValueKind.WorkUnit:
                        unitId = rules.FindWorkUnit(text);
                        if (unitId is null) Error(column, $"系统中没有名为“{text}”的工作单位");
                        else unitName = text;
                        break;
                    case ImportValueKind.Grid:
                        gridId = rules.FindGrid(text);
                        if (gridId is null) Error(column, $"系统中没有名为“{text}”的网格");
                        else gridName = text;
                        break;
                    case ImportValueKind.ServiceIntentions:
                        var items = text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        var unknown = items.Where(i => !column.AllowedValues!.Contains(i)).Distinct().ToList();
                        if (unknown.Count > 0)
                        {
                            Error(column, $"服务意向“{string.Join("、", unknown)}”不在可选范围内，应为：{string.Join("、", column.AllowedValues!)}");
                            break;
                        }
                        intentions = [.. items.Distinct()];
                        break;
                }
            }

            if (_errors.Count > errorsBefore) return;
            _rows.Add(new ImportedMemberRow
            {
                Row = number,
                Raw = raw,
                Name = name!,
                Gender = gender,
                BirthDate = birth,
                Ethnicity = ethnicity,
                Education = education!,
                Category = category!,
                Status = status!,
                JoinedPartyOn = joined!.Value,
                NationalId = id!,
                Mobile = mobile!,
                WorkUnitName = unitName,
                WorkUnitId = unitId,
                JobTitle = jobTitle,
                GridName = gridName,
                GridId = gridId,
                Building = building,
                Room = room,
                Address = address,
                Specialties = specialties,
                ServiceIntentions = intentions,
                FreeTime = freeTime,
            });

            DateOnly? Date(MemberImportColumn column, XlsxReadCell cell)
            {
                DateOnly? date = cell.Date;
                if (date is null && !cell.IsNumber
                    && DateOnly.TryParseExact(cell.Text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    date = parsed;
                }
                if (date is not { } d) { Error(column, $"{column.Name}{DateFormatHint}"); return null; }
                if (d.Year < 1900) { Error(column, $"{column.Name}不能早于1900年"); return null; }
                if (d > rules.Today) { Error(column, $"{column.Name}不能晚于今天"); return null; }
                return d;
            }
        }
    }
}
