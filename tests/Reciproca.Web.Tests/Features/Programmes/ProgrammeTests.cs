using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Issue 4, steps 1-3: design a programme, enrol people, assess them; with the denials.</summary>
public abstract class ProgrammeTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static ProgrammeInput NewProgramme(string name = "Digitale insieme 2027") =>
        new(name, "Reverse mentoring pilot", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), 6, 12, new MatchingRulesInput(ExperienceMentorCapacity: 2));

    private async Task<(HttpClient Hr, ProgrammeView Programme)> CreateProgrammeAsync()
    {
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var response = await hr.PostAsJsonAsync("/api/v1/programmes", NewProgramme(), _json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var programme = (await response.Content.ReadFromJsonAsync<ProgrammeView>(_json))!;
        Assert.Equal($"/api/v1/programmes/{programme.Id}", response.Headers.Location?.OriginalString);
        return (hr, programme);
    }

    private async Task<List<Guid>> AddPeopleAsync(int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "id;name;born\r\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"{tag}-{i};Persona {tag} {i};{1960 + i}\r\n"));
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8(csv),
            new Dictionary<string, string> { ["externalId"] = "id", ["displayName"] = "name", ["birthYear"] = "born" }), HttpStatusCode.OK);
        return await Factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith(tag)).OrderBy(p => p.BirthYear).Select(p => p.Id).ToListAsync());
    }

    [Fact]
    public async Task Hr_creates_a_programme_and_reads_it_back()
    {
        var (hr, programme) = await CreateProgrammeAsync();

        var read = await hr.GetFromJsonAsync<ProgrammeView>($"/api/v1/programmes/{programme.Id}", _json, TestContext.Current.CancellationToken);

        Assert.Equal("Digitale insieme 2027", read!.Name);
        Assert.Equal(2, read.Rules.ExperienceMentorCapacity);
        Assert.Equal(ProgrammeStatus.Enrolment, read.Status);
        Assert.Contains(await hr.GetItemsAsync<ProgrammeView>("/api/v1/programmes", _json, TestContext.Current.CancellationToken) ?? [], p => p.Id == programme.Id);
    }

    [Fact]
    public async Task An_invalid_programme_is_a_validation_problem_and_nothing_is_stored()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var before = await Factory.WithDbAsync(db => db.Programmes.CountAsync());

        var response = await hr.PostAsJsonAsync("/api/v1/programmes", NewProgramme("") with { EndsOn = new DateOnly(2026, 1, 1), PlannedSessions = 0 }, _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"name\"", body, StringComparison.Ordinal);
        Assert.Contains("\"endsOn\"", body, StringComparison.Ordinal);
        Assert.Contains("\"plannedSessions\"", body, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Sponsor)]
    public async Task Participants_and_sponsors_cannot_create_programmes(string role)
    {
        using var client = await Factory.CreateClientInRoleAsync(role);

        var response = await client.PostAsJsonAsync("/api/v1/programmes", NewProgramme(), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_hr_user_does_not_see_a_programme_outside_their_scope()
    {
        var (_, programme) = await CreateProgrammeAsync();
        using var otherHr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);

        var read = await otherHr.GetAsync($"/api/v1/programmes/{programme.Id}", TestContext.Current.CancellationToken);
        var enrol = await otherHr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([Guid.NewGuid()]), _json, TestContext.Current.CancellationToken);
        var list = await otherHr.GetItemsAsync<ProgrammeView>("/api/v1/programmes", _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, enrol.StatusCode);
        Assert.DoesNotContain(list ?? [], p => p.Id == programme.Id);
    }

    [Fact]
    public async Task Managers_add_colleagues_and_sponsors_who_hold_the_matching_role()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var colleague = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var sponsorName = await Factory.CreateUserAsync(Roles.Sponsor);
        var url = $"/api/v1/programmes/{programme.Id}/members";

        var wrongRole = await hr.PostAsJsonAsync(url, new AddProgrammeMember(sponsorName, ProgrammeAccess.ManagerRole), _json, TestContext.Current.CancellationToken);
        var added = await hr.PostAsJsonAsync(url, new AddProgrammeMember(sponsorName, ProgrammeAccess.SponsorRole), _json, TestContext.Current.CancellationToken);
        var manager = await hr.PostAsJsonAsync(url, new AddProgrammeMember(colleague, ProgrammeAccess.ManagerRole), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, manager.StatusCode);
        var members = await hr.GetItemsAsync<ProgrammeMemberView>(url, _json, TestContext.Current.CancellationToken);
        Assert.Equal(3, members!.Count);
    }

    [Fact]
    public async Task Concurrent_edits_are_detected_one_wins_the_other_is_told()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        Task<HttpResponseMessage> Edit(string name) => hr.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/programmes/{programme.Id}")
        {
            Content = JsonContent.Create(NewProgramme(name), options: _json),
            Headers = { { "If-Match", $"\"{programme.Version}\"" } },
        });

        var first = await Edit("Renamed once");
        var second = await Edit("Renamed twice");
        var missing = await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}", NewProgramme("No version"), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal("Renamed once", (await hr.GetFromJsonAsync<ProgrammeView>($"/api/v1/programmes/{programme.Id}", _json, TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task Simultaneous_edits_of_one_version_let_exactly_one_win()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        using var colleague = Factory.CreateApiClient();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var names = Enumerable.Range(1, 4).Select(i => $"Edit {i}").ToList();
        var edits = names.Select(async (name, i) =>
        {
            await start.Task;
            return await (i % 2 == 0 ? hr : colleague).SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/programmes/{programme.Id}")
            {
                Content = JsonContent.Create(NewProgramme(name), options: _json),
                Headers = { { "If-Match", $"\"{programme.Version}\"" } },
            }, TestContext.Current.CancellationToken);
        }).ToList();

        start.SetResult();
        var answers = await Task.WhenAll(edits);

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != winner), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
        var stored = await hr.GetFromJsonAsync<ProgrammeView>($"/api/v1/programmes/{programme.Id}", _json, TestContext.Current.CancellationToken);
        Assert.Equal((await winner.Content.ReadFromJsonAsync<ProgrammeView>(_json, TestContext.Current.CancellationToken))!.Name, stored!.Name);
    }

    [Fact]
    public async Task Enrolment_is_all_or_nothing()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(4);
        var url = $"/api/v1/programmes/{programme.Id}/participants";

        var ok = await hr.PostAsJsonAsync(url, new EnrolParticipants(people[..2]), _json, TestContext.Current.CancellationToken);
        var twice = await hr.PostAsJsonAsync(url, new EnrolParticipants([people[2], people[0]]), _json, TestContext.Current.CancellationToken);
        var unknown = await hr.PostAsJsonAsync(url, new EnrolParticipants([people[3], Guid.NewGuid()]), _json, TestContext.Current.CancellationToken);
        var repeated = await hr.PostAsJsonAsync(url, new EnrolParticipants([people[3], people[3]]), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        var enrolled = await hr.GetItemsAsync<ParticipantView>(url, _json, TestContext.Current.CancellationToken);
        Assert.Equal(people[..2].Order(), enrolled!.Select(p => p.PersonId).Order());
    }

    [Fact]
    public async Task Hr_records_an_assessment_and_the_side_comes_from_it_not_from_age()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(2);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(people), _json, TestContext.Current.CancellationToken);
        var digital = new DigCompCatalogue().CompetenceIds.ToDictionary(id => id, _ => 6);

        // The older person (people[0]) is digitally strong and wants leadership: a digital mentor.
        var response = await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{people[0]}/assessment",
            new SubmitAssessment(digital, [], [], ["leadership"], ["it", "en"]), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<AssessmentView>(_json, TestContext.Current.CancellationToken))!;
        Assert.Equal(21, view.Digital.Count);
        Assert.Equal(Side.DigitalMentor, view.Side);

        var overridden = await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{people[0]}/assessment",
            new SubmitAssessment(digital, [], [], ["leadership"], ["it"], Side: Side.ExperienceMentor), _json, TestContext.Current.CancellationToken);
        var after = (await overridden.Content.ReadFromJsonAsync<AssessmentView>(_json, TestContext.Current.CancellationToken))!;
        Assert.Equal((Side.DigitalMentor, Side.ExperienceMentor), (after.ProposedSide, after.Side));
        Assert.Equal(1, (await hr.GetFromJsonAsync<ProgrammeView>($"/api/v1/programmes/{programme.Id}", _json, TestContext.Current.CancellationToken))!.Assessed);
    }

    public static TheoryData<string, string> BadAssessments() => new()
    {
        { "{\"digital\":{\"9.9\":3}}", "digital" },
        { "{\"digital\":{\"1.1\":9}}", "digital.level" },
        { "{\"digital\":{\"1.1\":0}}", "digital.level" },
        { "{\"wantedCompetences\":[\"7.1\"]}", "digital" },
        { "{\"offeredTopics\":[\"astrology\"]}", "topics" },
        { "{\"languages\":[\"it\",null]}", "languages" },
        { "{\"languages\":[\"i\\u0000t\"]}", "languages" },
        { "{\"availability\":\"Mondays\\u001B[2J\"}", "availability" },
        { "{\"availability\":\"Mon \\u202Eyadnom\"}", "availability" },
        { "{\"side\":99}", "side" },
        { "{\"side\":0}", "side" },
        { "{\"wantedTopics\":[null]}", "wantedTopics" },
        { "{\"offeredTopics\":[" + string.Join(',', Enumerable.Repeat("\"leadership\"", 51)) + "]}", "offeredTopics" },
        { "{\"wantedCompetences\":[" + string.Join(',', Enumerable.Repeat("\"2.4\"", 22)) + "]}", "wantedCompetences" },
    };

    [Fact]
    public async Task An_assessment_with_twenty_thousand_languages_is_refused_before_anything_is_looked_up()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(1);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(people), _json, TestContext.Current.CancellationToken);
        var languages = Enumerable.Range(1, 20_000).Select(i => $"l{i}").ToList();

        var response = await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{people[0]}/assessment",
            new SubmitAssessment(null, [], [], [], languages), _json, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("\"languages\":[\"At most 20 items.\"]", body, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Assessments.AnyAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == people[0]))));
    }

    [Theory]
    [InlineData("{\"name\":\"Pilota\\u0000\",\"startsOn\":\"2027-01-11\",\"endsOn\":\"2027-04-09\"}", "name")]
    [InlineData("{\"name\":\"Pilota \\u202E2027\",\"startsOn\":\"2027-01-11\",\"endsOn\":\"2027-04-09\"}", "name")]
    [InlineData("{\"name\":\"Pilota\",\"description\":\"Riga\\n\\u0007\",\"startsOn\":\"2027-01-11\",\"endsOn\":\"2027-04-09\"}", "description")]
    public async Task A_programme_with_a_control_character_is_refused_naming_the_field(string body, string field)
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var before = await Factory.WithDbAsync(db => db.Programmes.CountAsync());

        var response = await hr.PostAsync("/api/v1/programmes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Null(await Contract.MalformedInputTests.ValidationFailureAsync(response, field));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [Fact]
    public async Task A_description_keeps_its_line_breaks_and_tabs()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);

        var response = await hr.PostAsJsonAsync("/api/v1/programmes", NewProgramme() with { Description = "Obiettivi:\r\n\t- digitale\n\t- esperienza" }, _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadAssessments))]
    public async Task A_bad_assessment_is_refused_and_changes_nothing(string body, string field)
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(1);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(people), _json, TestContext.Current.CancellationToken);

        var response = await hr.PutAsync($"/api/v1/programmes/{programme.Id}/participants/{people[0]}/assessment",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Assessments.AnyAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == people[0]))));
    }

    [Fact]
    public async Task A_participant_assesses_only_themselves_and_may_not_choose_a_side()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(2);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(people), _json, TestContext.Current.CancellationToken);
        using var me = await Factory.CreateClientInRoleAsync(Roles.Participant, personId: people[1]);
        var url = $"/api/v1/programmes/{programme.Id}/participants";

        var own = await me.PutAsJsonAsync($"{url}/{people[1]}/assessment", new SubmitAssessment(new Dictionary<string, int> { ["1.1"] = 2 }, ["2.4"], ["leadership"], [], ["it"]), _json, TestContext.Current.CancellationToken);
        var other = await me.PutAsJsonAsync($"{url}/{people[0]}/assessment", new SubmitAssessment(null, [], [], [], ["it"]), _json, TestContext.Current.CancellationToken);
        var side = await me.PutAsJsonAsync($"{url}/{people[1]}/assessment", new SubmitAssessment(null, [], [], [], ["it"], Side: Side.DigitalMentor), _json, TestContext.Current.CancellationToken);
        var listing = await me.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, side.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listing.StatusCode);
        Assert.Equal(Side.ExperienceMentor, (await own.Content.ReadFromJsonAsync<AssessmentView>(_json, TestContext.Current.CancellationToken))!.Side);
    }

    [Fact]
    public async Task People_apply_to_an_open_programme_and_hr_approves_and_overrides_the_side()
    {
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var open = (await (await hr.PostAsJsonAsync("/api/v1/programmes", NewProgramme("Aperto") with { OpenForApplications = true }, _json, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json, TestContext.Current.CancellationToken))!;
        var closed = (await (await hr.PostAsJsonAsync("/api/v1/programmes", NewProgramme("Chiuso"), _json, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json, TestContext.Current.CancellationToken))!;
        var people = await AddPeopleAsync(1);
        using var me = await Factory.CreateClientInRoleAsync(Roles.Participant, personId: people[0]);

        var toClosed = await me.PostAsync($"/api/v1/programmes/{closed.Id}/applications", null, TestContext.Current.CancellationToken);
        var applied = await me.PostAsync($"/api/v1/programmes/{open.Id}/applications", null, TestContext.Current.CancellationToken);
        var twice = await me.PostAsync($"/api/v1/programmes/{open.Id}/applications", null, TestContext.Current.CancellationToken);
        var selfApproval = await me.PostAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/approve", null, TestContext.Current.CancellationToken);
        var assessBeforeApproval = await me.PutAsJsonAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/assessment", new SubmitAssessment(null, ["2.4"], [], [], ["it"]), _json, TestContext.Current.CancellationToken);
        var approved = await hr.PostAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/approve", null, TestContext.Current.CancellationToken);
        var assessed = await me.PutAsJsonAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/assessment", new SubmitAssessment(null, ["2.4"], [], [], ["it"]), _json, TestContext.Current.CancellationToken);
        var overridden = await hr.PutAsJsonAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/side", new OverrideSide(Side.DigitalMentor), _json, TestContext.Current.CancellationToken);
        var participantOverride = await me.PutAsJsonAsync($"/api/v1/programmes/{open.Id}/participants/{people[0]}/side", new OverrideSide(Side.ExperienceMentor), _json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, toClosed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, applied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, assessBeforeApproval.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal(Side.ExperienceMentor, (await assessed.Content.ReadFromJsonAsync<AssessmentView>(_json, TestContext.Current.CancellationToken))!.Side);
        Assert.Equal(HttpStatusCode.NoContent, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, participantOverride.StatusCode);
        var participant = (await hr.GetItemsAsync<ParticipantView>($"/api/v1/programmes/{open.Id}/participants", _json, TestContext.Current.CancellationToken))!.Single();
        Assert.Equal((Side.ExperienceMentor, Side.DigitalMentor, ParticipantStatus.Enrolled), (participant.ProposedSide, participant.Side, participant.Status));
    }

    [Fact]
    public async Task A_participant_sees_only_their_own_programmes()
    {
        var (hr, programme) = await CreateProgrammeAsync();
        var (_, other) = await CreateProgrammeAsync();
        var people = await AddPeopleAsync(1);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(people), _json, TestContext.Current.CancellationToken);
        using var me = await Factory.CreateClientInRoleAsync(Roles.Participant, personId: people[0]);

        var mine = await me.GetAsync($"/api/v1/programmes/{programme.Id}", TestContext.Current.CancellationToken);
        var notMine = await me.GetAsync($"/api/v1/programmes/{other.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }
}

public sealed class ProgrammeSqliteTests(SqliteAppFixture fixture) : ProgrammeTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ProgrammePostgresTests(PostgresAppFixture fixture) : ProgrammeTests(fixture), IClassFixture<PostgresAppFixture>;
