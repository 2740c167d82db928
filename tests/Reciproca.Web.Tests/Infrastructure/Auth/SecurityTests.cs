using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Roles and authentication: the denials first, then what each role may do.</summary>
public abstract class SecurityTests(AppFixture fixture)
{
    protected ReciprocaFactory Factory => fixture.Require();

    public static TheoryData<string, string> ApiEndpoints() => new()
    {
        { "GET", "/api/v1/people" },
        { "GET", $"/api/v1/people/{Guid.Empty}" },
        { "POST", "/api/v1/people/import" },
    };

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task Anonymous_api_calls_get_401_as_problem_details(string method, string path)
    {
        using var client = Factory.CreateApiClient(token: null);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task An_unknown_token_gets_401(string method, string path)
    {
        using var client = Factory.CreateApiClient(token: "rcp_not-a-real-token");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Participant, "GET", "/api/v1/people")]
    [InlineData(Roles.Participant, "POST", "/api/v1/people/import")]
    [InlineData(Roles.Sponsor, "GET", "/api/v1/people")]
    [InlineData(Roles.Sponsor, "POST", "/api/v1/people/import")]
    public async Task Wrong_roles_get_403_as_problem_details(string role, string method, string path)
    {
        using var client = await Factory.CreateClientInRoleAsync(role);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_programme_manager_may_browse_people()
    {
        using var client = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);

        var response = await client.GetAsync("/api/v1/people", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var token = ApiToken.Generate();
        await Factory.WithDbAsync(async db =>
        {
            var admin = await db.Users.FirstAsync();
            db.ApiTokens.Add(new ApiToken { UserId = admin.Id, Name = "old", TokenHash = ApiToken.Hash(token), CreatedUtc = DateTime.UnixEpoch, RevokedUtc = DateTime.UnixEpoch });
            return await db.SaveChangesAsync();
        });
        using var client = Factory.CreateApiClient(token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_bootstrap_token_is_stored_only_as_its_hash()
    {
        var tokens = await Factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().Select(t => t.TokenHash).ToListAsync());

        Assert.Contains(ApiToken.Hash(ReciprocaFactory.AdminToken), tokens);
        Assert.DoesNotContain(tokens, t => t.Contains(ReciprocaFactory.AdminToken, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/People")]
    [InlineData("/People/Import")]
    [InlineData("/")]
    public async Task Anonymous_pages_redirect_to_sign_in(string path)
    {
        using var client = BrowserSession.Create(Factory);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Sponsor)]
    public async Task Wrong_roles_see_access_denied_on_hr_pages(string role)
    {
        var (userName, password) = await CreateUserAsync(role);
        using var client = BrowserSession.Create(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserSession.SignInAsync(client, userName, password)).StatusCode);

        var response = await client.GetAsync("/People", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var denied = await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Hr_signs_in_and_sees_the_people_page()
    {
        var (userName, password) = await CreateUserAsync(Roles.ProgrammeManager);
        using var client = BrowserSession.Create(Factory);
        await BrowserSession.SignInAsync(client, userName, password);

        var response = await client.GetAsync("/People", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"mb-0\">People</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_administrator_must_replace_the_one_time_password()
    {
        var line = Factory.Services.GetRequiredService<StartupReport>().Lines.Single(l => l.Contains("one-time password", StringComparison.Ordinal));
        var password = line.Split("one-time password: ")[1].Split(' ')[0];
        using var client = BrowserSession.Create(Factory);
        // A fresh factory per engine: the administrator has not changed the password yet.
        var signIn = await BrowserSession.SignInAsync(client, "admin@reciproca.local", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var people = await client.GetAsync("/People", TestContext.Current.CancellationToken);
        var api = await client.GetAsync("/api/v1/people", TestContext.Current.CancellationToken);

        Assert.Equal("/Account/ChangePassword", people.Headers.Location?.OriginalString);
        // The API takes no cookie at all, one-time password or not.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        var page = await client.GetStringAsync("/Account/ChangePassword", TestContext.Current.CancellationToken);
        var change = await client.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "A-new-password-2026",
            ["Input.ConfirmPassword"] = "A-new-password-2026",
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
        }), TestContext.Current.CancellationToken);
        Assert.Equal("/Account/Login", change.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserSession.SignInAsync(client, "admin@reciproca.local", "A-new-password-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/People", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<(string UserName, string Password)> CreateUserAsync(string role) =>
        (await Factory.CreateUserAsync(role), ReciprocaFactory.UserPassword);
}

public sealed class SecuritySqliteTests(SqliteAppFixture fixture) : SecurityTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SecurityPostgresTests(PostgresAppFixture fixture) : SecurityTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>The login form's rate limit, on a factory of its own with a small limit.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "3" });
        using var client = BrowserSession.Create(factory);
        var page = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "nobody@test.example",
                ["Input.Password"] = "whatever-123",
                ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
            }), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_office_behind_one_address_accepting_its_invitations_is_not_throttled_as_sign_in_attempts()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "1" });
        using var hr = await factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = await (await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput("Ufficio", null, new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9)), ImportRequest.Json, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ProgrammeView>(ImportRequest.Json, TestContext.Current.CancellationToken);
        var emails = Enumerable.Range(1, 3).Select(i => $"collega{i}@ufficio.example").ToArray();
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme!.Id}/invitations", new InviteByEmail(emails, null), ImportRequest.Json, TestContext.Current.CancellationToken)).StatusCode);
        var links = (await factory.TakeMailAsync()).Select(m => Regex.Match(m.TextBody ?? "", "/Invitations/Accept/inv_[A-Za-z0-9_-]+").Value).ToList();

        var statuses = new List<HttpStatusCode>();
        foreach (var link in links)
        {
            using var colleague = BrowserSession.Create(factory);
            var page = await colleague.GetStringAsync(link, TestContext.Current.CancellationToken);
            var response = await colleague.PostAsync($"{link}?handler=Register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.GivenName"] = "Collega",
                ["Input.FamilyName"] = "Ufficio",
                ["Input.Password"] = "Office-password-2027",
                ["Input.ConfirmPassword"] = "Office-password-2027",
                ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
            }), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, links.Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Redirect, status));
    }
}
