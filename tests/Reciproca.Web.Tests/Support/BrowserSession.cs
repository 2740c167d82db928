using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Reciproca.Web.Tests.Support;

/// <summary>A cookie-holding client that signs in through the real login form, antiforgery token included.</summary>
public static partial class BrowserSession
{
    public static HttpClient Create(ReciprocaFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new user in <paramref name="role"/>, signed in through the login form.</summary>
    public static async Task<HttpClient> SignedInAsync(ReciprocaFactory factory, string role, Guid? personId = null)
    {
        var name = await factory.CreateUserAsync(role, personId);
        var client = Create(factory);
        var response = await SignInAsync(client, name, ReciprocaFactory.UserPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {name} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        });
        return await client.PostAsync("/Account/Login", form);
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
