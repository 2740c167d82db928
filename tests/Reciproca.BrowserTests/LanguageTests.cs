using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>The navbar's language switch turns the whole interface Italian and remembers it.</summary>
public sealed class LanguageTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    [Fact]
    public async Task Switching_to_italian_translates_the_login_and_people_pages()
    {
        await Page.GotoAsync("/Account/Login");
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        var switcher = Page.Locator("form[action='/Culture']");
        await switcher.Locator("#language-switch").SelectOptionAsync("it");
        var applied = await Page.RunAndWaitForResponseAsync(
            () => switcher.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/Culture", StringComparison.Ordinal));
        Assert.True(applied.Status is 302 or 303, $"POST /Culture answered {applied.Status}, expected a redirect back to the page.");

        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Accedi");
        await Assertions.Expect(Page.Locator("#language-switch")).ToHaveValueAsync("it");
        await ScreenshotAsync("login-it");

        await SignInAsync(AppHost.HrUser);
        await Page.GotoAsync("/People");
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Persone");
        await Assertions.Expect(Page.Locator("#people-count")).ToContainTextAsync("persone trovate");
        await ScreenshotAsync("people-it");
    }
}
