namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>The Render plumbing shared by the form classes: one batch, one form per page, saved to bytes or a stream.</summary>
internal static class FormDocument
{
    public static byte[] ToBytes<T>(string title, PaperSize paper, IReadOnlyList<T> records, Action<PdfBatch, T> add)
    {
        using var output = new MemoryStream();
        Write(title, paper, records, output, add);
        return output.ToArray();
    }

    public static void Write<T>(string title, PaperSize paper, IReadOnlyList<T> records, Stream output, Action<PdfBatch, T> add)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        if (records.Count == 0)
        {
            throw new ArgumentException($"No records to print as {title}.", nameof(records));
        }

        using var batch = new PdfBatch(records.Count == 1 ? title : $"{title}（{records.Count}份）", paper);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            add(batch, record);
        }

        batch.Save(output);
    }

    /// <summary>Underlined filled-in value, padded with a space on each side like handwriting on a blank.</summary>
    public static TextRun Blank(string? value) => new($" {(string.IsNullOrWhiteSpace(value) ? "      " : value.Trim())} ", Underline: true);

    public static string OrBlank(string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim();

    /// <summary>"单位联系人：… 联系电话：…" with whichever of the two is known; empty when neither is.</summary>
    public static string ContactText(string personCaption, string? person, string? phone)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(person))
        {
            parts.Add($"{personCaption}：{person.Trim()}");
        }

        if (!string.IsNullOrWhiteSpace(phone))
        {
            parts.Add($"联系电话：{phone.Trim()}");
        }

        return string.Join("　", parts);
    }

    /// <summary>The stub's title and its header line (编号, who issued it, when). Returns the y below them, mm.</summary>
    public static double StubHead(FormCanvas canvas, string stubTitle, string serial, string organisationCaption, string? organisation, string dateCaption, DateOnly? date)
    {
        var y = FormParts.Title(canvas, stubTitle, 0, canvas.Style.StubTitle);
        return FormParts.HeaderLine(canvas, y + 1, serial, organisationCaption, organisation, dateCaption, date) + 1.5;
    }

    /// <summary>The stub's grid: three label/value pairs a row.</summary>
    public static FormGrid StubGrid(FormCanvas canvas) => FormGrid.Fit(canvas.Width, 24, 42, 22, 32, 22, 28);

    /// <summary>
    /// Draws the stub's grid from <paramref name="y"/> (stretched to the room left), the signature line under it
    /// (with <paramref name="besideSignature"/> right-aligned on the same line) and the note at the foot of the
    /// canvas. Returns the bottom reached, mm.
    /// </summary>
    public static double StubFoot(FormCanvas canvas, FormGrid grid, double y, string signatureCaption, string? signer, string? besideSignature, string note)
    {
        var style = canvas.Style;
        var font = style.Cell;
        var noteHeight = FormCanvas.LineHeight(style.Small, 1.45);
        var gridBottom = canvas.Height - noteHeight - FormCanvas.LineHeight(font) - 6;
        y = grid.Draw(canvas, 0, y, gridBottom) + 3;

        FormParts.SignatureLine(canvas, 0, y, signatureCaption, 38, signer, font);
        if (!string.IsNullOrEmpty(besideSignature))
        {
            canvas.DrawText(besideSignature, font, canvas.Width, y, TextAlign.Right);
        }

        var noteTop = Math.Max(canvas.Height, y + FormCanvas.LineHeight(font) + 3 + noteHeight) - noteHeight;
        FormParts.Note(canvas, 0, noteTop, canvas.Width, note);
        return noteTop + noteHeight;
    }

    /// <summary>The document's title, its 编号 and the addressee (in bold) it opens with. Returns the y below them, mm.</summary>
    public static double DocumentHead(FormCanvas canvas, string documentTitle, string serial, string addressee)
    {
        var style = canvas.Style;
        var y = FormParts.Title(canvas, documentTitle, 0, style.HalfTitle);
        y = FormParts.SerialLine(canvas, y, serial) + 1;
        return y + canvas.DrawParagraph([new TextRun($"{addressee}：", Bold: true)], style.Body, 0, y, canvas.Width, bold: style.BodyBold);
    }

    /// <summary>
    /// Where the seal block of the sealing organisation goes: at the foot of the canvas, or half a line below the
    /// text at <paramref name="y"/> when that reaches further down. Returns its top and height, mm.
    /// </summary>
    public static (double Top, double Height) SealPlace(FormCanvas canvas, double y, string? organisation, DateOnly? date)
    {
        var body = canvas.Style.Body;
        var height = FormParts.MeasureSealBlock(canvas, canvas.Width - 4, organisation, date, body);
        return (Math.Max(y + (FormCanvas.LineHeight(body) * 0.5), canvas.Height - height - 2), height);
    }

    /// <summary>Draws a card on a new page of the batch, <paramref name="copyMark"/> (when given) boxed in the corner.</summary>
    public static void AddCardPage(PdfBatch batch, string? copyMark, Func<FormCanvas, double> draw)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var canvas = batch.AddPage();
        if (copyMark is not null)
        {
            FormParts.CopyMark(canvas, copyMark);
        }

        canvas.DrawFitted(draw);
    }
}

/// <summary>
/// The Render plumbing of a two-up form (报到证明信, 回执): one A4 page per record, the stub above the cut line and
/// the document below it.
/// </summary>
internal sealed class TwoUpForm<T>(string title, Func<FormCanvas, T, double> drawStub, Func<FormCanvas, T, double> drawDocument)
{
    /// <summary>One page per record (a list of one for a single form).</summary>
    public byte[] Render(IReadOnlyList<T> records) => FormDocument.ToBytes(title, PaperSize.A4, records, AddTo);

    public void Render(IReadOnlyList<T> records, Stream output) => FormDocument.Write(title, PaperSize.A4, records, output, AddTo);

    /// <summary>Adds one form (stub + document on one two-up page) to a batch.</summary>
    public void AddTo(PdfBatch batch, T record)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (upper, lower) = batch.AddTwoUpPage();
        upper.DrawFitted(c => drawStub(c, record));
        lower.DrawFitted(c => drawDocument(c, record));
    }
}

/// <summary>
/// The Render plumbing of a card (信息卡, 承诺卡): one card per page on A4 or A5, each card once or in both copies
/// (<see cref="CardCopies"/>).
/// </summary>
internal sealed class CardForm<T>(string title, Action<PdfBatch, T, string?> addTo)
{
    public byte[] Render(IReadOnlyList<T> records, PaperSize paper, bool bothCopies) =>
        FormDocument.ToBytes(title, paper, records, (batch, record) => AddCopies(batch, record, bothCopies));

    public void Render(IReadOnlyList<T> records, Stream output, PaperSize paper, bool bothCopies) =>
        FormDocument.Write(title, paper, records, output, (batch, record) => AddCopies(batch, record, bothCopies));

    private void AddCopies(PdfBatch batch, T record, bool bothCopies)
    {
        foreach (var mark in bothCopies ? CardCopies.Both : CardCopies.Single)
        {
            addTo(batch, record, mark);
        }
    }
}
