using System.Globalization;

namespace Reciproca.Web.Infrastructure.Web.Localization;

/// <summary>
/// How dates and times are shown (<c>Display</c> section). The UI speaks English or Italian; the English texts format
/// dates as <see cref="EnglishFormat"/> (day before month by default, as in Italy and the UK), and times read in
/// <see cref="TimeZone"/> until a person's own zone is known.
/// </summary>
public sealed class DisplayOptions
{
    public const string SectionName = "Display";

    /// <summary>The culture English pages format numbers and dates with: <c>en-GB</c> (31/01/2027), or e.g. <c>en-US</c>, <c>en-IE</c>.</summary>
    public string EnglishFormat { get; set; } = "en-GB";

    /// <summary>An IANA zone name: the zone the pages show times in.</summary>
    public string TimeZone { get; set; } = "Europe/Rome";

    public CultureInfo EnglishFormatCulture()
    {
        var culture = CultureInfo.GetCultureInfo(EnglishFormat);
        return culture.TwoLetterISOLanguageName == "en"
            ? culture
            : throw new InvalidOperationException($"Display:EnglishFormat must be an English culture such as en-GB or en-US, not '{EnglishFormat}'.");
    }

    public TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"Display:TimeZone '{TimeZone}' is not a time zone of this system (use an IANA name such as Europe/Rome).");
}
