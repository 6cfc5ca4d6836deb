using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Reporting;

/// <summary>A downloaded PDF read back with poppler-utils: pdftotext -layout, pdfinfo, pdfimages.</summary>
internal sealed partial class PdfText
{
    private static readonly string Folder = CreateFolder();

    private PdfText(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
        Layout = Run("pdftotext", "-layout", "-enc", "UTF-8", path, "-");
        Compact = WhiteSpace().Replace(Layout, "");
        Info = Run("pdfinfo", path);
    }

    /// <summary>The temp file the PDF was written to (/tmp/cpp-reporting-pdfs/…).</summary>
    public string Path { get; }
    public byte[] Bytes { get; }

    /// <summary>pdftotext -layout, as it comes.</summary>
    public string Layout { get; }

    /// <summary>The layout text with all white space removed (layout mode spreads cells over columns and lines).</summary>
    public string Compact { get; }

    public string Info { get; }

    public int Pages => int.Parse(InfoField("Pages"), CultureInfo.InvariantCulture);

    /// <summary>"595 x 842" for A4, "420 x 595" for A5 (points, rounded).</summary>
    public string PageSize
    {
        get
        {
            var match = PageSizePattern().Match(InfoField("Page size"));
            match.Success.ShouldBeTrue(Info);
            return $"{Math.Round(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))} x {Math.Round(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))}";
        }
    }

    /// <summary>The images embedded (pdfimages -list, header lines removed).</summary>
    public int ImageCount => Run("pdfimages", "-list", Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;

    /// <summary>Asserts a 200 PDF response and reads it back; the file is kept under /tmp/cpp-reporting-pdfs for a look.</summary>
    public static async Task<PdfText> ReadAsync(HttpResponseMessage response, string name)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, bytes.Length < 2000 ? System.Text.Encoding.UTF8.GetString(bytes) : $"{bytes.Length} bytes");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/pdf");
        return FromBytes(bytes, name);
    }

    public static PdfText FromBytes(byte[] bytes, string name)
    {
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        var path = System.IO.Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        return new PdfText(path, bytes);
    }

    /// <summary>How often <paramref name="value"/> occurs in the compact text.</summary>
    public int Count(string value)
    {
        var count = 0;
        for (var i = Compact.IndexOf(value, StringComparison.Ordinal); i >= 0; i = Compact.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private string InfoField(string field)
    {
        var line = Info.Split('\n').FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        line.ShouldNotBeNull($"pdfinfo has no '{field}'");
        return line[(field.Length + 1)..].Trim();
    }

    private static string CreateFolder()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cpp-reporting-pdfs");
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.EnumerateFiles(folder, "*.pdf").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-2)))
        {
            try { File.Delete(old); } catch (IOException) { }
        }
        return folder;
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
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"([\d.]+)\s*x\s*([\d.]+)\s*pts")]
    private static partial Regex PageSizePattern();
}
