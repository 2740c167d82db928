using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reciproca.BrowserTests.Support;

/// <summary>
/// Another origin on the same host (another port of 127.0.0.1): the sibling site of an attacker inside the company.
/// Same-site to the application, so the browser sends the application's SameSite=Lax cookies along with what it makes
/// the browser request.
/// </summary>
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AttackerSite(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the site; <paramref name="pages"/> maps a path to the HTML it serves.</summary>
    public static async Task<AttackerSite> StartAsync(IReadOnlyDictionary<string, string> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        foreach (var (path, html) in pages)
        {
            app.MapGet(path, () => Results.Content(html, "text/html"));
        }

        await app.StartAsync();
        return new AttackerSite(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
