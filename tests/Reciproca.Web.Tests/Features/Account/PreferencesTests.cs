using System.Net;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The text size is the account's: chosen once, every page and every later session uses it.</summary>
public sealed class PreferencesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task A_chosen_text_size_applies_at_once_and_in_a_later_session()
    {
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var jar = await CookieJar.SignedInAsync(Factory, userName);
        Assert.DoesNotContain("text-large", await jar.GetStringAsync("/Programmes"), StringComparison.Ordinal);

        var saved = await jar.PostFormAsync("/Account/Preferences", await jar.GetStringAsync("/Account/Preferences"), new Dictionary<string, string> { ["textSize"] = "Largest" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("<html lang=\"en\" class=\"text-largest\">", await jar.GetStringAsync("/Programmes"), StringComparison.Ordinal);
        using var later = await CookieJar.SignedInAsync(Factory, userName);
        Assert.Contains("class=\"text-largest\"", await later.GetStringAsync("/Programmes"), StringComparison.Ordinal);
        Assert.Equal(TextSize.Largest, await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TextSize).SingleAsync()));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("Huge")]
    [InlineData("")]
    public async Task A_size_that_is_not_offered_is_refused_and_changes_nothing(string value)
    {
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var jar = await CookieJar.SignedInAsync(Factory, userName);

        var answer = await jar.PostFormAsync("/Account/Preferences?culture=it", await jar.GetStringAsync("/Account/Preferences?culture=it"), new Dictionary<string, string> { ["textSize"] = value });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Scegli una delle dimensioni del testo.", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(TextSize.Standard, await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TextSize).SingleAsync()));
    }

    [Fact]
    public async Task The_preferences_need_a_session_and_proof_of_intent()
    {
        using var anonymous = BrowserSession.Create(Factory);
        var page = await anonymous.GetAsync("/Account/Preferences", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var jar = await CookieJar.SignedInAsync(Factory, userName);
        var forged = await jar.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Preferences") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["textSize"] = "Large" }) });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(TextSize.Standard, await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TextSize).SingleAsync()));
    }
}
