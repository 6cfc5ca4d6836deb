using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;

namespace CommunityPartyPortal.Documents.Pdf;

/// <summary>A piece of running text: plain, underlined (a filled-in blank of a paper form) or bold.</summary>
public sealed record TextRun(string Text, bool Underline = false, bool Bold = false)
{
    public static implicit operator TextRun(string text) => new(text);
}

/// <summary>One laid-out line: segments of runs with their x offsets (mm from the line start).</summary>
internal sealed record LaidOutLine(IReadOnlyList<LineSegment> Segments, double Width);

internal sealed record LineSegment(int Run, string Text, double X, double Width);

/// <summary>
/// Measures and wraps Chinese text by character (Latin words and numbers such as ID numbers stay whole
/// when they fit), keeping closing punctuation off the start of a line and opening brackets off its end.
/// </summary>
internal static class TextLayout
{
    private const string NoLineStart = "，。、；：？！）》」』】〕〉’”…—·．,.;:!?)]}%％";
    private const string NoLineEnd = "（《「『【〔〈‘“([{";

    // Advance widths per em, measured once per face and character for the process.
    private static readonly ConcurrentDictionary<(bool Bold, int CodePoint), double> EmWidths = new();

    public static double Width(XGraphics gfx, XFont font, string text)
    {
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += RuneWidth(gfx, font, rune);
        }

        return width;
    }

    /// <summary>Width in mm.</summary>
    public static double RuneWidth(XGraphics gfx, XFont font, Rune rune)
    {
        var em = EmWidths.GetOrAdd((font.Bold, rune.Value), static (key, state) =>
        {
            var (g, f) = state;
            var measured = g.MeasureString(new Rune(key.CodePoint).ToString(), f).Width;
            return Mm.FromPoints(measured) / f.Size;
        }, (gfx, font));
        return em * font.Size;
    }

    /// <summary>Wraps runs into lines no wider than <paramref name="width"/> (mm); the first line is indented.</summary>
    public static List<LaidOutLine> Wrap(
        XGraphics gfx, IReadOnlyList<TextRun> runs, XFont regular, XFont bold, double width, double firstLineIndent = 0)
    {
        var lines = new List<LaidOutLine>();
        var current = new List<Unit>();
        var currentWidth = 0.0;
        var limit = Math.Max(width - firstLineIndent, 1);

        void Flush()
        {
            lines.Add(ToLine(current, currentWidth));
            current = [];
            currentWidth = 0;
            limit = Math.Max(width, 1);
        }

        foreach (var unit in Tokenize(gfx, runs, regular, bold))
        {
            if (unit.IsBreak)
            {
                Flush();
                continue;
            }

            if (currentWidth + unit.Width <= limit + 0.01)
            {
                current.Add(unit);
                currentWidth += unit.Width;
                continue;
            }

            if (unit.IsWord && unit.Width > limit)
            {
                // A word longer than a line: break it by character.
                foreach (var piece in unit.Split())
                {
                    if (currentWidth + piece.Width > limit + 0.01 && current.Count > 0)
                    {
                        Flush();
                    }

                    current.Add(piece);
                    currentWidth += piece.Width;
                }

                continue;
            }

            if (current.Count == 0)
            {
                current.Add(unit);
                currentWidth += unit.Width;
                continue;
            }

            // Line break before this unit: keep punctuation rules by carrying the previous unit along.
            var carried = new List<Unit>();
            if (unit.Text.Length > 0 && NoLineStart.Contains(unit.Text[0]))
            {
                // Carry the last visible unit (and the spaces after it) down with the punctuation.
                var last = current.FindLastIndex(u => !u.IsSpace);
                if (last > 0)
                {
                    carried.AddRange(current.GetRange(last, current.Count - last));
                    current.RemoveRange(last, current.Count - last);
                }
            }

            while (current.Count > 1 && current[^1].Text.Length > 0 && NoLineEnd.Contains(current[^1].Text[^1]))
            {
                carried.Insert(0, current[^1]);
                current.RemoveAt(current.Count - 1);
            }

            currentWidth = current.Sum(u => u.Width);
            TrimTrailingSpaces(current, ref currentWidth);
            Flush();
            foreach (var c in carried)
            {
                current.Add(c);
                currentWidth += c.Width;
            }

            if (!(unit.IsSpace && current.Count == 0))
            {
                current.Add(unit);
                currentWidth += unit.Width;
            }
        }

        if (current.Count > 0 || lines.Count == 0)
        {
            lines.Add(ToLine(current, currentWidth));
        }

        return lines;
    }

    private static void TrimTrailingSpaces(List<Unit> line, ref double width)
    {
        while (line.Count > 0 && line[^1].IsSpace)
        {
            width -= line[^1].Width;
            line.RemoveAt(line.Count - 1);
        }
    }

    private static LaidOutLine ToLine(List<Unit> units, double width)
    {
        var segments = new List<LineSegment>();
        var x = 0.0;
        var text = new StringBuilder();
        var run = -1;
        var segmentX = 0.0;
        var segmentWidth = 0.0;
        foreach (var unit in units)
        {
            if (unit.Run != run && text.Length > 0)
            {
                segments.Add(new LineSegment(run, text.ToString(), segmentX, segmentWidth));
                text.Clear();
            }

            if (text.Length == 0)
            {
                run = unit.Run;
                segmentX = x;
                segmentWidth = 0;
            }

            text.Append(unit.Text);
            segmentWidth += unit.Width;
            x += unit.Width;
        }

        if (text.Length > 0)
        {
            segments.Add(new LineSegment(run, text.ToString(), segmentX, segmentWidth));
        }

        return new LaidOutLine(segments, width);
    }

    private static IEnumerable<Unit> Tokenize(XGraphics gfx, IReadOnlyList<TextRun> runs, XFont regular, XFont bold)
    {
        for (var r = 0; r < runs.Count; r++)
        {
            var font = runs[r].Bold ? bold : regular;
            var text = runs[r].Text ?? string.Empty;
            var word = new StringBuilder();
            var wordWidths = new List<(string Text, double Width)>();

            for (var i = 0; i < text.Length;)
            {
                var rune = Rune.GetRuneAt(text, i);
                i += rune.Utf16SequenceLength;
                if (rune.Value == '\r')
                {
                    continue;
                }

                var isWordChar = rune.Value is > 32 and < 127;
                if (!isWordChar && word.Length > 0)
                {
                    yield return new Unit(r, word.ToString(), wordWidths.Sum(w => w.Width), IsWord: true, Pieces: [.. wordWidths]);
                    word.Clear();
                    wordWidths.Clear();
                }

                if (rune.Value == '\n')
                {
                    yield return new Unit(r, string.Empty, 0, IsBreak: true);
                    continue;
                }

                var s = rune.ToString();
                var w = RuneWidth(gfx, font, rune);
                if (isWordChar)
                {
                    word.Append(s);
                    wordWidths.Add((s, w));
                }
                else
                {
                    yield return new Unit(r, s, w, IsSpace: Rune.IsWhiteSpace(rune));
                }
            }

            if (word.Length > 0)
            {
                yield return new Unit(r, word.ToString(), wordWidths.Sum(w => w.Width), IsWord: true, Pieces: [.. wordWidths]);
            }
        }
    }

    private sealed record Unit(
        int Run,
        string Text,
        double Width,
        bool IsWord = false,
        bool IsSpace = false,
        bool IsBreak = false,
        IReadOnlyList<(string Text, double Width)>? Pieces = null)
    {
        public IEnumerable<Unit> Split() =>
            (Pieces ?? [(Text, Width)]).Select(p => new Unit(Run, p.Text, p.Width));
    }
}
