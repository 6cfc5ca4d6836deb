using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace CommunityPartyPortal.Documents.Excel;

public sealed partial class XlsxWorkbookWriter
{
    /// <summary>
    /// A forward-only UTF-8 writer of the worksheet XML: markup is written as UTF-8 literals, text and attribute
    /// values escaped, numbers formatted straight into the buffer, and the buffer goes to the zip entry 64 KB at a
    /// time. It replaces the SDK's <c>OpenXmlWriter</c> for the sheet parts, whose element objects and per-attribute
    /// strings made each of the 1.2 million cells of a 60,000-row roster cost about a microsecond.
    /// The caller writes well-formed markup; text must already be XML-safe (see <see cref="XlsxText.Encode"/>).
    /// </summary>
    private sealed class XmlOut : IDisposable
    {
        private const int BufferSize = 64 * 1024;
        private const int Chunk = 4 * 1024; // chars encoded at a time (at most 3 bytes each)

        private static readonly SearchValues<char> TextEscapes = SearchValues.Create("&<>");
        private static readonly SearchValues<char> AttributeEscapes = SearchValues.Create("&<>\"\t\n\r");

        private readonly Stream _stream;
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        private int _pos;

        public XmlOut(Stream stream) => _stream = stream;

        private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(XmlOut));

        /// <summary>Markup (or any text known to need no escaping), already UTF-8.</summary>
        public void Raw(ReadOnlySpan<byte> utf8)
        {
            var buffer = Buffer;
            if (utf8.Length > buffer.Length - _pos)
            {
                Flush();
                if (utf8.Length > buffer.Length)
                {
                    _stream.Write(utf8);
                    return;
                }
            }
            utf8.CopyTo(buffer.AsSpan(_pos));
            _pos += utf8.Length;
        }

        public void Number(long value)
        {
            Reserve(24);
            value.TryFormat(Buffer.AsSpan(_pos), out var written, default, CultureInfo.InvariantCulture);
            _pos += written;
        }

        /// <summary>A decimal as <see cref="decimal.ToString(IFormatProvider)"/> with the invariant culture writes it.</summary>
        public void Number(decimal value)
        {
            Reserve(48);
            value.TryFormat(Buffer.AsSpan(_pos), out var written, default, CultureInfo.InvariantCulture);
            _pos += written;
        }

        /// <summary>A double as XML Schema writes it (as the SDK wrote widths and margins).</summary>
        public void Number(double value) => Text(XmlConvert.ToString(value));

        /// <summary>Element content: &amp;, &lt; and &gt; escaped.</summary>
        public void Text(ReadOnlySpan<char> text) => Escaped(text, TextEscapes);

        /// <summary>An attribute value (in double quotes): &amp;, &lt;, &gt;, the quote, tab and line breaks escaped.</summary>
        public void Attribute(ReadOnlySpan<char> value) => Escaped(value, AttributeEscapes);

        private void Escaped(ReadOnlySpan<char> text, SearchValues<char> escapes)
        {
            while (!text.IsEmpty)
            {
                var i = text.IndexOfAny(escapes);
                Utf8(i < 0 ? text : text[..i]);
                if (i < 0) return;
                Raw(text[i] switch
                {
                    '&' => "&amp;"u8,
                    '<' => "&lt;"u8,
                    '>' => "&gt;"u8,
                    '"' => "&quot;"u8,
                    '\t' => "&#x9;"u8,
                    '\n' => "&#xA;"u8,
                    _ => "&#xD;"u8,
                });
                text = text[(i + 1)..];
            }
        }

        private void Utf8(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                var take = Math.Min(chars.Length, Chunk);
                if (take < chars.Length && char.IsHighSurrogate(chars[take - 1])) take--; // keep a pair together
                Reserve(take * 3);
                _pos += Encoding.UTF8.GetBytes(chars[..take], Buffer.AsSpan(_pos));
                chars = chars[take..];
            }
        }

        private void Reserve(int bytes)
        {
            if (Buffer.Length - _pos < bytes) Flush();
        }

        public void Flush()
        {
            if (_pos == 0) return;
            _stream.Write(Buffer, 0, _pos);
            _pos = 0;
        }

        /// <summary>Returns the buffer; call <see cref="Flush"/> first to keep what was written.</summary>
        public void Dispose()
        {
            if (_buffer is null) return;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
