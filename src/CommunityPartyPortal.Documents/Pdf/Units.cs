namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>Paper of a printed document.</summary>
public enum PaperSize
{
    /// <summary>210 × 297 mm (595 × 842 pt).</summary>
    A4,

    /// <summary>148 × 210 mm (420 × 595 pt), for cards.</summary>
    A5,
}

public enum PaperOrientation
{
    Portrait,
    Landscape,
}

public enum TextAlign
{
    Left,
    Center,
    Right,
}

public enum VerticalAlign
{
    Top,
    Middle,
    Bottom,
}

/// <summary>Millimetres, the unit of every coordinate in the layout layer (PDF works in points).</summary>
public static class Mm
{
    public const double PointsPerMillimetre = 72.0 / 25.4;

    public static double ToPoints(double mm) => mm * PointsPerMillimetre;

    public static double FromPoints(double points) => points / PointsPerMillimetre;

    /// <summary>Paper size in millimetres, portrait.</summary>
    public static (double Width, double Height) Of(PaperSize paper) => paper switch
    {
        PaperSize.A5 => (148, 210),
        _ => (210, 297),
    };
}

/// <summary>A rectangle in millimetres, top-left origin, relative to a <see cref="FormCanvas"/>.</summary>
public readonly record struct MmRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public MmRect Deflate(double horizontal, double vertical) =>
        new(X + horizontal, Y + vertical, Math.Max(0, Width - (2 * horizontal)), Math.Max(0, Height - (2 * vertical)));
}

/// <summary>Dates as the paper forms write them: 2026年4月10日.</summary>
public static class ChineseDate
{
    /// <summary>The blank date of a form to be filled by hand: "　　年　　月　　日".</summary>
    public const string Blank = "　　年　　月　　日";

    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>The date, or <paramref name="whenMissing"/> (empty by default).</summary>
    public static string Format(DateOnly? date, string whenMissing = "") => date is { } d ? Format(d) : whenMissing;

    /// <summary>Year and month only: 2026年4月.</summary>
    public static string YearMonth(DateOnly date) => $"{date.Year}年{date.Month}月";
}
