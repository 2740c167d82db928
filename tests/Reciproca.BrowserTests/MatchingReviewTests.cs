using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.BrowserTests;

/// <summary>
/// Issue 10: HR reviews a draft on a phone (390 px) and on a desktop: pairs as cards without horizontal scroll,
/// lock and exclude bring HR back to the pair with a sentence, publishing is confirmed first.
/// </summary>
/// <remarks>
/// The cohort is set up through the API (with a token of the HR account), as an HR system would: six digital
/// mentors each strong in what one experience mentor wants, and wanting what that one offers, so the draft has
/// six pairs: enough for the page to scroll.
/// </remarks>
public sealed class MatchingReviewTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Hr_reviews_locks_excludes_and_publishes_keeping_the_place(int width)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (programmeId, pairs) = await ArrangeAsync(width, cancellationToken);
        var hr = Page;
        // Signed in at the default size (the sign-in check looks for the top bar's sign-out button, folded away on a phone).
        await SignInAsync(hr, AppHost.HrUser);
        await hr.SetViewportSizeAsync(width, 844);

        await hr.GotoAsync($"/Programmes/Matching/{programmeId}");
        await hr.Locator("#run-matching").ClickAsync();
        await Assertions.Expect(hr.Locator("#review-status")).ToHaveTextAsync("A new draft is ready.");
        await Assertions.Expect(hr.Locator("#proposals > li")).ToHaveCountAsync(pairs.Count);
        await Assertions.Expect(hr.Locator("#verified")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(hr);
        if (width == 390)
        {
            // Stacked: every card sits below the previous one. Both boxes are read in one frame: read one at a time,
            // a scroll to the page's anchor still under way between the two reads moved the second card up.
            var boxes = await hr.Locator("#proposals > li").EvaluateAllAsync<double[][]>(
                "cards => cards.slice(0, 2).map(c => { const r = c.getBoundingClientRect(); return [r.top, r.height]; })");
            Assert.True(boxes[1][0] >= boxes[0][0] + boxes[0][1] - 1, $"The cards are not stacked at 390 px: {boxes[0][0]}+{boxes[0][1]} then {boxes[1][0]}.");
            await hr.Locator("#numbers-help summary").ClickAsync();
            await Assertions.Expect(hr.Locator("#numbers-help dl")).ToBeVisibleAsync();
            await AssertNoHorizontalScrollAsync(hr);
            await ScreenshotAsync(hr, "review-390");
        }
        else
        {
            await ScreenshotAsync(hr, "review-desktop");
        }

        await AssertNoSeriousAxeViolationsAsync(hr, $"the matching review at {width} px");

        // Lock the last pair of the draft: HR comes back to that card, scrolled to it, with the sentence in it.
        var (digital, experience) = pairs[^1];
        var card = hr.Locator($"#pair-{digital.Id:N}-{experience.Id:N}");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Lock {digital.DisplayName} with {experience.DisplayName}", Exact = true }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#pair-{digital.Id:N}-{experience.Id:N}$"));
        await Assertions.Expect(card.Locator("#review-status")).ToHaveTextAsync($"{digital.DisplayName} and {experience.DisplayName} are locked: the next run keeps them together. Run matching again to apply.");
        await Assertions.Expect(card).ToBeInViewportAsync();
        Assert.True(await hr.EvaluateAsync<double>("() => window.scrollY") > 0, "The page did not keep HR's place (scrolled to the top).");
        await Assertions.Expect(hr.Locator("#changed-since-run")).ToContainTextAsync("Re-run to apply your changes");
        await Assertions.Expect(hr.Locator("#verified")).ToHaveCountAsync(0);
        await AssertNoSeriousAxeViolationsAsync(hr, $"the matching review after a lock at {width} px");

        // Exclude the one before it, then undo the lock: each time back at the card.
        var (otherDigital, otherExperience) = pairs[^2];
        var otherCard = hr.Locator($"#pair-{otherDigital.Id:N}-{otherExperience.Id:N}");
        await otherCard.GetByRole(AriaRole.Button, new() { Name = $"Exclude {otherDigital.DisplayName} with {otherExperience.DisplayName}", Exact = true }).ClickAsync();
        await Assertions.Expect(otherCard.Locator("#review-status")).ToContainTextAsync("are excluded");
        await Assertions.Expect(otherCard).ToBeInViewportAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = $"Unlock {digital.DisplayName} with {experience.DisplayName}", Exact = true }).ClickAsync();
        await Assertions.Expect(card.Locator("#review-status")).ToContainTextAsync("is removed");
        await Assertions.Expect(card).ToBeInViewportAsync();
        await AssertNoHorizontalScrollAsync(hr);

        // The exclusion makes this draft stale; a new run, then publishing asks first and says who is e-mailed.
        await hr.Locator("#run-matching").ClickAsync();
        await Assertions.Expect(hr.Locator("#review-status")).ToHaveTextAsync("A new draft is ready.");
        var proposed = await hr.Locator("#proposals > li").CountAsync();
        await hr.Locator("#publish").ClickAsync();
        await Assertions.Expect(hr.Locator("#publish-confirm")).ToHaveTextAsync($"Publish {proposed} pairs?");
        await Assertions.Expect(hr.Locator("#publish-emailed")).ToContainTextAsync($"{proposed * 2} people will be e-mailed.");
        await Assertions.Expect(hr.Locator("#publish-warnings")).ToContainTextAsync("stay unmatched");
        await AssertNoHorizontalScrollAsync(hr);
        await AssertNoSeriousAxeViolationsAsync(hr, $"the publish confirmation at {width} px");
        if (width == 390)
        {
            await ScreenshotAsync(hr, "review-publish-confirm-390");
        }

        await hr.Locator("#publish-confirmed").ClickAsync();
        await Assertions.Expect(hr.Locator("#review-status")).ToHaveTextAsync($"{proposed} pairs published: each person has been told by e-mail.");
        await Assertions.Expect(hr.Locator("#pairs > li")).ToHaveCountAsync(proposed);
        await AssertNoHorizontalScrollAsync(hr);
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls horizontally by {overflow} px at {page.ViewportSize?.Width} px.");
    }

    /// <summary>Six diagonal pairs through the API, as an HR system would set them up; returns the expected draft.</summary>
    private async Task<(Guid ProgrammeId, List<(SeededPerson Digital, SeededPerson Experience)> Pairs)> ArrangeAsync(int width, CancellationToken cancellationToken)
    {
        string[] competences = ["1.1", "2.4", "3.1", "4.2", "5.2", "1.3"];
        string[] topics = ["leadership", "vision", "problem-solving", "feedback", "negotiation", "public-speaking"];
        var pairs = new List<(SeededPerson, SeededPerson)>();
        for (var i = 0; i < competences.Length; i++)
        {
            pairs.Add((
                await App.AddPersonWithAccountAsync($"Mariastella Digitale-Lombardi{i}x{width}", $"Ricerca e sviluppo {i}", 2000, ["it"], cancellationToken),
                await App.AddPersonWithAccountAsync($"Bartolomeo Esperienza-Brambilla{i}x{width}", $"Vendite e assistenza {i}", 1962, ["it"], cancellationToken)));
        }

        using var api = await ApiClientAsync(cancellationToken);
        var created = await api.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Review {width}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1)), _json, cancellationToken);
        created.EnsureSuccessStatusCode();
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, cancellationToken))!;
        (await api.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([.. pairs.SelectMany(p => new[] { p.Item1.Id, p.Item2.Id })]), _json, cancellationToken)).EnsureSuccessStatusCode();
        for (var i = 0; i < pairs.Count; i++)
        {
            var junior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, c => c == competences[i] ? 8 : 3), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, _ => 1), [competences[i]], [topics[i]], [], ["it"]);
            (await api.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{pairs[i].Item1.Id}/assessment", junior, _json, cancellationToken)).EnsureSuccessStatusCode();
            (await api.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{pairs[i].Item2.Id}/assessment", senior, _json, cancellationToken)).EnsureSuccessStatusCode();
        }

        return (programme.Id, pairs);
    }

    /// <summary>An API client acting as the HR account (a personal access token, as its owner would create one).</summary>
    private async Task<HttpClient> ApiClientAsync(CancellationToken cancellationToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(AppHost.HrUser);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var token = ApiToken.Generate();
        db.ApiTokens.Add(new ApiToken { UserId = user!.Id, Name = "review test", TokenHash = ApiToken.Hash(token), CreatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
