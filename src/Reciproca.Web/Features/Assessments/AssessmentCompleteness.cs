using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Features.Assessments;

/// <summary>
/// Something an assessment lacks to be complete, named for people: an unrated competence (key "1.2"), a wish or
/// offer (key <c>wishes</c>) or a language (key <c>languages</c>).
/// </summary>
public sealed record MissingItem(string Key, string Name);

/// <summary>
/// What a complete assessment is: every DigComp competence rated, at least one wish or offer (a competence to
/// learn, a topic offered or a topic wanted), and at least one language. Anything less can only be a draft.
/// </summary>
public static class AssessmentCompleteness
{
    public const string Wishes = "wishes";
    public const string Languages = "languages";

    public static IReadOnlyList<MissingItem> Missing(
        DigCompCatalogue digComp, IEnumerable<string> rated, int wishesAndOffers, int languages, IStringLocalizer localizer, CultureInfo culture)
    {
        var done = rated.ToHashSet(StringComparer.Ordinal);
        var missing = digComp.Competences(culture).Where(c => !done.Contains(c.Id))
            .Select(c => new MissingItem(c.Id, localizer["Assessment.Missing.Competence", c.Id, c.Name])).ToList();
        if (wishesAndOffers == 0)
        {
            missing.Add(new MissingItem(Wishes, localizer["Assessment.Missing.Wishes"]));
        }

        if (languages == 0)
        {
            missing.Add(new MissingItem(Languages, localizer["Assessment.Missing.Languages"]));
        }

        return missing;
    }

    public static IReadOnlyList<MissingItem> Missing(Assessment assessment, DigCompCatalogue digComp, IStringLocalizer localizer, CultureInfo culture) =>
        Missing(digComp, assessment.Levels.Select(l => l.CompetenceId),
            assessment.WantedCompetences.Count + assessment.OfferedTopics.Count + assessment.WantedTopics.Count,
            assessment.Languages.Count, localizer, culture);
}
