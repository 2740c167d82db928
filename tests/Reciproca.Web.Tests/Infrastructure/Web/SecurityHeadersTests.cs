using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The headers every answer carries; the browser tests check the policy against real pages.</summary>
public sealed class SecurityHeadersTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory Factory => fixture.Require();

    public static TheoryData<string> Paths() => ["/Account/Login", "/api/v1/programmes", "/no-such-page", "/css/site.css", "/openapi/v1.json", "/api/reference"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path, Cancel);

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal) || d.Trim().StartsWith("default-src 'none'", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_allows_only_its_own_nonce_for_inline_script()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/api/reference", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        var nonce = System.Text.RegularExpressions.Regex.Match(Header(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        var again = await client.GetAsync("/api/reference", Cancel);
        Assert.DoesNotContain(nonce, Header(again, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_and_api_answers_are_not_cached_and_static_files_may_be()
    {
        using var client = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);

        var api = await client.GetAsync("/api/v1/programmes", Cancel);
        var css = await client.GetAsync("/css/site.css", Cancel);

        Assert.Equal("no-store", Header(api, "Cache-Control"));
        Assert.NotEqual("no-store", css.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task Over_https_the_cookies_are_secure_and_hsts_asks_for_a_year_with_subdomains()
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://reciproca.example"), AllowAutoRedirect = false });

        var login = await client.GetAsync("/Account/Login", Cancel);

        Assert.Equal("max-age=31536000; includeSubDomains", Header(login, "Strict-Transport-Security"));
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");
}

/// <summary>Forwarded headers count only from a configured proxy, on a factory of its own.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.1";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scheme_forwarded_by_a_known_proxy_makes_cookies_secure_and_an_unknown_senders_is_ignored()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = Proxy });

        var viaProxy = await LoginPageAsync(factory, Proxy);
        var direct = await LoginPageAsync(factory, "10.0.0.2");

        Assert.Contains("secure", AntiforgeryCookie(viaProxy), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", AntiforgeryCookie(direct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_client_address_forwarded_by_a_known_proxy_is_the_one_sign_in_throttling_counts()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = Proxy });
        var userName = await factory.CreateUserAsync(Roles.ProgrammeManager);

        for (var i = 0; i <= Reciproca.Web.Infrastructure.Auth.SignIn.SignInGuard.FreeFailures; i++)
        {
            await SignInAsync(factory, Proxy, "192.0.2.66", userName, "Not the password " + i);
            await SignInAsync(factory, "10.0.0.2", "192.0.2.66", userName, "Not the password " + i);
        }

        // Through the proxy another desk is another client; without a trusted proxy the header means nothing.
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(factory, Proxy, "192.0.2.7", userName, ReciprocaFactory.UserPassword));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(factory, "10.0.0.2", "192.0.2.7", userName, ReciprocaFactory.UserPassword));
    }

    private static async Task<HttpResponseMessage> LoginPageAsync(ReciprocaFactory factory, string from)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, from);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return await client.GetAsync("/Account/Login", Cancel);
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

    private static async Task<HttpStatusCode> SignInAsync(ReciprocaFactory factory, string from, string forwardedFor, string userName, string password)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, from);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var page = await client.GetStringAsync("/Account/Login", Cancel);
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
        }), Cancel);
        return response.StatusCode;
    }
}
