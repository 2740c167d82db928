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
        // HSTS is never sent to localhost, so this installation has a public name (which AllowedHosts then admits).
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Email:PublicBaseUrl"] = "https://reciproca.example" });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://reciproca.example"), AllowAutoRedirect = false });

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
