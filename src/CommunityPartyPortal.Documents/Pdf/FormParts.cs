using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>The recurring pieces of the paper forms: title, header line, seal and signature blocks, photo box, tick lists, notes.</summary>
public static class FormParts
{
    /// <summary>Frame of a small 2-inch photo (小二寸), mm.</summary>
    public const double PhotoWidth = 35;

    public const double PhotoHeight = 49;

    /// <summary>The cut line between the two copies of a two-up page.</summary>
    public const string CutLineText = "………… 裁 剪 线 …………";

    /// <summary>Centred bold title; returns the y below it, mm.</summary>
    public static double Title(FormCanvas canvas, string title, double y, XFont? font = null)
    {
        font ??= canvas.Style.Title;
        canvas.DrawText(title, font, canvas.Width / 2, y, TextAlign.Center, 1.4);
        return y + FormCanvas.LineHeight(font, 1.4);
    }

    /// <summary>
    /// The header line under a title: "caption：organisation" on the left, "dateCaption：2026年4月10日" in the middle
    /// and "编号：serial" on the right (two lines when they do not fit). Returns the y below it, mm.
    /// </summary>
    public static double HeaderLine(
        FormCanvas canvas, double y, string serial, string organisationCaption, string? organisation, string dateCaption, DateOnly? date, XFont? font = null)
    {
        font ??= canvas.Style.Header;
        var left = $"{organisationCaption}：{organisation}";
        var middle = $"{dateCaption}：{ChineseDate.Format(date, ChineseDate.Blank)}";
        var right = $"编号：{serial}";
        var gap = 4.0;
        var leftWidth = canvas.MeasureWidth(left, font);
        var middleWidth = canvas.MeasureWidth(middle, font);
        var rightWidth = canvas.MeasureWidth(right, font);
        var lineHeight = FormCanvas.LineHeight(font, 1.45);

        canvas.DrawText(right, font, canvas.Width, y, TextAlign.Right, 1.45);
        if (leftWidth + middleWidth + rightWidth + (2 * gap) <= canvas.Width)
        {
            canvas.DrawText(left, font, 0, y, TextAlign.Left, 1.45);
            var middleX = Math.Clamp((canvas.Width - middleWidth) / 2, leftWidth + gap, canvas.Width - rightWidth - gap - middleWidth);
            canvas.DrawText(middle, font, middleX, y, TextAlign.Left, 1.45);
            return y + lineHeight;
        }

        // Long organisation name: organisation on its own line(s) under serial, date at its right end.
        var used = canvas.DrawParagraph(left, font, 0, y, canvas.Width - rightWidth - gap, TextAlign.Left, 0, 1.45);
        canvas.DrawText(middle, font, canvas.Width, y + used, TextAlign.Right, 1.45);
        return y + used + lineHeight;
    }

    /// <summary>The copy a card is (单位党组织留存 / 社区党组织留存), boxed in the top right corner.</summary>
    public static void CopyMark(FormCanvas canvas, string text)
    {
        var font = canvas.Style.Small;
        var width = canvas.MeasureWidth(text, font) + 3;
        var height = FormCanvas.LineHeight(font, 1.6);
        canvas.Rectangle(new MmRect(canvas.Width - width, 0, width, height), canvas.Style.Thin);
        canvas.DrawText(text, font, canvas.Width - (width / 2), 0, TextAlign.Center, 1.6);
    }

    /// <summary>"编号：serial" alone at the right; returns the y below it.</summary>
    public static double SerialLine(FormCanvas canvas, double y, string serial, XFont? font = null)
    {
        font ??= canvas.Style.Header;
        canvas.DrawText($"编号：{serial}", font, canvas.Width, y, TextAlign.Right, 1.45);
        return y + FormCanvas.LineHeight(font, 1.45);
    }

