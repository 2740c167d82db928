using System.Net;
using System.Text.RegularExpressions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The import wizard offers date formats by example, and the page's own culture is chosen by default.</summary>
public sealed class ImportFormatChoicesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("it", "it-IT", "31/01/2026 (giorno/mese/anno), numeri come 1.234,5")]
    [InlineData("en", "en-GB", "31/01/2026 (day/month/year), numbers as 1,234.5")]
    public async Task The_formats_read_by_example_and_the_pages_culture_is_the_default(string language, string expectedDefault, string expectedLabel)
    {
        using var hr = await BrowserSession.SignedInAsync(fixture.Require(), Roles.ProgrammeManager);

        // By the browser's language: the page's own "culture" field would take the query string's.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/People/Import");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await hr.SendAsync(request, Cancel);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Cancel));

        var selected = Regex.Match(html, "<option value=\"([^\"]*)\" selected=\"selected\">([^<]*)</option>");
        Assert.Equal(expectedDefault, selected.Groups[1].Value);
        Assert.StartsWith(expectedLabel, selected.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("1/31/2026 (", html, StringComparison.Ordinal);
    }
}
