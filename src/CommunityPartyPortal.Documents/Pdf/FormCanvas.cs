using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>
/// A drawing area (a page's content area or one half of a two-up page) with mm coordinates relative to its
/// top-left corner. Text sits in line boxes of <see cref="LineHeight"/> with the ideographic em box centred.
/// </summary>
public sealed class FormCanvas
{
    /// <summary>Default line spacing of running text, as a multiple of the font size.</summary>
    public const double DefaultLineSpacing = 1.5;

    private readonly MmRect _area;

    internal FormCanvas(XGraphics graphics, FormStyle style, MmRect area, int pageNumber)
    {
        Graphics = graphics;
        Style = style;
        _area = area;
        PageNumber = pageNumber;
    }

    /// <summary>The PDFsharp graphics of the page (points, origin at the page's top-left corner).</summary>
    public XGraphics Graphics { get; }

    public FormStyle Style { get; }

    /// <summary>1-based page number in the document.</summary>
    public int PageNumber { get; }

    /// <summary>Width of the area, mm.</summary>
    public double Width => _area.Width;

    /// <summary>Height of the area, mm.</summary>
    public double Height => _area.Height;

    /// <summary>Where the area lies on the page, mm.</summary>
    public MmRect PageArea => _area;

    public static double SizeMm(XFont font) => Mm.FromPoints(font.Size);

    /// <summary>Height of one line of <paramref name="font"/>, mm.</summary>
    public static double LineHeight(XFont font, double spacing = DefaultLineSpacing) => SizeMm(font) * spacing;

    /// <summary>Width of <paramref name="text"/> in <paramref name="font"/>, mm.</summary>
    public double MeasureWidth(string text, XFont font) => TextLayout.Width(Graphics, font, text);

