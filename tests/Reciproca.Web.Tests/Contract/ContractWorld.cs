using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>One creation of the arrangement, as the API answered it.</summary>
public sealed record Creation(string Operation, HttpStatusCode Status, Uri? Location, string Body);

/// <summary>
/// A programme taken through the whole flow over the API, so that every operation of the document has real ids to
/// address and every list has at least two items: three juniors and three seniors assessed, one enrolled person who
/// is reminded instead, one applicant, two invitations, a sponsor member, two locks, a published run, and the first
/// pair accepted by both with a pact written.
/// </summary>
public sealed record ContractWorld(
    HttpClient Hr,
    Guid ProgrammeId,
    Dictionary<string, Guid> People,
    Guid InvitationId,
    Guid RunId,
    Guid PairId,
    HttpClient Junior,
    HttpClient Senior,
    IReadOnlyList<Creation> Creations,
    Guid SponsorMemberId,
    Guid NotificationId,
    Guid SessionId)
{
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    public string Url => $"/api/v1/programmes/{ProgrammeId}";

    public string PactUrl => $"{Url}/pairs/{PairId}/pact";

    /// <summary>A pact with a goal each way and the charter accepted: one that can be signed.</summary>
    public static WritePact SignablePact(int cadenceSessions = 6) => new(
        [
            new PactGoalInput(GoalDirection.DigitalToExperience, "Usare il calendario condiviso", ["2.4"], "Fissare da solo 3 riunioni"),
            new PactGoalInput(GoalDirection.ExperienceToDigital, "Impostare una visione per il team", ["vision"]),
        ],
        cadenceSessions, 12, true);

    /// <summary>The value of each path parameter of the document, by name.</summary>
    public IReadOnlyDictionary<string, string> PathValues => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["id"] = ProgrammeId.ToString(),
        ["personId"] = People["J1"].ToString(),
        ["invitationId"] = InvitationId.ToString(),
        ["runId"] = RunId.ToString(),
        ["digitalMentorId"] = People["J1"].ToString(),
        ["experienceMentorId"] = People["S1"].ToString(),
        ["pairId"] = PairId.ToString(),
        ["userId"] = SponsorMemberId.ToString(),
        // The senior's notification that the junior accepted: somebody else's for every caller but the senior.
        ["notificationId"] = NotificationId.ToString(),
        ["sessionId"] = SessionId.ToString(),
        // No log is written in the contract world yet: an unknown log, answered 404 (a declared response).
        ["logId"] = Guid.Empty.ToString(),
        // The feed's secret is its own credential (outside the document): any text.
        ["secret"] = "no-such-feed",
        // An HR key is any text: a new one, so that a PUT would create a person of its own.
        ["externalId"] = $"sync-{ProgrammeId:N}",
    };

    public static async Task<ContractWorld> ArrangeAsync(ReciprocaFactory factory)
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] keys = ["J1", "J2", "J3", "S1", "S2", "S3", "R1", "A1"];
        int[] born = [2000, 1999, 2001, 1960, 1962, 1965, 1990, 1995];
        var csv = "id;name;born;email\r\n" + string.Concat(keys.Select((k, i) => $"{tag}{k};Persona {k} {tag};{born[i]};{tag}{k.ToLowerInvariant()}@officine.example\r\n"));
        using (var admin = factory.CreateApiClient())
        {
            await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8(csv), new Dictionary<string, string>
            {
                ["externalId"] = "id",
                ["displayName"] = "name",
                ["birthYear"] = "born",
                ["email"] = "email",
            }), HttpStatusCode.OK);
        }

        var ids = await factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith(tag)).ToDictionaryAsync(p => p.ExternalId[tag.Length..], p => p.Id));
        var creations = new List<Creation>();
        async Task<HttpResponseMessage> Create(string operation, Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            creations.Add(new Creation(operation, response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync(ct)));
            return response;
        }

        var hr = await factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var input = new ProgrammeInput($"Contratto {tag}", "Reverse mentoring pilot", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), OpenForApplications: true);
        var created = await Create("CreateProgramme", hr.PostAsJsonAsync("/api/v1/programmes", input, Json, ct));
        var programme = Ok(await created.Content.ReadFromJsonAsync<ProgrammeView>(Json, ct));
        // A second programme, so that the list of programmes has more than one page of one.
        await Create("CreateProgramme", hr.PostAsJsonAsync("/api/v1/programmes", input with { Name = $"Contratto bis {tag}", OpenForApplications = false }, Json, ct));
        var url = $"/api/v1/programmes/{programme.Id}";

        string[] enrolled = ["J1", "J2", "J3", "S1", "S2", "S3", "R1"];
        await Create("EnrolParticipants", hr.PostAsJsonAsync($"{url}/participants", new EnrolParticipants([.. enrolled.Select(k => ids[k])]), Json, ct));
        using (var applicant = await factory.CreateClientInRoleAsync(Roles.Participant, ids["A1"]))
        {
            await ExpectAsync(HttpStatusCode.NoContent, await applicant.PostAsync($"{url}/applications", null, ct));
        }

        // A complete assessment rates all 21; only the wanted competences score.

        var allCompetences = new Reciproca.Web.Features.Assessments.DigCompCatalogue().CompetenceIds;

        string[] competences = ["1.1", "2.4", "3.1"];
        string[] topics = ["leadership", "vision", "feedback"];
        for (var i = 0; i < 3; i++)
        {
            // Junior i is expert in competence i and wants topic i; senior i wants competence i and offers topic i.
            var junior = new SubmitAssessment(allCompetences.ToDictionary(c => c, c => c == competences[i] ? 8 : 3), [], [], [topics[i]], ["it"]);
            var senior = new SubmitAssessment(allCompetences.ToDictionary(c => c, _ => 1), [competences[i]], [topics[i]], [], ["it"]);
            await ExpectAsync(HttpStatusCode.OK, await hr.PutAsJsonAsync($"{url}/participants/{ids[$"J{i + 1}"]}/assessment", junior, Json, ct));
            await ExpectAsync(HttpStatusCode.OK, await hr.PutAsJsonAsync($"{url}/participants/{ids[$"S{i + 1}"]}/assessment", senior, Json, ct));
        }

        var invited = await Create("InviteByEmail", hr.PostAsJsonAsync($"{url}/invitations", new InviteByEmail([$"{tag}-a@esterni.example", $"{tag}-b@esterni.example"], "Benvenuti"), Json, ct));
        var invitations = Ok(await invited.Content.ReadFromJsonAsync<List<InvitationView>>(Json, ct));
        var sponsor = await factory.CreateUserAsync(Roles.Sponsor);
        await Create("AddProgrammeMember", hr.PostAsJsonAsync($"{url}/members", new AddProgrammeMember(sponsor, ProgrammeAccess.SponsorRole), Json, ct));
        await ExpectAsync(HttpStatusCode.OK, await hr.PostAsync($"{url}/assessment-reminders", null, ct));
        await ExpectAsync(HttpStatusCode.OK, await hr.PutAsJsonAsync($"{url}/matching-constraints", new SetConstraint(ids["J1"], ids["S1"], ConstraintKind.Lock), Json, ct));
        await ExpectAsync(HttpStatusCode.OK, await hr.PutAsJsonAsync($"{url}/matching-constraints", new SetConstraint(ids["J2"], ids["S2"], ConstraintKind.Lock), Json, ct));

        var ran = await Create("RunMatching", hr.PostAsync($"{url}/matching-runs", null, ct));
        var run = Ok(await ran.Content.ReadFromJsonAsync<MatchingRunView>(Json, ct));
        await ExpectAsync(HttpStatusCode.OK, await hr.PostAsync($"{url}/matching-runs/{run.Id}/publish", null, ct));

        var juniorClient = await factory.CreateClientInRoleAsync(Roles.Participant, ids["J1"]);
        var seniorClient = await factory.CreateClientInRoleAsync(Roles.Participant, ids["S1"]);
        var pair = Assert.Single(Ok(await juniorClient.GetItemsAsync<PairView>($"{url}/pairs", Json, ct)));
        Assert.Equal(ids["S1"], pair.ExperienceMentorId);
        await ExpectAsync(HttpStatusCode.OK, await juniorClient.PostAsync($"{url}/pairs/{pair.Id}/accept", null, ct));
        await ExpectAsync(HttpStatusCode.OK, await seniorClient.PostAsync($"{url}/pairs/{pair.Id}/accept", null, ct));
        await ExpectAsync(HttpStatusCode.OK, await juniorClient.PutAsJsonAsync($"{url}/pairs/{pair.Id}/pact", SignablePact(), Json, ct));

        var sponsorId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == sponsor).Select(u => u.Id).SingleAsync(ct));
        var notificationId = await factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == ids["S1"]).OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id).Select(n => n.Id).FirstAsync(ct));
        // Two sessions, written directly: scheduling needs an agreed pair, and the precondition tests still sign this
        // pair's pact.
        var series = new SessionSeries
        {
            ProgrammeId = programme.Id,
            PairId = pair.Id,
            OrganiserId = ids["J1"],
            TimeZoneId = "Europe/Rome",
            StartDate = new DateOnly(2027, 2, 1),
            StartTime = new TimeOnly(9, 0),
            DurationMinutes = 60,
            IntervalWeeks = 1,
            Count = 2,
            Mode = SessionMode.Remote,
            MeetingUrl = "https://meet.example/contract",
            Uid = $"{Guid.NewGuid():N}@contract",
        };
        var sessions = new[] { new DateTime(2027, 2, 1, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 2, 8, 8, 0, 0, DateTimeKind.Utc) }
            .Select(start => new Session { SeriesId = series.Id, PairId = pair.Id, OriginalStartUtc = start, StartUtc = start, EndUtc = start.AddHours(1) }).ToList();
        await factory.WithDbAsync(db =>
        {
            db.SessionSeries.Add(series);
            db.Sessions.AddRange(sessions);
            return db.SaveChangesAsync(ct);
        });
        // Two HR check-in notes, so that the pair's list of notes has two items.
        foreach (var note in new[] { "Chiamata con entrambi", "Rivisto il calendario" })
        {
            await ExpectAsync(HttpStatusCode.Created, await hr.PostAsJsonAsync($"{url}/pairs/{pair.Id}/check-ins", new Reciproca.Web.Features.PairHealth.AddCheckIn(note), Json, ct));
        }

        return new ContractWorld(hr, programme.Id, ids, invitations[0].Id, run.Id, pair.Id, juniorClient, seniorClient, creations, sponsorId, notificationId, sessions[0].Id);
    }

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    private static T Ok<T>(T? value) => value ?? throw new InvalidOperationException($"No {typeof(T).Name} in the answer.");

    private static async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
    }
}
