using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.People;

/// <summary>
/// People one at a time, for HR systems that sync: exact key lookup, changes since an instant, upsert by HR key with
/// the import's validation, deactivation of leavers (no enrolment, no matching) and the rehire.
/// </summary>
public abstract class PeopleSyncTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTag() => Guid.NewGuid().ToString("N")[..6];

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string externalId, PutPerson person) =>
        client.PutAsJsonAsync($"/api/v1/people/by-external-id/{Uri.EscapeDataString(externalId)}", person, _json, Ct);

    private static async Task<PersonSummary> PutOkAsync(HttpClient client, string externalId, PutPerson person)
    {
        var response = await PutAsync(client, externalId, person);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!;
    }

    private static async Task<PagedList<PersonSummary>> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/people?{query}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PagedList<PersonSummary>>(_json, Ct))!;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(_json)!;
    }

    private async Task<string> RowAsync(string externalId) =>
        JsonSerializer.Serialize(await ImportRequest.PersonAsync(Factory, externalId), _json);

    [Fact]
    public async Task ExternalId_is_an_exact_match_and_combines_with_the_other_filters()
    {
        var tag = NewTag();
        using var client = Factory.CreateApiClient();
        await PutOkAsync(client, $"{tag}A", new PutPerson(GivenName: "Anna", FamilyName: "Rossi", Department: "IT"));
        await PutOkAsync(client, $"{tag}AB", new PutPerson(GivenName: "Anna", FamilyName: "Bianchi", Department: "IT"));

        var exact = await ListAsync(client, $"externalId={tag}A");
        var otherDepartment = await ListAsync(client, $"externalId={tag}A&department=Vendite");
        var sameDepartment = await ListAsync(client, $"externalId={tag}A&department=IT");
        var caseMatters = await ListAsync(client, $"externalId={tag}a");

        Assert.Equal([$"{tag}A"], exact.Items.Select(p => p.ExternalId));
        Assert.Equal((1, 1, 25), (exact.Total, exact.Page, exact.PageSize));
        Assert.True(exact.Items[0].Active);
        Assert.Equal(0, otherDepartment.Total);
        Assert.Equal(1, sameDepartment.Total);
        Assert.Equal(0, caseMatters.Total);
    }

    [Fact]
    public async Task UpdatedSince_lists_only_people_created_or_changed_after_the_instant()
    {
        var tag = NewTag();
        using var client = Factory.CreateApiClient();
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        var kept = await PutOkAsync(client, $"{tag}K", new PutPerson(DisplayName: "Kept As Is"));
        var changed = await PutOkAsync(client, $"{tag}C", new PutPerson(DisplayName: "Changed Later"));
        var leaver = await PutOkAsync(client, $"{tag}L", new PutPerson(DisplayName: "Leaves Later"));
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        var mark = Factory.Time.GetUtcNow();
        Factory.Time.Advance(TimeSpan.FromMinutes(1));

        await PutOkAsync(client, $"{tag}C", new PutPerson(DisplayName: "Changed Later", JobTitle: "Analyst"));
        await PutOkAsync(client, $"{tag}K", new PutPerson(DisplayName: "Kept As Is"));
        await PutOkAsync(client, $"{tag}N", new PutPerson(DisplayName: "New After"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/people/{leaver.Id}/deactivate", null, Ct)).StatusCode);

        var utc = await ListAsync(client, $"search={tag}&updatedSince={Uri.EscapeDataString(mark.ToString("yyyy-MM-ddTHH:mm:ssZ"))}");
        var withOffset = await ListAsync(client, $"search={tag}&updatedSince={Uri.EscapeDataString(mark.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz"))}");
        var everybody = await ListAsync(client, $"search={tag}");
        var noOffset = await client.GetAsync($"/api/v1/people?updatedSince={mark:yyyy-MM-ddTHH:mm:ss}", Ct);

        // An unchanged PUT is no change: the person stays out of the list of changes (ordered by change, then key).
        Assert.Equal([$"{tag}C", $"{tag}L", $"{tag}N"], utc.Items.Select(p => p.ExternalId));
        Assert.Equal(utc.Items.Select(p => p.Id), withOffset.Items.Select(p => p.Id));
        Assert.All(utc.Items, p => Assert.True(p.UpdatedUtc > mark.UtcDateTime));
        Assert.False(utc.Items.Single(p => p.Id == leaver.Id).Active);
        Assert.Equal(4, everybody.Total);
        Assert.Equal(kept.UpdatedUtc, everybody.Items.Single(p => p.Id == kept.Id).UpdatedUtc);
        Assert.True(changed.UpdatedUtc < everybody.Items.Single(p => p.Id == changed.Id).UpdatedUtc);
        Assert.Contains("updatedSince", (await ErrorsAsync(noOffset)).Keys);
    }

    [Fact]
    public async Task A_put_creates_then_updates_and_bad_input_names_the_field_and_changes_nothing()
    {
        var tag = NewTag();
        using var client = Factory.CreateApiClient();
        var manager = await PutOkAsync(client, $"{tag}M", new PutPerson(GivenName: "Marta", FamilyName: "Conti"));

        var createdResponse = await PutAsync(client, $"{tag}P", new PutPerson(
            Email: $"{tag}p@officine.example", GivenName: "Paolo", FamilyName: "Neri", BirthDate: new DateOnly(1990, 5, 17),
            Department: "IT", JobTitle: "Developer", ManagerExternalId: $"{tag}M", HireDate: new DateOnly(2020, 1, 1),
            Languages: ["IT", "en"], TimeZone: "Europe/Rome"));
        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        var created = (await createdResponse.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!;
        Assert.Equal($"/api/v1/people/{created.Id}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal(("Paolo Neri", 1990, manager.Id, true), (created.DisplayName, created.BirthYear, created.ManagerId, created.Active));
        Assert.Equal(["it", "en"], created.Languages);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(createdResponse.Headers.Location, Ct)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        var updatedResponse = await PutAsync(client, $"{tag}P", new PutPerson(
            Email: $"{tag}p@officine.example", BirthYear: 1990, Department: "Vendite", JobTitle: "Sales Executive", ManagerExternalId: $"{tag}M"));
        Assert.Equal(HttpStatusCode.OK, updatedResponse.StatusCode);
        var updated = (await updatedResponse.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!;
        // PUT replaces: the names are cleared, so the import's generated name applies; languages are cleared too.
        Assert.Equal((created.Id, $"Sales Executive #{tag}P", "Vendite"), (updated.Id, updated.DisplayName, updated.Department));
        Assert.Empty(updated.Languages);
        Assert.True(updated.UpdatedUtc > created.UpdatedUtc);

        // A subordinate of P, so that making them P's manager would loop.
        await PutOkAsync(client, $"{tag}S", new PutPerson(DisplayName: "Sara Galli", ManagerExternalId: $"{tag}P"));
        var before = await RowAsync($"{tag}P");
        var count = await ImportRequest.CountAsync(Factory);
        using var italian = Factory.CreateApiClient();
        italian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var badEmail = await ErrorsAsync(await PutAsync(italian, $"{tag}P", new PutPerson(Email: "paolo.neri@", JobTitle: "Changed")));
        var unknownManager = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(ManagerExternalId: $"{tag}nobody")));
        var loop = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(ManagerExternalId: $"{tag}S")));
        var ownManager = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(ManagerExternalId: $"{tag}P")));
        var twoBirthSources = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(BirthYear: 1990, Age: 36)));
        var futureBirth = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(BirthDate: new DateOnly(2030, 1, 1))));
        var badZone = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(TimeZone: "Mars/Olympus")));
        var newWithBadEmail = await ErrorsAsync(await PutAsync(client, $"{tag}Q", new PutPerson(Email: "not-an-address")));
        var malformed = await ErrorsAsync(await client.PutAsync($"/api/v1/people/by-external-id/{tag}P",
            new StringContent("{\"birthYear\":\"nineteen\"}", System.Text.Encoding.UTF8, "application/json"), Ct));

        Assert.Equal(["email"], badEmail.Keys);
        Assert.Equal("'paolo.neri@' non è un indirizzo e-mail.", badEmail["email"].Single());
        Assert.Equal(["managerExternalId"], unknownManager.Keys);
        Assert.Contains($"{tag}nobody", unknownManager["managerExternalId"].Single(), StringComparison.Ordinal);
        Assert.Equal(["managerExternalId"], loop.Keys);
        Assert.Contains("loop", loop["managerExternalId"].Single(), StringComparison.Ordinal);
        Assert.Equal(["managerExternalId"], ownManager.Keys);
        Assert.Equal(["age"], twoBirthSources.Keys);
        Assert.Equal(["birthDate"], futureBirth.Keys);
        Assert.Equal(["timeZone"], badZone.Keys);
        Assert.Equal(["email"], newWithBadEmail.Keys);
        Assert.Equal(["birthYear"], malformed.Keys);
        Assert.Equal(before, await RowAsync($"{tag}P"));
        Assert.Equal(count, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task Control_characters_and_too_many_languages_are_refused_naming_the_field_and_nothing_is_written()
    {
        var tag = NewTag();
        using var client = Factory.CreateApiClient();
        await PutOkAsync(client, $"{tag}P", new PutPerson(GivenName: "Paolo", FamilyName: "Neri"));
        var before = await RowAsync($"{tag}P");
        var count = await ImportRequest.CountAsync(Factory);

        var nul = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(GivenName: "Pa\0olo", FamilyName: "Neri")));
        var bidi = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(GivenName: "Paolo", JobTitle: "Developer \u202Erepoleved")));
        var escape = await ErrorsAsync(await PutAsync(client, $"{tag}N", new PutPerson(FamilyName: "\u001B[2JNeri")));
        var languages = await ErrorsAsync(await PutAsync(client, $"{tag}P", new PutPerson(GivenName: "Paolo", Languages: [.. Enumerable.Range(1, 21).Select(i => $"l{i}")])));

        Assert.Equal(["givenName"], nul.Keys);
        Assert.Contains("U+0000", nul["givenName"].Single(), StringComparison.Ordinal);
        Assert.Equal(["jobTitle"], bidi.Keys);
        Assert.Contains("U+202E", bidi["jobTitle"].Single(), StringComparison.Ordinal);
        Assert.Equal(["familyName"], escape.Keys);
        Assert.Equal(["languages"], languages.Keys);
        Assert.Equal(before, await RowAsync($"{tag}P"));
        Assert.Equal(count, await ImportRequest.CountAsync(Factory));
    }

    [Fact]
    public async Task A_leaver_is_refused_enrolment_and_left_out_of_matching_until_a_put_rehires_them()
    {
        var tag = NewTag();
        using var admin = Factory.CreateApiClient();
        var ids = new Dictionary<string, Guid>();
        foreach (var (key, born) in new[] { ("J1", 2000), ("J2", 1999), ("S1", 1960), ("S2", 1962) })
        {
            ids[key] = (await PutOkAsync(admin, $"{tag}{key}", new PutPerson(DisplayName: $"{key} {tag}", BirthYear: born, Email: $"{tag}{key.ToLowerInvariant()}@officine.example"))).Id;
        }

        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = await CreateProgrammeAsync(hr, $"Sync {tag}");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([.. ids.Values]), _json, Ct)).StatusCode);
        // A complete assessment rates all 21; only the wanted competences score.
        var allCompetences = new Reciproca.Web.Features.Assessments.DigCompCatalogue().CompetenceIds;
        string[] competences = ["1.1", "2.4"];
        string[] topics = ["leadership", "vision"];
        for (var i = 0; i < 2; i++)
        {
            var junior = new SubmitAssessment(allCompetences.ToDictionary(c => c, c => c == competences[i] ? 8 : 3), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(allCompetences.ToDictionary(c => c, _ => 1), [competences[i]], [topics[i]], [], ["it"]);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"J{i + 1}"]}/assessment", junior, _json, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants/{ids[$"S{i + 1}"]}/assessment", senior, _json, Ct)).StatusCode);
        }

        var deactivated = await admin.PostAsync($"/api/v1/people/{ids["J2"]}/deactivate", null, Ct);
        var leaver = (await deactivated.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!;
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await admin.PostAsync($"/api/v1/people/{ids["J2"]}/deactivate", null, Ct);
        var unknown = await admin.PostAsync($"/api/v1/people/{Guid.NewGuid()}/deactivate", null, Ct);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False(leaver.Active);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = (await again.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!;
        Assert.Equal((false, leaver.UpdatedUtc), (second.Active, second.UpdatedUtc));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // Matching: the leaver is neither proposed nor listed as unmatched.
        var runResponse = await hr.PostAsync($"/api/v1/programmes/{programme.Id}/matching-runs", null, Ct);
        Assert.Equal(HttpStatusCode.Created, runResponse.StatusCode);
        var run = (await runResponse.Content.ReadFromJsonAsync<MatchingRunView>(_json, Ct))!;
        var pool = run.Proposals.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).Concat(run.Unmatched.Select(u => u.PersonId)).ToHashSet();
        Assert.DoesNotContain(ids["J2"], pool);
        Assert.Contains(ids["J1"], pool);

        // The history stays: the leaver is still a participant of the programme.
        var participants = await hr.GetItemsAsync<ParticipantView>($"/api/v1/programmes/{programme.Id}/participants", _json, Ct);
        Assert.Contains(participants!, p => p.PersonId == ids["J2"]);

        // Enrolment: refused with the reason, nobody of the request enrolled.
        var other = await CreateProgrammeAsync(hr, $"Sync bis {tag}");
        var refused = await ErrorsAsync(await hr.PostAsJsonAsync($"/api/v1/programmes/{other.Id}/participants", new EnrolParticipants([ids["J1"], ids["J2"]]), _json, Ct));
        Assert.Contains("have left the organisation", refused["personIds"].Single(), StringComparison.Ordinal);
        Assert.Contains(ids["J2"].ToString(), refused["personIds"].Single(), StringComparison.Ordinal);
        Assert.Empty((await hr.GetItemsAsync<ParticipantView>($"/api/v1/programmes/{other.Id}/participants", _json, Ct))!);

        // An import row for the leaver updates their data but does not bring them back.
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8($"id;dept\r\n{tag}J2;Qualità\r\n"),
            new Dictionary<string, string> { ["externalId"] = "id", ["department"] = "dept" }), HttpStatusCode.OK);
        var imported = (await ListAsync(admin, $"externalId={tag}J2")).Items.Single();
        Assert.Equal(("Qualità", false), (imported.Department, imported.Active));

        // A PUT is a rehire: active again, and enrolment accepts them.
        var rehired = await PutAsync(admin, $"{tag}J2", new PutPerson(DisplayName: $"J2 {tag}", BirthYear: 1999, Email: $"{tag}j2@officine.example"));
        Assert.Equal(HttpStatusCode.OK, rehired.StatusCode);
        Assert.True((await rehired.Content.ReadFromJsonAsync<PersonSummary>(_json, Ct))!.Active);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{other.Id}/participants", new EnrolParticipants([ids["J2"]]), _json, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_people_page_marks_leavers()
    {
        var tag = NewTag();
        using var admin = Factory.CreateApiClient();
        var leaver = await PutOkAsync(admin, $"{tag}X", new PutPerson(DisplayName: $"Ex Colleague {tag}"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/people/{leaver.Id}/deactivate", null, Ct)).StatusCode);
        // Pages take the sign-in cookie, never a token.
        using var hr = await BrowserSession.SignedInAsync(Factory, Roles.ProgrammeManager);
        hr.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var html = WebUtility.HtmlDecode(await hr.GetStringAsync($"/People?search={tag}", Ct));

        Assert.Contains($"Ex Colleague {tag}", html, StringComparison.Ordinal);
        Assert.Contains("Non più in forza", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Sponsor)]
    [InlineData(Roles.Participant)]
    public async Task Only_hr_and_administrators_sync_people(string role)
    {
        var tag = NewTag();
        using var admin = Factory.CreateApiClient();
        var person = await PutOkAsync(admin, $"{tag}A", new PutPerson(DisplayName: "Anna Rossi"));
        using var other = await Factory.CreateClientInRoleAsync(role);
        using var anonymous = Factory.CreateApiClient(token: null);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(other, $"{tag}A", new PutPerson(DisplayName: "Changed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/people/{person.Id}/deactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/people?externalId={tag}A", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutAsync(anonymous, $"{tag}A", new PutPerson(DisplayName: "Changed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/people/{person.Id}/deactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/people?updatedSince=2026-01-01T00:00:00Z", Ct)).StatusCode);
        var stored = (await ListAsync(admin, $"externalId={tag}A")).Items.Single();
        Assert.Equal(("Anna Rossi", true), (stored.DisplayName, stored.Active));
    }

    private static async Task<ProgrammeView> CreateProgrammeAsync(HttpClient hr, string name)
    {
        var response = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput(name, null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1)), _json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProgrammeView>(_json, Ct))!;
    }
}

public sealed class PeopleSyncSqliteTests(SqliteAppFixture fixture) : PeopleSyncTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PeopleSyncPostgresTests(PostgresAppFixture fixture) : PeopleSyncTests(fixture), IClassFixture<PostgresAppFixture>;