    /// <summary>Draws one line of text; <paramref name="y"/> is the top of its line box, <paramref name="x"/> the anchor of <paramref name="align"/>.</summary>
    public void DrawText(string text, XFont font, double x, double y, TextAlign align = TextAlign.Left, double spacing = DefaultLineSpacing)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var width = MeasureWidth(text, font);
        var left = align switch
        {
            TextAlign.Center => x - (width / 2),
            TextAlign.Right => x - width,
            _ => x,
        };
        DrawAt(text, font, left, Baseline(font, y, spacing));
    }

    /// <summary>The lines <paramref name="text"/> wraps into in <paramref name="width"/> mm.</summary>
    public IReadOnlyList<string> Wrap(string? text, XFont font, double width) =>
        string.IsNullOrEmpty(text)
            ? []
            : [.. TextLayout.Wrap(Graphics, [text], font, font, width).Select(l => string.Concat(l.Segments.Select(s => s.Text)))];

    /// <summary>
    /// Draws a form that returns the bottom it reached (mm). A first pass on a measuring context finds that
    /// bottom; when it is below this area (overlong text), the form is drawn again on a larger virtual area scaled
    /// down to fit, so nothing runs off the paper. Returns the bottom on this canvas.
    /// </summary>
    public double DrawFitted(Func<FormCanvas, double> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var needed = Measure(draw, 1);
        if (needed <= Height + 0.01)
        {
            return draw(this);
        }

        // The largest scale at which the form, laid out on the wider virtual area, still fits (bisection).
        var fits = Height / needed;
        var fails = 1.0;
        for (var i = 0; i < 6; i++)
        {
            var scale = (fits + fails) / 2;
            if (Measure(draw, scale) <= (Height / scale) + 0.01)
            {
                fits = scale;
            }
            else
            {
                fails = scale;
            }
        }

        var state = Graphics.Save();
        Graphics.TranslateTransform(PtX(0), PtY(0));
        Graphics.ScaleTransform(fits);
        draw(new FormCanvas(Graphics, Style, new MmRect(0, 0, Width / fits, Height / fits), PageNumber));
        Graphics.Restore(state);
        return Height;
    }

    /// <summary>The bottom (mm) a form drawn by <paramref name="draw"/> would reach on this canvas, without drawing it.</summary>
    public double MeasureDrawing(Func<FormCanvas, double> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return Measure(draw, 1);
    }

    /// <summary>The band of this canvas from <paramref name="y"/> down, <paramref name="height"/> mm tall and as wide, as a canvas of its own.</summary>
    public FormCanvas Region(double y, double height) =>
        new(Graphics, Style, new MmRect(_area.X, _area.Y + y, _area.Width, Math.Max(0, height)), PageNumber);

    private double Measure(Func<FormCanvas, double> draw, double scale)
    {
        var (width, height) = (Width / scale, Height / scale);
        using var measure = XGraphics.CreateMeasureContext(
            new XSize(Mm.ToPoints(width), Mm.ToPoints(height)), XGraphicsUnit.Point, XPageDirection.Downwards, new PdfSharp.Events.RenderEvents());
        return draw(new FormCanvas(measure, Style, new MmRect(0, 0, width, height), PageNumber));
    }

    /// <summary>Number of lines <paramref name="text"/> takes in <paramref name="width"/> mm.</summary>
    public int CountLines(string? text, XFont font, double width, double firstLineIndent = 0) =>
        string.IsNullOrEmpty(text) ? 0 : TextLayout.Wrap(Graphics, [text], font, font, width, firstLineIndent).Count;

    /// <summary>Height of a wrapped paragraph, mm.</summary>
    public double MeasureParagraph(
        IReadOnlyList<TextRun> runs, XFont font, double width, double firstLineIndent = 0, double spacing = DefaultLineSpacing, XFont? bold = null) =>
        TextLayout.Wrap(Graphics, runs, font, bold ?? font, width, firstLineIndent).Count * LineHeight(font, spacing);

    public double MeasureParagraph(string? text, XFont font, double width, double firstLineIndent = 0, double spacing = DefaultLineSpacing) =>
        string.IsNullOrEmpty(text) ? 0 : MeasureParagraph([text], font, width, firstLineIndent, spacing);

    /// <summary>
    /// Draws wrapped running text made of runs (underlined runs are filled-in blanks) from (<paramref name="x"/>,
    /// <paramref name="y"/>) in <paramref name="width"/> mm; returns the height used, mm.
    /// </summary>
    public double DrawParagraph(
        IReadOnlyList<TextRun> runs,
        XFont font,
        double x,
        double y,
        double width,
        TextAlign align = TextAlign.Left,
        double firstLineIndent = 0,
        double spacing = DefaultLineSpacing,
        XFont? bold = null)
    {
        bold ??= font;
        var lines = TextLayout.Wrap(Graphics, runs, font, bold, width, firstLineIndent);
        var lineHeight = LineHeight(font, spacing);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = i == 0 ? firstLineIndent : 0;
            var left = align switch
            {
                TextAlign.Center => x + indent + ((width - indent - line.Width) / 2),
                TextAlign.Right => x + width - line.Width,
                _ => x + indent,
            };
            var top = y + (i * lineHeight);
            var baseline = Baseline(font, top, spacing);
            foreach (var segment in line.Segments)
            {
                var run = runs[segment.Run];
                DrawAt(segment.Text, run.Bold ? bold : font, left + segment.X, baseline);
                if (run.Underline)
                {
                    var underlineY = baseline + (SizeMm(font) * 0.2);
                    Line(left + segment.X, underlineY, left + segment.X + segment.Width, underlineY, Style.Thin);
                }
            }
        }

        return lines.Count * lineHeight;
    }

    public double DrawParagraph(
        string? text, XFont font, double x, double y, double width, TextAlign align = TextAlign.Left, double firstLineIndent = 0, double spacing = DefaultLineSpacing) =>
        string.IsNullOrEmpty(text) ? 0 : DrawParagraph([text], font, x, y, width, align, firstLineIndent, spacing);

    /// <summary>Draws wrapped text inside <paramref name="box"/> (already padded), aligned both ways.</summary>
    public void DrawTextBox(string? text, XFont font, MmRect box, TextAlign align, VerticalAlign valign, double spacing = 1.35)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var height = MeasureParagraph(text, font, box.Width, 0, spacing);
        var top = valign switch
        {
            VerticalAlign.Middle => box.Y + ((box.Height - height) / 2),
            VerticalAlign.Bottom => box.Bottom - height,
            _ => box.Y,
        };
        DrawParagraph(text, font, box.X, top, box.Width, align, 0, spacing);
    }

    public void Line(double x1, double y1, double x2, double y2, XPen? pen = null) =>
        Graphics.DrawLine(pen ?? Style.Border, PtX(x1), PtY(y1), PtX(x2), PtY(y2));

    public void Rectangle(MmRect rect, XPen? pen = null, XBrush? fill = null)
    {
        var r = new XRect(PtX(rect.X), PtY(rect.Y), Mm.ToPoints(rect.Width), Mm.ToPoints(rect.Height));
        if (fill is not null && pen is not null)
        {
            Graphics.DrawRectangle(pen, fill, r);
        }
        else if (fill is not null)
        {
            Graphics.DrawRectangle(fill, r);
        }
        else
        {
            Graphics.DrawRectangle(pen ?? Style.Border, r);
        }
    }

    /// <summary>A tick box of <paramref name="size"/> mm at (x, y), ticked when <paramref name="isChecked"/>.</summary>
    public void CheckBox(double x, double y, double size, bool isChecked)
    {
        Rectangle(new MmRect(x, y, size, size), Style.Thin);
        if (isChecked)
        {
            var pen = new XPen(XColors.Black, 1.1) { LineJoin = XLineJoin.Round, LineCap = XLineCap.Round };
            Graphics.DrawLines(pen,
            [
                new XPoint(PtX(x + (size * 0.18)), PtY(y + (size * 0.52))),
                new XPoint(PtX(x + (size * 0.42)), PtY(y + (size * 0.78))),
                new XPoint(PtX(x + (size * 0.85)), PtY(y + (size * 0.2))),
            ]);
        }
    }

    /// <summary>Draws an image scaled to fit <paramref name="frame"/>, centred.</summary>
    public void DrawImage(XImage image, MmRect frame)
    {
        var ratio = Math.Min(frame.Width / Math.Max(image.PointWidth, 0.1), frame.Height / Math.Max(image.PointHeight, 0.1));
        var width = image.PointWidth * ratio;
        var height = image.PointHeight * ratio;
        var x = frame.X + ((frame.Width - width) / 2);
        var y = frame.Y + ((frame.Height - height) / 2);
        Graphics.DrawImage(image, PtX(x), PtY(y), Mm.ToPoints(width), Mm.ToPoints(height));
    }

    private static double Baseline(XFont font, double top, double spacing)
    {
        var size = SizeMm(font);
        return top + ((size * spacing - size) / 2) + (size * 0.86);
    }

    private void DrawAt(string text, XFont font, double left, double baseline) =>
        Graphics.DrawString(text, font, XBrushes.Black, PtX(left), PtY(baseline), XStringFormats.BaseLineLeft);

    private double PtX(double x) => Mm.ToPoints(_area.X + x);

    private double PtY(double y) => Mm.ToPoints(_area.Y + y);
}
