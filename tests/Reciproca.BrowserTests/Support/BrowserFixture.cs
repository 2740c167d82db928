using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Reciproca.BrowserTests.Support.BrowserFixture))]

namespace Reciproca.BrowserTests.Support;

/// <summary>
/// One headless system Chromium for the whole test assembly (Playwright's own browser download does not work
/// here). Each test opens its own context, so cookies and language never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] _arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(TestEnvironment.ChromiumPath))
        {
            _unavailable = $"Chromium is not installed at {TestEnvironment.ChromiumPath} (Debian package 'chromium').";
            return;
        }

        // Generous but finite: a 2-core CI machine runs several test projects at once.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = _arguments,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh, English, desktop-sized context; skips (locally) or fails (CI) without a browser.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        if (_browser is null)
        {
            TestEnvironment.Unavailable(_unavailable ?? "The browser did not start.");
        }

        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
