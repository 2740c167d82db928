using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// Issue 10: a senior participant fills in the self-assessment in Italian on a phone (390 px wide): rates some
/// competences, saves a draft, comes back, finishes, reads the summary and submits. The page is reached by keyboard
/// in few Tab presses, never scrolls sideways (also with large text), and axe finds no serious violations.
/// </summary>
public sealed partial class AssessmentJourneyTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string ProgrammeName = "Valutazione 2027";

    private static readonly string[] _competences =
        ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4"];

    [GeneratedRegex("/Programmes/Details/[0-9a-f-]{36}$")]
    private static partial Regex DetailsUrl();

    [Fact]
    public async Task A_senior_saves_a_draft_comes_back_finishes_and_submits_on_a_phone_in_italian()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var franca = await App.AddPersonWithAccountAsync("Franca Sala", "Vendite", 1962, ["it", "EN"], cancellationToken);
        var programmeId = await EnrolAsync(franca.Id, cancellationToken);

        // In Italian, chosen with the navbar's switch (wide enough to show it), then on a phone.
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("#language-switch").SelectOptionAsync("it");
        await Page.Locator("form[action='/Culture'] button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await SignInAsync(franca.UserName);
        await Page.SetViewportSizeAsync(390, 844);

        await Page.GotoAsync($"/Programmes/Details/{programmeId}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Compila la mia valutazione" }).ClickAsync();
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("La mia valutazione");
        await Assertions.Expect(Page.Locator("#assessment-progress")).ToHaveTextAsync("0 competenze valutate su 21");
        await AssertNoHorizontalScrollAsync("the assessment page");

        // Keyboard: from the top of the page to the first competence of the second area.
        Assert.InRange(await TabsToAsync("#level-2-1"), 1, 25);

        // The HR export's languages are ticked (the codes in any case), shown by their Italian names.
        await Assertions.Expect(Page.Locator("#lang-it")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("#lang-en")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("label[for='lang-en']")).ToHaveTextAsync("Inglese");
        await Assertions.Expect(Page.Locator("#lang-fr")).Not.ToBeCheckedAsync();

        // The first area, then a draft.
        foreach (var competence in _competences[..3])
        {
            await RateAsync(competence, 2);
        }

        await Assertions.Expect(Page.Locator("#assessment-progress")).ToHaveTextAsync("3 competenze valutate su 21");
        await ScreenshotAsync("assessment-phone-it");
        await AssertNoSeriousAxeViolationsAsync("the assessment page (Italian, phone)");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza e finisci più tardi" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(Page.Locator("main .alert-success")).ToContainTextAsync("La bozza è salvata.");

        // Back later: what was chosen is still there.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Continua la mia valutazione" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#level-1-2-2")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("#assessment-progress")).ToHaveTextAsync("3 competenze valutate su 21");
        await Assertions.Expect(Page.Locator("#assessment-status")).ToContainTextAsync("Questa è una bozza");

        foreach (var competence in _competences[3..])
        {
            await RateAsync(competence, competence[0] == '2' ? 1 : 3);
        }

        await Assertions.Expect(Page.Locator("#assessment-progress")).ToHaveTextAsync("21 competenze valutate su 21");
        await Page.Locator("label[for='want-level-2-4']").ClickAsync();
        await Page.Locator("input[name=OfferedTopics][value=leadership]").CheckAsync();

        // A language beyond the common ones, found by typing part of its name.
        await Page.Locator("#more-languages > summary").ClickAsync();
        await Page.Locator("#language-filter").FillAsync("grec");
        await Assertions.Expect(Page.Locator("#language-filter-count")).ToHaveTextAsync("1 lingua mostrata");
        await Page.Locator("label[for='lang-el']").ClickAsync();
        await Page.Locator("#availability").FillAsync("Martedì pomeriggio, in presenza");

        // Large text (twice the size) still fits the phone's width.
        await Page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");
        await AssertNoHorizontalScrollAsync("the assessment page with large text");
        await Page.EvaluateAsync("() => { document.documentElement.style.fontSize = ''; }");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Vai al riepilogo" }).ClickAsync();
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Controlla e invia la mia valutazione");
        await Assertions.Expect(Page.Locator("#missing")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Collaborare attraverso le tecnologie digitali");
        await Assertions.Expect(Page.Locator("#review-languages")).ToHaveTextAsync("Italiano, Inglese, Greco");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Martedì pomeriggio, in presenza");
        await AssertNoHorizontalScrollAsync("the summary");
        await ScreenshotAsync("assessment-summary-phone-it");
        await AssertNoSeriousAxeViolationsAsync("the assessment summary (Italian, phone)");

        // An "edit" link leads back to its part of the assessment, and the summary is one button away again.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Modifica — Lingue in cui puoi fare mentoring" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/Assessments/Edit/{programmeId}#languages$"));
        await Assertions.Expect(Page.Locator("#lang-el")).ToBeCheckedAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vai al riepilogo" }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Invia la mia valutazione" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(Page.Locator("main .alert-success")).ToContainTextAsync("La tua valutazione è stata inviata. Grazie!");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Aggiorna la mia valutazione" })).ToBeVisibleAsync();
    }

    /// <summary>Enrols the person in a new programme, as HR's enrolment would.</summary>
    private async Task<Guid> EnrolAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var programme = new Programme { Name = ProgrammeName, StartsOn = DateOnly.FromDateTime(now).AddDays(14), EndsOn = DateOnly.FromDateTime(now).AddDays(100), CreatedUtc = now, UpdatedUtc = now };
        db.Programmes.Add(programme);
        db.Participants.Add(new Participant { ProgrammeId = programme.Id, PersonId = personId, EnrolledUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        return programme.Id;
    }

    private Task RateAsync(string competence, int level) =>
        Page.Locator($"label[for='level-{competence.Replace('.', '-')}-{level}']").ClickAsync();

    /// <summary>Tab presses from the top of the page until the focus is inside <paramref name="selector"/>.</summary>
    private async Task<int> TabsToAsync(string selector)
    {
        await Page.ReloadAsync();
        for (var presses = 1; presses <= 60; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<bool>($"() => document.activeElement?.closest({System.Text.Json.JsonSerializer.Serialize(selector)}) !== null"))
            {
                return presses;
            }
        }

        return int.MaxValue;
    }

    private async Task AssertNoHorizontalScrollAsync(string what)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} scrolls sideways: {widths[0]} px of content in {widths[1]} px.");
    }
}
