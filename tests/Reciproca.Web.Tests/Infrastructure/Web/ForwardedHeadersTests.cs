using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

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
        var response = await BrowserSession.SignInAsync(client, userName, password);
        return response.StatusCode;
    }
}
