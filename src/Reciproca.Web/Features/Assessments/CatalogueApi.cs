using System.Globalization;

namespace Reciproca.Web.Features.Assessments;

/// <summary>A text in both languages of the product.</summary>
public sealed record LocalizedText(string En, string It);

public sealed record CatalogueArea(string Id, LocalizedText Name);

public sealed record CatalogueCompetence(string Id, string Area, LocalizedText Name, LocalizedText? Description);

public sealed record CatalogueLevel(int Level, LocalizedText Band, LocalizedText Description);

public sealed record CompetenceCatalogue(IReadOnlyList<CatalogueArea> Areas, IReadOnlyList<CatalogueCompetence> Competences, IReadOnlyList<CatalogueLevel> Levels, string Attribution);

public sealed record CatalogueTopic(string Key, LocalizedText Name, bool BuiltIn);

public sealed record CatalogueLanguage(string Code, LocalizedText Name);

/// <summary>
/// Reference data for integrators, in both languages at once: the DigComp competences and levels an assessment
/// rates and a pact goal is tagged with, the experience topics seniors offer and juniors want, and the ISO 639-1
/// languages an assessment names.
/// </summary>
public static class CatalogueApi
{
    private static readonly CultureInfo _english = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo _italian = CultureInfo.GetCultureInfo("it");

    public static RouteGroupBuilder MapCatalogueApi(this RouteGroupBuilder api)
    {
        var catalogue = api.MapGroup("/catalogue").WithTags("Catalogue").RequireAuthorization();

        catalogue.MapGet("/competences", (DigCompCatalogue digComp) => TypedResults.Ok(Competences(digComp)))
            .WithName("ListCompetences")
            .WithSummary("The DigComp areas, competences (ids such as 2.4) and proficiency levels 1-8, in English and Italian.")
            .Produces<CompetenceCatalogue>();

        catalogue.MapGet("/topics", async (TopicCatalogue topics, CancellationToken ct) =>
                TypedResults.Ok(await topics.ListAsync(ct)))
            .WithName("ListTopics")
            .WithSummary("The experience topics in use (archived ones left out), by key.")
            .Produces<IReadOnlyList<CatalogueTopic>>();

        catalogue.MapGet("/languages", () => TypedResults.Ok(Languages()))
            .WithName("ListLanguages")
            .WithSummary("The ISO 639-1 languages an assessment accepts (codes such as it, en), with their English and Italian names.")
            .Produces<IReadOnlyList<CatalogueLanguage>>();

        return api;
    }

    internal static IReadOnlyList<CatalogueLanguage> Languages() =>
        [.. LanguageCatalogue.All.Select(l => new CatalogueLanguage(l.Code, new LocalizedText(l.En, l.It)))];

    internal static CompetenceCatalogue Competences(DigCompCatalogue digComp)
    {
        var (en, it) = (digComp.Competences(_english), digComp.Competences(_italian).ToDictionary(c => c.Id));
        var (areasEn, areasIt) = (digComp.Areas(_english), digComp.Areas(_italian).ToDictionary(a => a.Id));
        var (levelsEn, levelsIt) = (digComp.Levels(_english), digComp.Levels(_italian).ToDictionary(l => l.Level));
        return new CompetenceCatalogue(
            [.. areasEn.Select(a => new CatalogueArea(a.Id, new LocalizedText(a.Name, areasIt[a.Id].Name)))],
            [.. en.Select(c => new CatalogueCompetence(c.Id, c.Area, new LocalizedText(c.Name, it[c.Id].Name),
                c.Description is null ? null : new LocalizedText(c.Description, it[c.Id].Description ?? c.Description)))],
            [.. levelsEn.Select(l => new CatalogueLevel(l.Level, new LocalizedText(l.Band, levelsIt[l.Level].Band), new LocalizedText(l.Description, levelsIt[l.Level].Description)))],
            DigCompCatalogue.Attribution);
    }
}
