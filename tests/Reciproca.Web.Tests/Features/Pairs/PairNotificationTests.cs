using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// Issue 10: every step of a pair and its pact is told to the partner who did not take it, in the partner's language,
/// with a link to the pair's page; HR hears of both acceptances and of the signed pact; enrolment tells the person.
/// </summary>
public abstract class PairNotificationTests(AppFixture fixture)
{
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A junior who reads English and a senior who reads Italian, enrolled in a programme of their own.</summary>
    private async Task<Cohort> EnrolAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "id;name;born;email;languages\r\n" +
                  $"{tag}J;Giulia Junior;2000;{tag}j@officine.example;English\r\n{tag}S;Sergio Senior;1960;{tag}s@officine.example;italiano\r\n";
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8(csv), new Dictionary<string, string>
        {
            ["externalId"] = "id",
            ["displayName"] = "name",
            ["birthYear"] = "born",
            ["email"] = "email",
            ["languages"] = "languages",
        }), HttpStatusCode.OK);
        var people = await Factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith(tag)).ToDictionaryAsync(p => p.ExternalId[tag.Length..]));

        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = (await (await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Notizie {tag}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1)), _json, Cancel))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        await Factory.TakeMailAsync();
        var hrEmail = await Factory.WithDbAsync(db => db.ProgrammeMembers.Where(m => m.ProgrammeId == programme.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).SingleAsync());
        var enrol = await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([people["J"].Id, people["S"].Id]), _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, enrol.StatusCode);
        return new Cohort(hr, programme.Id, programme.Name, hrEmail, people["J"].Id, people["J"].Email!, people["S"].Id, people["S"].Email!);
    }

    private async Task<(Cohort Cohort, HttpClient Junior, HttpClient Senior, Guid PairId)> PublishAsync()
    {
        var cohort = await EnrolAsync();
        var junior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, c => c == "2.4" ? 8 : 3), [], [], ["vision"], ["it"]);
        var senior = new SubmitAssessment(new DigCompCatalogue().CompetenceIds.ToDictionary(c => c, _ => 1), ["2.4"], ["vision"], [], ["it"]);
        Assert.Equal(HttpStatusCode.OK, (await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/participants/{cohort.JuniorId}/assessment", junior, _json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cohort.Hr.PutAsJsonAsync($"{cohort.Url}/participants/{cohort.SeniorId}/assessment", senior, _json, Cancel)).StatusCode);
        var runResponse = await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs", null, Cancel);
        Assert.Equal(HttpStatusCode.Created, runResponse.StatusCode);
        var run = (await runResponse.Content.ReadFromJsonAsync<MatchingRunView>(_json, Cancel))!;
        Assert.True((await cohort.Hr.PostAsync($"{cohort.Url}/matching-runs/{run.Id}/publish", null, Cancel)).IsSuccessStatusCode);
        var juniorClient = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.JuniorId);
        var seniorClient = await Factory.CreateClientInRoleAsync(Roles.Participant, cohort.SeniorId);
        var pair = Assert.Single((await juniorClient.GetItemsAsync<PairView>($"{cohort.Url}/pairs", _json, Cancel))!);
        await Factory.TakeMailAsync();
        return (cohort, juniorClient, seniorClient, pair.Id);
    }

    private sealed record Cohort(HttpClient Hr, Guid ProgrammeId, string Name, string HrEmail, Guid JuniorId, string JuniorEmail, Guid SeniorId, string SeniorEmail)
    {
        public string Url => $"/api/v1/programmes/{ProgrammeId}";
    }

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static MimeMessage Single(IEnumerable<MimeMessage> mail, string address) => Assert.Single(mail, m => To(m) == address);

    private static void AssertLink(MimeMessage message, string path) =>
        Assert.Contains($"{ReciprocaFactory.PublicBaseUrl}{path}", message.TextBody, StringComparison.Ordinal);

    [Fact]
    public async Task Enrolment_tells_each_person_in_their_language_with_the_link_to_assess_and_how_to_set_up_an_account()
    {
        var cohort = await EnrolAsync();

        var mail = await Factory.TakeMailAsync();

        Assert.Equal(new[] { cohort.JuniorEmail, cohort.SeniorEmail }.Order(StringComparer.Ordinal), mail.Select(To).Order(StringComparer.Ordinal));
        var toJunior = Single(mail, cohort.JuniorEmail);
        var toSenior = Single(mail, cohort.SeniorEmail);
        Assert.StartsWith("You are in the programme", toJunior.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Fai parte del programma", toSenior.Subject, StringComparison.Ordinal);
        AssertLink(toJunior, $"/Assessments/Edit/{cohort.ProgrammeId}");
        AssertLink(toSenior, $"/Assessments/Edit/{cohort.ProgrammeId}");
        // Neither has an account yet: the e-mail says how to set one up.
        Assert.Contains("First time here?", toJunior.TextBody, StringComparison.Ordinal);
        Assert.Contains("Primo accesso?", toSenior.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == EnrolmentNotifications.Kind && (m.ToAddress == cohort.JuniorEmail || m.ToAddress == cohort.SeniorEmail))));
    }

    [Fact]
    public async Task A_refused_enrolment_tells_nobody()
    {
        var cohort = await EnrolAsync();
        await Factory.TakeMailAsync();

        var again = await cohort.Hr.PostAsJsonAsync($"{cohort.Url}/participants", new EnrolParticipants([cohort.JuniorId]), _json, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Empty(await Factory.TakeMailAsync());
    }

    [Fact]
    public async Task Approving_an_application_tells_the_person_who_has_an_account_without_the_set_up_hint()
    {
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = (await (await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput("Aperto", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1), OpenForApplications: true), _json, Cancel))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        var email = $"candidata.{Guid.NewGuid():N}@officine.example";
        var personId = await Factory.WithDbAsync(async db =>
        {
            var now = Factory.Time.GetUtcNow().UtcDateTime;
            var person = new Reciproca.Web.Features.People.Person { ExternalId = $"t-{Guid.NewGuid():N}", DisplayName = "Carla Candidata", Email = email, Languages = ["it"], CreatedUtc = now };
            person.Touch(now);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        using var candidate = await Factory.CreateClientInRoleAsync(Roles.Participant, personId);
        Assert.True((await candidate.PostAsync($"/api/v1/programmes/{programme.Id}/applications", null, Cancel)).IsSuccessStatusCode);
        await Factory.TakeMailAsync();

        var approved = await hr.PostAsync($"/api/v1/programmes/{programme.Id}/participants/{personId}/approve", null, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        var message = Assert.Single(await Factory.TakeMailAsync());
        Assert.Equal(email, To(message));
        Assert.Equal("Fai parte del programma Aperto", message.Subject);
        AssertLink(message, $"/Assessments/Edit/{programme.Id}");
        Assert.DoesNotContain("Primo accesso?", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_acceptance_tells_the_partner_and_both_tell_hr()
    {
        var (cohort, junior, senior, pairId) = await PublishAsync();

        Assert.Equal(HttpStatusCode.OK, (await junior.PostAsync($"{cohort.Url}/pairs/{pairId}/accept", null, Cancel)).StatusCode);
        var first = await Factory.TakeMailAsync();
        Assert.Equal(HttpStatusCode.OK, (await junior.PostAsync($"{cohort.Url}/pairs/{pairId}/accept", null, Cancel)).StatusCode);
        var repeated = await Factory.TakeMailAsync();
        Assert.Equal(HttpStatusCode.OK, (await senior.PostAsync($"{cohort.Url}/pairs/{pairId}/accept", null, Cancel)).StatusCode);
        var second = await Factory.TakeMailAsync();

        // The senior reads Italian: the junior accepted, the senior's answer is awaited.
        var toSenior = Assert.Single(first);
        Assert.Equal(cohort.SeniorEmail, To(toSenior));
        Assert.Equal($"Giulia Junior ha accettato la vostra coppia in {cohort.Name}", toSenior.Subject);
        AssertLink(toSenior, $"/Programmes/Pair/{cohort.ProgrammeId}");
        Assert.Empty(repeated);
        Assert.Equal(new[] { cohort.HrEmail, cohort.JuniorEmail }.Order(StringComparer.Ordinal), second.Select(To).Order(StringComparer.Ordinal));
        var toJunior = Single(second, cohort.JuniorEmail);
        Assert.StartsWith("Sergio Senior accepted too", toJunior.Subject, StringComparison.Ordinal);
        AssertLink(toJunior, $"/Programmes/Pair/{cohort.ProgrammeId}");
        var toHr = Single(second, cohort.HrEmail);
        Assert.Contains("Giulia Junior", toHr.Subject, StringComparison.Ordinal);
        Assert.Contains("Sergio Senior", toHr.Subject, StringComparison.Ordinal);
        AssertLink(toHr, $"/Programmes/Details/{cohort.ProgrammeId}");
    }

    [Fact]
    public async Task The_pact_tells_the_partner_of_each_draft_signature_and_edit_and_hr_of_the_signed_pact_only()
    {
        var (cohort, junior, senior, pairId) = await PublishAsync();
        await junior.PostAsync($"{cohort.Url}/pairs/{pairId}/accept", null, Cancel);
        await senior.PostAsync($"{cohort.Url}/pairs/{pairId}/accept", null, Cancel);
        await Factory.TakeMailAsync();
        var pactUrl = $"{cohort.Url}/pairs/{pairId}/pact";
        var draft = new WritePact([new PactGoalInput(GoalDirection.DigitalToExperience, "Usare il calendario condiviso", ["2.4"])], 6, 12, true);
        var full = draft with { Goals = [.. draft.Goals, new PactGoalInput(GoalDirection.ExperienceToDigital, "Impostare una visione", ["vision"])] };

        var written = await ReadPactAsync(await junior.PutAsJsonAsync(pactUrl, draft, _json, Cancel));
        var afterWrite = await Factory.TakeMailAsync();
        // The junior saves again at once: the same drafting session, nobody is told again.
        var redrafted = await ReadPactAsync(await junior.SendAsync(Put(pactUrl, draft with { CadenceSessions = 7 }, written.Version), Cancel));
        var afterRedraft = await Factory.TakeMailAsync();
        var edited = await ReadPactAsync(await senior.SendAsync(Put(pactUrl, full, redrafted.Version), Cancel));
        var afterEdit = await Factory.TakeMailAsync();
        var signedOnce = await ReadPactAsync(await senior.SendAsync(Sign(pactUrl, edited.Version), Cancel));
        var afterFirstSignature = await Factory.TakeMailAsync();
        var signedTwice = await ReadPactAsync(await junior.SendAsync(Sign(pactUrl, signedOnce.Version), Cancel));
        var afterSecondSignature = await Factory.TakeMailAsync();
        await ReadPactAsync(await junior.SendAsync(Put(pactUrl, full with { CadenceSessions = 8 }, signedTwice.Version), Cancel));
        var afterSignedEdit = await Factory.TakeMailAsync();

        var toSenior = Assert.Single(afterWrite);
        Assert.Equal((cohort.SeniorEmail, $"Giulia Junior ha scritto una prima bozza del vostro patto in {cohort.Name}"), (To(toSenior), toSenior.Subject));
        AssertLink(toSenior, $"/Programmes/Pair/{cohort.ProgrammeId}");
        Assert.Empty(afterRedraft);
        var toJunior = Assert.Single(afterEdit);
        Assert.Equal((cohort.JuniorEmail, $"Sergio Senior changed your pact in {cohort.Name}"), (To(toJunior), toJunior.Subject));
        var awaiting = Assert.Single(afterFirstSignature);
        Assert.Equal((cohort.JuniorEmail, $"Sergio Senior signed your pact in {cohort.Name}: your signature is missing"), (To(awaiting), awaiting.Subject));
        AssertLink(awaiting, $"/Programmes/Pair/{cohort.ProgrammeId}");
        Assert.Equal(new[] { cohort.HrEmail, cohort.SeniorEmail }.Order(StringComparer.Ordinal), afterSecondSignature.Select(To).Order(StringComparer.Ordinal));
        Assert.Equal($"Anche Giulia Junior ha firmato: il vostro patto in {cohort.Name} è confermato", Single(afterSecondSignature, cohort.SeniorEmail).Subject);
        var toHr = Single(afterSecondSignature, cohort.HrEmail);
        Assert.Equal($"Giulia Junior and Sergio Senior signed their pact in {cohort.Name}", toHr.Subject);
        AssertLink(toHr, $"/Programmes/Details/{cohort.ProgrammeId}");
        // Editing the signed pact asks the partner to sign again; HR hears nothing of drafts.
        var signAgain = Assert.Single(afterSignedEdit);
        Assert.Equal(cohort.SeniorEmail, To(signAgain));
        Assert.Contains("firmate di nuovo entrambi", signAgain.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_step_tells_nobody()
    {
        var (cohort, junior, _, pairId) = await PublishAsync();

        var tooEarly = await junior.PutAsJsonAsync($"{cohort.Url}/pairs/{pairId}/pact", new WritePact([], 6, 12, true), _json, Cancel);
        var noReason = await junior.PostAsJsonAsync($"{cohort.Url}/pairs/{pairId}/decline", new DeclinePair(" "), _json, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Empty(await Factory.TakeMailAsync());
    }

    private static async Task<PactView> ReadPactAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<PactView>(_json, Cancel))!;
    }

    private static HttpRequestMessage Sign(string pactUrl, Guid version) =>
        new(HttpMethod.Post, $"{pactUrl}/sign") { Headers = { { "If-Match", $"\"{version}\"" } } };

    private static HttpRequestMessage Put(string pactUrl, WritePact pact, Guid version) =>
        new(HttpMethod.Put, pactUrl) { Content = JsonContent.Create(pact, options: _json), Headers = { { "If-Match", $"\"{version}\"" } } };
}

public sealed class PairNotificationSqliteTests(SqliteAppFixture fixture) : PairNotificationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PairNotificationPostgresTests(PostgresAppFixture fixture) : PairNotificationTests(fixture), IClassFixture<PostgresAppFixture>;
