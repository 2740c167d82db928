using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>Who may see what, and leaving again.</summary>
public sealed partial class AccountTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    [Fact]
    public async Task A_participant_opening_people_sees_access_denied()
    {
        await SignInAsync(AppHost.ParticipantUser);

        var response = await Page.GotoAsync("/People");

        Assert.NotNull(response);
        Assert.Equal(403, response.Status);
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Access denied");
        // The navigation offers participants no link to a page they may not open.
        await Assertions.Expect(Page.Locator("nav a[href='/People']")).ToHaveCountAsync(0);
        await ScreenshotAsync("access-denied");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_login_page_and_closes_the_directory()
    {
        await SignInAsync(AppHost.HrUser);
        await Page.GotoAsync("/People");

        var signOut = await Page.RunAndWaitForResponseAsync(
            () => Page.Locator("form[action='/Account/Logout'] button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/Account/Logout", StringComparison.Ordinal));
        Assert.True(signOut.Status is 302 or 303, $"POST /Account/Logout answered {signOut.Status}, expected a redirect to the login page.");
        await Assertions.Expect(Page).ToHaveURLAsync(LoginUrl());
        await Assertions.Expect(Page.Locator("form[action='/Account/Logout']")).ToHaveCountAsync(0);

        await Page.GotoAsync("/People");
        await Assertions.Expect(Page).ToHaveURLAsync(LoginUrl());
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}
