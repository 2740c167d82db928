using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Reciproca.BrowserTests.Support;

/// <summary>Shared steps of the journeys: a fresh browser context per test, sign-in, screenshots and axe.</summary>
public abstract class BrowserTest(AppHost app, BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _cspViolations = [];

    protected AppHost App { get; } = app;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Every Content-Security-Policy violation any page of this test met: there must be none (checked at the end).</summary>
    protected IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_cspViolations)
            {
                return [.. _cspViolations];
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        Page = await OpenPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
        // Every journey doubles as a check of the policy on every page it visits.
        if (CspViolations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Content-Security-Policy violations:\n" + string.Join("\n", CspViolations));
        }
    }

    /// <summary>
    /// A page in a further fresh context (its own cookies), for journeys where several people act in turn, each
    /// signed in once in their own browser. Closed with the test.
    /// </summary>
    protected async Task<IPage> OpenPageAsync()
    {
        var context = await browser.NewContextAsync(App.BaseAddress);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await WatchViolationsAsync(page, _cspViolations);
        return page;
    }

    /// <summary>Signs in through the login form; the layout's language form has a submit button too, hence <c>main form</c>.</summary>
    protected Task SignInAsync(string userName, string password = AppHost.Password) => SignInAsync(Page, userName, password);

    /// <inheritdoc cref="SignInAsync(string, string)"/>
    protected static async Task SignInAsync(IPage page, string userName, string password = AppHost.Password)
    {
        await page.GotoAsync("/Account/Login");
        var form = page.Locator("main form");
        await form.Locator("#Input_UserName").FillAsync(userName);
        await form.Locator("#Input_Password").FillAsync(password);
        await form.Locator("button[type=submit]").ClickAsync();
        // A successful sign-in leaves the login page and shows the sign-out button.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Assertions.Expect(page.Locator("form[action='/Account/Logout']")).ToBeVisibleAsync();
    }

    protected Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestEnvironment.ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
    }

    /// <summary>Runs axe on the current page and fails, listing every one, on critical or serious violations.</summary>
    protected Task AssertNoSeriousAxeViolationsAsync(string pageName) => AssertNoSeriousAxeViolationsAsync(Page, pageName);

    /// <inheritdoc cref="AssertNoSeriousAxeViolationsAsync(string)"/>
    protected static async Task AssertNoSeriousAxeViolationsAsync(IPage page, string pageName)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        var minor = result.Violations.Except(serious).ToList();

        // Every violation, minor ones too, is kept beside the screenshots for the record.
        var report = $"axe {result.TestEngine?.Version} on {pageName} ({page.Url}){Environment.NewLine}" +
            $"critical/serious: {serious.Count}, moderate/minor: {minor.Count}, passes: {result.Passes.Length}, incomplete: {result.Incomplete.Length}{Environment.NewLine}" +
            Describe(result.Violations);
        var file = Path.Combine(TestEnvironment.AxeReportFolder, $"{string.Concat(pageName.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.txt");
        await File.WriteAllTextAsync(file, report, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.True(serious.Count == 0, $"axe found {serious.Count} critical/serious violation(s) on {pageName} ({page.Url}):{Environment.NewLine}{Describe(serious)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"- {violation.Id} [{violation.Impact}]: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
                {
                    text.AppendLine($"      {message.ReplaceLineEndings(" ")}");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Collects the Content-Security-Policy violations of the application's pages, as the browser reports them to the page
    /// itself and on the console. Another origin's page (the attacker's, in the security tests) is not the application's
    /// business: its frame refused by <c>frame-ancestors</c> is the policy working.
    /// </summary>
    private async Task WatchViolationsAsync(IPage page, List<string> violations)
    {
        var origin = App.BaseAddress.GetLeftPart(UriPartial.Authority);
        await page.ExposeFunctionAsync("reportViolation", (string text) =>
        {
            if (text.StartsWith(origin, StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(text);
                }
            }
        });
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.reportViolation(`${location.origin}${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        page.Console += (_, message) =>
        {
            if (page.Url.StartsWith(origin, StringComparison.Ordinal) && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
    }
}
