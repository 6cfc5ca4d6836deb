using Shouldly;
using Xunit;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

/// <summary>Reads rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm).</summary>
internal static partial class PopplerTools
{
    public static readonly string PngFolder = Path.Combine(Path.GetTempPath(), "cpp-forms");

    private static readonly string PdfFolder = CreatePdfFolder();

    /// <summary>Writes the PDF to /tmp/cpp-pdf-tests/{name}-{process id}.pdf (overwritten on the next run) and returns its path.</summary>
    public static string Save(byte[] pdf, string name)
    {
        var path = Path.Combine(PdfFolder, $"{name}-{Environment.ProcessId}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string CreatePdfFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cpp-pdf-tests");
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.EnumerateFiles(folder, "*.pdf").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)))
        {
            File.Delete(old);
        }

        return folder;
    }

    public static string Text(string path) => Run("pdftotext", "-layout", path, "-");

    /// <summary>Each page's text in content order (pdftotext -raw), white space removed: a cell's wrapped lines run on, cell after cell.</summary>
    public static List<string> RawPages(string path) =>
        [.. Run("pdftotext", "-raw", path, "-").Split('\f').Where(p => p.Trim().Length > 0).Select(p => WhiteSpace().Replace(p, string.Empty))];

    /// <summary>Text with every kind of white space removed (layout mode spreads text over columns).</summary>
    public static string CompactText(string path) => WhiteSpace().Replace(Text(path), string.Empty);

    public static int Pages(string path) =>
        int.Parse(InfoField(path, "Pages"), CultureInfo.InvariantCulture);

    /// <summary>Page size in points, rounded: (595, 842) for A4.</summary>
    public static (int Width, int Height) PageSize(string path)
    {
        var match = PageSizePattern().Match(InfoField(path, "Page size"));
        match.Success.ShouldBeTrue();
        return ((int)Math.Round(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)),
            (int)Math.Round(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    /// <summary>Every word's box in points (pdftotext -bbox), with its page size.</summary>
    public static IReadOnlyList<(string Word, double XMin, double YMin, double XMax, double YMax, double PageWidth, double PageHeight)> WordBoxes(string path)
    {
        var html = Run("pdftotext", "-bbox", path, "-");
        var result = new List<(string, double, double, double, double, double, double)>();
        double pageWidth = 0, pageHeight = 0;
        foreach (var line in html.Split('\n'))
        {
            var page = PagePattern().Match(line);
            if (page.Success)
            {
                pageWidth = Number(page.Groups[1].Value);
                pageHeight = Number(page.Groups[2].Value);
                continue;
            }

            var word = WordPattern().Match(line);
            if (word.Success)
            {
                result.Add((word.Groups[5].Value, Number(word.Groups[1].Value), Number(word.Groups[2].Value),
                    Number(word.Groups[3].Value), Number(word.Groups[4].Value), pageWidth, pageHeight));
            }
        }

        return result;
    }

    public static string Info(string path) => Run("pdfinfo", path);

    public static string Fonts(string path) => Run("pdffonts", path);

    public static string Images(string path) => Run("pdfimages", "-list", path);

    /// <summary>Renders the first page to /tmp/cpp-forms/{name}.png at 60 dpi (or <paramref name="dpi"/>).</summary>
    public static string Png(string path, string name, int dpi = 60)
    {
        Directory.CreateDirectory(PngFolder);
        var prefix = Path.Combine(PngFolder, name);
        Run("pdftoppm", "-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", path, prefix);
        return prefix + ".png";
    }

    public static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string InfoField(string path, string field)
    {
        var line = Info(path).Split('\n').FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        line.ShouldNotBeNull($"pdfinfo has no '{field}'");
        return line[(field.Length + 1)..].Trim();
    }

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout;
    }

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<page width=""([\d.]+)"" height=""([\d.]+)"">")]
    private static partial Regex PagePattern();

    [GeneratedRegex(@"<word xMin=""([\d.-]+)"" yMin=""([\d.-]+)"" xMax=""([\d.-]+)"" yMax=""([\d.-]+)"">(.*)</word>")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"([\d.]+)\s*x\s*([\d.]+)\s*pts")]
    private static partial Regex PageSizePattern();
}
