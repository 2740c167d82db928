using System.Net;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Assessments;

/// <summary>The assessment pages as a browser drives them: languages from a list, drafts, the summary that submits.</summary>
public sealed class AssessmentPagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly IReadOnlyCollection<string> _competences = new DigCompCatalogue().CompetenceIds;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pageUrl, Ct);
        var form = fields.Append(new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(page)));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(form), Ct);
    }

    /// <summary>A programme with one enrolled person whose HR record lists <paramref name="languages"/>; their signed-in browser.</summary>
    private async Task<(Guid ProgrammeId, Guid PersonId, HttpClient Participant)> ArrangeAsync(params string[] languages)
    {
        var (programmeId, personId) = await Factory.WithDbAsync(async db =>
        {
            var now = Factory.Time.GetUtcNow().UtcDateTime;
            var person = new Reciproca.Web.Features.People.Person { ExternalId = $"ap-{Guid.NewGuid():N}", DisplayName = "Franca Sala", BirthYear = 1962, Languages = [.. languages], CreatedUtc = now };
            person.Touch(now);
            var programme = new Programme { Name = "Valutazioni 2027", StartsOn = new DateOnly(2027, 1, 11), EndsOn = new DateOnly(2027, 4, 9), CreatedUtc = now };
            db.People.Add(person);
            db.Programmes.Add(programme);
            db.Participants.Add(new Participant { ProgrammeId = programme.Id, PersonId = person.Id, EnrolledUtc = now });
            await db.SaveChangesAsync();
            return (programme.Id, person.Id);
        });
        return (programmeId, personId, await BrowserSession.SignedInAsync(Factory, Roles.Participant, personId));
    }

    private Task<DateTime?> AssessedUtcAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.Participants.Where(p => p.PersonId == personId).Select(p => p.AssessedUtc).SingleAsync());

    [Fact]
    public async Task Languages_are_listed_by_name_in_italian_with_the_hr_export_ones_ticked()
    {
        var (programmeId, _, participant) = await ArrangeAsync("IT", "inglese", "Klingon", "pt");

        var page = await participant.GetStringAsync($"/Assessments/Edit/{programmeId}?culture=it", Ct);

        Assert.Contains("value=\"it\" id=\"lang-it\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"en\" id=\"lang-en\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"pt\" id=\"lang-pt\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"fr\" id=\"lang-fr\" />", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-check-label\" for=\"lang-en\">Inglese</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-check-label\" for=\"lang-de\">Tedesco</label>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Klingon", page, StringComparison.Ordinal);
        Assert.Contains("0 competenze valutate su 21", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Languages_are_named_in_english_on_the_english_page()
    {
        var (programmeId, _, participant) = await ArrangeAsync("it");

        var page = await participant.GetStringAsync($"/Assessments/Edit/{programmeId}?culture=en", Ct);

        Assert.Contains("<label class=\"form-check-label\" for=\"lang-en\">English</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-check-label\" for=\"lang-it\">Italian</label>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_from_the_form_is_refused_on_the_page_and_nothing_is_stored()
    {
        var (programmeId, personId, participant) = await ArrangeAsync("it");
        var url = $"/Assessments/Edit/{programmeId}";

        var response = await PostFormAsync(participant, url, url, [new("Levels[1.1]", "3"), new("Languages", "italiano, inglese"), new("step", "draft")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not ISO 639-1 language codes: &quot;italiano, inglese&quot;", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Assessments.AnyAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == personId))));
    }

    [Fact]
    public async Task A_draft_is_saved_and_not_counted_and_the_summary_lists_what_is_missing_then_submits()
    {
        var (programmeId, personId, participant) = await ArrangeAsync("it");
        var edit = $"/Assessments/Edit/{programmeId}";
        var review = $"/Assessments/Review/{programmeId}";

        var draft = await PostFormAsync(participant, edit, edit, [new("Levels[1.1]", "3"), new("Levels[2.4]", "2"), new("Languages", "it"), new("step", "draft")]);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal($"/Programmes/Details/{programmeId}", draft.Headers.Location?.OriginalString);
        Assert.Null(await AssessedUtcAsync(personId));
        Assert.Contains("Continue my assessment", await participant.GetStringAsync($"/Programmes/Details/{programmeId}", Ct), StringComparison.Ordinal);

        var back = await participant.GetStringAsync(edit, Ct);
        Assert.Contains("2 of 21 competences rated", back, StringComparison.Ordinal);
        Assert.Contains("id=\"level-2-4-2\" value=\"2\" checked=\"checked\"", back, StringComparison.Ordinal);
        Assert.Contains("This is a draft", back, StringComparison.Ordinal);

        var incomplete = await participant.GetStringAsync(review, Ct);
        Assert.Contains("Before you can submit, complete these items (20)", incomplete, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Assessments/Edit/{programmeId}#level-5-4\"", incomplete, StringComparison.Ordinal);
        Assert.Contains("At least one wish or offer", incomplete, StringComparison.Ordinal);
        Assert.DoesNotContain("Submit my assessment", incomplete, StringComparison.Ordinal);

        // Submitting the incomplete draft from a stale page changes nothing.
        var refused = await PostFormAsync(participant, edit, review, []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null(await AssessedUtcAsync(personId));

        var fields = _competences.Select(c => new KeyValuePair<string, string>($"Levels[{c}]", "3"))
            .Append(new("WantedCompetences", "2.4")).Append(new("OfferedTopics", "leadership")).Append(new("Languages", "it")).Append(new("Languages", "de"))
            .Append(new("Availability", "Martedì pomeriggio")).Append(new("step", "review"));
        var toSummary = await PostFormAsync(participant, edit, edit, fields);
        Assert.Equal(review, toSummary.Headers.Location?.OriginalString);
        Assert.Null(await AssessedUtcAsync(personId));

        var summary = await participant.GetStringAsync(review, Ct);
        Assert.Contains("Submit my assessment", summary, StringComparison.Ordinal);
        Assert.Contains("Italian, German", summary, StringComparison.Ordinal);
        Assert.Contains("Marted&#xEC; pomeriggio", summary, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Assessments/Edit/{programmeId}#languages\"", summary, StringComparison.Ordinal);

        var submitted = await PostFormAsync(participant, review, review, []);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(Factory.Time.GetUtcNow().UtcDateTime, await AssessedUtcAsync(personId));
        Assert.Contains("Your assessment is submitted.", await participant.GetStringAsync($"/Programmes/Details/{programmeId}", Ct), StringComparison.Ordinal);
        Assert.Contains("Save changes", await participant.GetStringAsync(edit, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_assessment_changed_to_incomplete_says_what_is_missing_and_stays_as_it_was()
    {
        var (programmeId, personId, participant) = await ArrangeAsync("it");
        await Factory.WithDbAsync(async db =>
        {
            var participantId = await db.Participants.Where(p => p.PersonId == personId).Select(p => p.Id).SingleAsync();
            var assessment = new Assessment { ParticipantId = participantId, WantedCompetences = ["2.4"], Languages = ["it"], SubmittedUtc = Factory.Time.GetUtcNow().UtcDateTime };
            assessment.Levels.AddRange(_competences.Select(c => new AssessmentLevel { AssessmentId = assessment.Id, CompetenceId = c, Level = 4 }));
            db.Assessments.Add(assessment);
            return await db.SaveChangesAsync();
        });
        var edit = $"/Assessments/Edit/{programmeId}";

        var response = await PostFormAsync(participant, edit, edit, [new("Levels[1.1]", "8"), new("step", "save")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rate 5.4 Identifying digital competence gaps", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var levels = await Factory.WithDbAsync(db => db.Assessments.Where(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == personId)).SelectMany(a => a.Levels).CountAsync());
        Assert.Equal(21, levels);
    }

    [Fact]
    public async Task Nobody_but_an_enrolled_participant_opens_the_summary()
    {
        var (programmeId, _, _) = await ArrangeAsync("it");
        using var stranger = await BrowserSession.SignedInAsync(Factory, Roles.Participant, null);

        var response = await stranger.GetAsync($"/Assessments/Review/{programmeId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
