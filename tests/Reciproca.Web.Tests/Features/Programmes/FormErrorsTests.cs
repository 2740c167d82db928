using System.Net;
using System.Text.RegularExpressions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>A refused form says what is wrong next to each field, in the page's language; dates read as people write them.</summary>
public sealed class FormErrorsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_programme_form_marks_each_wrong_field_and_names_the_problem_there_in_Italian()
    {
        using var hr = await BrowserSession.SignedInAsync(Factory, Roles.ProgrammeManager);
        var page = await hr.GetStringAsync("/Programmes/Create?culture=it", Cancel);

        var answer = await hr.PostAsync("/Programmes/Create?culture=it", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            ["Form.StartsOn"] = "2027-03-01",
            ["Form.EndsOn"] = "2027-06-30",
            ["Form.PlannedSessions"] = "sei",
            ["Form.CadenceWeeks"] = "12",
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
        }), Cancel);
        var html = await answer.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var sessions = InputTag(html, "Form_PlannedSessions");
        Assert.Contains("aria-invalid=\"true\"", sessions, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Form_PlannedSessions-error\"", sessions, StringComparison.Ordinal);
        var message = ErrorText(html, "Form_PlannedSessions-error");
        Assert.Contains("sei", message, StringComparison.Ordinal);
        Assert.Contains("Incontri", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\b(The|is not|field|value)\b", message);
        // The field that was right is not marked.
        Assert.DoesNotContain("aria-invalid", InputTag(html, "Form_CadenceWeeks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_programme_page_gives_its_dates_in_words_in_Italian_and_day_first_in_English()
    {
        using var hr = await BrowserSession.SignedInAsync(Factory, Roles.ProgrammeManager);
        var page = await hr.GetStringAsync("/Programmes/Create", Cancel);
        var created = await hr.PostAsync("/Programmes/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Date 2027",
            ["Form.StartsOn"] = "2027-01-11",
            ["Form.EndsOn"] = "2027-04-01",
            ["Form.PlannedSessions"] = "6",
            ["Form.CadenceWeeks"] = "12",
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
        }), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;

        var italian = WebUtility.HtmlDecode(await hr.GetStringAsync($"{details}?culture=it", Cancel));
        var english = WebUtility.HtmlDecode(await hr.GetStringAsync($"{details}?culture=en", Cancel));
        var list = WebUtility.HtmlDecode(await hr.GetStringAsync("/Programmes?culture=en", Cancel));

        Assert.Contains("dall'11 gennaio al 1° aprile 2027", italian, StringComparison.Ordinal);
        Assert.Contains("11 January to 1 April 2027", english, StringComparison.Ordinal);
        Assert.Contains("11 January to 1 April 2027", list, StringComparison.Ordinal);
    }

    private static string InputTag(string html, string id) =>
        Regex.Match(html, $"<input[^>]*id=\"{id}\"[^>]*>").Value is { Length: > 0 } tag ? tag : throw new Xunit.Sdk.XunitException($"No input #{id} in the page.");

    private static string ErrorText(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<div class=\"invalid-feedback\" id=\"{id}\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
}
