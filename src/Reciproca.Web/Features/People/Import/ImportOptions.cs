using System.Globalization;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// <c>Import:MaxFileBytes</c>: the largest HR export the import accepts (10 MB by default, about 100,000 rows of a
/// typical export). The server's request-body and form limits are set from it (see <see cref="MaxRequestBytes"/>),
/// since the import is the only upload: a larger request is refused with 413 before it is read.
/// </summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Room beside the file for the form's other parts (mapping, culture, antiforgery token) and the multipart framing.</summary>
    public const long FormAllowanceBytes = 64 * 1024;

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>The largest request body the server reads: the file and its form.</summary>
    public long MaxRequestBytes => MaxFileBytes + FormAllowanceBytes;

    /// <summary>The limit as people read it: "10 MB", "512 KB" (binary units, as file managers show sizes).</summary>
    public string MaxFileSizeText => Describe(MaxFileBytes);

    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture)} MB",
        >= 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.CurrentCulture)} KB",
        _ => $"{bytes.ToString(CultureInfo.CurrentCulture)} B",
    };
}
