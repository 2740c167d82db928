using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Issue 4, steps 4-6: matching with HR review, publishing, and the pair's first answers.</summary>
public abstract class MatchingTests(AppFixture fixture)
{
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    /// <summary>
    /// Four digital mentors (young, strong in different competences, wanting different topics) and four experience
    /// mentors (offering topics, wanting competences); S1 manages J1, so that pair is forbidden.
    /// </summary>
    private async Task<Cohort> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "id;name;born;dept;manager;email\r\n" +
                  $"{tag}S1;Senior Uno;1960;Vendite;;{tag}s1@officine.example\r\n{tag}S2;Senior Due;1962;Qualità;;{tag}s2@officine.example\r\n{tag}S3;Senior Tre;1965;IT;;{tag}s3@officine.example\r\n{tag}S4;Senior Quattro;1958;Logistica;;{tag}s4@officine.example\r\n" +
                  $"{tag}J1;Junior Uno;2000;Vendite;{tag}S1;{tag}j1@officine.example\r\n{tag}J2;Junior Due;1999;IT;;{tag}j2@officine.example\r\n{tag}J3;Junior Tre;2001;Qualità;;{tag}j3@officine.example\r\n{tag}J4;Junior Quattro;1998;Logistica;;{tag}j4@officine.example\r\n";
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

        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = (await (await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Match {tag}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1)), _json))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json))!;
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([.. ids.Values]), _json)).StatusCode);

        // A complete assessment rates all 21; only the wanted competences score.

        var allCompetences = new Reciproca.Web.Features.Assessments.DigCompCatalogue().CompetenceIds;

        string[] competences = ["1.1", "2.4", "3.1", "5.2"];
        string[] topics = ["leadership", "vision", "problem-solving", "feedback"];
        for (var i = 0; i < 4; i++)
        {
            // Junior i is expert in competence i and wants topic i; senior i wants competence i and offers topic i.
            var junior = new SubmitAssessment(allCompetences.ToDictionary(c => c, c => c == competences[i] ? 8 : 3), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(allCompetences.ToDictionary(c => c, _ => 1), [competences[i]], [topics[i]], [], ["it"]);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"J{i + 1}"]}/assessment", junior, _json)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"S{i + 1}"]}/assessment", senior, _json)).StatusCode);
        }

        return new Cohort(hr, programme.Id, ids);
    }

    private sealed record Cohort(HttpClient Hr, Guid ProgrammeId, Dictionary<string, Guid> Ids)
    {
        public string Url => $"/api/v1/programmes/{ProgrammeId}";

        public async Task<MatchingRunView> RunAsync()
        {
            var response = await Hr.PostAsync($"{Url}/matching-runs", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<MatchingRunView>(_json))!;
        }

        public bool Proposes(MatchingRunView run, string junior, string senior) =>
            run.Proposals.Any(p => p.DigitalMentorId == Ids[junior] && p.ExperienceMentorId == Ids[senior]);
    }

    [Fact]
    public async Task A_run_proposes_the_reciprocal_optimum_with_explanations_and_verified_scores()
    {
        var cohort = await ArrangeAsync();

        var run = await cohort.RunAsync();

        Assert.True(run.Verified);
        // J1-S1 is forbidden (S1 manages J1), so the diagonal optimum is not available: three diagonal pairs remain.
        Assert.True(cohort.Proposes(run, "J2", "S2") && cohort.Proposes(run, "J3", "S3") && cohort.Proposes(run, "J4", "S4"));
        Assert.False(cohort.Proposes(run, "J1", "S1"));
        Assert.Equal(run.Objective, run.Proposals.Sum(p => p.Score));
        var best = run.Proposals.First(p => p.DigitalMentorId == cohort.Ids["J2"]);
        Assert.Contains(best.Explanation.ToSenior, c => c.Key == "2.4" && c.Value == 7);
        Assert.Contains(best.Explanation.ToJunior, c => c.Key == "vision");

        // The API's scores are the solver's integers: asking about a proposed pair returns the same number.
        var asked = await cohort.Hr.GetFromJsonAsync<PairEvaluationView>($"{cohort.Url}/matching-runs/{run.Id}/pairs/{cohort.Ids["J2"]}/{cohort.Ids["S2"]}", _json, TestContext.Current.CancellationToken);
        Assert.Equal(best.Score, asked!.Score);
        var forbidden = await cohort.Hr.GetFromJsonAsync<PairEvaluationView>($"{cohort.Url}/matching-runs/{run.Id}/pairs/{cohort.Ids["J1"]}/{cohort.Ids["S1"]}", _json, TestContext.Current.CancellationToken);
        Assert.Equal((false, "SameReportingLine"), (forbidden!.Allowed, forbidden.ForbiddenBy));
        var wrongWay = await cohort.Hr.GetAsync($"{cohort.Url}/matching-runs/{run.Id}/pairs/{cohort.Ids["S2"]}/{cohort.Ids["J2"]}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, wrongWay.StatusCode);
    }

    [Fact]
    public async Task Exclusions_and_locks_hold_across_re_runs()
    {
        var cohort = await ArrangeAsync();

        var exclude = await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/matching-constraints", new SetConstraint(cohort.Ids["J2"], cohort.Ids["S2"], ConstraintKind.Exclude), _json, TestContext.Current.CancellationToken);
        var lockPair = await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/matching-constraints", new SetConstraint(cohort.Ids["J3"], cohort.Ids["S4"], ConstraintKind.Lock), _json, TestContext.Current.CancellationToken);
        var run = await cohort.RunAsync();

        Assert.Equal(HttpStatusCode.OK, exclude.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lockPair.StatusCode);
        Assert.False(cohort.Proposes(run, "J2", "S2"));
        Assert.Contains(run.Proposals, p => p.DigitalMentorId == cohort.Ids["J3"] && p.ExperienceMentorId == cohort.Ids["S4"] && p.Locked);
        var excluded = await cohort.Hr.GetFromJsonAsync<PairEvaluationView>($"{cohort.Url}/matching-runs/{run.Id}/pairs/{cohort.Ids["J2"]}/{cohort.Ids["S2"]}", _json, TestContext.Current.CancellationToken);
        Assert.Equal("HrExclusion", excluded!.ForbiddenBy);

        var sidesSwapped = await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/matching-constraints", new SetConstraint(cohort.Ids["S1"], cohort.Ids["J1"], ConstraintKind.Lock), _json, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, sidesSwapped.StatusCode);
    }

    [Fact]
    public async Task Publishing_a_stale_draft_is_refused_and_the_latest_publishes_once()
    {
        var cohort = await ArrangeAsync();
        var first = await cohort.RunAsync();
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await cohort.RunAsync();

        var stale = await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{first.Id}/publish", null, TestContext.Current.CancellationToken);
        var published = await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{second.Id}/publish", null, TestContext.Current.CancellationToken);
        var again = await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{second.Id}/publish", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var pairs = await cohort.Hr.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken);
        Assert.Equal(second.Proposals.Count, pairs!.Count);
        Assert.All(pairs, p => Assert.Equal(PairState.Proposed, p.State));
        Assert.Equal(ProgrammeStatus.Running, (await cohort.Hr.GetFromJsonAsync<ProgrammeView>(cohort.Url, _json, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task Hr_users_publishing_the_same_draft_at_the_same_moment_publish_it_once()
    {
        using var admin = Factory.CreateApiClient();
        for (var round = 0; round < 3; round++)
        {
            var cohort = await ArrangeAsync();
            var run = await cohort.RunAsync();
            var publish = $"{cohort.Url}/matching-runs/{run.Id}/publish";

            // Two HR users, two requests each, released together: whatever the interleaving, one publish wins.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = new[] { cohort.Hr, admin, cohort.Hr, admin }.Select(async client =>
            {
                await start.Task;
                return await client.PostAsync(publish, null, TestContext.Current.CancellationToken);
            }).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(racers);

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            var (pairs, events) = await Factory.WithDbAsync(async db => (
                await db.Pairs.CountAsync(p => p.ProgrammeId == cohort.ProgrammeId),
                await db.PairEvents.CountAsync(e => db.Pairs.Any(p => p.Id == e.PairId && p.ProgrammeId == cohort.ProgrammeId))));
            Assert.Equal((run.Proposals.Count, run.Proposals.Count), (pairs, events));
        }
    }

    [Fact]
    public async Task Publishing_tells_each_person_and_a_decline_tells_hr_the_reason_and_the_partner_only_the_outcome()
    {
        var cohort = await ArrangeAsync();
        var run = await cohort.RunAsync();
        await Factory.TakeMailAsync();
        var hrEmail = await Factory.WithDbAsync(db => db.ProgrammeMembers.Where(m => m.ProgrammeId == cohort.ProgrammeId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).SingleAsync());

        await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, TestContext.Current.CancellationToken);
        var proposed = await Factory.TakeMailAsync();

        var people = await Factory.WithDbAsync(db => db.People.Where(p => cohort.Ids.Values.Contains(p.Id)).ToDictionaryAsync(p => p.Id));
        var expected = run.Proposals.SelectMany(p => new[] { people[p.DigitalMentorId].Email, people[p.ExperienceMentorId].Email }).Order();
        Assert.Equal(expected, proposed.Select(m => m.To.Mailboxes.Single().Address).Order());
        var toJ2 = proposed.Single(m => m.To.Mailboxes.Single().Address == people[cohort.Ids["J2"]].Email);
        Assert.Contains("Senior Due", toJ2.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Programmes/Pair/{cohort.ProgrammeId}", toJ2.TextBody, StringComparison.Ordinal);

        using var s2 = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["S2"]);
        var pair = (await s2.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!.Single();
        await s2.PostAsJsonAsync($"{cohort.Url}/pairs/{pair.Id}/decline", new DeclinePair("Orari incompatibili"), _json, TestContext.Current.CancellationToken);
        var declined = await Factory.TakeMailAsync();

        Assert.Equal(2, declined.Count);
        var toHr = declined.Single(m => m.To.Mailboxes.Single().Address == hrEmail);
        Assert.Contains("Senior Due", toHr.Subject, StringComparison.Ordinal);
        Assert.Contains("Orari incompatibili", toHr.TextBody, StringComparison.Ordinal);
        var toPartner = declined.Single(m => m.To.Mailboxes.Single().Address == people[cohort.Ids["J2"]].Email);
        Assert.DoesNotContain("Orari incompatibili", toPartner.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Senior Due", toPartner.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_becomes_stale_when_an_assessment_changes_after_it()
    {
        var cohort = await ArrangeAsync();
        var run = await cohort.RunAsync();
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/participants/{cohort.Ids["J4"]}/assessment", new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, c => c == "5.2" ? 8 : 3), [], [], ["feedback"], ["it"]), _json, TestContext.Current.CancellationToken);

        var publish = await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Pairs.CountAsync(p => p.ProgrammeId == cohort.ProgrammeId)));
    }

    [Fact]
    public async Task Partners_accept_or_decline_their_own_pair_and_see_nobody_elses()
    {
        var cohort = await ArrangeAsync();
        var run = await cohort.RunAsync();
        await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, TestContext.Current.CancellationToken);
        using var j2 = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["J2"]);
        using var s2 = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["S2"]);
        using var j3 = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["J3"]);
        using var sponsor = await Factory.CreateClientInRoleAsync(Roles.Sponsor);

        var mine = (await j2.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!;
        var pair = Assert.Single(mine);
        var othersView = await j3.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);
        var sponsorView = await sponsor.GetAsync($"{cohort.Url}/pairs", TestContext.Current.CancellationToken);
        var accepted = await j2.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);
        var noReason = await s2.PostAsJsonAsync($"{cohort.Url}/pairs/{pair.Id}/decline", new DeclinePair(" "), _json, TestContext.Current.CancellationToken);
        var declined = await s2.PostAsJsonAsync($"{cohort.Url}/pairs/{pair.Id}/decline", new DeclinePair("Orari incompatibili"), _json, TestContext.Current.CancellationToken);

        Assert.Equal(cohort.Ids["S2"], pair.ExperienceMentorId);
        Assert.Equal(HttpStatusCode.NotFound, othersView.StatusCode);
        Assert.Contains(sponsorView.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(PairState.Declined, (await declined.Content.ReadFromJsonAsync<PairView>(_json, TestContext.Current.CancellationToken))!.State);
        var history = await Factory.WithDbAsync(db => db.PairEvents.Where(e => e.PairId == pair.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => e.To).ToListAsync());
        Assert.Equal([PairState.Proposed, PairState.Proposed, PairState.Declined], history);

        // Both return to the pool: a rematch run can propose them again.
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        var rematch = await cohort.RunAsync();
        Assert.Contains(rematch.Proposals, p => p.DigitalMentorId == cohort.Ids["J2"] || p.ExperienceMentorId == cohort.Ids["S2"]);
        Assert.DoesNotContain(rematch.Proposals, p => p.DigitalMentorId == cohort.Ids["J3"]);
    }

    [Fact]
    public async Task Both_partners_write_and_sign_the_pact_and_an_edit_asks_both_to_sign_again()
    {
        var cohort = await ArrangeAsync();
        var run = await cohort.RunAsync();
        await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, TestContext.Current.CancellationToken);
        using var junior = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["J3"]);
        using var senior = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["S3"]);
        var pair = Assert.Single((await junior.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!);
        var pactUrl = $"{cohort.Url}/pairs/{pair.Id}/pact";
        var oneWay = new WritePact([new PactGoalInput(GoalDirection.DigitalToExperience, "Usare il calendario condiviso", ["2.4"], "Fissare da solo 3 riunioni")], 6, 12, true);

        var tooEarly = await junior.PutAsJsonAsync(pactUrl, oneWay, _json, TestContext.Current.CancellationToken);
        await junior.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);
        await senior.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);
        var written = (await (await junior.PutAsJsonAsync(pactUrl, oneWay, _json, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        var unsignable = await senior.SendAsync(Sign(pactUrl, written.Version), TestContext.Current.CancellationToken);
        var bothWays = oneWay with { Goals = [.. oneWay.Goals, new PactGoalInput(GoalDirection.ExperienceToDigital, "Impostare una visione per il team", ["vision"])] };
        var staleEdit = await senior.SendAsync(Put(pactUrl, bothWays, Guid.NewGuid()), TestContext.Current.CancellationToken);
        var edit = await senior.SendAsync(Put(pactUrl, bothWays, written.Version), TestContext.Current.CancellationToken);
        Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var edited = (await edit.Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        var firstSignature = await senior.SendAsync(Sign(pactUrl, edited.Version), TestContext.Current.CancellationToken);
        Assert.True(firstSignature.IsSuccessStatusCode, await firstSignature.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var signedOnce = (await firstSignature.Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        var secondSignature = await junior.SendAsync(Sign(pactUrl, signedOnce.Version), TestContext.Current.CancellationToken);
        Assert.True(secondSignature.IsSuccessStatusCode, await secondSignature.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var signedTwice = (await secondSignature.Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        var hrReads = await cohort.Hr.GetAsync(pactUrl, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unsignable.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleEdit.StatusCode);
        Assert.True(signedTwice.DigitalMentorSigned && signedTwice.ExperienceMentorSigned);
        Assert.Equal(HttpStatusCode.NotFound, hrReads.StatusCode);
        Assert.Equal(PairState.Agreed, (await junior.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!.Single().State);

        // Saving the same text again changes nothing: the signatures stay.
        var same = (await (await junior.SendAsync(Put(pactUrl, bothWays, signedTwice.Version), TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        Assert.Equal((1, true, true), (same.Number, same.DigitalMentorSigned, same.ExperienceMentorSigned));

        // Editing the signed pact: a new version, signatures cleared, the pair back to accepted, the old text kept.
        var revised = (await (await junior.SendAsync(Put(pactUrl, bothWays with { CadenceSessions = 8 }, signedTwice.Version), TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<PactView>(_json, TestContext.Current.CancellationToken))!;
        Assert.Equal((2, false, false, 1), (revised.Number, revised.DigitalMentorSigned, revised.ExperienceMentorSigned, revised.PreviousVersions));
        Assert.Equal(PairState.Accepted, (await junior.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!.Single().State);
    }

    public static TheoryData<string, string, string> BadPacts()
    {
        const string Rest = "\"cadenceSessions\":6,\"cadenceWeeks\":12,\"confidentialityAccepted\":true";
        static string Goal(string direction, string text, string tags = "[]") => $"{{\"direction\":{direction},\"text\":\"{text}\",\"tags\":{tags}}}";
        var ok = Goal("\"DigitalToExperience\"", "Usare il calendario");
        return new()
        {
            { "no goals", $"{{{Rest}}}", "goals" },
            { "goals null", $"{{\"goals\":null,{Rest}}}", "goals" },
            { "a null goal", $"{{\"goals\":[{ok},null],{Rest}}}", "goals[1]" },
            { "direction 7", $"{{\"goals\":[{Goal("7", "Usare il calendario")}],{Rest}}}", "goals[0].direction" },
            { "direction \"7\"", $"{{\"goals\":[{Goal("\"7\"", "Usare il calendario")}],{Rest}}}", "goals[0].direction" },
            { "a goal without text", $"{{\"goals\":[{{\"direction\":\"DigitalToExperience\"}}],{Rest}}}", "goals[0].text" },
            { "NUL in a goal", $"{{\"goals\":[{Goal("\"DigitalToExperience\"", "Usare\\u0000 il calendario")}],{Rest}}}", "goals[0].text" },
            { "bidi override in a target", $"{{\"goals\":[{{\"direction\":\"DigitalToExperience\",\"text\":\"ok\",\"target\":\"3 \\u202Eriunioni\"}}],{Rest}}}", "goals[0].target" },
            { "eleven tags", $"{{\"goals\":[{Goal("\"DigitalToExperience\"", "ok", $"[{string.Join(',', Enumerable.Repeat("\"2.4\"", 11))}]")}],{Rest}}}", "goals[0].tags" },
            { "21 goals", $"{{\"goals\":[{string.Join(',', Enumerable.Repeat(ok, 21))}],{Rest}}}", "goals" },
        };
    }

    [Theory]
    [MemberData(nameof(BadPacts))]
    public async Task A_bad_pact_is_a_validation_problem_naming_the_field_and_nothing_is_stored(string problem, string body, string field)
    {
        var cohort = await ArrangeAsync();
        var run = await cohort.RunAsync();
        await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, TestContext.Current.CancellationToken);
        using var junior = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["J3"]);
        using var senior = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.Ids["S3"]);
        var pair = Assert.Single((await junior.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, TestContext.Current.CancellationToken))!);
        await junior.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);
        await senior.PostAsync($"{cohort.Url}/pairs/{pair.Id}/accept", null, TestContext.Current.CancellationToken);

        var response = await junior.PutAsync($"{cohort.Url}/pairs/{pair.Id}/pact", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var failure = await Contract.MalformedInputTests.ValidationFailureAsync(response, field);
        Assert.True(failure is null, $"{problem}: {failure}");
        Assert.False(await Factory.WithDbAsync(db => db.Pacts.AnyAsync(p => p.PairId == pair.Id)));
    }

    [Fact]
    public async Task Enum_filters_and_commands_outside_their_members_are_refused()
    {
        var cohort = await ArrangeAsync();

        var pairs = await cohort.Hr.GetAsync($"{cohort.Url}/pairs?state=7", TestContext.Current.CancellationToken);
        var participants = await cohort.Hr.GetAsync($"{cohort.Url}/participants?status=99", TestContext.Current.CancellationToken);
        var constraint = await cohort.Hr.PutAsync($"{cohort.Url}/matching-constraints", new StringContent(
            $"{{\"digitalMentorId\":\"{cohort.Ids["J1"]}\",\"experienceMentorId\":\"{cohort.Ids["S2"]}\",\"kind\":1}}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var side = await cohort.Hr.PutAsync($"{cohort.Url}/participants/{cohort.Ids["J1"]}/side", new StringContent("{\"side\":99}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Null(await Contract.MalformedInputTests.ValidationFailureAsync(pairs, "state"));
        Assert.Null(await Contract.MalformedInputTests.ValidationFailureAsync(participants, "status"));
        Assert.Null(await Contract.MalformedInputTests.ValidationFailureAsync(constraint, "kind"));
        Assert.Null(await Contract.MalformedInputTests.ValidationFailureAsync(side, "side"));
        Assert.False(await Factory.WithDbAsync(db => db.MatchingConstraints.AnyAsync(c => c.ProgrammeId == cohort.ProgrammeId)));
        Assert.False(await Factory.WithDbAsync(db => db.Participants.AnyAsync(p => p.ProgrammeId == cohort.ProgrammeId && p.SideOverride != null)));
    }

    private static HttpRequestMessage Sign(string pactUrl, Guid version) =>
        new(HttpMethod.Post, $"{pactUrl}/sign") { Headers = { { "If-Match", $"\"{version}\"" } } };

    private static HttpRequestMessage Put(string pactUrl, WritePact pact, Guid version) =>
        new(HttpMethod.Put, pactUrl) { Content = JsonContent.Create(pact, options: _json), Headers = { { "If-Match", $"\"{version}\"" } } };

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Sponsor)]
    public async Task Only_hr_runs_matching(string role)
    {
        var cohort = await ArrangeAsync();
        using var client = await Factory.CreateClientInRoleAsync(role, role == Roles.Participant ? cohort.Ids["J1"] : null);

        var response = await client.PostAsync($"{cohort.Url}/matching-runs", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.MatchingRuns.CountAsync(r => r.ProgrammeId == cohort.ProgrammeId)));
    }
}

public sealed class MatchingSqliteTests(SqliteAppFixture fixture) : MatchingTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class MatchingPostgresTests(PostgresAppFixture fixture) : MatchingTests(fixture), IClassFixture<PostgresAppFixture>;
