using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Assessments;

/// <summary>
/// Issue 10: languages are ISO 639-1 codes from a list; an assessment is complete only with all 21 competences rated,
/// a wish or offer and a language, and anything less is a draft that counts nowhere (cohort, reminders, matching).
/// </summary>
public abstract class AssessmentDraftTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private static readonly IReadOnlyCollection<string> _competences = new DigCompCatalogue().CompetenceIds;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, int> AllRated(int level) => _competences.ToDictionary(c => c, _ => level);

    private async Task<(HttpClient Hr, Guid ProgrammeId, List<Guid> People)> ArrangeAsync(int people)
    {
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await hr.PostAsJsonAsync("/api/v1/programmes",
            new ProgrammeInput("Bozze 2027", "Pilot", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), 6, 12, new MatchingRulesInput(ExperienceMentorCapacity: 1, RequireCommonLanguage: true)), _json, Ct);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Ct))!;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = await Factory.WithDbAsync(async db =>
        {
            var now = Factory.Time.GetUtcNow().UtcDateTime;
            var added = Enumerable.Range(1, people).Select(i =>
            {
                var person = new Reciproca.Web.Features.People.Person
                {
                    ExternalId = $"{tag}-{i}",
                    DisplayName = $"Persona {tag} {i}",
                    Department = i % 2 == 0 ? "Vendite" : "IT",
                    BirthYear = 1960 + (i * 10),
                    CreatedUtc = now,
                };
                person.Touch(now);
                return person;
            }).ToList();
            db.People.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(p => p.Id).ToList();
        });
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants(ids), _json, Ct)).StatusCode);
        return (hr, programme.Id, ids);
    }

    private static string Url(Guid programmeId, Guid personId, string? query = null) =>
        $"/api/v1/programmes/{programmeId}/participants/{personId}/assessment{query}";

    private async Task<int> AssessedAsync(HttpClient hr, Guid programmeId) =>
        (await hr.GetFromJsonAsync<ProgrammeView>($"/api/v1/programmes/{programmeId}", _json, Ct))!.Assessed;

    private Task<bool> StoredAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.Assessments.AnyAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == personId)));

    [Fact]
    public async Task An_unknown_language_code_is_refused_naming_the_field_and_the_code_and_nothing_is_stored()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);

        var response = await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(3), ["2.4"], [], [], ["it", "italiano, inglese", "xx"]), _json, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var errors = JsonNode.Parse(body)!["errors"]!["languages"]!.AsArray().Select(e => e!.GetValue<string>()).Single();
        Assert.Contains("\"italiano, inglese\"", errors, StringComparison.Ordinal);
        Assert.Contains("\"xx\"", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("\"it\"", errors, StringComparison.Ordinal);
        Assert.False(await StoredAsync(people[0]));
    }

    [Fact]
    public async Task Codes_in_capitals_are_stored_as_lower_case_codes_once()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);

        var response = await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(3), ["2.4"], [], [], ["IT", "it", "En"]), _json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!;
        Assert.Equal(["it", "en"], view.Languages);
        Assert.Equal(AssessmentStatus.Submitted, view.Status);
        Assert.Empty(view.Missing);
    }

    [Fact]
    public async Task The_language_list_has_every_iso_code_with_its_english_and_italian_name()
    {
        using var participant = await Factory.CreateClientInRoleAsync(Roles.Participant);

        var languages = JsonNode.Parse(await participant.GetStringAsync("/api/v1/catalogue/languages", Ct))!.AsArray();

        Assert.Equal(184, languages.Count);
        Assert.Equal(184, languages.Select(l => l!["code"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
        var byCode = languages.ToDictionary(l => l!["code"]!.GetValue<string>(), l => (En: l!["name"]!["en"]!.GetValue<string>(), It: l["name"]!["it"]!.GetValue<string>()));
        Assert.Equal(("Italian", "Italiano"), byCode["it"]);
        Assert.Equal(("English", "Inglese"), byCode["en"]);
        Assert.Equal(("German", "Tedesco"), byCode["de"]);
        Assert.Equal(("Greek", "Greco"), byCode["el"]);
        Assert.All(byCode, l => Assert.Matches("^[a-z]{2}$", l.Key));
        Assert.All(byCode.Values, n => Assert.False(string.IsNullOrWhiteSpace(n.En) || string.IsNullOrWhiteSpace(n.It)));
    }

    [Theory]
    [InlineData("italiano", "it")]
    [InlineData("Inglese", "en")]
    [InlineData("English", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("deu", "de")]
    [InlineData(" fr ", "fr")]
    public void Old_free_text_languages_map_to_their_code(string typed, string code) =>
        Assert.Equal([code], LanguageCatalogue.Normalise([typed]));

    [Fact]
    public void Old_free_text_that_names_no_language_is_dropped() =>
        Assert.Equal(["it"], LanguageCatalogue.Normalise(["italiano, inglese", "Klingon", "", "it", "IT"]));

    [Fact]
    public async Task An_incomplete_assessment_is_a_draft_listing_what_is_missing_and_counts_as_not_assessed()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);
        var twenty = AllRated(4);
        twenty.Remove("5.4");

        var response = await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(twenty, [], [], [], ["it"]), _json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!;
        Assert.Equal(AssessmentStatus.Draft, view.Status);
        Assert.Null(view.SubmittedUtc);
        Assert.Equal(["5.4", AssessmentCompleteness.Wishes], view.Missing.Select(m => m.Key));
        Assert.Equal("Rate 5.4 Identifying digital competence gaps", view.Missing[0].Name);
        Assert.Equal(0, await AssessedAsync(hr, programmeId));
        Assert.Null(await Factory.WithDbAsync(db => db.Participants.Where(p => p.PersonId == people[0]).Select(p => p.AssessedUtc).SingleAsync()));

        // Reminders still go to the person: without an e-mail address, they are the one counted as unreachable.
        var reminded = await (await hr.PostAsync($"/api/v1/programmes/{programmeId}/assessment-reminders", null, Ct)).Content.ReadFromJsonAsync<ReminderOutcome>(_json, Ct);
        Assert.Equal(new ReminderOutcome(0, 0, 1), reminded);
    }

    [Fact]
    public async Task What_is_missing_is_named_in_the_language_of_the_request()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);

        var response = await hr.PutAsJsonAsync(Url(programmeId, people[0], "?culture=it"), new SubmitAssessment(new Dictionary<string, int> { ["1.1"] = 2 }, [], [], [], []), _json, Ct);

        var view = (await response.Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!;
        Assert.Equal(20 + 2, view.Missing.Count);
        Assert.Equal("Indica il tuo livello in 1.2 Valutare dati, informazioni e contenuti digitali", view.Missing[0].Name);
        Assert.Equal(["Almeno un desiderio o un'offerta: una competenza da imparare, oppure un tema di esperienza che offri o che cerchi", "Almeno una lingua"], view.Missing.TakeLast(2).Select(m => m.Name));
    }

    [Fact]
    public async Task Submitting_an_incomplete_assessment_is_refused_listing_what_is_missing_and_changes_nothing()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);
        var complete = await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(2), ["2.4"], [], [], ["it"], "Martedì"), _json, Ct);
        Assert.Equal(AssessmentStatus.Submitted, (await complete.Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!.Status);

        var refused = await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(new Dictionary<string, int> { ["1.1"] = 8 }, [], [], [], ["it"], "Mai", Submit: true), _json, Ct);

        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, body);
        var missing = JsonNode.Parse(body)!["errors"]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Equal(20 + 1, missing.Count);
        Assert.Contains("Rate 2.4 Collaborating through digital technologies", missing);
        var stored = (await hr.GetFromJsonAsync<AssessmentView>(Url(programmeId, people[0]), _json, Ct))!;
        Assert.Equal((AssessmentStatus.Submitted, 21, "Martedì"), (stored.Status, stored.Digital.Count, stored.Availability));
        Assert.Equal(1, await AssessedAsync(hr, programmeId));
    }

    [Fact]
    public async Task Submit_false_keeps_a_complete_assessment_a_draft_until_it_is_submitted()
    {
        var (hr, programmeId, people) = await ArrangeAsync(1);
        var assessment = new SubmitAssessment(AllRated(2), ["2.4"], [], [], ["it"], Submit: false);

        var draft = (await (await hr.PutAsJsonAsync(Url(programmeId, people[0]), assessment, _json, Ct)).Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!;
        var assessedWhileDraft = await AssessedAsync(hr, programmeId);
        var submitted = (await (await hr.PutAsJsonAsync(Url(programmeId, people[0]), assessment with { Submit = true }, _json, Ct)).Content.ReadFromJsonAsync<AssessmentView>(_json, Ct))!;

        Assert.Equal((AssessmentStatus.Draft, 0), (draft.Status, draft.Missing.Count));
        Assert.Equal(0, assessedWhileDraft);
        Assert.Equal(AssessmentStatus.Submitted, submitted.Status);
        Assert.Equal(Factory.Time.GetUtcNow().UtcDateTime, submitted.SubmittedUtc);
        Assert.Equal(1, await AssessedAsync(hr, programmeId));
    }

    [Fact]
    public async Task Matching_leaves_drafts_out_of_the_pool()
    {
        var (hr, programmeId, people) = await ArrangeAsync(3);
        // people[0] (1970) and people[2] (1990) submit; people[1] (1980) saves the same content as a draft.
        await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(2), ["2.4"], ["vision"], [], ["it"]), _json, Ct);
        await hr.PutAsJsonAsync(Url(programmeId, people[1]), new SubmitAssessment(AllRated(2), ["2.4"], ["vision"], [], ["it"], Submit: false), _json, Ct);
        await hr.PutAsJsonAsync(Url(programmeId, people[2]), new SubmitAssessment(AllRated(7), [], [], ["vision"], ["it"]), _json, Ct);

        var cohort = await Factory.WithDbAsync(async db => await MatchingCohort.LoadAsync(db, await db.Programmes.SingleAsync(p => p.Id == programmeId), Ct));

        Assert.Equal([people[0]], cohort.ExperienceMentors.Select(p => p.Id));
        Assert.Equal([people[2]], cohort.DigitalMentors.Select(p => p.Id));
    }

    [Fact]
    public async Task Languages_typed_before_the_list_are_matched_by_their_code()
    {
        var (hr, programmeId, people) = await ArrangeAsync(2);
        await hr.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(2), ["2.4"], ["vision"], [], ["it"]), _json, Ct);
        await hr.PutAsJsonAsync(Url(programmeId, people[1]), new SubmitAssessment(AllRated(7), [], [], ["vision"], ["it"]), _json, Ct);
        // As stored when languages were free text.
        await Factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == people[0]));
            assessment.Languages = ["Italiano", "inglese", "a bit of everything"];
            return await db.SaveChangesAsync();
        });

        var cohort = await Factory.WithDbAsync(async db => await MatchingCohort.LoadAsync(db, await db.Programmes.SingleAsync(p => p.Id == programmeId), Ct));
        var read = (await hr.GetFromJsonAsync<AssessmentView>(Url(programmeId, people[0]), _json, Ct))!;

        Assert.Equal(["it", "en"], cohort.ExperienceMentors.Single().Languages);
        Assert.Equal(["it", "en"], read.Languages);
    }

    [Fact]
    public async Task A_participant_may_not_submit_someone_elses_assessment()
    {
        var (_, programmeId, people) = await ArrangeAsync(2);
        using var me = await Factory.CreateClientInRoleAsync(Roles.Participant, personId: people[1]);

        var other = await me.PutAsJsonAsync(Url(programmeId, people[0]), new SubmitAssessment(AllRated(2), ["2.4"], [], [], ["it"], Submit: true), _json, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(await StoredAsync(people[0]));
    }
}

public sealed class AssessmentDraftSqliteTests(SqliteAppFixture fixture) : AssessmentDraftTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AssessmentDraftPostgresTests(PostgresAppFixture fixture) : AssessmentDraftTests(fixture), IClassFixture<PostgresAppFixture>;
