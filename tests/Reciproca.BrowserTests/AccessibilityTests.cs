using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.BrowserTests;

/// <summary>axe finds no critical or serious violations on the main pages (WCAG 2.x A/AA and best practices).</summary>
public sealed class AccessibilityTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    [Fact]
    public async Task Login_page_has_no_serious_violations()
    {
        await Page.GotoAsync("/Account/Login");
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Sign in");
        await ScreenshotAsync("login");
        await AssertNoSeriousAxeViolationsAsync("the login page");
    }

    [Fact]
    public async Task People_page_has_no_serious_violations()
    {
        await SeedPeopleAsync();
        await SignInAsync(AppHost.HrUser);
        await Page.GotoAsync("/People");
        await Assertions.Expect(Page.Locator("main table tbody tr").First).ToBeVisibleAsync();
        await ScreenshotAsync("people");
        await AssertNoSeriousAxeViolationsAsync("the people page");
    }

    [Fact]
    public async Task Import_page_has_no_serious_violations_at_any_step()
    {
        var csv = TestEnvironment.SharedDataFile(Path.Combine("hr", "ibm-hr-attrition.csv"));
        await SignInAsync(AppHost.HrUser);

        await Page.GotoAsync("/People/Import");
        await Assertions.Expect(Page.Locator("#file")).ToBeVisibleAsync();
        await ScreenshotAsync("import-upload");
        await AssertNoSeriousAxeViolationsAsync("the import page (upload step)");

        await Page.Locator("#file").SetInputFilesAsync(csv);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and map columns" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#map-externalId")).ToBeVisibleAsync();
        await ScreenshotAsync("import-mapping");
        await AssertNoSeriousAxeViolationsAsync("the import page (mapping step)");

        // Checking without an identifier column shows the problems list.
        await Page.Locator("#map-externalId").SelectOptionAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#request-errors, #import-summary").First).ToBeVisibleAsync();
        await ScreenshotAsync("import-problems");
        await AssertNoSeriousAxeViolationsAsync("the import page (check with problems)");
    }

    /// <summary>Fills the directory through the application's own import handler, so the table has rows.</summary>
    private async Task SeedPeopleAsync()
    {
        var csv = TestEnvironment.SharedDataFile(Path.Combine("hr", "ibm-hr-attrition.csv"));
        await using var scope = App.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ImportPeopleHandler>();
        await using var file = File.OpenRead(csv);
        var mapping = new Dictionary<string, string>
        {
            [ImportFields.ExternalId] = "EmployeeNumber",
            [ImportFields.Age] = "Age",
            [ImportFields.Department] = "Department",
            [ImportFields.JobTitle] = "JobRole",
            [ImportFields.Gender] = "Gender",
        };
        var outcome = await handler.HandleAsync(new ImportPeople(file, mapping, null, null, DryRun: false), TestContext.Current.CancellationToken);
        Assert.True(outcome.Result is { Succeeded: true }, $"Seeding failed: {outcome.RequestErrors?.Count} request errors, {outcome.Result?.Errors.Count} row errors.");
    }
}
