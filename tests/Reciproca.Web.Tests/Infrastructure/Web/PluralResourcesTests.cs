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

    [Theory]
    [InlineData("en", "Invite.Sent", 1, "1 invitation sent.")]
    [InlineData("en", "Invite.Sent", 12, "12 invitations sent.")]
    [InlineData("it", "Invite.Sent", 1, "1 invito inviato.")]
    [InlineData("it", "Invite.Sent", 12, "12 inviti inviati.")]
    [InlineData("en", "Remind.Sent", 1, "1 reminder sent.")]
    [InlineData("en", "Remind.Sent", 3, "3 reminders sent.")]
    [InlineData("it", "Remind.Sent", 1, "1 sollecito inviato.")]
    [InlineData("it", "Remind.Sent", 3, "3 solleciti inviati.")]
    [InlineData("en", "Remind.Recent", 1, "1 person was reminded less than 20 hours ago, so not again.")]
    [InlineData("en", "Remind.Recent", 2, "2 people were reminded less than 20 hours ago, so not again.")]
    [InlineData("it", "Remind.Recent", 1, "1 persona era già stata sollecitata meno di 20 ore fa, quindi non di nuovo.")]
    [InlineData("it", "Remind.Recent", 2, "2 persone erano già state sollecitate meno di 20 ore fa, quindi non di nuovo.")]
    [InlineData("en", "Remind.NoEmail", 1, "1 person has no e-mail address and was not reminded.")]
    [InlineData("en", "Remind.NoEmail", 4, "4 people have no e-mail address and were not reminded.")]
    [InlineData("it", "Remind.NoEmail", 1, "1 persona non ha un indirizzo e-mail e non è stata sollecitata.")]
    [InlineData("it", "Remind.NoEmail", 4, "4 persone non hanno un indirizzo e-mail e non sono state sollecitate.")]
    [InlineData("it", "Cadence.Sessions", 1, "1 incontro")]
    [InlineData("it", "Cadence.Weeks", 1, "1 settimana")]
    [InlineData("en", "Cadence.Weeks", 12, "12 weeks")]
    public void Flashes_and_figures_read_right_with_one_and_with_several(string language, string key, int count, string expected) =>
        Assert.Equal(expected, EmailLinks.In(CultureInfo.GetCultureInfo(language), () => Localizer.Count(key, count).Value));

    [Theory]
    [InlineData("en", 1, 1, "The programme runs from 1 March to 30 June 2027: about 1 session over 1 week.")]
    [InlineData("it", 6, 12, "Il programma va dal 1° marzo al 30 giugno 2027: circa 6 incontri in 12 settimane.")]
    public void The_invitations_plan_counts_sessions_and_weeks(string language, int sessions, int weeks, string expected)
    {
        var dates = fixture.Require().Services.GetRequiredService<NaturalDates>();
        var text = EmailLinks.In(CultureInfo.GetCultureInfo(language), () => Localizer["Email.Invitation.Plan",
            dates.Range(new DateOnly(2027, 3, 1), new DateOnly(2027, 6, 30)), Localizer.Count("Cadence.Sessions", sessions), Localizer.Count("Cadence.Weeks", weeks)].Value);
        Assert.Equal(expected, text);
    }
}
