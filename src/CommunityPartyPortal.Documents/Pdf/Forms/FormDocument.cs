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
}
