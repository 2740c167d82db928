using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>
/// Every page each demo account can reach, found by following the links a person sees (from the home page, bounded),
/// in English on a desktop and in Italian on a 390 px phone: axe finds no critical or serious violation and no page
/// scrolls sideways. The home pages' phone screenshots are kept with the CI output.
/// </summary>
public sealed partial class EveryPageTests(DemoAppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<DemoAppHost>
{
    private const int MaxPagesPerAccount = 16;

    public static TheoryData<string, string> Accounts() => new()
    {
        { "admin", AppHost.AdminUser },
        { "hr", DemoAppHost.DemoHr },
        { "sponsor", DemoAppHost.DemoSponsor },
        { "junior", DemoAppHost.DemoJunior },
        { "senior", DemoAppHost.DemoSenior },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_page_an_account_reaches_passes_axe_on_a_desktop_and_a_phone_without_sideways_scroll(string role, string userName)
    {
        await SignInAsync(userName, userName == AppHost.AdminUser ? AppHost.Password : DemoAppHost.DemoPassword);
        var problems = new List<string>();

        var pages = await CrawlAsync();
        Assert.True(pages.Count >= 2, $"Only {pages.Count} page(s) reachable for {role}: {string.Join(", ", pages)}");

        foreach (var path in pages)
        {
            await VisitAsync(path, 1280, "en", $"{role} {path} desktop", problems);
        }

        foreach (var path in pages)
        {
            await VisitAsync(path, 390, "it", $"{role} {path} 390px it", problems);
            if (path == "/")
            {
                await ScreenshotAsync($"home-{role}-390");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_pages_before_sign_in_pass_axe_on_a_phone()
    {
        var problems = new List<string>();
        await VisitAsync("/Account/Login", 390, "it", "login 390px it", problems);
        foreach (var href in await LinksAsync())
        {
            await VisitAsync(href, 390, "it", $"{href} 390px it", problems);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task VisitAsync(string path, int width, string language, string name, List<string> problems)
    {
        await Page.SetViewportSizeAsync(width, width < 600 ? 844 : 900);
        await Page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = App.BaseAddress.ToString() }]);
        var response = await Page.GotoAsync(path);
        if (response is null || response.Status >= 400)
        {
            problems.Add($"{name}: HTTP {response?.Status}");
            return;
        }

        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            problems.Add($"{name}: the page scrolls sideways by {overflow} px, widest: {await Page.EvaluateAsync<string>(WidestScript)}");
        }

        try
        {
            await AssertNoSeriousAxeViolationsAsync(name);
        }
        catch (Exception failure) when (failure is Xunit.Sdk.XunitException)
        {
            problems.Add(failure.Message);
        }
    }

    // Breadth-first from the home page over the links of the navigation and the main content: one page per route
    // (ids and query strings aside), so a list of 300 people is one page, not 300.
    private async Task<List<string>> CrawlAsync()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pages = new List<string>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && pages.Count < MaxPagesPerAccount)
        {
            var path = queue.Dequeue();
            if (!seen.Add(RouteOf(path)))
            {
                continue;
            }

            var response = await Page.GotoAsync(path);
            if (response is null || response.Status >= 400 || !new Uri(Page.Url).AbsolutePath.Equals(new Uri(App.BaseAddress, path).AbsolutePath, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            pages.Add(path);
            foreach (var link in await LinksAsync())
            {
                queue.Enqueue(link);
            }
        }

        return pages;
    }

    private async Task<IReadOnlyList<string>> LinksAsync()
    {
        var hrefs = await Page.Locator("header a[href], main a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. hrefs.Where(IsPage).Select(h => h.Split('#')[0]).Distinct()];
    }

    // The outermost elements that reach past the viewport: where a sideways scroll comes from.
    private const string WidestScript = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
            .slice(0, 3)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().width) + ' px)')
            .join(', ')
        """;

    private static bool IsPage(string? href) =>
        href is { Length: > 0 } && href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("/openapi", StringComparison.OrdinalIgnoreCase)
        && !href.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("/calendar", StringComparison.OrdinalIgnoreCase)
        && !href.Contains("handler=", StringComparison.OrdinalIgnoreCase) && !href.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static string RouteOf(string path) => Ids().Replace(path.Split('?')[0].Split('#')[0], "{id}");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Ids();
}
