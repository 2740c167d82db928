using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Web.Localization;

/// <summary>
/// Dates as people write them: "1° marzo 2027", "dal 1° marzo al 30 giugno 2027", "1 March 2027", "1 March to
/// 30 June 2027"; times in the installation's zone. Everything renders in the current culture unless one is given (an
/// e-mail renders in its recipient's).
/// </summary>
public sealed class NaturalDates(IOptions<DisplayOptions> options, IStringLocalizer<SharedResource> localizer)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone();

    /// <summary>
    /// The IANA name of the zone moments are shown in ("Europe/Rome"), for a text read outside the pages (an e-mail)
    /// whose reader may be in another zone.
    /// </summary>
    public string ZoneName { get; } = options.Value.TimeZone;

    /// <summary>"1° marzo 2027" / "1 March 2027".</summary>
    public string Day(DateOnly date, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return $"{DayOfMonth(date.Day, culture)} {date.ToString("MMMM yyyy", culture)}";
    }

    /// <summary>"dal 1° marzo al 30 giugno 2027" / "1 March to 30 June 2027": the first year only when it differs.</summary>
    public string Range(DateOnly from, DateOnly to, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var start = from.Year == to.Year
            ? $"{DayOfMonth(from.Day, culture)} {from.ToString("MMMM", culture)}"
            : Day(from, culture);
        var end = Day(to, culture);
        if (culture.TwoLetterISOLanguageName == "it")
        {
            // Italian elides the article before a vowel: "dall'8 marzo all'11 aprile" (otto, undici).
            return $"{Preposition("dal", from.Day)}{start} {Preposition("al", to.Day)}{end}";
        }

        return EmailLinks.In(culture, () => localizer["Dates.Range", start, end].Value);
    }

    /// <summary>A moment in the installation's zone: "1 March 2027, 14:05" / "1° marzo 2027, 14:05".</summary>
    public string Moment(DateTime utc, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);
        return $"{Day(DateOnly.FromDateTime(local), culture)}, {local.ToString("HH:mm", culture)}";
    }

    /// <summary>A moment in a given zone, named: "1 March 2027, 09:00 (Europe/London)", for a time a person chose in their own zone.</summary>
    public string Moment(DateTime utc, TimeZoneInfo zone, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return $"{Day(DateOnly.FromDateTime(local), culture)}, {local.ToString("HH:mm", culture)} ({zone.Id})";
    }

    /// <summary>The day of a moment in the installation's zone: "1° marzo 2027".</summary>
    public string DayOf(DateTime utc, CultureInfo? culture = null) =>
        Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone)), culture);

    // Italian writes the first of the month as an ordinal: "1° marzo".
    private static string DayOfMonth(int day, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "it" && day == 1 ? "1°" : day.ToString(culture);

    private static string Preposition(string article, int day) => day is 8 or 11 ? $"{article[..^1]}ll'" : $"{article} ";
}
