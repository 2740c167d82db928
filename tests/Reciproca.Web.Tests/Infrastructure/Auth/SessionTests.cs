using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Accounts;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Sign-ins live server-side: signing out, a new password and the administrator end them everywhere.</summary>
public abstract class SessionTests(AppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task A_copied_cookie_is_refused_once_its_owner_signs_out()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var owner = await CookieJar.SignedInAsync(Factory, userName);
        using var thief = new CookieJar(Factory, owner.Cookies);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/People")).StatusCode);

        var page = await owner.GetStringAsync("/People");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/Account/Logout", page, new Dictionary<string, string>())).StatusCode);

        var after = await thief.GetAsync("/People");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_accounts_sessions_in_other_browsers_too()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var desk = await CookieJar.SignedInAsync(Factory, userName);
        using var phone = await CookieJar.SignedInAsync(Factory, userName);

        var page = await desk.GetStringAsync("/People");
        await desk.PostFormAsync("/Account/Logout", page, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/People")).StatusCode);
        Assert.Equal(0, await SessionsOfAsync(userName));
    }

    [Fact]
    public async Task A_new_password_ends_every_session_and_a_copied_cookie_with_them()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var mine = await CookieJar.SignedInAsync(Factory, userName);
        using var stolen = new CookieJar(Factory, mine.Cookies);
        using var other = await CookieJar.SignedInAsync(Factory, userName);

        var page = await mine.GetStringAsync("/Account/ChangePassword");
        var change = await mine.PostFormAsync("/Account/ChangePassword", page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ReciprocaFactory.UserPassword,
            ["Input.NewPassword"] = "Quite another passphrase 2027",
            ["Input.ConfirmPassword"] = "Quite another passphrase 2027",
        });

        Assert.Equal("/Account/Login", change.Headers.Location?.OriginalString);
        Assert.Equal(0, await SessionsOfAsync(userName));
        Assert.Equal(HttpStatusCode.Redirect, (await mine.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stolen.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/People")).StatusCode);
        using var again = await CookieJar.SignedInAsync(Factory, userName, "Quite another passphrase 2027");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/People")).StatusCode);
    }

    [Fact]
    public async Task The_session_table_keeps_only_a_hash_of_the_key()
    {
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);
        var id = await UserIdAsync(userName);

        var hashes = await Factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == id).Select(s => s.KeyHash).ToListAsync());

        var hash = Assert.Single(hashes);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(browser.Cookies.Values, value => value.Contains(hash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_signs_an_account_out_everywhere_and_revokes_its_tokens()
    {
        using var participantApi = await Factory.CreateClientInRoleAsync(Roles.Participant);
        var userName = await UserNameOfTokenAsync(participantApi);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);
        Assert.Equal(HttpStatusCode.OK, (await participantApi.GetAsync("/api/v1/programmes", Cancel)).StatusCode);
        using var admin = Factory.CreateApiClient();

        var response = await admin.PostAsync($"/api/v1/accounts/{await UserIdAsync(userName)}/sign-out-everywhere", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<SignedOutEverywhere>(Cancel);
        Assert.Equal(1, result!.SessionsEnded);
        Assert.Equal(1, result.TokensRevoked);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Programmes")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await participantApi.GetAsync("/api/v1/programmes", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_sign_accounts_out_and_an_unknown_account_is_not_found()
    {
        var target = await UserIdAsync(await Factory.CreateUserAsync(Roles.Participant));
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        using var admin = Factory.CreateApiClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync($"/api/v1/accounts/{target}/sign-out-everywhere", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/sign-out-everywhere", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_api_does_not_act_on_the_sign_in_cookie()
    {
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);
        var before = await Factory.WithDbAsync(db => db.Programmes.CountAsync());

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programmes")
        {
            Content = JsonContent.Create(new ProgrammeInput("Forged", null, new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9)), options: ImportRequest.Json),
        };
        var forged = await browser.SendAsync(create);
        var read = await browser.GetAsync("/api/v1/people");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        return user!.Id;
    }

    private async Task<int> SessionsOfAsync(string userName)
    {
        var id = await UserIdAsync(userName);
        return await Factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id));
    }

    private async Task<string> UserNameOfTokenAsync(HttpClient client)
    {
        var hash = ApiToken.Hash(client.DefaultRequestHeaders.Authorization!.Parameter!);
        return await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (_, u) => u.UserName!).SingleAsync());
    }
}

public sealed class SessionSqliteTests(SqliteAppFixture fixture) : SessionTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SessionPostgresTests(PostgresAppFixture fixture) : SessionTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>Lifetimes, on a factory of their own per test: these tests move the clock.</summary>
public abstract class SessionLifetimeTests(Engine engine)
{
    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_it_is()
    {
        await using var factory = CreateFactory(new() { ["Security:Sessions:AbsoluteLifetime"] = "01:00:00", ["Security:Sessions:IdleTimeout"] = "00:40:00" });
        using var browser = await CookieJar.SignedInAsync(factory, await factory.CreateUserAsync(Roles.ProgrammeManager));

        factory.Time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/People")).StatusCode);
        factory.Time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/People")).StatusCode);
        factory.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/People")).StatusCode);
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_timeout()
    {
        await using var factory = CreateFactory(new() { ["Security:Sessions:IdleTimeout"] = "00:30:00" });
        using var browser = await CookieJar.SignedInAsync(factory, await factory.CreateUserAsync(Roles.ProgrammeManager));

        factory.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/People")).StatusCode);
    }

    [Fact]
    public async Task A_role_taken_away_applies_to_a_signed_in_browser_within_the_revalidation_interval()
    {
        await using var factory = CreateFactory(new() { ["Security:Sessions:RevalidationInterval"] = "00:01:00" });
        var userName = await factory.CreateUserAsync(Roles.ProgrammeManager);
        using var browser = await CookieJar.SignedInAsync(factory, userName);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            await users.RemoveFromRoleAsync(user!, Roles.ProgrammeManager);
        }

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        var people = await browser.GetAsync("/People");

        Assert.Equal(HttpStatusCode.Redirect, people.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", people.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private ReciprocaFactory CreateFactory(Dictionary<string, string?> settings) => new(engine, settings);
}

public sealed class SessionLifetimeSqliteTests() : SessionLifetimeTests(Engine.Sqlite);

public sealed class SessionLifetimePostgresTests() : SessionLifetimeTests(Engine.Postgres);
