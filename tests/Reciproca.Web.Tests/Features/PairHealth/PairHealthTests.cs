using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reciproca.Web.Features.PairHealth;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.PairHealth;

/// <summary>The aggregate query against the pure rules on the same data, the API's answers and its denials, on both databases.</summary>
public abstract class PairHealthTests(AppFixture fixture)
{
    private const string SecretText = "parole private della coppia";
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record World(Guid ProgrammeId, HttpClient Hr, Guid Quiet, Guid Troubled, Guid Fine, Guid DigitalId, Dictionary<Guid, PairActivity> Expected)
    {
        public string Url => $"/api/v1/programmes/{ProgrammeId}";
    }

    private async Task<World> ArrangeAsync()
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Salute {tag}", null, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31)), _json, Cancel);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        var people = Enumerable.Range(0, 6).Select(i => new Person { ExternalId = $"{tag}{i}", DisplayName = $"Persona {i} {tag}" }).ToList();
        Pair NewPair(int d, int e, PairState state) => new() { ProgrammeId = programme.Id, RunId = Guid.NewGuid(), DigitalMentorId = people[d].Id, ExperienceMentorId = people[e].Id, State = state, CreatedUtc = now.AddDays(-90) };
        var quiet = NewPair(0, 1, PairState.Agreed);
        var troubled = NewPair(2, 3, PairState.Active);
        var fine = NewPair(4, 5, PairState.Active);
        var pairs = new[] { quiet, troubled, fine };
        var series = pairs.Select(p => new SessionSeries { ProgrammeId = programme.Id, PairId = p.Id, OrganiserId = p.DigitalMentorId, TimeZoneId = "Europe/Rome", Uid = $"{Guid.NewGuid():N}@health", Mode = SessionMode.InPerson, Location = "Sala", DurationMinutes = 60, CreatedUtc = now.AddDays(-60) }).ToList();
        var sessions = new List<Session>();
        var logs = new List<SessionLog>();
        Session Add(Pair pair, int days, SessionStatus status = SessionStatus.Scheduled, Guid? cancelledBy = null, int cancelAction = 0)
        {
            var start = now.AddDays(days);
            var session = new Session { SeriesId = series[Array.IndexOf(pairs, pair)].Id, PairId = pair.Id, OriginalStartUtc = start, StartUtc = start, EndUtc = start.AddHours(1), Status = status, CancelledById = cancelledBy, CancelledUtc = cancelledBy is null ? null : now.AddDays(-50 + cancelAction) };
            sessions.Add(session);
            return session;
        }

        void Log(Session session, Guid author, int? rating, bool held = true) =>
            logs.Add(new SessionLog { SessionId = session.Id, PairId = session.PairId, AuthorId = author, Held = held, Rating = held ? rating : null, Taught = SecretText, Learned = SecretText, PrivateNote = SecretText, CreatedUtc = session.EndUtc.AddHours(2) });

        // Quiet: agreed 40 days ago, one session 30 days ago, nothing since or ahead; logged by the digital mentor alone twice.
        var q1 = Add(quiet, -30);
        var q0 = Add(quiet, -38);
        Log(q1, quiet.DigitalMentorId, 4);
        Log(q0, quiet.DigitalMentorId, 5);

        // Troubled: the experience mentor cancelled three times (one of them two occurrences at once), rated 2 then 1.
        var t1 = Add(troubled, -20);
        var t2 = Add(troubled, -6);
        var t3 = Add(troubled, -13);
        Log(t1, troubled.ExperienceMentorId, 4);
        Log(t3, troubled.ExperienceMentorId, 2);
        Log(t2, troubled.ExperienceMentorId, 1);
        Log(t1, troubled.DigitalMentorId, 5);
        Log(t3, troubled.DigitalMentorId, 5);
        Log(t2, troubled.DigitalMentorId, 5);
        Add(troubled, 3, SessionStatus.Cancelled, troubled.ExperienceMentorId, 0);
        Add(troubled, 10, SessionStatus.Cancelled, troubled.ExperienceMentorId, 1);
        Add(troubled, 17, SessionStatus.Cancelled, troubled.ExperienceMentorId, 1);
        Add(troubled, 24, SessionStatus.Cancelled, troubled.ExperienceMentorId, 2);
        Add(troubled, 31);
        // A session both say did not take place: not held.
        var missed = Add(troubled, -27);
        Log(missed, troubled.DigitalMentorId, null, held: false);

