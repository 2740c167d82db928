using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Sessions;

/// <summary>
/// Issue 11 items 4 and 5 over the API: a log only after the session's start and only by a partner, one per partner,
/// the first held log making the pair active, HR reading no log text and nobody but its author the private note, edits
/// with If-Match, and completing a pair with each partner's reflection. Each test schedules its own session an hour
/// ahead of the class's clock and then moves the clock past it, so that time only ever goes forward.
/// </summary>
public abstract class SessionLogTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;
    private static readonly TimeZoneInfo _rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record World(Guid ProgrammeId, Guid PairId, Guid GoalId, HttpClient Digital, HttpClient Experience, HttpClient Hr, string LogsUrl, string PairUrl);

    /// <summary>An agreed pair with a signed pact and one session an hour from now, which then took place.</summary>
    private async Task<World> HeldSessionAsync(bool takePlace = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Log {tag}", null, new DateOnly(2026, 9, 1), new DateOnly(2028, 12, 31)), _json, Cancel);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        var digital = new Person { ExternalId = $"{tag}D", DisplayName = "Giulia Digitale", Email = $"{tag}d@officine.example", Languages = ["en"] };
        var experience = new Person { ExternalId = $"{tag}E", DisplayName = "Sergio Esperto", Email = $"{tag}e@officine.example", Languages = ["it"] };
        var pair = new Pair { ProgrammeId = programme.Id, RunId = Guid.NewGuid(), DigitalMentorId = digital.Id, ExperienceMentorId = experience.Id, State = PairState.Agreed };
        var pact = new Pact { PairId = pair.Id, ConfidentialityAccepted = true };
        var goal = new PactGoal { PactId = pact.Id, Direction = GoalDirection.DigitalToExperience, Text = "Usare il calendario condiviso", Tags = ["2.4"] };
        await Factory.WithDbAsync(async db =>
        {
            db.People.AddRange(digital, experience);
            db.Pairs.Add(pair);
            db.Pacts.Add(pact);
            db.PactGoals.Add(goal);
            return await db.SaveChangesAsync(Cancel);
        });
        var digitalClient = await Factory.CreateClientInRoleAsync(Roles.Participant, digital.Id);
        var start = TimeZoneInfo.ConvertTimeFromUtc(Factory.Time.GetUtcNow().UtcDateTime.AddHours(1), _rome);
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Unspecified);
        var pairUrl = $"/api/v1/programmes/{programme.Id}/pairs/{pair.Id}";
        var scheduled = await digitalClient.PostAsJsonAsync($"{pairUrl}/sessions", new ScheduleSession(start, 60, SessionMode.Remote, "Europe/Rome", "https://meet.example/log"), _json, Cancel);
        Assert.True(scheduled.StatusCode == HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync(Cancel));
        var session = (await scheduled.Content.ReadFromJsonAsync<ScheduledSessions>(_json, Cancel))!;
        if (takePlace)
        {
            Factory.Time.Advance(TimeSpan.FromHours(3));
        }

        return new World(programme.Id, pair.Id, goal.Id, digitalClient, await Factory.CreateClientInRoleAsync(Roles.Participant, experience.Id), hr, $"{pairUrl}/sessions/{session.Id}/logs", pairUrl);
    }

    private static WriteSessionLog HeldLog(Guid goalId, int rating = 4) =>
        new(true, Taught: "Condividere il calendario del reparto", Learned: "Una visione in un obiettivo", Tags: ["2.4"],
            GoalProgress: [new GoalProgressInput(goalId, GoalProgress.Started)], Rating: rating, PrivateNote: "Solo per me: ripassare le notifiche");

    private Task<int> CountLogsAsync(World world) => Factory.WithDbAsync(db => db.SessionLogs.CountAsync(l => l.PairId == world.PairId, Cancel));

    [Fact]
    public async Task A_log_before_the_start_or_by_an_outsider_is_refused_and_writes_nothing()
    {
        var early = await HeldSessionAsync(takePlace: false);
        using var tooEarly = await early.Digital.PostAsJsonAsync(early.LogsUrl, HeldLog(early.GoalId), _json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Factory.Time.Advance(TimeSpan.FromHours(3));

        var outsider = await Factory.CreateClientInRoleAsync(Roles.Participant, Guid.NewGuid());
        var refusals = new (string Why, HttpClient Client, WriteSessionLog Body, HttpStatusCode Status, string? Field)[]
        {
            ("not a partner", outsider, HeldLog(early.GoalId), HttpStatusCode.NotFound, null),
            ("HR", early.Hr, HeldLog(early.GoalId), HttpStatusCode.NotFound, null),
            ("held without a rating", early.Digital, HeldLog(early.GoalId) with { Rating = null }, HttpStatusCode.BadRequest, "rating"),
            ("a rating of 6", early.Digital, HeldLog(early.GoalId, rating: 6), HttpStatusCode.BadRequest, "rating"),
            ("not held without a reason", early.Digital, new WriteSessionLog(false), HttpStatusCode.BadRequest, "missedReason"),
            ("an unknown tag", early.Digital, HeldLog(early.GoalId) with { Tags = ["not-a-tag"] }, HttpStatusCode.BadRequest, "tags"),
            ("a goal of another pact", early.Digital, HeldLog(Guid.NewGuid()), HttpStatusCode.BadRequest, null),
        };
        var failures = new List<string>();
        foreach (var (why, client, body, status, field) in refusals)
        {
            using var response = await client.PostAsJsonAsync(early.LogsUrl, body, _json, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            if (response.StatusCode != status || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || field is not null && !text.Contains($"\"{field}\"", StringComparison.Ordinal))
            {
                failures.Add($"{why}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await CountLogsAsync(early));
        Assert.Equal(PairState.Agreed, await Factory.WithDbAsync(db => db.Pairs.Where(p => p.Id == early.PairId).Select(p => p.State).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task The_first_held_log_makes_the_pair_active_and_hr_reads_no_text_and_only_the_author_the_private_note()
    {
        var world = await HeldSessionAsync();

        using var first = await world.Digital.PostAsJsonAsync(world.LogsUrl, HeldLog(world.GoalId), _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await world.Digital.PostAsJsonAsync(world.LogsUrl, HeldLog(world.GoalId), _json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var partner = await world.Experience.PostAsJsonAsync(world.LogsUrl, HeldLog(world.GoalId, rating: 5) with { PrivateNote = null }, _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);

        var events = await Factory.WithDbAsync(db => db.PairEvents.Where(e => e.PairId == world.PairId).ToListAsync(Cancel));
        var activated = Assert.Single(events);
        Assert.Equal((PairState.Agreed, PairState.Active), (activated.From, activated.To));
        Assert.Equal(2, await CountLogsAsync(world));

        var forHr = await world.Hr.GetStringAsync(world.LogsUrl, Cancel);
        Assert.DoesNotContain("Condividere", forHr, StringComparison.Ordinal);
        Assert.DoesNotContain("visione", forHr, StringComparison.Ordinal);
        Assert.DoesNotContain("Solo per me", forHr, StringComparison.Ordinal);
        Assert.Contains("\"rating\":4", forHr, StringComparison.Ordinal);

        var forPartner = await world.Experience.GetStringAsync(world.LogsUrl, Cancel);
        Assert.Contains("Condividere", forPartner, StringComparison.Ordinal);
        Assert.DoesNotContain("Solo per me", forPartner, StringComparison.Ordinal);
        var forAuthor = await world.Digital.GetStringAsync(world.LogsUrl, Cancel);
        Assert.Contains("Solo per me", forAuthor, StringComparison.Ordinal);

        var sponsor = await Factory.CreateClientInRoleAsync(Roles.Sponsor);
        using var sponsorRead = await sponsor.GetAsync(world.LogsUrl, Cancel);
        Assert.Contains(sponsorRead.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task A_log_is_edited_by_its_author_with_if_match_and_a_stale_version_is_refused()
    {
        var world = await HeldSessionAsync();
        using var created = await world.Digital.PostAsJsonAsync(world.LogsUrl, HeldLog(world.GoalId), _json, Cancel);
        var log = (await created.Content.ReadFromJsonAsync<SessionLogView>(_json, Cancel))!;
        var url = $"{world.LogsUrl}/{log.Id}";

        using var without = await world.Digital.SendAsync(WithVersion(HttpMethod.Put, url, null, HeldLog(world.GoalId, rating: 2)), Cancel);
        using var stale = await world.Digital.SendAsync(WithVersion(HttpMethod.Put, url, Guid.NewGuid(), HeldLog(world.GoalId, rating: 2)), Cancel);
        using var byPartner = await world.Experience.SendAsync(WithVersion(HttpMethod.Put, url, log.Version, HeldLog(world.GoalId, rating: 2)), Cancel);
        Assert.Equal((HttpStatusCode.PreconditionRequired, HttpStatusCode.PreconditionFailed), (without.StatusCode, stale.StatusCode));
        Assert.Contains(byPartner.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal(4, await Factory.WithDbAsync(db => db.SessionLogs.Where(l => l.Id == log.Id).Select(l => l.Rating).SingleAsync(Cancel)));

        using var edited = await world.Digital.SendAsync(WithVersion(HttpMethod.Put, url, log.Version, HeldLog(world.GoalId, rating: 2)), Cancel);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SessionLogs.Where(l => l.Id == log.Id).Select(l => l.Rating).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task A_pair_completes_with_each_partners_reflection_and_hr_reads_only_whether_they_would_recommend_it()
    {
        var world = await HeldSessionAsync();
        await world.Digital.PostAsJsonAsync(world.LogsUrl, HeldLog(world.GoalId), _json, Cancel);

        using var completed = await world.Digital.PostAsJsonAsync($"{world.PairUrl}/complete", new CompletePair("Ho imparato a guidare una riunione", true), _json, Cancel);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        using var other = await world.Experience.PostAsJsonAsync($"{world.PairUrl}/complete", new CompletePair("Strumenti digitali senza paura", true), _json, Cancel);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var again = await world.Experience.PostAsJsonAsync($"{world.PairUrl}/complete", new CompletePair("Di nuovo", false), _json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var end = await world.Hr.PostAsJsonAsync($"{world.PairUrl}/end", new EndPair("too late"), _json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, end.StatusCode);

        Assert.Equal(PairState.Completed, await Factory.WithDbAsync(db => db.Pairs.Where(p => p.Id == world.PairId).Select(p => p.State).SingleAsync(Cancel)));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.PairReflections.CountAsync(r => r.PairId == world.PairId, Cancel)));
        var forPartner = await world.Experience.GetStringAsync($"{world.PairUrl}/reflections", Cancel);
        Assert.Contains("guidare una riunione", forPartner, StringComparison.Ordinal);
        var forHr = (await world.Hr.GetFromJsonAsync<PairClose>($"{world.PairUrl}/reflections", _json, Cancel))!;
        Assert.Equal(2, forHr.Reflections.Count);
        Assert.All(forHr.Reflections, r => Assert.True(r.WouldRecommend && r.Gained is null));
    }

    [Fact]
    public async Task Ending_a_pair_needs_a_reason_and_records_it()
    {
        var world = await HeldSessionAsync(takePlace: false);

        using var noReason = await world.Experience.PostAsJsonAsync($"{world.PairUrl}/end", new EndPair(""), _json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var ended = await world.Experience.PostAsJsonAsync($"{world.PairUrl}/end", new EndPair("Cambio sede a gennaio"), _json, Cancel);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);

        var last = await Factory.WithDbAsync(db => db.PairEvents.Where(e => e.PairId == world.PairId).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).LastAsync(Cancel));
        Assert.Equal((PairState.Ended, "Cambio sede a gennaio"), (last.To, last.Reason));
        Factory.Time.Advance(TimeSpan.FromHours(3));
    }

    private static HttpRequestMessage WithVersion(HttpMethod method, string url, Guid? version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: _json) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return request;
    }
}

public sealed class SessionLogSqliteTests(SqliteAppFixture fixture) : SessionLogTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SessionLogPostgresTests(PostgresAppFixture fixture) : SessionLogTests(fixture), IClassFixture<PostgresAppFixture>;
