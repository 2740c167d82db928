using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>
/// What every page shares: nothing is fetched from another host (the API reference included), a favicon, controls
/// whose borders can be seen (WCAG 1.4.11) and a larger text size that keeps a phone's page within its width.
/// </summary>
public sealed class LayoutTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    [Fact]
    public async Task No_page_fetches_anything_from_another_host_and_the_API_reference_is_linked_for_administrators_only()
    {
        var elsewhere = new List<string>();
        var document = false;
        await Page.Context.RouteAsync("**/*", async route =>
        {
            document |= new Uri(route.Request.Url).AbsolutePath == "/openapi/v1.json";
            if (new Uri(route.Request.Url).Host != App.BaseAddress.Host)
            {
                elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });

        await SignInAsync(AppHost.HrUser);
        await Assertions.Expect(Page.Locator("nav a[href='/api/reference']")).ToHaveCountAsync(0);
        await Page.Locator("form[action='/Account/Logout'] button").ClickAsync();

        await SignInAsync(AppHost.AdminUser);
        await Page.Locator("nav a[href='/api/reference']").ClickAsync();
        // The reference renders the document it read from this server. Rendering the whole document (300 KB) on a
        // loaded 2-core machine running the other browser tests beside it can take longer than the default wait.
        await Assertions.Expect(Page.GetByText("Reciproca API").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 90_000 });

        Assert.True(document, "The API reference did not read /openapi/v1.json from this server.");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Every_page_names_a_favicon_the_server_has()
    {
        await Page.GotoAsync("/Account/Login");
        var href = await Page.Locator("link[rel=icon]").GetAttributeAsync("href");

        var icon = await Page.APIRequest.GetAsync(href!);

        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/svg+xml", icon.Headers["content-type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_boxes_and_checkboxes_have_borders_of_at_least_three_to_one()
    {
        await Page.GotoAsync("/Account/Login");

        foreach (var selector in new[] { "#Input_UserName", "#Input_RememberMe" })
        {
            var ratio = await Page.Locator(selector).EvaluateAsync<double>(ContrastScript);
            Assert.True(ratio >= 3, $"{selector}: border contrast {ratio:0.00}:1 against the page, under 3:1.");
        }
    }

    [Fact]
    public async Task The_largest_text_is_kept_for_the_account_and_a_phone_page_does_not_scroll_sideways()
    {
        // Signed in on a desktop (the phone's menu hides the sign-out button the sign-in check looks for).
        await SignInAsync(AppHost.ParticipantUser);
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("/Account/Preferences?culture=it");
        await Page.GetByLabel("Molto grande").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salva le preferenze" }).ClickAsync();
        await Assertions.Expect(Page.Locator("main [role=status]")).ToHaveTextAsync("Preferenze salvate.");
        await Assertions.Expect(Page.Locator("html")).ToHaveClassAsync("text-largest");
        await AssertNoSeriousAxeViolationsAsync("the preferences page (largest text, 390 px)");

        var other = await OpenPageAsync();
        await SignInAsync(other, AppHost.ParticipantUser);
        await other.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/", "/Programmes", "/Account/Preferences", "/Account/AccessTokens", "/Account/ChangePassword" })
        {
            await other.GotoAsync(path + "?culture=it");
            await Assertions.Expect(other.Locator("html")).ToHaveClassAsync("text-largest");
            var overflow = await other.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 390 px with the largest text.");
        }

        await ScreenshotAsync(other, "largest-text-390");
    }

    // The contrast ratio (WCAG) between an element's border and the page background behind it.
    private const string ContrastScript = """
        element => {
            const rgb = text => text.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
            const luminance = ([r, g, b]) => {
                const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
                return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
            };
            const border = luminance(rgb(getComputedStyle(element).borderTopColor));
            const page = luminance(rgb(getComputedStyle(document.body).backgroundColor));
            const [light, dark] = border > page ? [border, page] : [page, border];
            return (light + 0.05) / (dark + 0.05);
        }
        """;
}
