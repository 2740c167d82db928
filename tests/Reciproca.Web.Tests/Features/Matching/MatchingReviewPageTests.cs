using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// Issue 10, the review page as a browser drives it: numbers explained, actions that bring the reader back to the
/// pair they acted on with a sentence, a lock below the minimum, forbidden pairs that say how to change the rule,
/// publishing in two steps, and refusals.
/// </summary>
public abstract class MatchingReviewPageTests(AppFixture fixture)
{
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Four pairs of the diagonal kind (junior i strong in what senior i wants, senior i offering what junior i wants);
    /// S1 manages J1 (a forbidden pair); J5 is enrolled but never assessed. The minimum pair score is 2,000, so a pair
    /// off the diagonal (only the department bonus, 1,000) is below it.
    /// </summary>
    private async Task<Review> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "id;name;born;dept;manager;email\r\n" +
                  $"{tag}S1;Senior Uno {tag};1960;Vendite;;{tag}s1@officine.example\r\n{tag}S2;Senior Due {tag};1962;Qualità;;{tag}s2@officine.example\r\n{tag}S3;Senior Tre {tag};1965;IT;;\r\n{tag}S4;Senior Quattro {tag};1958;Logistica;;{tag}s4@officine.example\r\n" +
                  $"{tag}J1;Junior Uno {tag};2000;Vendite;{tag}S1;{tag}j1@officine.example\r\n{tag}J2;Junior Due {tag};1999;IT;;{tag}j2@officine.example\r\n{tag}J3;Junior Tre {tag};2001;Qualità;;{tag}j3@officine.example\r\n{tag}J4;Junior Quattro {tag};1998;Logistica;;{tag}j4@officine.example\r\n" +
                  $"{tag}J5;Junior Cinque {tag};2002;IT;;{tag}j5@officine.example\r\n";
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8(csv), new Dictionary<string, string>
        {
            ["externalId"] = "id",
            ["displayName"] = "name",
            ["birthYear"] = "born",
            ["department"] = "dept",
            ["managerExternalId"] = "manager",
            ["email"] = "email",
        }), HttpStatusCode.OK);
        var ids = await Factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith(tag)).ToDictionaryAsync(p => p.ExternalId[tag.Length..], p => p.Id));

        var hrName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var hr = await Factory.CreateClientForUserAsync(hrName);
        var input = new ProgrammeInput($"Review {tag}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1), Rules: new MatchingRulesInput(MinimumScore: 2000));
        var programme = (await (await hr.PostAsJsonAsync("/api/v1/programmes", input, _json, Cancel)).Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([.. ids.Values]), _json, Cancel)).StatusCode);

        string[] competences = ["1.1", "2.4", "3.1", "5.2"];
        string[] topics = ["leadership", "vision", "problem-solving", "feedback"];
        for (var i = 0; i < 4; i++)
        {
            var junior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, c => c == competences[i] ? 8 : 3), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, _ => 1), [competences[i]], [topics[i]], [], ["it"]);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"J{i + 1}"]}/assessment", junior, _json, Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"S{i + 1}"]}/assessment", senior, _json, Cancel)).StatusCode);
        }

        var run = await hr.PostAsync($"/api/v1/programmes/{programme.Id}/matching-runs", null, Cancel);
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var browser = await CookieJar.SignedInAsync(Factory, hrName);
        // Later changes (locks, exclusions) happen after the run, as they do in real time.
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        return new Review(hr, browser, programme.Id, ids, tag, (await run.Content.ReadFromJsonAsync<MatchingRunView>(_json, Cancel))!);
    }

    private sealed record Review(HttpClient Hr, CookieJar Browser, Guid ProgrammeId, Dictionary<string, Guid> Ids, string Tag, MatchingRunView Run) : IDisposable
    {
        public string Page => $"/Programmes/Matching/{ProgrammeId}";

        public string Name(string key) => $"{key[0] switch { 'J' => "Junior", _ => "Senior" }} {new[] { "", "Uno", "Due", "Tre", "Quattro", "Cinque" }[key[1] - '0']} {Tag}";

        public string Anchor(string junior, string senior) => $"pair-{Ids[junior]:N}-{Ids[senior]:N}";

        /// <summary>A page's HTML with its character references decoded, so that sentences compare as the reader sees them.</summary>
        public async Task<string> HtmlAsync(string url) => WebUtility.HtmlDecode(await Browser.GetStringAsync(url));

        public async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields, string? pageUrl = null)
        {
            var html = await HtmlAsync(pageUrl ?? Page);
            return await Browser.PostFormAsync($"{Page}?handler={handler}", html, fields);
        }

        public Task<HttpResponseMessage> ConstraintAsync(string junior, string senior, string kind, string from) =>
            PostAsync("Constraint", new() { ["digitalMentorId"] = Ids[junior].ToString(), ["experienceMentorId"] = Ids[senior].ToString(), ["kind"] = kind, ["from"] = from });

        public void Dispose()
        {
            Hr.Dispose();
            Browser.Dispose();
        }
    }

    /// <summary>The part of the page inside the element with this id (up to its closing article or div).</summary>
    private static string Card(string html, string anchor)
    {
        var start = html.IndexOf($"id=\"{anchor}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No element #{anchor} in the page.");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    [Fact]
    public async Task The_draft_explains_its_numbers_and_shows_each_pair_as_a_card_with_its_share_of_a_perfect_score()
    {
        using var review = await ArrangeAsync();

        var html = await review.HtmlAsync(review.Page);

        Assert.Contains("What do these numbers mean?", html, StringComparison.Ordinal);
        Assert.Contains("Total mutual benefit", html, StringComparison.Ordinal);
        Assert.Contains("Proved optimal", html, StringComparison.Ordinal);
        Assert.Contains("id=\"verified\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", Html(html, "proposals"), StringComparison.Ordinal);
        Assert.Equal(3, review.Run.Proposals.Count);
        foreach (var proposal in review.Run.Proposals)
        {
            var card = Card(html, $"pair-{proposal.DigitalMentorId:N}-{proposal.ExperienceMentorId:N}");
            var percent = (proposal.Score / 100.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"Score {proposal.Score:N0} ({percent} % of a perfect reciprocal score)", card, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lock_and_unlock_from_a_card_come_back_to_the_card_with_a_sentence_and_optimality_is_claimed_only_for_the_applied_locks()
    {
        using var review = await ArrangeAsync();
        var anchor = review.Anchor("J2", "S2");

        var locked = await review.ConstraintAsync("J2", "S2", "Lock", "pair");

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.EndsWith($"{review.Page}#{anchor}", locked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var html = await review.HtmlAsync(review.Page);
        var card = Card(html, anchor);
        Assert.Contains("role=\"status\"", card, StringComparison.Ordinal);
        Assert.Contains($"{review.Name("J2")} and {review.Name("S2")} are locked: the next run keeps them together.", card, StringComparison.Ordinal);
        Assert.Contains($"Unlock {review.Name("J2")} with {review.Name("S2")}", card, StringComparison.Ordinal);
        Assert.Contains("Re-run to apply your changes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"verified\"", html, StringComparison.Ordinal);
        // The sentence is said once: the next visit does not repeat it.
        Assert.DoesNotContain("are locked: the next run", await review.HtmlAsync(review.Page), StringComparison.Ordinal);

        var unlocked = await review.PostAsync("RemoveConstraint", new() { ["digitalMentorId"] = review.Ids["J2"].ToString(), ["experienceMentorId"] = review.Ids["S2"].ToString(), ["from"] = "pair" });

        Assert.EndsWith($"#{anchor}", unlocked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        html = await review.HtmlAsync(review.Page);
        Assert.Contains($"The rule for {review.Name("J2")} and {review.Name("S2")} is removed.", Card(html, anchor), StringComparison.Ordinal);
        Assert.Contains("id=\"verified\"", html, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.MatchingConstraints.AnyAsync(c => c.ProgrammeId == review.ProgrammeId)));
    }

    [Fact]
    public async Task A_draft_whose_lock_was_removed_after_it_no_longer_claims_optimality_and_cannot_be_published()
    {
        using var review = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.OK, (await review.Hr.PutAsJsonAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-constraints", new SetConstraint(review.Ids["J3"], review.Ids["S4"], ConstraintKind.Lock), _json, Cancel)).StatusCode);
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        var run = await (await review.Hr.PostAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-runs", null, Cancel)).Content.ReadFromJsonAsync<MatchingRunView>(_json, Cancel);
        Assert.Contains(run!.Proposals, p => p.Locked);
        Assert.Contains("id=\"verified\"", await review.HtmlAsync(review.Page), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await review.Hr.DeleteAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-constraints/{review.Ids["J3"]}/{review.Ids["S4"]}", Cancel)).StatusCode);

        var html = await review.HtmlAsync(review.Page);
        Assert.Contains("id=\"changed-since-run\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"verified\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await review.Hr.PostAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-runs/{run.Id}/publish", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Excluding_from_the_answer_about_a_pair_comes_back_to_that_answer()
    {
        using var review = await ArrangeAsync();
        var ask = $"{review.Page}?askDigital={review.Ids["J3"]}&askExperience={review.Ids["S2"]}";
        Assert.Contains("id=\"exclude-asked\"", await review.HtmlAsync(ask), StringComparison.Ordinal);

        var html = await review.HtmlAsync(ask);
        var excluded = await review.Browser.PostFormAsync($"{review.Page}?handler=Constraint", html, new Dictionary<string, string>
        {
            ["digitalMentorId"] = review.Ids["J3"].ToString(),
            ["experienceMentorId"] = review.Ids["S2"].ToString(),
            ["kind"] = "Exclude",
            ["from"] = "ask",
        });

        Assert.Equal(HttpStatusCode.Redirect, excluded.StatusCode);
        var location = excluded.Headers.Location!.OriginalString;
        Assert.EndsWith("#asked", location, StringComparison.Ordinal);
        Assert.Contains($"askDigital={review.Ids["J3"]}", location, StringComparison.Ordinal);
        var answer = await review.HtmlAsync(location.Split('#')[0]);
        Assert.Contains($"{review.Name("J3")} and {review.Name("S2")} are excluded", Html(answer, "asked"), StringComparison.Ordinal);
        Assert.Contains($"Undo the exclusion of {review.Name("J3")} with {review.Name("S2")}", answer, StringComparison.Ordinal);
        Assert.Equal(ConstraintKind.Exclude, await Factory.WithDbAsync(db => db.MatchingConstraints.Where(c => c.ProgrammeId == review.ProgrammeId).Select(c => c.Kind).SingleAsync()));
    }

    [Fact]
    public async Task Hr_locks_a_pair_below_the_minimum_score_with_a_warning_and_the_next_run_keeps_it()
    {
        using var review = await ArrangeAsync();
        var ask = $"{review.Page}?askDigital={review.Ids["J3"]}&askExperience={review.Ids["S2"]}";

        var html = await review.HtmlAsync(ask);

        var answer = Html(html, "asked");
        Assert.Contains("below the minimum score", answer, StringComparison.Ordinal);
        Assert.Contains("The programme's minimum pair score is 2,000.", answer, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programmes/Edit/{review.ProgrammeId}#Form_MinimumScore\"", answer, StringComparison.Ordinal);
        Assert.Contains($"Lock {review.Name("J3")} with {review.Name("S2")} anyway", answer, StringComparison.Ordinal);

        var locked = await review.Browser.PostFormAsync($"{review.Page}?handler=Constraint", html, new Dictionary<string, string>
        {
            ["digitalMentorId"] = review.Ids["J3"].ToString(),
            ["experienceMentorId"] = review.Ids["S2"].ToString(),
            ["kind"] = "Lock",
            ["from"] = "ask",
        });
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var after = await review.HtmlAsync(locked.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Contains("are locked although they score below the programme's minimum", Html(after, "asked"), StringComparison.Ordinal);

        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        var rerun = await review.PostAsync("Run", []);
        Assert.EndsWith("#draft-heading", rerun.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var card = Card(await review.HtmlAsync(review.Page), review.Anchor("J3", "S2"));
        Assert.Contains("Below the programme's minimum score (2,000)", card, StringComparison.Ordinal);
        Assert.Contains("locked by HR", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_pair_names_its_rule_and_how_to_change_it_and_cannot_be_locked()
    {
        using var review = await ArrangeAsync();

        var html = await review.HtmlAsync($"{review.Page}?askDigital={review.Ids["J1"]}&askExperience={review.Ids["S1"]}");

        var answer = Html(html, "asked");
        Assert.Contains("same reporting line", answer, StringComparison.Ordinal);
        Assert.Contains("The programme forbids pairs within 2 levels of the same reporting line.", answer, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programmes/Edit/{review.ProgrammeId}#Form_ReportingLineDepth\"", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lock-asked\"", answer, StringComparison.Ordinal);

        var api = await review.Hr.PutAsJsonAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-constraints", new SetConstraint(review.Ids["J1"], review.Ids["S1"], ConstraintKind.Lock), _json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("lower the reporting-line depth", await api.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var page = await review.ConstraintAsync("J1", "S1", "Lock", "ask");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("a lock cannot override it", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.MatchingConstraints.AnyAsync(c => c.ProgrammeId == review.ProgrammeId)));
    }

    [Fact]
    public async Task Publishing_asks_for_confirmation_saying_who_is_emailed_and_warning_about_the_unassessed_and_unmatched()
    {
        using var review = await ArrangeAsync();

        var unconfirmed = await review.PostAsync("Publish", new() { ["runId"] = review.Run.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.EndsWith("confirmPublish=true#publish-confirm", unconfirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Pairs.AnyAsync(p => p.ProgrammeId == review.ProgrammeId)));

        var confirm = $"{review.Page}?confirmPublish=true";
        var html = await review.HtmlAsync(confirm);
        Assert.Contains("Publish 3 pairs?", html, StringComparison.Ordinal);
        // J2-S2, J3-S3, J4-S4: six people, and S3 has no e-mail address.
        Assert.Contains("6 people will be e-mailed.", html, StringComparison.Ordinal);
        Assert.Contains("1 of them has no e-mail address", html, StringComparison.Ordinal);
        Assert.Contains("1 enrolled person has not completed their assessment and is in no pair", html, StringComparison.Ordinal);
        Assert.Contains("2 assessed people stay unmatched", html, StringComparison.Ordinal);
        Assert.Contains("Publish 3 pairs and e-mail 6 people", html, StringComparison.Ordinal);

        var published = await review.Browser.PostFormAsync($"{review.Page}?handler=Publish", html, new Dictionary<string, string> { ["runId"] = review.Run.Id.ToString(), ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.EndsWith("#pairs-heading", published.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Pairs.CountAsync(p => p.ProgrammeId == review.ProgrammeId)));
        Assert.Contains("3 pairs published", Html(await review.HtmlAsync(review.Page), "pairs-heading"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_draft_offers_no_confirmation_button()
    {
        using var review = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.OK, (await review.Hr.PutAsJsonAsync($"/api/v1/programmes/{review.ProgrammeId}/matching-constraints", new SetConstraint(review.Ids["J2"], review.Ids["S3"], ConstraintKind.Exclude), _json, Cancel)).StatusCode);

        var html = await review.HtmlAsync($"{review.Page}?confirmPublish=true");

        Assert.Contains("id=\"publish-stale\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"publish-confirmed\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_of_another_programme_and_participants_cannot_see_or_change_the_review()
    {
        using var review = await ArrangeAsync();
        using var otherHr = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.ProgrammeManager));
        using var participant = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.Participant, review.Ids["J2"]));
        // Each posts with a valid antiforgery token of their own session (any page's sign-out form carries one).
        var otherPage = await otherHr.GetStringAsync("/Programmes");
        var participantPage = await participant.GetStringAsync("/Programmes");
        var fields = new Dictionary<string, string> { ["digitalMentorId"] = review.Ids["J2"].ToString(), ["experienceMentorId"] = review.Ids["S3"].ToString(), ["kind"] = "Lock", ["from"] = "pair" };

        Assert.Equal(HttpStatusCode.NotFound, (await otherHr.GetAsync(review.Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHr.GetAsync($"{review.Page}?confirmPublish=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHr.PostFormAsync($"{review.Page}?handler=Constraint", otherPage, fields)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await participant.GetAsync(review.Page)).StatusCode);
        var publish = await participant.PostFormAsync($"{review.Page}?handler=Publish", participantPage, new Dictionary<string, string> { ["runId"] = review.Run.Id.ToString(), ["confirmed"] = "true" });
        Assert.Contains("/Account/AccessDenied", publish.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.MatchingConstraints.AnyAsync(c => c.ProgrammeId == review.ProgrammeId)));
        Assert.False(await Factory.WithDbAsync(db => db.Pairs.AnyAsync(p => p.ProgrammeId == review.ProgrammeId)));
    }

    /// <summary>The page from the element with this id to the end of its section.</summary>
    private static string Html(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No element #{id} in the page.");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}

public sealed class MatchingReviewPageSqliteTests(SqliteAppFixture fixture) : MatchingReviewPageTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class MatchingReviewPagePostgresTests(PostgresAppFixture fixture) : MatchingReviewPageTests(fixture), IClassFixture<PostgresAppFixture>;
