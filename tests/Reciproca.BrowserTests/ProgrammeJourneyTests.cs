using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;

namespace Reciproca.BrowserTests;

/// <summary>
/// Issue 4: HR creates a programme, enrols people, runs matching, locks a pair, re-runs and publishes; a participant
/// accepts and both sign a pact. Every person acts in their own browser context, signed in once.
/// </summary>
/// <remarks>
/// The cohort is built so that the optimum is unique and a lock visibly changes it. Digital mentors Giulia (2.4 at
/// level 5, 1.1 at 8; wants "vision") and Luca (2.4 at 8, 1.1 at 5; wants "leadership"); experience mentors Marco
/// (2.4 at 2, wants 2.4) and Anna (1.1 at 2, wants 1.1), both offering vision and leadership. Every pair is fully
/// useful to the digital mentor (b = 1); the experience mentor gains 6 of 7 levels from the better partner, 3 of 7
/// from the other: 2ab/(a+b) = 9,230 or 6,000, plus 1,000 for crossing departments. Optimum: Giulia–Anna and
/// Luca–Marco, 20,460. With Giulia–Marco locked, the only rest is Luca–Anna: 14,000.
/// </remarks>
public sealed partial class ProgrammeJourneyTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string ProgrammeName = "Reverse mentoring 2027";
    private const string Young = "Research & Development";
    private const string Senior = "Sales";

    private static readonly string[] _competences =
        ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "3-1", "3-2", "3-3", "3-4", "4-1", "4-2", "4-3", "4-4", "5-1", "5-2", "5-3", "5-4"];

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    [Fact]
    public async Task Hr_matches_locks_and_publishes_and_a_pair_signs_its_pact()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var giulia = await App.AddPersonWithAccountAsync("Giulia Rossi", Young, 1999, ["it", "en"], cancellationToken);
        var luca = await App.AddPersonWithAccountAsync("Luca Bianchi", Young, 2001, ["it", "en"], cancellationToken);
        var marco = await App.AddPersonWithAccountAsync("Marco Conti", Senior, 1965, ["it", "en"], cancellationToken);
        var anna = await App.AddPersonWithAccountAsync("Anna Ferri", Senior, 1968, ["it"], cancellationToken);

        // Everyone signs in once, in their own browser, at the same time (5 attempts: within the login rate limit).
        var hr = Page;
        var giuliaPage = await OpenPageAsync();
        var lucaPage = await OpenPageAsync();
        var marcoPage = await OpenPageAsync();
        var annaPage = await OpenPageAsync();
        await Task.WhenAll(
            SignInAsync(hr, AppHost.HrUser), SignInAsync(giuliaPage, giulia.UserName), SignInAsync(lucaPage, luca.UserName),
            SignInAsync(marcoPage, marco.UserName), SignInAsync(annaPage, anna.UserName));
        Mark("people seeded, everyone signed in");

        // HR: create the programme.
        await hr.GotoAsync("/Programmes");
        await hr.GetByRole(AriaRole.Link, new() { Name = "New programme" }).ClickAsync();
        await Assertions.Expect(hr.Locator("main h1")).ToHaveTextAsync("New programme");
        var startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        await hr.Locator("#Form_Name").FillAsync(ProgrammeName);
        await hr.Locator("#Form_Description").FillAsync("Digital natives and experienced colleagues teach each other.");
        await hr.Locator("#Form_StartsOn").FillAsync(startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await hr.Locator("#Form_EndsOn").FillAsync(startsOn.AddDays(7 * 12 - 3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ScreenshotAsync(hr, "programme-create");
        await AssertNoSeriousAxeViolationsAsync(hr, "the new programme page");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create the programme" }).ClickAsync();

        await Assertions.Expect(hr).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(hr.Locator("main h1")).ToHaveTextAsync(ProgrammeName);
        var programmeId = DetailsUrl().Match(hr.Url).Groups["id"].Value;

        Mark("programme created");

        // HR: enrol the two seniors through the department filter, then the two juniors through the generation filter.
        await EnrolAsync(hr, "#department", Senior, marco, anna);
        await EnrolAsync(hr, "#generation", "genz", giulia, luca);
        await Assertions.Expect(hr.Locator("#participants tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(hr.Locator("#participant-count")).ToContainTextAsync("4 (0 assessed)");

        Mark("enrolled");

        // Each participant confirms the readiness checklist and fills in their own assessment. Giulia's pages are the
        // ones checked with axe; the other three work at the same time. Who ticks wanted topics becomes a digital
        // mentor, who ticks wanted competences an experience mentor.
        await ParticipantAsync(giuliaPage, programmeId, new() { ["2-4"] = 5, ["1-1"] = 8 }, wantedCompetence: null, offered: [], wanted: ["Formulating a vision"], audit: true);
        await Task.WhenAll(
            ParticipantAsync(lucaPage, programmeId, new() { ["2-4"] = 8, ["1-1"] = 5 }, wantedCompetence: null, offered: [], wanted: ["Leadership"]),
            ParticipantAsync(marcoPage, programmeId, new() { ["2-4"] = 2 }, wantedCompetence: "2-4", offered: ["Formulating a vision", "Leadership"], wanted: []),
            ParticipantAsync(annaPage, programmeId, new() { ["1-1"] = 2 }, wantedCompetence: "1-1", offered: ["Formulating a vision", "Leadership"], wanted: []));

        Mark("assessed");

        // HR sees the sides the assessments proposed.
        await hr.ReloadAsync();
        await Assertions.Expect(hr.Locator("#participant-count")).ToContainTextAsync("4 (4 assessed)");
        await ExpectProposedSideAsync(hr, giulia, "DigitalMentor", "Digital mentor ✓");
        await ExpectProposedSideAsync(hr, luca, "DigitalMentor", "Digital mentor ✓");
        await ExpectProposedSideAsync(hr, marco, "ExperienceMentor", "Experience mentor ✓");
        await ExpectProposedSideAsync(hr, anna, "ExperienceMentor", "Experience mentor ✓");
        await ScreenshotAsync(hr, "programme-details-hr");
        await AssertNoSeriousAxeViolationsAsync(hr, "the programme page (HR, cohort and enrolment)");

        // HR: everyone has assessed, so the programme page's next step is the matching; the first draft is the unique optimum.
        await Assertions.Expect(hr.Locator("#progress [data-stage='Matching']")).ToHaveCountAsync(1);
        await hr.Locator("#progress [data-step='RunMatching'] a").ClickAsync();
        await Assertions.Expect(hr.Locator("main h1")).ToHaveTextAsync("Matching");
        await hr.Locator("#run-matching").ClickAsync();
        await ExpectReviewStatusAsync(hr, "A new draft is ready.");
        await ExpectDraftAsync(hr, (giulia, anna), (luca, marco));
        await Assertions.Expect(hr.Locator("#draft-summary")).ToContainTextAsync("2 pairs proposed, 0 people unmatched, total mutual benefit 20,460");
        await Assertions.Expect(hr.Locator("#draft-summary")).ToContainTextAsync("optimum proved");
        await ScreenshotAsync(hr, "matching-first-draft");

        Mark("first draft");

        // The draft offers Lock only on its own rows, so HR reaches the non-optimal pair Giulia–Marco by excluding
        // Giulia–Anna and running again, locks it there, lifts the exclusion and runs once more.
        await hr.GetByRole(AriaRole.Button, new() { Name = $"Exclude {giulia.DisplayName} with {anna.DisplayName}", Exact = true }).ClickAsync();
        await ExpectReviewStatusAsync(hr, $"{giulia.DisplayName} and {anna.DisplayName} are excluded: the next run will not pair them. Run matching again to apply.");
        await Assertions.Expect(hr.Locator("#constraints")).ToContainTextAsync($"Excluded: {giulia.DisplayName} – {anna.DisplayName}");
        await hr.Locator("#run-matching").ClickAsync();
        await ExpectReviewStatusAsync(hr, "A new draft is ready.");
        await ExpectDraftAsync(hr, (giulia, marco), (luca, anna));

        await hr.GetByRole(AriaRole.Button, new() { Name = $"Lock {giulia.DisplayName} with {marco.DisplayName}", Exact = true }).ClickAsync();
        await ExpectReviewStatusAsync(hr, $"{giulia.DisplayName} and {marco.DisplayName} are locked: the next run keeps them together. Run matching again to apply.");
        await Assertions.Expect(hr.Locator("#constraints")).ToContainTextAsync($"Locked: {giulia.DisplayName} – {marco.DisplayName}");
        await hr.Locator("#constraints li").Filter(new() { HasText = "Excluded:" }).GetByRole(AriaRole.Button, new() { Name = "remove" }).ClickAsync();
        await ExpectReviewStatusAsync(hr, $"The rule for {giulia.DisplayName} and {anna.DisplayName} is removed. Run matching again to apply.");
        await Assertions.Expect(hr.Locator("#constraints li")).ToHaveCountAsync(1);

        await hr.Locator("#run-matching").ClickAsync();
        await ExpectReviewStatusAsync(hr, "A new draft is ready.");
        // Without the exclusion the optimum would be back; the lock keeps Giulia–Marco and so moves Luca to Anna.
        await ExpectDraftAsync(hr, (giulia, marco), (luca, anna));
        await Assertions.Expect(hr.Locator("#draft-summary")).ToContainTextAsync("total mutual benefit 14,000");
        var lockedRow = DraftRow(hr, giulia, marco);
        await Assertions.Expect(lockedRow.Locator(".badge", new() { HasText = "locked by HR" })).ToBeVisibleAsync();
        await Assertions.Expect(lockedRow.GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(DraftRow(hr, luca, anna)).Not.ToContainTextAsync("locked by HR");

        // "Ask about any pair": the pair the lock displaced is allowed and worth more.
        await hr.Locator("#ask-digital").SelectOptionAsync(new SelectOptionValue { Label = giulia.DisplayName });
        await hr.Locator("#ask-experience").SelectOptionAsync(new SelectOptionValue { Label = anna.DisplayName });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#asked")).ToContainTextAsync($"{giulia.DisplayName} with {anna.DisplayName} would score 10,230, 102 % of a perfect reciprocal score.");
        await ScreenshotAsync(hr, "matching-locked-draft");
        await AssertNoSeriousAxeViolationsAsync(hr, "the matching review (locked draft, ask about a pair)");

        Mark("locked draft");

        await Assertions.Expect(hr.Locator("#publish")).ToHaveTextAsync("Publish 2 pairs");
        await hr.Locator("#publish").ClickAsync();
        await Assertions.Expect(hr.Locator("#publish-emailed")).ToContainTextAsync("4 people will be e-mailed.");
        await hr.Locator("#publish-confirmed").ClickAsync();
        await ExpectReviewStatusAsync(hr, "2 pairs published: each person has been told by e-mail.");
        await Assertions.Expect(hr.Locator("#draft-heading")).ToHaveTextAsync("Published pairs");
        await Assertions.Expect(hr.Locator("#publish")).ToHaveCountAsync(0);
        await ExpectDraftAsync(hr, (giulia, marco), (luca, anna));

        Mark("published");

        // Giulia accepts first and waits; Marco accepts and the pair is accepted by both.
        await giuliaPage.GotoAsync($"/Programmes/Pair/{programmeId}");
        await Assertions.Expect(giuliaPage.Locator("#partner-heading")).ToHaveTextAsync($"Your partner: {marco.DisplayName}");
        await Assertions.Expect(giuliaPage.Locator("#pair-state")).ToHaveTextAsync("proposed");
        await ScreenshotAsync(giuliaPage, "pair-proposed");
        await giuliaPage.Locator("#accept").ClickAsync();
        await ExpectFlashAsync(giuliaPage, "Accepted.");
        await Assertions.Expect(giuliaPage.GetByText("You accepted. Waiting for your partner.")).ToBeVisibleAsync();

        await marcoPage.GotoAsync($"/Programmes/Pair/{programmeId}");
        await Assertions.Expect(marcoPage.Locator("#partner-heading")).ToHaveTextAsync($"Your partner: {giulia.DisplayName}");
        await marcoPage.Locator("#accept").ClickAsync();
        await ExpectFlashAsync(marcoPage, "Accepted.");
        await Assertions.Expect(marcoPage.Locator("#pair-state")).ToHaveTextAsync("accepted by both");

        Mark("accepted");

        // Marco writes the pact: a goal each way, tagged with a DigComp id and a topic, and the charter.
        await marcoPage.Locator("#goal-0").FillAsync("Run our team's weekly planning on a shared online board");
        await marcoPage.Locator("#tags-0 > summary").ClickAsync();
        await marcoPage.Locator("#tags-0 input[value='2.4']").CheckAsync();
        await marcoPage.Locator("#goal-2").FillAsync("Write a one-page vision for Giulia's product area");
        await marcoPage.Locator("#tags-2 > summary").ClickAsync();
        await marcoPage.Locator("#tags-2 input[value='vision']").CheckAsync();
        await marcoPage.Locator("#Form_ConfidentialityAccepted").CheckAsync();
        await marcoPage.Locator("#save-pact").ClickAsync();
        await ExpectFlashAsync(marcoPage, "Pact saved.");
        await Assertions.Expect(marcoPage.Locator("#pact-status")).ToHaveTextAsync("Version 1. Digital mentor: not signed yet. Experience mentor: not signed yet.");
        // The saved goals come back first in their direction, each direction followed by two blank rows again:
        // row 0 is the digital goal, rows 1-2 blank, row 3 the experience goal.
        await Assertions.Expect(marcoPage.Locator("#tags-0 input[value='2.4']")).ToBeCheckedAsync();
        await Assertions.Expect(marcoPage.Locator("input[name='Form.Goals[3].Direction']")).ToHaveValueAsync("ExperienceToDigital");
        await Assertions.Expect(marcoPage.Locator("#goal-3")).ToHaveValueAsync("Write a one-page vision for Giulia's product area");
        await Assertions.Expect(marcoPage.Locator("#tags-3 input[value='vision']")).ToBeCheckedAsync();
        await ScreenshotAsync(marcoPage, "pair-pact-written");
        await AssertNoSeriousAxeViolationsAsync(marcoPage, "the pair page (pact form)");
        await marcoPage.Locator("#sign-pact").ClickAsync();
        await ExpectFlashAsync(marcoPage, "Signed.");
        await Assertions.Expect(marcoPage.Locator("#pact-status")).ToHaveTextAsync("Version 1. Digital mentor: not signed yet. Experience mentor: signed.");
        await Assertions.Expect(marcoPage.Locator("#sign-pact")).ToHaveCountAsync(0);
        await Assertions.Expect(marcoPage.Locator("#pair-state")).ToHaveTextAsync("accepted by both");

        Mark("pact written and signed once");

        // Giulia reads the same text and signs: the pact is signed.
        await giuliaPage.ReloadAsync();
        await Assertions.Expect(giuliaPage.Locator("#goal-0")).ToHaveValueAsync("Run our team's weekly planning on a shared online board");
        await Assertions.Expect(giuliaPage.Locator("#Form_ConfidentialityAccepted")).ToBeCheckedAsync();
        await giuliaPage.Locator("#sign-pact").ClickAsync();
        await ExpectFlashAsync(giuliaPage, "Signed.");
        await Assertions.Expect(giuliaPage.Locator("#pair-state")).ToHaveTextAsync("pact signed");
        await Assertions.Expect(giuliaPage.Locator("#pact-status")).ToHaveTextAsync("Version 1. Digital mentor: signed. Experience mentor: signed.");
        await ScreenshotAsync(giuliaPage, "pair-pact-signed");

        await marcoPage.ReloadAsync();
        await Assertions.Expect(marcoPage.Locator("#pair-state")).ToHaveTextAsync("pact signed");

        Mark("pact signed");

        // The other pair is untouched: still waiting for both answers.
        await lucaPage.GotoAsync($"/Programmes/Pair/{programmeId}");
        await Assertions.Expect(lucaPage.Locator("#partner-heading")).ToHaveTextAsync($"Your partner: {anna.DisplayName}");
        await Assertions.Expect(lucaPage.Locator("#pair-state")).ToHaveTextAsync("proposed");
    }

    /// <summary>Prints the time since the test started, so a slow run shows where it spent it.</summary>
    private void Mark(string step) => TestContext.Current.TestOutputHelper?.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {step}");

    private static async Task EnrolAsync(IPage hr, string filter, string value, params SeededPerson[] people)
    {
        await hr.Locator(filter).SelectOptionAsync(value);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex($"[?&]{filter.TrimStart('#')}={Regex.Escape(Uri.EscapeDataString(value))}(&|$)"));
        var candidates = hr.Locator("#candidates input[name=Selected]");
        await Assertions.Expect(candidates).ToHaveCountAsync(people.Length);
        foreach (var person in people)
        {
            await hr.Locator($"#candidates input[value='{person.Id}']").CheckAsync();
        }

        await hr.GetByRole(AriaRole.Button, new() { Name = "Enrol the selected people" }).ClickAsync();
        await ExpectFlashAsync(hr, $"{people.Length} people enrolled.");
        foreach (var person in people)
        {
            await Assertions.Expect(CohortRow(hr, person)).ToBeVisibleAsync();
        }
    }

    /// <summary>On the programme page: confirms the readiness checklist, then fills in and saves the assessment.</summary>
    private static async Task ParticipantAsync(
        IPage page, string programmeId, Dictionary<string, int> levels, string? wantedCompetence, string[] offered, string[] wanted, bool audit = false)
    {
        await page.GotoAsync($"/Programmes/Details/{programmeId}");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(ProgrammeName);
        // A participant sees neither the cohort nor the enrolment form.
        await Assertions.Expect(page.Locator("#participants")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have read this and I am ready" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you: you are ready for matching.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Fill in my assessment" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Assessments/Edit/{programmeId}$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("My assessment");
        // Every competence is rated (a complete assessment): the given levels, 1 elsewhere (no wish there, so no score).
        foreach (var competence in _competences)
        {
            await page.Locator($"label[for='level-{competence}-{levels.GetValueOrDefault(competence, 1).ToString(CultureInfo.InvariantCulture)}']").ClickAsync();
        }

        if (wantedCompetence is not null)
        {
            await page.Locator($"#want-level-{wantedCompetence}").CheckAsync();
        }

        foreach (var topic in offered)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"I can offer: {topic}", Exact = true }).CheckAsync();
        }

        foreach (var topic in wanted)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"I want: {topic}", Exact = true }).CheckAsync();
        }

        // The languages come ticked from the directory.
        await Assertions.Expect(page.Locator("#lang-it")).ToBeCheckedAsync();
        if (audit)
        {
            await ScreenshotAsync(page, "assessment");
            await AssertNoSeriousAxeViolationsAsync(page, "the assessment page");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the summary" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Check and submit my assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my assessment" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        await ExpectFlashAsync(page, "Your assessment is submitted. Thank you!");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Update my assessment" })).ToBeVisibleAsync();
        if (audit)
        {
            await ScreenshotAsync(page, "programme-details-participant");
        }
    }

    /// <summary>The cohort table's side selector shows the side proposed from the assessment (✓), not overridden.</summary>
    private static async Task ExpectProposedSideAsync(IPage hr, SeededPerson person, string side, string label)
    {
        var selector = CohortRow(hr, person).Locator($"#side-{person.Id}");
        await Assertions.Expect(selector).ToHaveValueAsync(side);
        await Assertions.Expect(selector.Locator("option:checked")).ToHaveTextAsync(label);
    }

    private static async Task ExpectDraftAsync(IPage hr, params (SeededPerson Digital, SeededPerson Experience)[] pairs)
    {
        await Assertions.Expect(hr.Locator("#proposals > li")).ToHaveCountAsync(pairs.Length);
        foreach (var (digital, experience) in pairs)
        {
            await Assertions.Expect(DraftRow(hr, digital, experience)).ToHaveCountAsync(1);
        }
    }

    /// <summary>The draft's card of a pair, named by the two people (digital mentor first).</summary>
    private static ILocator DraftRow(IPage hr, SeededPerson digital, SeededPerson experience) =>
        hr.Locator($"#proposals #pair-{digital.Id:N}-{experience.Id:N}");

    /// <summary>The sentence confirming a review action, shown where HR acted.</summary>
    private static Task ExpectReviewStatusAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator("#review-status")).ToHaveTextAsync(text);

    private static ILocator CohortRow(IPage hr, SeededPerson person) =>
        hr.Locator("#participants tbody tr").Filter(new() { Has = hr.Locator("th", new() { HasText = person.DisplayName }) });

    private static Task ExpectFlashAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator("main > .alert-success[role=status]")).ToHaveTextAsync(text);

    [GeneratedRegex("/Programmes/Details/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex DetailsUrl();
}
