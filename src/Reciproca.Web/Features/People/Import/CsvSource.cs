using System.Globalization;
using System.Text;
using CsvHelper;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Opens an HR export as CSV whatever its dialect: comma, semicolon or tab; with or without a byte-order mark;
/// UTF-8 or, failing that, Windows-1252 (what Excel writes for "CSV" on an Italian Windows); any line endings.
/// </summary>
public static class CsvSource
{
    static CsvSource()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// A reader positioned before the header, in the encoding <see cref="DetectEncoding"/> finds (Windows-1252 for a
    /// file that is neither: the caller that stores data checks <see cref="DetectEncoding"/> first). Records with
    /// broken quoting are skipped by the reader and reported to <paramref name="malformed"/> with their line, so the
    /// importer can reject them by number.
    /// </summary>
    public static CsvReader Open(Stream stream, Action<CsvMalformedRecord>? malformed = null) =>
        Open(stream, DetectEncoding(stream).Encoding ?? Encoding.GetEncoding(1252), malformed);

    public static CsvReader Open(Stream stream, Encoding encoding, Action<CsvMalformedRecord>? malformed = null)
    {
        var options = new CsvReaderOptions
        {
            Separator = null,
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = malformed is null ? CsvMalformedDataHandling.Recover : CsvMalformedDataHandling.Skip,
            // Short and long rows are reported by the importer with their row number, not skipped silently.
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = malformed,
            Encoding = encoding is UTF8Encoding ? null : encoding,
        };
        return CsvReader.Create(stream, options, leaveOpen: true);
    }

    /// <summary>
    /// The encoding of the whole file, read once through (a sample is not enough: an export sorted by name may reach its
    /// first accent after 64 KiB): UTF-8 when every byte sequence is valid UTF-8 (or the file starts with a byte-order
    /// mark); Windows-1252 when it is not, but no byte is undefined in Windows-1252 and no valid multi-byte UTF-8
    /// sequence appears either (a file with both is UTF-8 pasted into a Windows-1252 one: read either way, part of it
    /// would be garbled); otherwise no encoding, and the first line that is not UTF-8. The stream is left where it was.
    /// A forward-only stream cannot be read twice and is taken as UTF-8.
    /// </summary>
    public static EncodingDetection DetectEncoding(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return new EncodingDetection(new UTF8Encoding(false), null);
        }

        var start = stream.Position;
        try
        {
            var scan = new Utf8Scan();
            var buffer = new byte[ChunkBytes];
            var first = true;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (first && StartsWithByteOrderMark(chunk))
                {
                    // The reader honours the mark (UTF-8 or UTF-16) itself.
                    return new EncodingDetection(new UTF8Encoding(false), null);
                }

                first = false;
                scan.Add(chunk);
            }

            scan.End();
            if (scan.FirstInvalidLine is not { } badLine)
            {
                return new EncodingDetection(new UTF8Encoding(false), null);
            }

            return scan.SawMultiByteUtf8 || scan.SawUndefinedIn1252
                ? new EncodingDetection(null, badLine)
                : new EncodingDetection(Encoding.GetEncoding(1252), null);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private const int ChunkBytes = 64 * 1024;

    private static bool StartsWithByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>
    /// A strict UTF-8 validator (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) that runs over
    /// chunks, so a character cut by a chunk's end is not an error, and counts lines to name the first bad one.
    /// </summary>
    private sealed class Utf8Scan
    {
        private int _line = 1;
        private int _continuations;
        private byte _low = 0x80;
        private byte _high = 0xBF;

        public int? FirstInvalidLine { get; private set; }

        public bool SawMultiByteUtf8 { get; private set; }

        /// <summary>Any of the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).</summary>
        public bool SawUndefinedIn1252 { get; private set; }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
                {
                    SawUndefinedIn1252 = true;
                }

                if (_continuations > 0)
                {
                    if (b >= _low && b <= _high)
                    {
                        _continuations--;
                        (_low, _high) = (0x80, 0xBF);
                        SawMultiByteUtf8 |= _continuations == 0;
                        continue;
                    }

                    // The sequence stopped short; the byte that stopped it starts afresh.
                    Invalid();
                    _continuations = 0;
                }

                Lead(b);
            }
        }

        public void End()
        {
            if (_continuations > 0)
            {
                Invalid();
            }
        }

        private void Lead(byte b)
        {
            (_continuations, _low, _high) = b switch
            {
                < 0x80 => (0, (byte)0x80, (byte)0xBF),
                >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
                0xE0 => (2, (byte)0xA0, (byte)0xBF),
                0xED => (2, (byte)0x80, (byte)0x9F),
                >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
                0xF0 => (3, (byte)0x90, (byte)0xBF),
                >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
                0xF4 => (3, (byte)0x80, (byte)0x8F),
                _ => (-1, (byte)0x80, (byte)0xBF),
            };
            if (_continuations < 0)
            {
                Invalid();
                _continuations = 0;
            }

            if (b == (byte)'\n')
            {
                _line++;
            }
        }

        private void Invalid() => FirstInvalidLine ??= _line;
    }
}

/// <summary>The encoding a file is read in, or (when it is neither UTF-8 nor Windows-1252) the first line that is not UTF-8.</summary>
public sealed record EncodingDetection(Encoding? Encoding, int? FirstBadLine);
