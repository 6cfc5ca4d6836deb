using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Documents.Excel;

/// <summary>The few cell styles (cellXfs indexes) the writer uses, and the styles part that defines them.</summary>
internal static class XlsxStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Subtitle = 2;
    public const uint Header = 3;
    public const uint Text = 4;
    public const uint TextQuoted = 5;
    public const uint Integer = 6;
    public const uint Decimal = 7;
    public const uint Date = 8;
    public const uint Boolean = 9;
    public const uint Percent = 10;
    public const uint ColumnText = 11;
    public const uint ColumnDate = 12;
    public const uint OneDecimal = 13;
    public const uint DateTime = 14;

    /// <summary>The custom number format of dates.</summary>
    public const uint DateFormatId = 164;
    public const string DateFormatCode = "yyyy-mm-dd";
    public const uint OneDecimalFormatId = 165;
    public const string OneDecimalFormatCode = "0.0";
    public const uint DateTimeFormatId = 166;
    public const string DateTimeFormatCode = "yyyy-mm-dd hh:mm";

    public const string FontName = "宋体";

    // The extended styles, in the styles part only when a sheet uses them (so the other workbooks' parts stay as they were).

    /// <summary>A ratio shown with one decimal, <c>0.0%</c>.</summary>
    public const uint OnePercent = 15;
    public const uint OnePercentFormatId = 167;
    public const string OnePercentFormatCode = "0.0%";

    /// <summary>The fill of highlighted rows: Excel's light red.</summary>
    public const string HighlightColor = "FFFFC7CE";

    /// <summary>The cell styles that have emphasised variants, in the order of each block of variants.</summary>
    private static readonly uint[] Emphasisable = [Text, TextQuoted, Integer, Decimal, Date, Boolean, Percent, OneDecimal, DateTime, OnePercent];

    /// <summary>The first index of the bold, highlighted, and bold highlighted blocks.</summary>
    private const uint BoldBlock = 16;

    /// <summary>
    /// The cell style of <paramref name="style"/> in a row of <paramref name="emphasis"/> (bold, filled light red, or both);
    /// the style itself when there is no emphasis or no variant of it.
    /// </summary>
    public static uint Emphasize(uint style, XlsxRowStyle emphasis)
    {
        if (emphasis == XlsxRowStyle.None) return style;
        var i = Array.IndexOf(Emphasisable, style);
        if (i < 0) return style;
        var block = (uint)emphasis - 1; // 0 bold, 1 highlight, 2 both
        return BoldBlock + (block * (uint)Emphasisable.Length) + (uint)i;
    }

    public static uint ForCell(XlsxCellKind kind, bool quoted) => kind switch
    {
        XlsxCellKind.Text => quoted ? TextQuoted : Text,
        XlsxCellKind.Integer => Integer,
        XlsxCellKind.Decimal => Decimal,
        XlsxCellKind.Date => Date,
        XlsxCellKind.Boolean => Boolean,
        XlsxCellKind.Percent => Percent,
        XlsxCellKind.OneDecimal => OneDecimal,
        XlsxCellKind.DateTime => DateTime,
        _ => Default,
    };

    public static uint? ForColumn(XlsxCellKind? kind) => kind switch
    {
        XlsxCellKind.Text or XlsxCellKind.Boolean => ColumnText,
        XlsxCellKind.Date => ColumnDate,
        _ => null,
    };

    /// <summary>The styles part; <paramref name="extended"/> adds the styles of official tables (indexes from 15).</summary>
    public static Stylesheet Build(bool extended = false)
    {
        static Font Font(double size, bool bold = false)
        {
            var f = new Font();
            if (bold) f.Append(new Bold());
            f.Append(new FontSize { Val = size });
            f.Append(new FontName { Val = FontName });
            f.Append(new FontFamilyNumbering { Val = 3 });
            f.Append(new FontCharSet { Val = 134 });
            return f;
        }

        static Border Thin()
        {
            static T Side<T>() where T : BorderPropertiesType, new() =>
                new() { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } };
            return new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder());
        }

        static CellFormat Xf(uint numFmt, uint font, uint fill, uint border, HorizontalAlignmentValues? horizontal = null, bool wrap = false, bool quote = false)
        {
            var xf = new CellFormat
            {
                NumberFormatId = numFmt,
                FontId = font,
                FillId = fill,
                BorderId = border,
                FormatId = 0,
            };
            if (numFmt != 0) xf.ApplyNumberFormat = true;
            if (font != 0) xf.ApplyFont = true;
            if (fill != 0) xf.ApplyFill = true;
            if (border != 0) xf.ApplyBorder = true;
            if (quote) xf.QuotePrefix = true;
            if (horizontal is not null || wrap || border != 0)
            {
                xf.ApplyAlignment = true;
                xf.Alignment = new Alignment { Vertical = VerticalAlignmentValues.Center };
                if (horizontal is { } h) xf.Alignment.Horizontal = h;
                if (wrap) xf.Alignment.WrapText = true;
            }
            return xf;
        }

        var headerFill = new Fill(new PatternFill(
            new ForegroundColor { Rgb = "FFD9E1F2" },
            new BackgroundColor { Indexed = 64 })
        { PatternType = PatternValues.Solid });

        var cellXfs = new CellFormats(
            Xf(0, 0, 0, 0),                                                   // 0 default
            Xf(0, 2, 0, 0, HorizontalAlignmentValues.Center),                 // 1 title
            Xf(0, 0, 0, 0, HorizontalAlignmentValues.Left),                   // 2 subtitle
            Xf(0, 1, 2, 1, HorizontalAlignmentValues.Center, wrap: true),     // 3 header
            Xf(49, 0, 0, 1),                                                  // 4 text
            Xf(49, 0, 0, 1, quote: true),                                     // 5 text shown literally
            Xf(1, 0, 0, 1),                                                   // 6 integer
            Xf(2, 0, 0, 1),                                                   // 7 decimal
            Xf(DateFormatId, 0, 0, 1, HorizontalAlignmentValues.Center),      // 8 date
            Xf(0, 0, 0, 1, HorizontalAlignmentValues.Center),                 // 9 是/否
            Xf(10, 0, 0, 1),                                                  // 10 percent
            Xf(49, 0, 0, 0),                                                  // 11 text column (empty cells)
            Xf(DateFormatId, 0, 0, 0),                                        // 12 date column (empty cells)
            Xf(OneDecimalFormatId, 0, 0, 1),                                  // 13 one decimal (hours)
            Xf(DateTimeFormatId, 0, 0, 1, HorizontalAlignmentValues.Center)); // 14 date and time
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormatCode },
            new NumberingFormat { NumberFormatId = OneDecimalFormatId, FormatCode = OneDecimalFormatCode },
            new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = DateTimeFormatCode });
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            headerFill);
        if (extended)
        {
            numberFormats.Append(new NumberingFormat { NumberFormatId = OnePercentFormatId, FormatCode = OnePercentFormatCode });
            fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = HighlightColor }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            cellXfs.Append(Xf(OnePercentFormatId, 0, 0, 1));                                          // 15 one-decimal percent
            var bases = cellXfs.Elements<CellFormat>().ToArray();
            foreach (var (font, fill) in new (uint Font, uint Fill)[] { (1, 0), (0, 3), (1, 3) })         // 16… bold, highlighted, both
            {
                foreach (var index in Emphasisable)
                {
                    var xf = (CellFormat)bases[index].CloneNode(true);
                    if (font != 0) { xf.FontId = font; xf.ApplyFont = true; }
                    if (fill != 0) { xf.FillId = fill; xf.ApplyFill = true; }
                    cellXfs.Append(xf);
                }
            }
        }
        cellXfs.Count = (uint)cellXfs.ChildElements.Count;
        numberFormats.Count = (uint)numberFormats.ChildElements.Count;
        fills.Count = (uint)fills.ChildElements.Count;

        return new Stylesheet(
            numberFormats,
            new Fonts(Font(11), Font(11, bold: true), Font(16, bold: true)) { Count = 3 },
            fills,
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellXfs,
            new CellStyles(new CellStyle { Name = "常规", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats { Count = 0 },
            new TableStyles { Count = 0, DefaultTableStyle = "TableStyleMedium2", DefaultPivotStyle = "PivotStyleLight16" });
    }
}
