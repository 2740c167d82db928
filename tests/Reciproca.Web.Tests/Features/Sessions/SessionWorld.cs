using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Sessions;

/// <summary>
/// An agreed pair with a signed pact in a programme of its own, and its partners' API clients: the arrangement the
/// session, reminder and two-instance tests share. People get unique e-mail addresses, so that a test can count what
/// reached them however many other tests share the database.
/// </summary>
public sealed record SessionWorld(Guid ProgrammeId, Guid PairId, Guid GoalId, Person Digital, Person Experience, HttpClient DigitalClient, HttpClient ExperienceClient, HttpClient Hr)
{
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    public static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string PairUrl => $"/api/v1/programmes/{ProgrammeId}/pairs/{PairId}";

    public string SessionsUrl => $"{PairUrl}/sessions";

    public static async Task<SessionWorld> CreateAsync(ReciprocaFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var hr = await factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Sessions {tag}", null, new DateOnly(2026, 9, 1), new DateOnly(2028, 12, 31)), Json, Cancel);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(Json, Cancel))!;
        var digital = new Person { ExternalId = $"{tag}D", DisplayName = "Giulia Digitale", Email = $"{tag}d@officine.example", Languages = ["en"] };
        var experience = new Person { ExternalId = $"{tag}E", DisplayName = "Sergio Esperto", Email = $"{tag}e@officine.example", Languages = ["it"] };
        var pair = new Pair { ProgrammeId = programme.Id, RunId = Guid.NewGuid(), DigitalMentorId = digital.Id, ExperienceMentorId = experience.Id, State = PairState.Agreed };
        var pact = new Pact { PairId = pair.Id, ConfidentialityAccepted = true };
        var goal = new PactGoal { PactId = pact.Id, Direction = GoalDirection.DigitalToExperience, Text = "Usare il calendario condiviso", Tags = ["2.4"] };
        await factory.WithDbAsync(async db =>
        {
            db.People.AddRange(digital, experience);
            db.Pairs.Add(pair);
            db.Pacts.Add(pact);
            db.PactGoals.Add(goal);
            return await db.SaveChangesAsync(Cancel);
        });
        return new SessionWorld(
            programme.Id, pair.Id, goal.Id, digital, experience,
            await factory.CreateClientInRoleAsync(Roles.Participant, digital.Id), await factory.CreateClientInRoleAsync(Roles.Participant, experience.Id), hr);
    }

    /// <summary>A wall-clock start in Rome <paramref name="ahead"/> of the factory's clock, to the minute.</summary>
    public static DateTime RomeStart(ReciprocaFactory factory, TimeSpan ahead)
    {
        var start = TimeZoneInfo.ConvertTimeFromUtc(factory.Time.GetUtcNow().UtcDateTime + ahead, Rome);
        return new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Unspecified);
    }

    /// <summary>Schedules from the digital mentor's side; fails the test with the server's answer when refused.</summary>
    public async Task<ScheduledSessions> ScheduleAsync(DateTime romeStart, SessionRecurrence? recurrence = null, int minutes = 60)
    {
        using var response = await DigitalClient.PostAsJsonAsync(SessionsUrl, new ScheduleSession(romeStart, minutes, SessionMode.Remote, "Europe/Rome", "https://meet.example/rm", Recurrence: recurrence), Json, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<ScheduledSessions>(Json, Cancel))!;
    }

    public static HttpRequestMessage WithVersion(HttpMethod method, string url, Guid? version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return request;
    }
}
