using System.Globalization;
using System.Text.Json;

namespace Reciproca.Web.Features.Assessments;

public sealed record IsoLanguage(string Code, string En, string It, IReadOnlyList<string> Aliases)
{
    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "it" ? It : En;
}

/// <summary>
/// The 184 ISO 639-1 languages with their English and Italian names, carried in <c>Languages/iso-639-1.json</c> (codes from
/// the ISO 639 list, names from the Unicode CLDR), so that the product does not depend on the ICU data of the host.
/// Assessments store codes only; names and older spellings are mapped to codes by <see cref="Normalise"/>.
/// </summary>
public static class LanguageCatalogue
{
    /// <summary>The languages offered first on the assessment page: the ones most people here speak.</summary>
    public static readonly IReadOnlyList<string> Common = ["it", "en", "fr", "de", "es", "pt", "ro", "ar", "zh", "uk", "ru", "sq"];

    private static readonly Dictionary<string, IsoLanguage> _byCode;
    private static readonly Dictionary<string, string> _byName;

    static LanguageCatalogue()
    {
        using var stream = typeof(LanguageCatalogue).Assembly.GetManifestResourceStream("Languages.iso-639-1.json")
            ?? throw new InvalidOperationException("The ISO 639-1 resource is missing from the assembly.");
        var all = JsonSerializer.Deserialize<List<IsoLanguage>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The ISO 639-1 resource is empty.");
        All = all;
        _byCode = all.ToDictionary(l => l.Code, StringComparer.Ordinal);
        _byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in all)
        {
            foreach (var name in language.Aliases.Append(language.En).Append(language.It))
            {
                _byName.TryAdd(name, language.Code);
            }
        }
    }

    public static IReadOnlyList<IsoLanguage> All { get; }

    /// <summary>Exactly a lower-case ISO 639-1 code ("it"), as the API accepts and assessments store.</summary>
    public static bool IsCode(string value) => _byCode.ContainsKey(value);

    public static string Name(string code, CultureInfo culture) => _byCode.TryGetValue(code, out var language) ? language.Name(culture) : code;

    /// <summary>
    /// The codes of what people and HR exports wrote before languages were chosen from a list: a code in any case
    /// ("IT"), a regional tag ("en-GB"), an English or Italian name ("inglese"). What cannot be mapped is dropped.
    /// </summary>
    public static List<string> Normalise(IEnumerable<string> values)
    {
        var codes = new List<string>();
        foreach (var raw in values)
        {
            var code = ToCode(raw);
            if (code is not null && !codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    private static string? ToCode(string raw)
    {
        var value = raw.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        var lower = value.ToLowerInvariant();
        if (_byCode.ContainsKey(lower))
        {
            return lower;
        }

        var dash = lower.IndexOfAny(['-', '_']);
        if (dash == 2 && _byCode.ContainsKey(lower[..2]))
        {
            return lower[..2];
        }

        return _byName.GetValueOrDefault(value);
    }
}
