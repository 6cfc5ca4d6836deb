using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>
/// Many forms in ONE PDF document: one form per page (<see cref="AddPage"/>) or the two copies of a form on
/// the two halves of an A4 page with a cut line between them (<see cref="AddTwoUpPage"/>). The document embeds
/// each font face once as a subset; each page's graphics are released when the next page starts, so a batch of
/// a thousand forms holds only the pages' content streams. Optional "第 N 页 共 M 页" footers are drawn on save.
/// </summary>
public sealed class PdfBatch : IDisposable
{
    /// <summary>Gap between each half of a two-up page and the cut line, mm.</summary>
    public const double CutLineGap = 7;

    private readonly PdfDocument _document;
    private readonly List<IDisposable> _resources = [];
    private readonly Dictionary<byte[], XImage?> _images = new(ReferenceEqualityComparer.Instance);
    private readonly PaperOrientation _orientation;
    private readonly List<(int First, int Count)> _pageGroups = [];
    private XGraphics? _graphics;
    private bool _saved;

    public PdfBatch(string title, PaperSize paper = PaperSize.A4, PaperOrientation orientation = PaperOrientation.Portrait)
    {
        // FormStyle.For initialises the fonts and the PDFsharp license, which the PdfDocument constructor checks.
        Style = FormStyle.For(paper);
        _document = new PdfDocument();
        _orientation = orientation;
        _document.Info.Title = title;
        _document.Info.Creator = "CommunityPartyPortal";
        _document.Options.CompressContentStreams = true;
        _document.PageLayout = PdfPageLayout.SinglePage;
    }

    public FormStyle Style { get; }

    /// <summary>Draw "第 N 页 共 M 页" at the bottom of every page when saving (rosters, summary tables).</summary>
    public bool PageNumbers { get; init; }

