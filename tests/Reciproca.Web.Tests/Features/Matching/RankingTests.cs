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
/// Issue 10, "participants choose": each participant ranks their best candidates, the run is deferred acceptance on
/// those rankings (the side HR picks proposing), and the draft reports its blocking pairs, locks included.
/// </summary>
public abstract class RankingTests(AppFixture fixture)
{
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Three digital mentors and three experience mentors, every pair allowed: junior i is strongest in what senior i
    /// wants and every senior offers every topic, so the optimum is the diagonal J1-S1, J2-S2, J3-S3.
    /// </summary>
    private async Task<Cohort> ArrangeAsync(MatchingMode mode, Side proposing = Side.DigitalMentor, int capacity = 1, int digitalCapacity = 1)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "id;name;born;dept;job\r\n" + string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"{tag}J{i};Junior {i} {tag};2000;Ricerca {i};Analista\r\n{tag}S{i};Senior {i} {tag};1962;Vendite {i};Direttore\r\n"));
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8(csv), new Dictionary<string, string>
        {
            ["externalId"] = "id",
            ["displayName"] = "name",
            ["birthYear"] = "born",
            ["department"] = "dept",
            ["jobTitle"] = "job",
        }), HttpStatusCode.OK);
        var ids = await Factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith(tag)).ToDictionaryAsync(p => p.ExternalId[tag.Length..], p => p.Id));

        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var input = new ProgrammeInput($"Choose {tag}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1),
            Rules: new MatchingRulesInput(ExperienceMentorCapacity: capacity, Mode: mode, ProposingSide: proposing, DigitalMentorCapacity: digitalCapacity));
        var created = await hr.PostAsJsonAsync("/api/v1/programmes", input, _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        Assert.Equal((mode, proposing, capacity, digitalCapacity), (programme.Rules.Mode, programme.Rules.ProposingSide, programme.Rules.ExperienceMentorCapacity, programme.Rules.DigitalMentorCapacity));
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([.. ids.Values]), _json, Cancel)).StatusCode);
        string[] competences = ["1.1", "2.4", "3.1"];
        string[] topics = ["leadership", "vision", "feedback"];
        for (var i = 0; i < 3; i++)
        {
            var junior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, c => c == competences[i] ? 8 : 5), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, _ => 1), [competences[i]], topics, [], ["it"]);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"J{i + 1}"]}/assessment", junior, _json, Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"S{i + 1}"]}/assessment", senior, _json, Cancel)).StatusCode);
        }

        return new Cohort(Factory, hr, programme.Id, ids);
    }

    private sealed record Cohort(ReciprocaFactory Factory, HttpClient Hr, Guid ProgrammeId, Dictionary<string, Guid> Ids)
    {
        public string Url(string person) => $"/api/v1/programmes/{ProgrammeId}/participants/{Ids[person]}/ranking";

        public async Task<HttpClient> AsAsync(string person) => await Factory.CreateClientInRoleAsync(Roles.Participant, Ids[person]);

        public async Task RankAsync(string person, params string[] ranked)
        {
            using var client = await AsAsync(person);
            var response = await client.PutAsJsonAsync(Url(person), new SubmitRanking([.. ranked.Select(r => Ids[r])]), _json, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task<MatchingRunView> RunAsync()
        {
            var response = await Hr.PostAsync($"/api/v1/programmes/{ProgrammeId}/matching-runs", null, Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<MatchingRunView>(_json, Cancel))!;
        }

        public HashSet<(Guid, Guid)> Pairs(MatchingRunView run) => [.. run.Proposals.Select(p => (p.DigitalMentorId, p.ExperienceMentorId))];

        public (Guid, Guid) Pair(string junior, string senior) => (Ids[junior], Ids[senior]);
    }

    [Fact]
    public async Task A_participant_sees_their_best_candidates_best_first_with_job_department_and_explanation_only()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank);
        using var j1 = await cohort.AsAsync("J1");

        var response = await j1.GetAsync(cohort.Url("J1"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var view = System.Text.Json.JsonSerializer.Deserialize<RankingView>(body, _json)!;
        Assert.Equal(Side.DigitalMentor, view.Side);
        Assert.Equal(3, view.Candidates.Count);
        Assert.Equal(cohort.Ids["S1"], view.Candidates[0].PersonId);
        Assert.Equal(view.Candidates.OrderByDescending(c => c.Score).Select(c => c.Score), view.Candidates.Select(c => c.Score));
        Assert.All(view.Candidates, c => Assert.Equal(("Direttore", true), (c.JobTitle, c.Department!.StartsWith("Vendite", StringComparison.Ordinal))));
        Assert.All(view.Candidates, c => Assert.Null(c.Rank));
        // Only what a partner may know: no e-mail address, HR key or birth year of the candidates.
        Assert.DoesNotContain("email", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("birthYear", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("externalId", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_stable_run_follows_the_rankings_with_no_blocking_pair_where_the_optimum_would_not()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank);
        // J1 and S2 want each other most; the optimum would pair J1-S1 and J2-S2.
        await cohort.RankAsync("J1", "S2", "S1");
        await cohort.RankAsync("S2", "J1");

        var run = await cohort.RunAsync();

        Assert.Equal((MatchingMode.ParticipantsRank, 0, false), (run.Mode, run.BlockingPairs, run.Verified));
        Assert.Contains(cohort.Pair("J1", "S2"), cohort.Pairs(run));
        Assert.Equal(3, run.Proposals.Count);
        Assert.Equal(run.Objective, run.Proposals.Sum(p => p.Score));
    }

    [Fact]
    public async Task A_lock_against_the_rankings_shows_up_as_blocking_pairs_in_the_next_draft_and_on_the_review_page()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank);
        await cohort.RankAsync("J1", "S2");
        await cohort.RankAsync("S2", "J1");
        Assert.Equal(HttpStatusCode.OK, (await cohort.Hr.PutAsJsonAsync($"/api/v1/programmes/{cohort.ProgrammeId}/matching-constraints", new SetConstraint(cohort.Ids["J2"], cohort.Ids["S2"], ConstraintKind.Lock), _json, Cancel)).StatusCode);

        var run = await cohort.RunAsync();

        Assert.Contains(run.Proposals, p => (p.DigitalMentorId, p.ExperienceMentorId) == cohort.Pair("J2", "S2") && p.Locked);
        Assert.True(run.BlockingPairs >= 1, $"J1 and S2 prefer each other to the draft: {run.BlockingPairs} blocking pairs.");
    }

    [Fact]
    public async Task Experience_mentors_propose_with_two_places_each_and_the_result_is_stable()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank, Side.ExperienceMentor, capacity: 2);
        await cohort.RankAsync("S1", "J2", "J3", "J1");
        await cohort.RankAsync("J2", "S1");
        await cohort.RankAsync("J3", "S1");

        var run = await cohort.RunAsync();

        Assert.Equal(0, run.BlockingPairs);
        Assert.Equal(3, run.Proposals.Count);
        Assert.Contains(cohort.Pair("J2", "S1"), cohort.Pairs(run));
        Assert.Contains(cohort.Pair("J3", "S1"), cohort.Pairs(run));
        Assert.All(run.Proposals.GroupBy(p => p.ExperienceMentorId), g => Assert.True(g.Count() <= 2));
        Assert.Equal(3, run.Proposals.Select(p => p.DigitalMentorId).Distinct().Count());
    }

    /// <summary>What holds for any draft with capacities: nobody beyond their places, and no pair proposed twice.</summary>
    private static void AssertWithinCapacities(MatchingRunView run, int digitalCapacity, int experienceCapacity)
    {
        Assert.Equal(run.Proposals.Count, run.Proposals.Select(p => (p.DigitalMentorId, p.ExperienceMentorId)).Distinct().Count());
        Assert.All(run.Proposals.GroupBy(p => p.DigitalMentorId), g => Assert.True(g.Count() <= digitalCapacity));
        Assert.All(run.Proposals.GroupBy(p => p.ExperienceMentorId), g => Assert.True(g.Count() <= experienceCapacity));
    }

    [Fact]
    public async Task With_two_places_on_both_sides_the_optimum_gives_everyone_two_partners_and_never_a_pair_twice()
    {
        var cohort = await ArrangeAsync(MatchingMode.Optimal, capacity: 2, digitalCapacity: 2);

        var run = await cohort.RunAsync();

        // Every pair of this cohort has a positive score, so the optimum fills all six places on each side.
        Assert.True(run.Verified);
        AssertWithinCapacities(run, 2, 2);
        Assert.Equal(6, run.Proposals.Count);
        Assert.All(run.Proposals.GroupBy(p => p.DigitalMentorId), g => Assert.Equal(2, g.Count()));
        Assert.Empty(run.Unmatched);
    }

    [Theory]
    [InlineData(Side.DigitalMentor)]
    [InlineData(Side.ExperienceMentor)]
    public async Task With_two_places_on_both_sides_the_stable_run_is_stable_whichever_side_proposes(Side proposing)
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank, proposing, capacity: 2, digitalCapacity: 2);
        await cohort.RankAsync("J1", "S2", "S3");
        await cohort.RankAsync("S2", "J1", "J3");
        await cohort.RankAsync("S3", "J1");

        var run = await cohort.RunAsync();

        Assert.Equal((MatchingMode.ParticipantsRank, 0), (run.Mode, run.BlockingPairs));
        AssertWithinCapacities(run, 2, 2);
        // J1 and S2, and J1 and S3, rank each other first: with two places each, J1 gets both.
        Assert.Contains(cohort.Pair("J1", "S2"), cohort.Pairs(run));
        Assert.Contains(cohort.Pair("J1", "S3"), cohort.Pairs(run));
        Assert.True(run.Proposals.Count > 3, $"{run.Proposals.Count} proposals: someone has a second partner");
    }

    [Fact]
    public async Task A_lock_beyond_a_persons_places_is_refused_with_the_limit_and_how_to_raise_it()
    {
        var cohort = await ArrangeAsync(MatchingMode.Optimal, capacity: 1, digitalCapacity: 2);
        var url = $"/api/v1/programmes/{cohort.ProgrammeId}/matching-constraints";
        async Task<HttpResponseMessage> LockAsync(string junior, string senior) =>
            await cohort.Hr.PutAsJsonAsync(url, new SetConstraint(cohort.Ids[junior], cohort.Ids[senior], ConstraintKind.Lock), _json, Cancel);

        Assert.Equal(HttpStatusCode.OK, (await LockAsync("J1", "S1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync("J1", "S2")).StatusCode);
        var third = await LockAsync("J1", "S3");
        var taken = await LockAsync("J2", "S1");

        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Contains("already has 2 locked partners", await third.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already locked with another digital mentor", await taken.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // Locking the same pair again changes nothing and is not refused.
        Assert.Equal(HttpStatusCode.OK, (await LockAsync("J1", "S2")).StatusCode);
        var run = await cohort.RunAsync();
        Assert.Equal(2, run.Proposals.Count(p => p.Locked && p.DigitalMentorId == cohort.Ids["J1"]));
        AssertWithinCapacities(run, 2, 1);
    }

    [Fact]
    public async Task A_digital_mentor_with_two_published_pairs_chooses_between_them_on_my_pair()
    {
        var cohort = await ArrangeAsync(MatchingMode.Optimal, capacity: 2, digitalCapacity: 2);
        var run = await cohort.RunAsync();
        Assert.Equal(HttpStatusCode.OK, (await cohort.Hr.PostAsync($"/api/v1/programmes/{cohort.ProgrammeId}/matching-runs/{run.Id}/publish", null, Cancel)).StatusCode);
        var mine = run.Proposals.Where(p => p.DigitalMentorId == cohort.Ids["J1"]).ToList();
        var names = await Factory.WithDbAsync(db => db.People.Where(p => p.Id == mine[0].ExperienceMentorId || p.Id == mine[1].ExperienceMentorId).ToDictionaryAsync(p => p.Id, p => p.DisplayName));
        var second = await Factory.WithDbAsync(db => db.Pairs.SingleAsync(p => p.ProgrammeId == cohort.ProgrammeId && p.DigitalMentorId == cohort.Ids["J1"] && p.ExperienceMentorId == mine[1].ExperienceMentorId));
        using var browser = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.Participant, cohort.Ids["J1"]));

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Programmes/Pair/{cohort.ProgrammeId}"));
        var chosen = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Programmes/Pair/{cohort.ProgrammeId}?pair={second.Id}"));

        Assert.Contains("Your 2 pairs in this programme: choose one", page, StringComparison.Ordinal);
        Assert.All(names.Values, name => Assert.Contains(name, page, StringComparison.Ordinal));
        Assert.Contains($"<input type=\"hidden\" name=\"pairId\" value=\"{second.Id}\" />", chosen, StringComparison.Ordinal);
        Assert.Contains($"Your partner: {names[mine[1].ExperienceMentorId]}", chosen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_else_reads_or_writes_a_participants_ranking_and_only_candidates_can_be_ranked()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank);
        using var j2 = await cohort.AsAsync("J2");
        using var otherHr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        using var j1 = await cohort.AsAsync("J1");
        var body = new SubmitRanking([cohort.Ids["S1"]]);

        Assert.Equal(HttpStatusCode.NotFound, (await j2.GetAsync(cohort.Url("J1"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await j2.PutAsJsonAsync(cohort.Url("J1"), body, _json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHr.GetAsync(cohort.Url("J1"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cohort.Hr.GetAsync(cohort.Url("J1"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cohort.Hr.PutAsJsonAsync(cohort.Url("J1"), body, _json, Cancel)).StatusCode);
        // A digital mentor ranks experience mentors only, each once.
        Assert.Equal(HttpStatusCode.BadRequest, (await j1.PutAsJsonAsync(cohort.Url("J1"), new SubmitRanking([cohort.Ids["J2"]]), _json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await j1.PutAsJsonAsync(cohort.Url("J1"), new SubmitRanking([cohort.Ids["S1"], cohort.Ids["S1"]]), _json, Cancel)).StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.ParticipantRankings.AnyAsync(r => r.ProgrammeId == cohort.ProgrammeId)));
    }

    [Fact]
    public async Task A_programme_where_the_engine_chooses_has_no_rankings()
    {
        var cohort = await ArrangeAsync(MatchingMode.Optimal);
        using var j1 = await cohort.AsAsync("J1");

        Assert.Equal(HttpStatusCode.Conflict, (await j1.GetAsync(cohort.Url("J1"), Cancel)).StatusCode);
        var run = await cohort.RunAsync();
        Assert.Equal((MatchingMode.Optimal, (int?)null, true), (run.Mode, run.BlockingPairs, run.Verified));
    }

    [Fact]
    public async Task The_ranking_page_shows_ones_own_candidates_with_a_select_each_and_saves_the_order()
    {
        var cohort = await ArrangeAsync(MatchingMode.ParticipantsRank);
        var page = $"/Programmes/Ranking/{cohort.ProgrammeId}";
        using var browser = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.Participant, cohort.Ids["J1"]));
        using var outsider = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.Participant));

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(page));

        Assert.Contains($"<label for=\"rank-{cohort.Ids["S2"]:N}\"", html, StringComparison.Ordinal);
        Assert.Contains("Your rank for Senior 2 ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Junior 2", html, StringComparison.Ordinal);
        var saved = await browser.PostFormAsync(page, html, new Dictionary<string, string>
        {
            [$"Ranks[{cohort.Ids["S1"]}]"] = "2",
            [$"Ranks[{cohort.Ids["S2"]}]"] = "1",
            [$"Ranks[{cohort.Ids["S3"]}]"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("#ranking-status", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Your ranking of 2 candidates is saved.", WebUtility.HtmlDecode(await browser.GetStringAsync(page)), StringComparison.Ordinal);
        var stored = await Factory.WithDbAsync(db => db.ParticipantRankings.Where(r => r.PersonId == cohort.Ids["J1"]).OrderBy(r => r.Rank).Select(r => r.CandidateId).ToListAsync());
        Assert.Equal([cohort.Ids["S2"], cohort.Ids["S1"]], stored);

        var twice = await browser.PostFormAsync(page, html, new Dictionary<string, string>
        {
            [$"Ranks[{cohort.Ids["S1"]}]"] = "1",
            [$"Ranks[{cohort.Ids["S2"]}]"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("Give each rank to one candidate only.", await twice.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
    }
}

public sealed class RankingSqliteTests(SqliteAppFixture fixture) : RankingTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class RankingPostgresTests(PostgresAppFixture fixture) : RankingTests(fixture), IClassFixture<PostgresAppFixture>;
