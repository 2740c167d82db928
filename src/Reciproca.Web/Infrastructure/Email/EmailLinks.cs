using System.Globalization;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>Absolute links for e-mails, and the language a recipient reads.</summary>
public sealed class EmailLinks(PublicAddress address)
{
    /// <summary>
    /// <paramref name="path"/> under the application's public address (<see cref="PublicAddress"/>), whoever asks:
    /// a request, whatever its <c>Host</c> header, and a background job get the same link.
    /// </summary>
    public string Absolute(string path) => address.Root + path;

    /// <summary>
    /// The first of the person's languages that the application speaks, else the language of whoever sends: HR
    /// writing in Italian to a person whose export says "English" writes to them in English.
    /// </summary>
    public static CultureInfo CultureFor(IEnumerable<string> languages, CultureInfo fallback)
    {
        foreach (var language in languages)
        {
            var code = language.Trim().ToLowerInvariant() switch
            {
                "it" or "ita" or "italian" or "italiano" => "it",
                "en" or "eng" or "english" or "inglese" => "en",
                _ => null,
            };
            if (code is not null)
            {
                return CultureInfo.GetCultureInfo(code);
            }
        }

        return fallback.TwoLetterISOLanguageName is "it" or "en" ? CultureInfo.GetCultureInfo(fallback.TwoLetterISOLanguageName) : CultureInfo.GetCultureInfo("en");
    }

    /// <summary>Renders in <paramref name="culture"/>: the localiser reads the current UI culture.</summary>
    public static T In<T>(CultureInfo culture, Func<T> render)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = current;
        }
    }
}
