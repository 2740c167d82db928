using System.Net;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Culture;

/// <summary>
/// The language switch answers every post with a redirect to a page of this site: never a 400 or a 500, never
/// elsewhere. No data is involved, so one engine is enough.
/// </summary>
public sealed class CultureSwitchTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Token)> VisitorAsync()
    {
        var client = BrowserSession.Create(Factory);
        var page = await client.GetStringAsync("/Account/Login", Ct);
        return (client, BrowserSession.AntiforgeryToken(page));
    }

    private static Task<HttpResponseMessage> SwitchAsync(HttpClient client, params (string Name, string Value)[] fields) =>
        client.PostAsync("/Culture", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Ct);

    private static void AssertRedirectedTo(string expected, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    private static bool SetsCultureCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

    [Fact]
    public async Task A_valid_switch_sets_the_language_and_returns_to_the_page()
    {
        var (client, token) = await VisitorAsync();

        var response = await SwitchAsync(client, ("culture", "it"), ("returnUrl", "/Account/Login?x=1"), ("__RequestVerificationToken", token));

        AssertRedirectedTo("/Account/Login?x=1", response);
        Assert.True(SetsCultureCookie(response));
    }

    [Theory]
    [InlineData("/\\x")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/ok\\..\\..\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task A_return_address_that_is_not_a_local_path_goes_home(string returnUrl)
    {
        var (client, token) = await VisitorAsync();

        var response = await SwitchAsync(client, ("culture", "it"), ("returnUrl", returnUrl), ("__RequestVerificationToken", token));

        AssertRedirectedTo("/", response);
        Assert.True(SetsCultureCookie(response));
    }

    [Fact]
    public async Task Without_an_antiforgery_token_nothing_changes_and_the_visitor_goes_home()
    {
        var (client, _) = await VisitorAsync();

        var withoutToken = await SwitchAsync(client, ("culture", "it"), ("returnUrl", "/Account/Login"));
        var forgedToken = await SwitchAsync(client, ("culture", "it"), ("returnUrl", "/Account/Login"), ("__RequestVerificationToken", "forged"));
        var noForm = await client.PostAsync("/Culture", null, Ct);

        foreach (var response in new[] { withoutToken, forgedToken, noForm })
        {
            AssertRedirectedTo("/", response);
            Assert.False(SetsCultureCookie(response));
        }
    }

    [Fact]
    public async Task Without_a_culture_the_switch_falls_back_to_english()
    {
        var (client, token) = await VisitorAsync();

        var response = await SwitchAsync(client, ("__RequestVerificationToken", token));

        AssertRedirectedTo("/", response);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }
}
