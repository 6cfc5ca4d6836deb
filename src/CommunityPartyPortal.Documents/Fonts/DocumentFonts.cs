using PdfSharp.Fonts;

// Root namespace on purpose: a CommunityPartyPortal.Documents.Fonts namespace would hide OpenXml's Spreadsheet.Fonts in the Excel code.
namespace CommunityPartyPortal.Documents;

/// <summary>Where the two TrueType files of the forms' Song typeface were found.</summary>
/// <param name="RegularPath">NotoSerifSC_400Regular.ttf.</param>
/// <param name="BoldPath">NotoSerifSC_700Bold.ttf, or null when only the regular face exists (bold text then uses it).</param>
/// <param name="Source">Which search step found them (argument, PORTAL_FONT_DIR, base directory, source tree).</param>
public sealed record DocumentFontLocation(string RegularPath, string? BoldPath, string Source);

/// <summary>
/// The Song (宋体) typeface of the printed forms: Noto Serif SC, a TrueType (glyf) CJK font that PDFsharp
/// can subset and embed. Call <see cref="Initialize"/> once at start-up (the form renderers call it too,
/// without arguments, so it is optional). It is idempotent and thread-safe, sets the PDFsharp AGPL
/// license and installs the process-wide PDFsharp font resolver; the first successful call wins.
/// </summary>
public static class DocumentFonts
{
    /// <summary>The family name to pass to <c>XFont</c>; every other family name resolves to it as well.</summary>
    public const string SongFamily = "Noto Serif SC";

    public const string RegularFileName = "NotoSerifSC_400Regular.ttf";
    public const string BoldFileName = "NotoSerifSC_700Bold.ttf";

    /// <summary>The environment variable naming a folder that holds the two font files.</summary>
    public const string FontDirectoryVariable = "PORTAL_FONT_DIR";

    private const string WebProject = "src/CommunityPartyPortal.Web";
    private const string NpmPackage = "node_modules/@expo-google-fonts/noto-serif-sc";

    private static readonly Lock Gate = new();
    private static volatile DocumentFontLocation? _location;

    /// <summary>True once <see cref="Initialize"/> has succeeded.</summary>
    public static bool IsInitialized => _location is not null;

    /// <summary>The font files in use, or null before <see cref="Initialize"/>.</summary>
    public static DocumentFontLocation? Location => _location;

    /// <summary>
    /// Finds the font files and installs the resolver. Search order: <paramref name="fontFolder"/>, the
    /// PORTAL_FONT_DIR variable, AppContext.BaseDirectory/fonts, then each parent of AppContext.BaseDirectory
    /// holding src/CommunityPartyPortal.Web/App_Fonts or the npm package under src/CommunityPartyPortal.Web/node_modules.
    /// A folder may hold the two files directly or in 400Regular/ and 700Bold/ (the npm package layout).
    /// </summary>
    /// <exception cref="FileNotFoundException">The regular face was found nowhere; the message lists where it looked.</exception>
    public static DocumentFontLocation Initialize(string? fontFolder = null)
    {
        var done = _location;
        if (done is not null)
        {
            return done;
        }

        lock (Gate)
        {
            if (_location is not null)
            {
                return _location;
            }

            if (!TryLocate(fontFolder, out var location, out var searched))
            {
                throw new FileNotFoundException(
                    $"The Song typeface of the printed forms ({SongFamily}: {RegularFileName}, {BoldFileName}) was not found. " +
                    $"Build the Web project once (dotnet build {WebProject}): its npm install fetches @expo-google-fonts/noto-serif-sc " +
                    $"and copies the two files into {WebProject}/App_Fonts. On a server, copy them into a folder and set " +
                    $"{FontDirectoryVariable} to it (or into 'fonts' beside the application). Looked in: " +
                    string.Join("; ", searched),
                    RegularFileName);
            }

            PdfSharp.PdfSharpLicense.SetAgplLicense();
            var resolver = new SongFontResolver(location);
            if (GlobalFontSettings.FontResolver is not SongFontResolver)
            {
                GlobalFontSettings.FontResolver = resolver;
            }

            _location = location;
            return location;
        }
    }

    /// <summary>Looks for the font files without installing anything (for health checks and diagnostics).</summary>
    public static bool TryLocate(string? fontFolder, out DocumentFontLocation location, out IReadOnlyList<string> searched)
    {
        var tried = new List<string>();
        searched = tried;

        if (!string.IsNullOrWhiteSpace(fontFolder) && TryFolder(fontFolder, "argument", tried, out location))
        {
            return true;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(FontDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && TryFolder(fromEnvironment, FontDirectoryVariable, tried, out location))
        {
            return true;
        }

        var baseDirectory = AppContext.BaseDirectory;
        if (TryFolder(Path.Combine(baseDirectory, "fonts"), "AppContext.BaseDirectory/fonts", tried, out location))
        {
            return true;
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var web = Path.Combine(dir.FullName, "src", "CommunityPartyPortal.Web");
            if (!Directory.Exists(web))
            {
                continue;
            }

            if (TryFolder(Path.Combine(web, "App_Fonts"), "source tree App_Fonts", tried, out location) ||
                TryFolder(Path.Combine(web, NpmPackage), "source tree node_modules", tried, out location))
            {
                return true;
            }
        }

        tried.Add($"parents of {baseDirectory} holding {WebProject}/App_Fonts or {WebProject}/{NpmPackage}");
        location = null!;
        return false;
    }

    private static bool TryFolder(string folder, string source, List<string> tried, out DocumentFontLocation location)
    {
        var full = Path.GetFullPath(folder);
        tried.Add($"{full} ({source})");
        location = null!;

        var regular = FirstExisting(Path.Combine(full, RegularFileName), Path.Combine(full, "400Regular", RegularFileName));
        if (regular is null)
        {
            return false;
        }

        var bold = FirstExisting(Path.Combine(full, BoldFileName), Path.Combine(full, "700Bold", BoldFileName));
        location = new DocumentFontLocation(regular, bold, source);
        return true;
    }

    private static string? FirstExisting(params string[] paths) => paths.FirstOrDefault(File.Exists);

    /// <summary>Maps every family to Noto Serif SC; bold requests get the bold face.</summary>
    private sealed class SongFontResolver(DocumentFontLocation location) : IFontResolver
    {
        private const string RegularFace = "NotoSerifSC-Regular";
        private const string BoldFace = "NotoSerifSC-Bold";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            // PDFsharp cannot simulate bold: without the bold file, bold text is set in the regular face.
            return new FontResolverInfo(bold && location.BoldPath is not null ? BoldFace : RegularFace);
        }

        // PDFsharp asks once per face and caches the parsed font for the process.
        public byte[]? GetFont(string faceName) => faceName switch
        {
            BoldFace when location.BoldPath is not null => File.ReadAllBytes(location.BoldPath),
            _ => File.ReadAllBytes(location.RegularPath),
        };
    }
}
