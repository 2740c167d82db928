using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Web.Localization;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Dates as people write them, in both languages, and English days before months by default.</summary>
public sealed class NaturalDatesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly CultureInfo _italian = CultureInfo.GetCultureInfo("it-IT");
    private static readonly CultureInfo _english = CultureInfo.GetCultureInfo("en-GB");

    private NaturalDates Dates => fixture.Require().Services.GetRequiredService<NaturalDates>();

    [Theory]
    [InlineData("2027-03-01", "2027-06-30", "dal 1° marzo al 30 giugno 2027")]
    [InlineData("2027-03-08", "2027-06-11", "dall'8 marzo all'11 giugno 2027")]
    [InlineData("2026-12-18", "2027-01-01", "dal 18 dicembre 2026 al 1° gennaio 2027")]
    public void An_Italian_range_reads_as_Italians_write_it(string from, string to, string expected) =>
        Assert.Equal(expected, Dates.Range(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), _italian));

    [Theory]
    [InlineData("2027-03-01", "2027-06-30", "1 March to 30 June 2027")]
    [InlineData("2026-12-18", "2027-01-01", "18 December 2026 to 1 January 2027")]
    public void An_English_range_puts_the_day_first(string from, string to, string expected) =>
        Assert.Equal(expected, Dates.Range(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), _english));

    [Fact]
    public void A_moment_is_shown_in_the_installations_zone()
    {
        // 23:30 UTC on 31 March 2027 is already 1 April in Rome (summer time, UTC+2).
        var utc = new DateTime(2027, 3, 31, 23, 30, 0, DateTimeKind.Utc);

        Assert.Equal("1° aprile 2027, 01:30", Dates.Moment(utc, _italian));
        Assert.Equal("1 April 2027, 01:30", Dates.Moment(utc, _english));
    }

    [Fact]
    public async Task The_English_format_culture_is_configurable_and_en_GB_by_default()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Display:EnglishFormat"] = "en-US" });
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DisplayOptions>>().Value;

        Assert.Equal("en-US", options.EnglishFormatCulture().Name);
        Assert.Equal("en-GB", new DisplayOptions().EnglishFormatCulture().Name);
    }

    [Fact]
    public void A_format_culture_that_is_not_English_is_refused_with_the_setting_named()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => new DisplayOptions { EnglishFormat = "fr-FR" }.EnglishFormatCulture());

        Assert.Contains("Display:EnglishFormat", problem.Message, StringComparison.Ordinal);
    }
}
