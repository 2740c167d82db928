using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>HR signs in, uploads the IBM HR export, maps its columns, checks it and imports 1,470 people.</summary>
public sealed class ImportJourneyTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private static readonly Dictionary<string, string> _mapping = new()
    {
        ["#map-externalId"] = "EmployeeNumber",
        ["#map-age"] = "Age",
        ["#map-department"] = "Department",
        ["#map-jobTitle"] = "JobRole",
        ["#map-gender"] = "Gender",
    };

    [Fact]
    public async Task Hr_imports_the_ibm_export_and_sees_everyone_in_the_directory()
    {
        var csv = TestEnvironment.SharedDataFile(Path.Combine("hr", "ibm-hr-attrition.csv"));
        await SignInAsync(AppHost.HrUser);

        await Page.GotoAsync("/People/Import");
        await Page.Locator("#file").SetInputFilesAsync(csv);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and map columns" }).ClickAsync();

        // The mapping step: the page guesses some columns; set every one the journey needs explicitly.
        await Assertions.Expect(Page.Locator("#map-externalId")).ToBeVisibleAsync();
        foreach (var (select, column) in _mapping)
        {
            await Page.Locator(select).SelectOptionAsync(column);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#import-summary [data-count=created]")).ToHaveTextAsync("1,470", new() { Timeout = 60_000 });
        await Assertions.Expect(Page.Locator("#import-summary [data-count=rejected]")).ToHaveTextAsync("0");
        await ScreenshotAsync("import-checked");

        await Page.Locator("#confirm-import").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/People/?$"), new() { Timeout = 60_000 });
        await Assertions.Expect(Page.Locator("#people-count")).ToContainTextAsync("1,470");
        await Assertions.Expect(Page.Locator("main table tbody tr").First).ToBeVisibleAsync();
        Assert.True(await Page.Locator("main table tbody tr").CountAsync() > 1, "The people table should list several rows.");
        await ScreenshotAsync("people-after-import");
    }
}
