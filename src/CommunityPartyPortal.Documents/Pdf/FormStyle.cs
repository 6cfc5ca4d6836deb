using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>
/// Fonts (all Song: Noto Serif SC), pens and spacing of one paper size. One instance per document: the
/// document embeds each face once, as a subset of the glyphs it used.
/// </summary>
public sealed class FormStyle
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private FormStyle(PaperSize paper, double scale)
    {
        Paper = paper;
        Scale = scale;
        Title = Font(22 * scale, bold: true);
        HalfTitle = Font(18 * scale, bold: true);
        StubTitle = Font(15 * scale, bold: true);
        Body = Font(12.5 * scale);
        BodyBold = Font(12.5 * scale, bold: true);
        Cell = Font(11 * scale);
        CellBold = Font(11 * scale, bold: true);
        Header = Font(10 * scale);
        Small = Font(9 * scale);
        SmallBold = Font(9 * scale, bold: true);
        RowHeight = 10 * scale;
        CellPadding = 1.6 * scale;
        Border = new XPen(XColors.Black, 0.7);
        OuterBorder = new XPen(XColors.Black, 1.3);
        Thin = new XPen(XColors.Black, 0.5);
        Dashed = new XPen(XColor.FromGrayScale(0.35), 0.6) { DashStyle = XDashStyle.Dash };
        LabelShade = new XSolidBrush(XColor.FromArgb(238, 238, 238));
    }

    public PaperSize Paper { get; }

    /// <summary>1 for A4, smaller for A5.</summary>
    public double Scale { get; }

    /// <summary>Bold title of a full-page form.</summary>
    public XFont Title { get; }

    /// <summary>Bold title of a half-page copy (letter, receipt).</summary>
    public XFont HalfTitle { get; }

    /// <summary>Bold title of a stub (存根).</summary>
    public XFont StubTitle { get; }

    /// <summary>Running text of letters.</summary>
    public XFont Body { get; }

    public XFont BodyBold { get; }

    /// <summary>Text inside grid cells.</summary>
    public XFont Cell { get; }

    public XFont CellBold { get; }

    /// <summary>The header line under a title (编号, organisation, date).</summary>
    public XFont Header { get; }

    /// <summary>Notes, footers, the cut line.</summary>
    public XFont Small { get; }

    public XFont SmallBold { get; }

    /// <summary>Default minimum height of a grid row, mm.</summary>
    public double RowHeight { get; }

    /// <summary>Inner padding of a grid cell, mm.</summary>
    public double CellPadding { get; }

    public XPen Border { get; }

    public XPen OuterBorder { get; }

    public XPen Thin { get; }

    public XPen Dashed { get; }

    /// <summary>The light grey of label cells.</summary>
    public XBrush LabelShade { get; }

    /// <summary>Page margins, mm (content area = page minus these).</summary>
    public double MarginLeft => Paper == PaperSize.A5 ? 11 : 20;

    public double MarginRight => MarginLeft;

    public double MarginTop => Paper == PaperSize.A5 ? 10 : 16;

    public double MarginBottom => Paper == PaperSize.A5 ? 10 : 16;

    /// <summary>A Song font of this style's family.</summary>
    public static XFont Font(double sizePoints, bool bold = false) =>
        new(DocumentFonts.SongFamily, sizePoints, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public static FormStyle For(PaperSize paper)
    {
        DocumentFonts.Initialize();
        return new FormStyle(paper, paper == PaperSize.A5 ? 0.76 : 1.0);
    }
}
