using System.Globalization;
using System.Text.Json;

namespace Reciproca.Web.Features.Assessments;

public sealed record DigCompArea(string Id, string Name);

public sealed record DigCompCompetence(string Id, string Area, string Name, string? Description);

/// <summary><see cref="Short"/> is a one-line, first-person summary of the description, written for Reciproca (see DigComp/NOTICE.md).</summary>
public sealed record DigCompLevel(int Level, string Band, string Description, string Short = "");

/// <summary>
/// The 21 DigComp competences and 8 proficiency levels in English and Italian, from the texts in
/// <c>DigComp/</c> (see its NOTICE.md for sources and licences). Loaded once; immutable.
/// </summary>
public sealed class DigCompCatalogue
{
    public const int MinLevel = 1;
    public const int MaxLevel = 8;

    /// <summary>What the licences of the texts ask to be said wherever they are shown (see DigComp/NOTICE.md).</summary>
    public const string Attribution =
        "DigComp 2.2 (JRC128415) and DigComp 3.0 (JRC144121) © European Union, CC BY 4.0, selected fields reorganised; " +
        "Italian names from the official DigComp 2.2 translation (Dipartimento per la trasformazione digitale, 2023), CC BY-SA 4.0; " +
        "Italian level descriptions translated for Reciproca, CC BY-SA 4.0.";

    private readonly Language _english;
    private readonly Language _italian;

    public DigCompCatalogue()
    {
        _english = Load("en");
        _italian = Load("it");
        CompetenceIds = _english.Competences.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> CompetenceIds { get; }

    public bool IsCompetence(string id) => CompetenceIds.Contains(id);

    public IReadOnlyList<DigCompArea> Areas(CultureInfo culture) => For(culture).Areas;

    public IReadOnlyList<DigCompCompetence> Competences(CultureInfo culture) => For(culture).Competences;

    public IReadOnlyList<DigCompLevel> Levels(CultureInfo culture) => For(culture).Levels;

    public string NameOf(string competenceId, CultureInfo culture) =>
        For(culture).Competences.FirstOrDefault(c => c.Id == competenceId)?.Name ?? competenceId;

    private Language For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "it" ? _italian : _english;

    private static Language Load(string language)
    {
        using var stream = typeof(DigCompCatalogue).Assembly.GetManifestResourceStream($"DigComp.digcomp-{language}.json")
            ?? throw new InvalidOperationException($"The DigComp resource for '{language}' is missing from the assembly.");
        return JsonSerializer.Deserialize<Language>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"The DigComp resource for '{language}' is empty.");
    }

    private sealed record Language(string Framework, List<DigCompArea> Areas, List<DigCompCompetence> Competences, List<DigCompLevel> Levels);
}