    /// <summary>
    /// Numbers the <paramref name="count"/> pages from page <paramref name="firstPage"/> (1-based) on their own,
    /// "第 1 页 共 <paramref name="count"/> 页", when saving: the pages of one form that ran over several pages, in a
    /// batch of such forms. Ignored when <see cref="PageNumbers"/> numbers the whole document.
    /// </summary>
    public void NumberPages(int firstPage, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstPage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstPage + count - 1, PageCount, nameof(count));
        _pageGroups.Add((firstPage, count));
    }

    public int PageCount => _document.PageCount;

    /// <summary>Page width and height, mm.</summary>
    public (double Width, double Height) PageSize
    {
        get
        {
            var (w, h) = Mm.Of(Style.Paper);
            return _orientation == PaperOrientation.Landscape ? (h, w) : (w, h);
        }
    }

    public string? Author
    {
        get => _document.Info.Author;
        set => _document.Info.Author = value ?? string.Empty;
    }

    public string? Subject
    {
        get => _document.Info.Subject;
        set => _document.Info.Subject = value ?? string.Empty;
    }

    /// <summary>A new page; the canvas is its content area (page minus the style's margins).</summary>
    public FormCanvas AddPage()
    {
        var gfx = NewPage();
        var (width, height) = PageSize;
        var area = new MmRect(Style.MarginLeft, Style.MarginTop, width - Style.MarginLeft - Style.MarginRight, height - Style.MarginTop - Style.MarginBottom);
        return new FormCanvas(gfx, Style, area, PageCount);
    }

    /// <summary>
    /// A new page split in two halves with <see cref="FormParts.CutLineText"/> across the middle: the upper half
    /// for the copy that stays (存根), the lower half for the copy that is sent.
    /// </summary>
    public (FormCanvas Upper, FormCanvas Lower) AddTwoUpPage()
    {
        var gfx = NewPage();
        var (width, height) = PageSize;
        var middle = height / 2;
        var margin = 12.0;
        var contentWidth = width - Style.MarginLeft - Style.MarginRight;
        var page = new FormCanvas(gfx, Style, new MmRect(0, 0, width, height), PageCount);
        CutLine(page, middle);
        var upper = new MmRect(Style.MarginLeft, margin, contentWidth, middle - CutLineGap - margin);
        var lower = new MmRect(Style.MarginLeft, middle + CutLineGap, contentWidth, height - middle - CutLineGap - margin);
        return (new FormCanvas(gfx, Style, upper, PageCount), new FormCanvas(gfx, Style, lower, PageCount));
    }

    /// <summary>One page per item.</summary>
    public void Add<T>(IEnumerable<T> items, Action<FormCanvas, T> draw)
    {
        foreach (var item in items)
        {
            draw(AddPage(), item);
        }
    }

    /// <summary>One two-up page per item: the stub above the cut line, the copy that is sent below.</summary>
    public void AddTwoUp<T>(IEnumerable<T> items, Action<FormCanvas, T> upper, Action<FormCanvas, T> lower)
    {
        foreach (var item in items)
        {
            var (top, bottom) = AddTwoUpPage();
            upper(top, item);
            lower(bottom, item);
        }
    }

    /// <summary>
    /// Loads a JPEG/PNG (or BMP) for drawing; the image lives until the document is saved. Returns null when the
    /// bytes are empty or not a readable image (the form then shows its placeholder).
    /// </summary>
    public XImage? LoadImage(byte[]? bytes)
    {
        if (bytes is not { Length: > 0 })
        {
            return null;
        }

        if (_images.TryGetValue(bytes, out var loaded))
        {
            return loaded; // the same photo on both copies is embedded once
        }

        XImage? image = null;
        try
        {
            var stream = new MemoryStream(bytes, writable: false);
            _resources.Add(stream);
            image = XImage.FromStream(stream);
            _resources.Add(image);
        }
#pragma warning disable CA1031 // A broken photo must not stop the form: the placeholder is printed instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            image = null;
        }

        _images[bytes] = image;
        return image;
    }

    public void Save(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_saved)
        {
            throw new InvalidOperationException("The batch was already saved.");
        }

        if (PageCount == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page: there were no forms to print.");
        }

        _graphics?.Dispose();
        _graphics = null;
        if (PageNumbers)
        {
            DrawPageNumbers(1, PageCount);
        }
        else
        {
            foreach (var (first, count) in _pageGroups)
            {
                DrawPageNumbers(first, count);
            }
        }

        _document.Save(output, closeStream: false);
        _saved = true;
    }

    public byte[] ToArray()
    {
        using var output = new MemoryStream();
        Save(output);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        _resources.Clear();
        _images.Clear();
        _document.Dispose();
    }

    private XGraphics NewPage()
    {
        if (_saved)
        {
            throw new InvalidOperationException("The batch was already saved.");
        }

        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = Style.Paper == PaperSize.A5 ? PdfSharp.PageSize.A5 : PdfSharp.PageSize.A4;
        page.Orientation = _orientation == PaperOrientation.Landscape ? PdfSharp.PageOrientation.Landscape : PdfSharp.PageOrientation.Portrait;
        _graphics = XGraphics.FromPdfPage(page);
        return _graphics;
    }

    private void CutLine(FormCanvas page, double y)
    {
        var font = Style.Small;
        var textWidth = page.MeasureWidth(FormParts.CutLineText, font);
        var centre = page.Width / 2;
        var lineHeight = FormCanvas.LineHeight(font);
        page.DrawText(FormParts.CutLineText, font, centre, y - (lineHeight / 2), TextAlign.Center);
        page.Line(6, y, centre - (textWidth / 2) - 2, y, Style.Dashed);
        page.Line(centre + (textWidth / 2) + 2, y, page.Width - 6, y, Style.Dashed);
    }

    /// <summary>"第 N 页 共 M 页" on the <paramref name="count"/> pages from page <paramref name="first"/> (1-based).</summary>
    private void DrawPageNumbers(int first, int count)
    {
        var (width, height) = PageSize;
        for (var n = 1; n <= count; n++)
        {
            var index = first + n - 2;
            using var gfx = XGraphics.FromPdfPage(_document.Pages[index], XGraphicsPdfPageOptions.Append);
            var canvas = new FormCanvas(gfx, Style, new MmRect(0, 0, width, height), index + 1);
            var y = height - Style.MarginBottom + 3;
            canvas.DrawText($"第 {n} 页 共 {count} 页", Style.Small, width / 2, y, TextAlign.Center);
        }
    }
}
