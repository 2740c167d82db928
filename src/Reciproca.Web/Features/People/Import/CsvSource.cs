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
    private const int SampleBytes = 64 * 1024;

    static CsvSource()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// A reader positioned before the header. Records with broken quoting are skipped by the reader and reported
    /// to <paramref name="malformed"/> with their line, so the importer can reject them by number.
    /// </summary>
    public static CsvReader Open(Stream stream, Action<CsvMalformedRecord>? malformed = null)
    {
        var encoding = DetectEncoding(stream);
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
    /// UTF-8 when the first 64 KiB are valid UTF-8 (or carry a BOM), Windows-1252 otherwise. The stream must be
    /// seekable for the sniff; a forward-only stream is read as UTF-8.
    /// </summary>
    internal static Encoding DetectEncoding(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return new UTF8Encoding(false);
        }

        var start = stream.Position;
        var buffer = new byte[SampleBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }

        stream.Position = start;
        var sample = buffer.AsSpan(0, read);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UTF8Encoding(false);
        }

        // A multi-byte character cut by the end of the sample is not an error: drop up to three trailing bytes.
        if (read == SampleBytes)
        {
            var cut = sample.Length - 1;
            while (cut > sample.Length - 4 && (sample[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            if ((sample[cut] & 0x80) != 0)
            {
                sample = sample[..cut];
            }
        }

        return System.Text.Unicode.Utf8.IsValid(sample) ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
    }
}
