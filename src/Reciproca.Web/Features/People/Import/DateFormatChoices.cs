using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// The import's date and number formats as a person recognises them: by an example ("31/01/2026 (giorno/mese/anno),
/// 1.234,5"), not by a culture code; the page's own culture comes first and is chosen by default.
/// </summary>
public static class DateFormatChoices
{
    public static IReadOnlyList<string> Cultures { get; } = ["it-IT", "en-GB", "en-US", "de-DE", "fr-FR", "es-ES"];

    private static readonly DateTime _example = new(2026, 1, 31);

    /// <summary>The culture a person of this page most likely exported from: the page's format culture, if offered.</summary>
    public static string Default(CultureInfo current) =>
        Cultures.Contains(current.Name) ? current.Name : Cultures.FirstOrDefault(c => c.StartsWith(current.TwoLetterISOLanguageName + "-", StringComparison.Ordinal)) ?? "";

    public static string Label(string cultureName, IStringLocalizer localizer)
    {
        if (cultureName.Length == 0)
        {
            return localizer["Import.CultureIso"];
        }

        var culture = CultureInfo.GetCultureInfo(cultureName);
        return localizer["Import.CultureExample", _example.ToString("d", culture), localizer[$"Import.DateOrder.{Order(culture)}"], 1234.5.ToString("N1", culture), cultureName];
    }

    // The order of day, month and year in the culture's short date pattern: "dd/MM/yyyy" is DMY.
    private static string Order(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.ShortDatePattern;
        return string.Concat(new[] { ('D', pattern.IndexOf('d', StringComparison.Ordinal)), ('M', pattern.IndexOf('M', StringComparison.Ordinal)), ('Y', pattern.IndexOf('y', StringComparison.Ordinal)) }
            .OrderBy(part => part.Item2)
            .Select(part => part.Item1));
    }
}
