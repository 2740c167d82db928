using System.Globalization;
using Microsoft.Extensions.Localization;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Pairs;

/// <summary>Turns the engine's explanation data (competence ids, topic keys, rule codes) into words in the user's language.</summary>
public sealed class ExplanationText(DigCompCatalogue digComp, IReadOnlyDictionary<string, ExperienceTopic> topics, IStringLocalizer localizer)
{
    public string Competence(string id) => $"{id} {digComp.NameOf(id, CultureInfo.CurrentUICulture)}";

    public string Topic(string key) => topics.TryGetValue(key, out var topic) ? topic.Name(CultureInfo.CurrentUICulture) : key;

    public IEnumerable<string> ToSenior(PairExplanation explanation) =>
        explanation.ToSenior.Select(c => localizer.Count("Explain.Competence", c.Value, Competence(c.Key)).Value);

    public IEnumerable<string> ToJunior(PairExplanation explanation) =>
        explanation.ToJunior.Select(c => Topic(c.Key));

    public string Rule(RuleCode code) => localizer[$"Rule.{code}"];

    public string Rule(string code) => localizer[$"Rule.{code}"];

    /// <summary>A benefit in 1/10,000 as a percentage.</summary>
    public static string Percent(int benefit) => (benefit / 100.0).ToString("0", CultureInfo.CurrentCulture) + " %";
}