        // Fine: agreed 20 days ago, one held and logged by both, the next in a week.
        var f1 = Add(fine, -8);
        Log(f1, fine.DigitalMentorId, 4);
        Log(f1, fine.ExperienceMentorId, 5);
        Add(fine, 6);

        var events = new[] { (quiet, -40), (troubled, -30), (fine, -20) }
            .Select(x => new PairEvent { PairId = x.Item1.Id, AtUtc = now.AddDays(x.Item2), ByUserId = Guid.NewGuid(), From = PairState.Accepted, To = PairState.Agreed }).ToList();
        await Factory.WithDbAsync(async db =>
        {
            db.People.AddRange(people);
            db.Pairs.AddRange(pairs);
            db.Pacts.AddRange(pairs.Select(p => new Pact { PairId = p.Id, CadenceSessions = 6, CadenceWeeks = 12, ConfidentialityAccepted = true }));
            db.PairEvents.AddRange(events);
            db.SessionSeries.AddRange(series);
            db.Sessions.AddRange(sessions);
            db.SessionLogs.AddRange(logs);
            return await db.SaveChangesAsync(Cancel);
        });

        // The same data, reduced by hand to what the rules read.
        var expected = new Dictionary<Guid, PairActivity>
        {
            [quiet.Id] = new(PairState.Agreed, now.AddDays(-40), 2, q1.StartUtc, null, 6, 12, new PartnerActivity(0, 2, [5, 4]), PartnerActivity.None),
            [troubled.Id] = new(PairState.Active, now.AddDays(-30), 3, t2.StartUtc, now.AddDays(31), 6, 12, new PartnerActivity(0, 0, [5, 5, 5]), new PartnerActivity(3, 0, [4, 2, 1])),
            [fine.Id] = new(PairState.Active, now.AddDays(-20), 1, f1.StartUtc, now.AddDays(6), 6, 12, new PartnerActivity(0, 0, [4]), new PartnerActivity(0, 0, [5])),
        };
        return new World(programme.Id, hr, quiet.Id, troubled.Id, fine.Id, quiet.DigitalMentorId, expected);
    }

    [Fact]
    public async Task The_list_gives_what_the_pure_rules_give_on_the_same_data_most_severe_first()
    {
        var world = await ArrangeAsync();
        var now = Factory.Time.GetUtcNow().UtcDateTime;

        var items = (await world.Hr.GetItemsAsync<PairHealthItem>($"{world.Url}/pair-health", _json, Cancel))!;

        Assert.Equal(3, items.Count);
        foreach (var item in items)
        {
            var expected = PairHealthRules.Assess(world.Expected[item.PairId], HealthThresholds.Default, now)!;
            Assert.Equal(expected.State, item.State);
            Assert.Equal(expected.Reasons.Select(r => r.Code), item.Reasons.Select(r => r.Code));
        }

        Assert.Equal(HealthState.OnTrack, items.Single(i => i.PairId == world.Fine).State);
        Assert.Equal(HealthState.AtRisk, items.Single(i => i.PairId == world.Quiet).State);
        Assert.Contains("no session for 30 days", items.Single(i => i.PairId == world.Quiet).Reasons.Select(r => r.Text));
        Assert.Equal([HealthReasonCode.LowRatings, HealthReasonCode.Cancellations], items.Single(i => i.PairId == world.Troubled).Reasons.Select(r => r.Code));
        Assert.Equal(world.Fine, items[^1].PairId);
    }

    [Fact]
    public async Task The_timeline_is_in_order_and_never_carries_a_log_text()
    {
        var world = await ArrangeAsync();

        var response = await world.Hr.GetAsync($"{world.Url}/pairs/{world.Troubled}/timeline?pageSize=200", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var entries = (await world.Hr.GetItemsAsync<TimelineEntry>($"{world.Url}/pairs/{world.Troubled}/timeline?pageSize=200", _json, Cancel))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(SecretText, body, StringComparison.Ordinal);
        Assert.Equal(entries.OrderBy(e => e.AtUtc).Select(e => e.AtUtc), entries.Select(e => e.AtUtc));
        Assert.Equal(7, entries.Count(e => e.Kind == TimelineKind.SessionLogged));
        Assert.Equal(4, entries.Count(e => e.Kind == TimelineKind.SessionCancelled && e.By == PairSide.ExperienceMentor));
        Assert.Single(entries, e => e.Kind == TimelineKind.SessionMissed);
        Assert.Contains(entries, e => e.Kind == TimelineKind.SessionLogged && e.Rating == 1);
    }

    [Fact]
    public async Task Hr_records_a_check_in_and_marks_the_pair_followed_up()
    {
        var world = await ArrangeAsync();
        var pair = $"{world.Url}/pairs/{world.Quiet}";

        var empty = await world.Hr.PostAsJsonAsync($"{pair}/check-ins", new AddCheckIn("  "), _json, Cancel);
        var tooLong = await world.Hr.PostAsJsonAsync($"{pair}/check-ins", new AddCheckIn(new string('x', PairCheckIn.TextLength + 1)), _json, Cancel);
        var added = await world.Hr.PostAsJsonAsync($"{pair}/check-ins", new AddCheckIn("Chiamati entrambi"), _json, Cancel);
        var on = await world.Hr.PutAsJsonAsync($"{pair}/follow-up", new SetFollowUp(true), _json, Cancel);
        var again = await world.Hr.PutAsJsonAsync($"{pair}/follow-up", new SetFollowUp(true), _json, Cancel);
        var notes = (await world.Hr.GetItemsAsync<PairCheckInView>($"{pair}/check-ins", _json, Cancel))!;
        var items = (await world.Hr.GetItemsAsync<PairHealthItem>($"{world.Url}/pair-health", _json, Cancel))!;

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (on.StatusCode, again.StatusCode));
        Assert.Equal("Chiamati entrambi", Assert.Single(notes).Text);
        Assert.True(items.Single(i => i.PairId == world.Quiet).FollowedUp);
        Assert.False(items.Single(i => i.PairId == world.Fine).FollowedUp);

        var off = await world.Hr.PutAsJsonAsync($"{pair}/follow-up", new SetFollowUp(false), _json, Cancel);
        Assert.False((await off.Content.ReadFromJsonAsync<FollowUpView>(_json, Cancel))!.FollowedUp);
    }

    [Fact]
    public async Task Partners_sponsors_and_hr_of_another_programme_are_refused_everything()
    {
        var world = await ArrangeAsync();
        var ct = Cancel;
        using var partner = await Factory.CreateClientInRoleAsync(Roles.Participant, world.DigitalId);
        var sponsorName = await Factory.CreateUserAsync(Roles.Sponsor);
        await world.Hr.PostAsJsonAsync($"{world.Url}/members", new AddProgrammeMember(sponsorName, ProgrammeAccess.SponsorRole), _json, ct);
        using var sponsor = await Factory.CreateClientForUserAsync(sponsorName);
        using var otherHr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var pair = $"{world.Url}/pairs/{world.Quiet}";

        foreach (var (client, status) in new[] { (partner, HttpStatusCode.Forbidden), (sponsor, HttpStatusCode.Forbidden), (otherHr, HttpStatusCode.NotFound) })
        {
            Assert.Equal(status, (await client.GetAsync($"{world.Url}/pair-health", ct)).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"{pair}/timeline", ct)).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"{pair}/check-ins", ct)).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync($"{pair}/check-ins", new AddCheckIn("nota"), _json, ct)).StatusCode);
            Assert.Equal(status, (await client.PutAsJsonAsync($"{pair}/follow-up", new SetFollowUp(true), _json, ct)).StatusCode);
        }

        // Nothing was written by the refused callers.
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.PairCheckIns.Count(c => c.PairId == world.Quiet))));
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.PairFollowUps.Count(c => c.PairId == world.Quiet))));
    }
}

public sealed class PairHealthSqliteTests(SqliteAppFixture fixture) : PairHealthTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PairHealthPostgresTests(PostgresAppFixture fixture) : PairHealthTests(fixture), IClassFixture<PostgresAppFixture>;
