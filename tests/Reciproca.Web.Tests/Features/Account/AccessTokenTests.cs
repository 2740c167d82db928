using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Account;

/// <summary>Personal access tokens: how a person calls the API, which takes no cookie.</summary>
public abstract partial class AccessTokenTests(AppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task A_token_is_shown_once_stored_as_a_hash_and_acts_with_exactly_its_owners_rights()
    {
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);

        var (created, html) = await CreateAsync(browser, "My spreadsheet", 30);
        var token = TokenShown().Match(html).Value;

        Assert.Equal(HttpStatusCode.OK, created);
        Assert.StartsWith("rcp_", token, StringComparison.Ordinal);
        var stored = await Factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Name == "My spreadsheet" && t.CreatedUtc != default, Cancel));
        Assert.Equal(ApiToken.Hash(token), stored.TokenHash);
        Assert.Equal(stored.CreatedUtc.AddDays(30), stored.ExpiresUtc);
        var again = await browser.GetStringAsync("/Account/AccessTokens");
        Assert.Contains("My spreadsheet", again, StringComparison.Ordinal);
        Assert.DoesNotContain(token, again, StringComparison.Ordinal);

        using var api = Factory.CreateApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/programmes", Cancel)).StatusCode);
        // A participant's token is a participant: the directory stays closed to it.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/people", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_nobody_revokes_anyone_elses()
    {
        using var owner = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.ProgrammeManager));
        using var other = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.ProgrammeManager));
        var (_, html) = await CreateAsync(owner, "Sync job", 90);
        var token = TokenShown().Match(html).Value;
        var id = await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == ApiToken.Hash(token)).Select(t => t.Id).SingleAsync(Cancel));
        using var api = Factory.CreateApiClient(token);

        var page = await other.GetStringAsync("/Account/AccessTokens");
        var foreign = await other.PostFormAsync($"/Account/AccessTokens?handler=Revoke&id={id}", page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/people", Cancel)).StatusCode);

        page = await owner.GetStringAsync("/Account/AccessTokens");
        var revoke = await owner.PostFormAsync($"/Account/AccessTokens?handler=Revoke&id={id}", page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/people", Cancel)).StatusCode);
        Assert.Contains("revoked", await owner.GetStringAsync("/Account/AccessTokens"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 30)]
    [InlineData("Too long: 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", 30)]
    [InlineData("Never expires", 100_000)]
    public async Task A_token_without_a_name_or_with_a_lifetime_not_offered_is_refused_and_nothing_is_stored(string name, int days)
    {
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);
        var user = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));

        var (status, html) = await CreateAsync(browser, name, days);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("validation-summary-errors", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenShown(), html);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user, Cancel)));
    }

    [Fact]
    public async Task The_tokens_page_is_for_signed_in_users_and_a_token_does_not_open_it()
    {
        using var api = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        using var anonymous = BrowserSession.Create(Factory);

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Account/AccessTokens", Cancel)).StatusCode);
        // Pages take the cookie only: a stolen token does not mint further tokens.
        Assert.Equal(HttpStatusCode.Redirect, (await api.GetAsync("/Account/AccessTokens", Cancel)).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Html)> CreateAsync(CookieJar browser, string name, int days)
    {
        var page = await browser.GetStringAsync("/Account/AccessTokens");
        var response = await browser.PostFormAsync("/Account/AccessTokens?handler=Create", page, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.LifetimeInDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    [GeneratedRegex("rcp_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenShown();
}

public sealed class AccessTokenSqliteTests(SqliteAppFixture fixture) : AccessTokenTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AccessTokenPostgresTests(PostgresAppFixture fixture) : AccessTokenTests(fixture), IClassFixture<PostgresAppFixture>;
