using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web.Localization;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Every counted text has both forms in both languages, and a count picks the right one.</summary>
public sealed class PluralResourcesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private IStringLocalizer<SharedResource> Localizer => fixture.Require().Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    public void Every_counted_text_has_a_one_and_an_other_form(string language)
    {
        // English is the neutral resource file itself; Italian must have its own forms, not fall back to English ones.
        var keys = EmailLinks.In(CultureInfo.GetCultureInfo(language), () => Localizer.GetAllStrings(includeParentCultures: language == "en").Select(s => s.Name).ToHashSet(StringComparer.Ordinal));
        var counted = keys.Where(k => k.EndsWith(".One", StringComparison.Ordinal) || k.EndsWith(".Other", StringComparison.Ordinal))
            .Select(k => k[..k.LastIndexOf('.')])
            .Distinct()
            .ToList();

        Assert.NotEmpty(counted);
        Assert.All(counted, key => Assert.True(keys.Contains(key + ".One") && keys.Contains(key + ".Other"), $"{key} lacks a form in {language}."));
    }

    [Theory]
    [InlineData("it", 1, "1 persona iscritta.")]
    [InlineData("it", 2, "2 persone iscritte.")]
    [InlineData("en", 1, "1 person enrolled.")]
    [InlineData("en", 1234, "1,234 people enrolled.")]
    [InlineData("it", 0, "0 persone iscritte.")]
    public void A_count_picks_its_form_and_is_formatted_in_the_language(string language, int count, string expected) =>
        Assert.Equal(expected, EmailLinks.In(CultureInfo.GetCultureInfo(language), () => Localizer.Count("Programmes.Enrolled", count).Value));
}
