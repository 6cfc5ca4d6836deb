namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>
/// One form (or table) that runs down as many pages of a <see cref="PdfBatch"/> as it needs: blocks are placed one
/// under the other from <see cref="Y"/>; a block that does not fit in the room left starts a new page, which gets
/// the flow's page heading (e.g. "…（续）" with the name and 编号). A block is never split: a <see cref="PagedTable"/>
/// drawn into the flow breaks between its rows and repeats its header row.
/// </summary>
public sealed class PageFlow
{
    private readonly Func<FormCanvas, int, double>? _pageHeading;
    private readonly double _bottomReserve;
    private FormCanvas? _canvas;

    /// <param name="batch">The document the pages are added to.</param>
    /// <param name="pageHeading">
    /// Draws what goes at the top of each new page of the flow (canvas, index of the page within the flow,
    /// 0-based) and returns the y below it, mm; null: the pages start at the top.
    /// </param>
    /// <param name="bottomReserve">Room kept free at the foot of each page, mm.</param>
    public PageFlow(PdfBatch batch, Func<FormCanvas, int, double>? pageHeading = null, double bottomReserve = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Batch = batch;
        _pageHeading = pageHeading;
        _bottomReserve = bottomReserve;
    }

    public PdfBatch Batch { get; }

    /// <summary>The current page's content area (a first page is started when there is none yet).</summary>
    public FormCanvas Canvas => _canvas ?? NewPage();

    /// <summary>Where the next block goes on the current page, mm.</summary>
    public double Y { get; private set; }

    /// <summary>The lowest y blocks may reach on a page, mm.</summary>
    public double Bottom => Canvas.Height - _bottomReserve;

    /// <summary>Pages the flow has used so far.</summary>
    public int Pages { get; private set; }

    /// <summary>1-based page number (in the batch) of the flow's first page; 0 before it starts.</summary>
    public int FirstPage { get; private set; }

    /// <summary>True while the current page holds only its heading (a block that does not fit here fits nowhere).</summary>
    public bool AtPageTop { get; private set; }

    /// <summary>Starts a new page with the flow's page heading; returns its canvas.</summary>
    public FormCanvas NewPage()
    {
        var canvas = Batch.AddPage();
        _canvas = canvas;
        if (Pages == 0)
        {
            FirstPage = canvas.PageNumber;
        }

        Y = _pageHeading?.Invoke(canvas, Pages) ?? 0;
        Pages++;
        AtPageTop = true;
        return canvas;
    }

    /// <summary>
    /// Makes room for <paramref name="height"/> mm: starts a new page when the block does not fit in the room
    /// left (unless the page holds nothing yet). Returns the canvas to draw on, at <see cref="Y"/>.
    /// </summary>
    public FormCanvas Reserve(double height)
    {
        if (_canvas is null || (Y + height > Bottom + 0.01 && !AtPageTop))
        {
            return NewPage();
        }

        return _canvas;
    }

    /// <summary>Records that content was drawn down to <paramref name="bottom"/>, mm.</summary>
    public void MoveTo(double bottom)
    {
        Y = bottom;
        AtPageTop = false;
    }

    /// <summary>Leaves <paramref name="mm"/> of space before the next block (none at the top of a page).</summary>
    public void Space(double mm)
    {
        if (!AtPageTop)
        {
            Y += mm;
        }
    }

    /// <summary>
    /// Draws a block that returns the bottom it reached (drawn from y = 0 of the canvas it is given), kept whole:
    /// on a new page when it does not fit in the room left, scaled down when it does not fit on a page at all.
    /// <paramref name="keepWithNext"/> mm of room are asked for below it (a caption stays with its table).
    /// <paramref name="measure"/> gives its height without drawing; null: measured by drawing it on a measuring context.
    /// Returns the canvas it was drawn on.
    /// </summary>
    public FormCanvas Block(Func<FormCanvas, double> draw, double keepWithNext = 0, Func<FormCanvas, double>? measure = null)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var height = measure?.Invoke(Canvas) ?? Canvas.MeasureDrawing(draw);
        var canvas = Reserve(height + keepWithNext);
        var region = canvas.Region(Y, Bottom - Y);
        MoveTo(Y + (height <= region.Height + 0.01 ? draw(region) : region.DrawFitted(draw)));
        return canvas;
    }

    /// <summary>Draws a grid as one block (see <see cref="Block"/>), full width.</summary>
    public FormCanvas Grid(FormGrid grid, double keepWithNext = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Block(c => grid.Draw(c, 0, 0), keepWithNext, grid.Measure);
    }

    /// <summary>Numbers the flow's pages on their own, "第 1 页 共 N 页", when the batch is saved.</summary>
    public void NumberPages()
    {
        if (Pages > 0)
        {
            Batch.NumberPages(FirstPage, Pages);
        }
    }
}
