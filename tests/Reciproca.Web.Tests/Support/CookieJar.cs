using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Reciproca.Web.Tests.Support;

/// <summary>
/// A browser whose cookies the test can see and copy: what an attacker who stole a cookie would hold.
/// </summary>
public sealed class CookieJar : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public CookieJar(ReciprocaFactory factory, IReadOnlyDictionary<string, string>? cookies = null)
    {
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var (name, value) in cookies ?? new Dictionary<string, string>())
        {
            _cookies[name] = value;
        }
    }

    /// <summary>A copy of every cookie held now.</summary>
    public IReadOnlyDictionary<string, string> Cookies => new Dictionary<string, string>(_cookies);

    public static async Task<CookieJar> SignedInAsync(ReciprocaFactory factory, string userName, string password = ReciprocaFactory.UserPassword)
    {
        var jar = new CookieJar(factory);
        var page = await jar.GetStringAsync("/Account/Login");
        var response = await jar.PostFormAsync("/Account/Login", page, new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {userName} answered {(int)response.StatusCode}.");
        }

        return jar;
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<string> GetStringAsync(string path)
    {
        var response = await GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form with the antiforgery token of <paramref name="pageHtml"/>, as the page's own form would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string pageHtml, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(pageHtml) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => _client.Dispose();
}