    /// <summary>
    /// The closing block of a letter, right-aligned at <paramref name="right"/>: the organisation with
    /// "（盖章）" (wrapped when long) over the date (blank 年 月 日 when null). The seal is stamped over it.
    /// Returns the bottom.
    /// </summary>
    public static double SealBlock(FormCanvas canvas, double right, double y, string? organisation, DateOnly? date, XFont? font = null)
    {
        font ??= canvas.Style.Body;
        var (lines, dateText, block) = SealLines(canvas, organisation, date, font, right * 0.62);
        var lineHeight = FormCanvas.LineHeight(font, 1.6);
        var centre = right - (block / 2);
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], font, centre, y + (i * lineHeight), TextAlign.Center, 1.6);
        }

        canvas.DrawText(dateText, font, centre, y + (lines.Count * lineHeight), TextAlign.Center, 1.6);
        return y + ((lines.Count + 1) * lineHeight);
    }

    /// <summary>Height of <see cref="SealBlock"/>, mm.</summary>
    public static double MeasureSealBlock(FormCanvas canvas, double right, string? organisation, DateOnly? date, XFont? font = null)
    {
        font ??= canvas.Style.Body;
        var (lines, _, _) = SealLines(canvas, organisation, date, font, right * 0.62);
        return (lines.Count + 1) * FormCanvas.LineHeight(font, 1.6);
    }

    /// <summary>"caption：" followed by a rule of <paramref name="lineLength"/> mm (or the name written on it). Returns the right end.</summary>
    public static double SignatureLine(FormCanvas canvas, double x, double y, string caption, double lineLength, string? filledIn = null, XFont? font = null)
    {
        font ??= canvas.Style.Cell;
        var text = $"{caption}：";
        canvas.DrawText(text, font, x, y, TextAlign.Left, 1.5);
        var start = x + canvas.MeasureWidth(text, font);
        var lineY = y + (FormCanvas.LineHeight(font, 1.5) * 0.85);
        canvas.Line(start, lineY, start + lineLength, lineY, canvas.Style.Thin);
        if (!string.IsNullOrEmpty(filledIn))
        {
            canvas.DrawText(filledIn, font, start + (lineLength / 2), y, TextAlign.Center, 1.5);
        }

        return start + lineLength;
    }

    /// <summary>A small-print note (注：…) wrapped to the width; returns its height.</summary>
    public static double Note(FormCanvas canvas, double x, double y, double width, string text, XFont? font = null)
    {
        font ??= canvas.Style.Small;
        return canvas.DrawParagraph(text, font, x, y, width, TextAlign.Left, 0, 1.45);
    }

    /// <summary>
    /// A 35 × 49 mm frame at (x, y) holding the photo scaled to fit, or the "照片" placeholder
    /// (红底小二寸) when there is none.
    /// </summary>
    public static void PhotoBox(FormCanvas canvas, double x, double y, XImage? photo)
    {
        var frame = new MmRect(x, y, PhotoWidth, PhotoHeight);
        if (photo is not null)
        {
            canvas.DrawImage(photo, frame);
            return;
        }

        canvas.Rectangle(frame, canvas.Style.Dashed);
        var font = canvas.Style.Cell;
        canvas.DrawText("照片", font, x + (PhotoWidth / 2), y + (PhotoHeight / 2) - FormCanvas.LineHeight(font), TextAlign.Center);
        canvas.DrawText("（红底小二寸）", canvas.Style.Small, x + (PhotoWidth / 2), y + (PhotoHeight / 2) + 1, TextAlign.Center);
    }

    /// <summary>Height of a tick list, mm.</summary>
    public static double MeasureCheckList(FormCanvas canvas, IReadOnlyList<string> options, IEnumerable<string>? selected, double width, int perLine) =>
        CheckListLayout(canvas, options, selected, width, perLine).Lines * FormCanvas.LineHeight(canvas.Style.Cell, 1.45);

    /// <summary>Draws tick boxes in columns; selected names that are not options go to a ticked "其他：…" line.</summary>
    public static void CheckList(FormCanvas canvas, MmRect rect, IReadOnlyList<string> options, IEnumerable<string>? selected, int perLine)
    {
        var font = canvas.Style.Cell;
        var lineHeight = FormCanvas.LineHeight(font, 1.45);
        var layout = CheckListLayout(canvas, options, selected, rect.Width, perLine);
        var top = rect.Y + ((rect.Height - (layout.Lines * lineHeight)) / 2);
        var box = FormCanvas.SizeMm(font) * 0.85;
        var columnWidth = rect.Width / layout.PerLine;
        for (var i = 0; i < options.Count; i++)
        {
            var x = rect.X + (i % layout.PerLine * columnWidth);
            var y = top + (i / layout.PerLine * lineHeight);
            canvas.CheckBox(x, y + ((lineHeight - box) / 2), box, layout.Selected.Contains(options[i]));
            canvas.DrawText(options[i], font, x + box + 1.2, y, TextAlign.Left, 1.45);
        }

        if (layout.Others.Count > 0)
        {
            var y = top + (layout.OptionLines * lineHeight);
            canvas.CheckBox(rect.X, y + ((lineHeight - box) / 2), box, true);
            canvas.DrawParagraph($"其他：{string.Join("、", layout.Others)}", font, rect.X + box + 1.2, y, rect.Width - box - 1.2, TextAlign.Left, 0, 1.45);
        }
    }

    /// <summary>Height an opinion/seal box needs, mm.</summary>
    public static double MeasureSealBox(FormCanvas canvas, double width, string? opinion, string? organisation = null)
    {
        var font = canvas.Style.Cell;
        var opinionHeight = canvas.MeasureParagraph(opinion, font, width, 0, 1.4);
        var (lines, _, _) = SealLines(canvas, organisation, null, font, width - (8 * canvas.Style.Scale));
        return opinionHeight + ((lines.Count + 1) * FormCanvas.LineHeight(font, 1.45)) + (10 * canvas.Style.Scale);
    }

    /// <summary>
    /// An opinion box: text at the top, "organisation（盖章）" (wrapped when long) and the date at the bottom right,
    /// and the signature caption with its rule at the bottom left.
    /// </summary>
    public static void SealBox(FormCanvas canvas, MmRect rect, string? organisation, DateOnly? date, string? opinion, string? signatureCaption)
    {
        var font = canvas.Style.Cell;
        var lineHeight = FormCanvas.LineHeight(font, 1.45);
        if (!string.IsNullOrEmpty(opinion))
        {
            canvas.DrawParagraph(opinion, font, rect.X, rect.Y, rect.Width, TextAlign.Left, 0, 1.4);
        }

        // The organisation lines sit above the date line and may use the full width; the date shares its line
        // with the signature caption at the left, so it keeps clear of it.
        var (lines, dateText, block) = SealLines(canvas, organisation, date, font, rect.Width - (8 * canvas.Style.Scale));
        var right = rect.Right - (6 * canvas.Style.Scale);
        var centre = right - (block / 2);
        var dateY = rect.Bottom - lineHeight;
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], font, centre, dateY - ((lines.Count - i) * lineHeight), TextAlign.Center, 1.45);
        }

        var dateCentre = centre;
        if (!string.IsNullOrEmpty(signatureCaption))
        {
            var signatureEnd = SignatureLine(canvas, rect.X + (2 * canvas.Style.Scale), dateY, signatureCaption, SignatureRule(canvas, rect.Width), null, font);
            dateCentre = Math.Min(right - (canvas.MeasureWidth(dateText, font) / 2), Math.Max(centre, signatureEnd + (canvas.MeasureWidth(dateText, font) / 2) + 3));
        }

        canvas.DrawText(dateText, font, dateCentre, dateY, TextAlign.Center, 1.45);
    }

    private static double SignatureRule(FormCanvas canvas, double width) => Math.Min(35 * canvas.Style.Scale, width * 0.25);

    /// <summary>"organisation（盖章）" wrapped to <paramref name="maxWidth"/>, the date text, and the block width.</summary>
    private static (IReadOnlyList<string> Lines, string DateText, double Block) SealLines(
        FormCanvas canvas, string? organisation, DateOnly? date, XFont font, double maxWidth)
    {
        var orgText = string.IsNullOrWhiteSpace(organisation) ? "（盖章）" : $"{organisation.Trim()}（盖章）";
        var lines = canvas.Wrap(orgText, font, maxWidth);
        var dateText = ChineseDate.Format(date, ChineseDate.Blank);
        var block = lines.Select(l => canvas.MeasureWidth(l, font)).Append(canvas.MeasureWidth(dateText, font)).Max();
        return (lines, dateText, block);
    }

    private static (int PerLine, int OptionLines, int Lines, HashSet<string> Selected, List<string> Others) CheckListLayout(
        FormCanvas canvas, IReadOnlyList<string> options, IEnumerable<string>? selected, double width, int perLine)
    {
        var font = canvas.Style.Cell;
        var chosen = new HashSet<string>((selected ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()), StringComparer.Ordinal);
        var others = chosen.Where(s => !options.Contains(s, StringComparer.Ordinal)).ToList();
        var box = FormCanvas.SizeMm(font) * 0.85;
        var widest = options.Count == 0 ? 1 : options.Max(o => canvas.MeasureWidth(o, font)) + box + 3;
        var fits = Math.Max(1, Math.Min(Math.Max(1, perLine), (int)Math.Floor(width / widest)));
        var optionLines = (options.Count + fits - 1) / fits;
        var otherLines = others.Count == 0 ? 0 : canvas.CountLines($"其他：{string.Join("、", others)}", font, width - box - 1.2);
        return (fits, optionLines, Math.Max(1, optionLines + otherLines), chosen, others);
    }
}
