using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Sessions;

/// <summary>
/// Issue 11: scheduling a pair's sessions over the API, each rule that refuses (writing nothing), who may see what,
/// the invites as real calendars read them, moves and cancellations raising SEQUENCE, and the private feed.
/// </summary>
public abstract class SessionTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record World(Guid ProgrammeId, Guid PairId, Guid DigitalId, string DigitalEmail, Guid ExperienceId, string ExperienceEmail, HttpClient Digital, HttpClient Experience, HttpClient Hr, Guid GoalId)
    {
        public string Url => $"/api/v1/programmes/{ProgrammeId}/pairs/{PairId}/sessions";
    }

    /// <summary>
    /// An agreed pair with a signed pact: a digital mentor in London who reads English, an experience mentor in Rome
    /// who reads Italian.
    /// </summary>
    private async Task<World> ArrangeAsync(PairState state = PairState.Agreed)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Sessioni {tag}", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)), _json, Cancel);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        var digital = new Person { ExternalId = $"{tag}D", DisplayName = "Giulia Digitale", Email = $"{tag}d@officine.example", Languages = ["en"], TimeZone = "Europe/London" };
        var experience = new Person { ExternalId = $"{tag}E", DisplayName = "Sergio Esperto", Email = $"{tag}e@officine.example", Languages = ["it"], TimeZone = "Europe/Rome" };
        var pair = new Pair { ProgrammeId = programme.Id, RunId = Guid.NewGuid(), DigitalMentorId = digital.Id, ExperienceMentorId = experience.Id, State = state };
        var pact = new Pact { PairId = pair.Id, ConfidentialityAccepted = true };
        var goal = new PactGoal { PactId = pact.Id, Direction = GoalDirection.DigitalToExperience, Text = "Usare il calendario condiviso" };
        await Factory.WithDbAsync(async db =>
        {
            db.People.AddRange(digital, experience);
            db.Pairs.Add(pair);
            db.Pacts.Add(pact);
            db.PactGoals.Add(goal);
            return await db.SaveChangesAsync(Cancel);
        });
        var world = new World(programme.Id, pair.Id, digital.Id, digital.Email, experience.Id, experience.Email,
            await Factory.CreateClientInRoleAsync(Roles.Participant, digital.Id), await Factory.CreateClientInRoleAsync(Roles.Participant, experience.Id), hr, goal.Id);
        await Factory.TakeMailAsync();
        return world;
    }

    private static ScheduleSession Weekly(DateTime startsAt, int count, string? url = "https://meet.example/room-1") =>
        new(startsAt, 60, SessionMode.Remote, "Europe/Rome", url, Recurrence: new SessionRecurrence(1, count, null));

    private static async Task<ScheduledSessions> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<ScheduledSessions>(_json, Cancel))!;
    }

    private async Task<List<SessionView>> ListAsync(HttpClient client, World world) =>
        [.. (await client.GetFromJsonAsync<PagedList<SessionView>>(world.Url, _json, Cancel))!.Items];

    private Task<int> CountSessionsAsync(World world) => Factory.WithDbAsync(db => db.Sessions.CountAsync(s => s.PairId == world.PairId, Cancel));

    private static HttpRequestMessage WithVersion(HttpMethod method, string url, Guid? version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: _json) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return request;
    }

    private static Calendar Invite(MimeMessage message, string method)
    {
        // multipart/mixed [ multipart/alternative [ text/plain, text/html, text/calendar ], invite.ics ]
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var calendarPart = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal(method, calendarPart.ContentType.Parameters["method"]);
        var attachment = Assert.IsType<TextPart>(Assert.Single(mixed.Skip(1)));
        Assert.True(attachment.IsAttachment);
        Assert.Equal(method == "CANCEL" ? "cancel.ics" : "invite.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal(method, attachment.ContentType.Parameters["method"]);
        Assert.Equal(calendarPart.Text, attachment.Text);
        var calendar = Calendar.Load(calendarPart.Text)!;
        Assert.Equal(method, calendar.Method);
        return calendar;
    }

    [Fact]
    public async Task A_partner_schedules_a_weekly_series_that_stays_at_nine_in_rome_across_the_march_change()
    {
        var world = await ArrangeAsync();

        var response = await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 3, 15, 9, 0, 0), 3) with { AgendaGoalIds = [world.GoalId] }, _json, Cancel);

        var created = await CreatedAsync(response);
        Assert.Equal($"{world.Url}/{created.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(3, created.OccurrenceIds.Count);
        Assert.Equal(created.Id, created.OccurrenceIds[0]);
        var sessions = await ListAsync(world.Experience, world);
        Assert.Equal(created.OccurrenceIds, sessions.Select(s => s.Id));
        Assert.Equal([new DateTime(2027, 3, 15, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 22, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 29, 7, 0, 0, DateTimeKind.Utc)], sessions.Select(s => s.StartsUtc));
        Assert.All(sessions, s => Assert.EndsWith("T09:00", s.LocalStart, StringComparison.Ordinal));
        Assert.All(sessions, s => Assert.Equal(created.SeriesId, s.SeriesId));
        var single = await world.Digital.GetAsync($"{world.Url}/{created.Id}", Cancel);
        Assert.Equal($"\"{sessions[0].Version}\"", single.Headers.ETag!.ToString());
        // The organiser comes; the partner is asked.
        Assert.Equal(AttendanceAnswer.Accepted, sessions[0].DigitalMentorAnswer);
        Assert.Null(sessions[0].ExperienceMentorAnswer);
    }

    [Fact]
    public async Task Both_partners_get_an_invite_in_their_language_that_calendars_read_as_one_weekly_event()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 10, 25, 9, 0, 0), 2) with { AgendaGoalIds = [world.GoalId] }, _json, Cancel));
        var uid = await Factory.WithDbAsync(db => db.SessionSeries.Where(s => s.Id == created.SeriesId).Select(s => s.Uid).SingleAsync(Cancel));

        var mail = await Factory.TakeMailAsync();

        var toDigital = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == world.DigitalEmail);
        var toExperience = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == world.ExperienceEmail);
        Assert.StartsWith("Session with Sergio Esperto", toDigital.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Sessione con Giulia Digitale", toExperience.Subject, StringComparison.Ordinal);
        // Each reads the time as they live it: 08:00 in London, 09:00 in Rome.
        Assert.Contains("8:00", toDigital.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("9:00", toDigital.Subject, StringComparison.Ordinal);
        Assert.Contains("09:00", toExperience.Subject, StringComparison.Ordinal);
        Assert.Contains($"{ReciprocaFactory.PublicBaseUrl}/Sessions/Respond/{created.Id}", toDigital.TextBody, StringComparison.Ordinal);
        foreach (var message in new[] { toDigital, toExperience })
        {
            var calendar = Invite(message, "REQUEST");
            var zone = Assert.Single(calendar.TimeZones);
            Assert.Equal("Europe/Rome", zone.TzId);
            var master = Assert.Single(calendar.Events);
            Assert.Equal(uid, master.Uid);
            Assert.Equal(0, master.Sequence);
            Assert.NotNull(master.DtStamp);
            Assert.Equal("Europe/Rome", master.DtStart!.TzId);
            Assert.Equal(new DateTime(2027, 10, 25, 9, 0, 0), master.DtStart.Value);
            Assert.Equal(new DateTime(2027, 10, 25, 7, 0, 0, DateTimeKind.Utc), master.DtStart.AsUtc);
            Assert.Equal(new DateTime(2027, 10, 25, 10, 0, 0), master.DtEnd!.Value);
            Assert.Equal(new Uri($"mailto:{world.DigitalEmail}"), master.Organizer!.Value);
            Assert.Equal(new[] { $"mailto:{world.DigitalEmail}", $"mailto:{world.ExperienceEmail}" }.Order(StringComparer.Ordinal), master.Attendees.Select(a => a.Value!.ToString()).Order(StringComparer.Ordinal));
            Assert.Equal("https://meet.example/room-1", master.Location);
            Assert.Equal(new Uri("https://meet.example/room-1"), master.Url);
            Assert.Contains("https://meet.example/room-1", master.Description, StringComparison.Ordinal);
            Assert.Contains("Usare il calendario condiviso", master.Description, StringComparison.Ordinal);
            Assert.Equal(Ical.Net.FrequencyType.Weekly, master.RecurrenceRule!.Frequency);
            Assert.Equal(1, master.RecurrenceRule.Interval);
            Assert.Equal(2, master.RecurrenceRule.Count);
            Assert.Equal("CONFIRMED", master.Status);
        }

        Assert.Equal(2, await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == SessionInvites.InviteKind && (m.ToAddress == world.DigitalEmail || m.ToAddress == world.ExperienceEmail), Cancel)));
    }

    [Fact]
    public async Task Each_rule_refuses_with_a_problem_and_writes_nothing()
    {
        var world = await ArrangeAsync();
        await CreatedAsync(await world.Experience.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 2, 1, 9, 0, 0), 1), _json, Cancel));
        // The digital mentor's other pair (capacities above one): its sessions count for the overlap too.
        var other = await ArrangeAsync();
        await Factory.WithDbAsync(async db =>
        {
            var pair = await db.Pairs.SingleAsync(p => p.Id == other.PairId, Cancel);
            pair.DigitalMentorId = world.DigitalId;
            return await db.SaveChangesAsync(Cancel);
        });
        var otherUrl = other.Url;
        var outbox = await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(Cancel));
        var before = await CountSessionsAsync(world);

        var refusals = new (string Why, HttpClient Client, string Url, object Body, HttpStatusCode Status, string? Field)[]
        {
            ("past", world.Digital, world.Url, Weekly(new DateTime(2026, 11, 27, 9, 0, 0), 1), HttpStatusCode.BadRequest, "startsAt"),
            ("overlap in this pair", world.Digital, world.Url, Weekly(new DateTime(2027, 2, 1, 9, 30, 0), 1), HttpStatusCode.Conflict, null),
            ("overlap in another pair", world.Digital, otherUrl, Weekly(new DateTime(2027, 1, 25, 9, 30, 0), 2), HttpStatusCode.Conflict, null),
            ("longer than 8 hours", world.Digital, world.Url, new ScheduleSession(new DateTime(2027, 3, 1, 9, 0, 0), 481, SessionMode.Remote, null, "https://meet.example/x"), HttpStatusCode.BadRequest, "durationMinutes"),
            ("javascript URL", world.Digital, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1, "javascript:alert(1)"), HttpStatusCode.BadRequest, "meetingUrl"),
            ("ftp URL", world.Digital, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1, "ftp://files.example/x"), HttpStatusCode.BadRequest, "meetingUrl"),
            ("53 times", world.Digital, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 53), HttpStatusCode.BadRequest, "recurrence.count"),
            ("until two years", world.Digital, world.Url, new ScheduleSession(new DateTime(2027, 3, 1, 9, 0, 0), 60, SessionMode.InPerson, null, Location: "Sala 2", Recurrence: new SessionRecurrence(1, null, new DateOnly(2029, 3, 1))), HttpStatusCode.BadRequest, "recurrence"),
            ("in person without a place", world.Digital, world.Url, new ScheduleSession(new DateTime(2027, 3, 1, 9, 0, 0), 60, SessionMode.InPerson), HttpStatusCode.BadRequest, "location"),
            ("an offset instead of a zone", world.Digital, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc), 1), HttpStatusCode.BadRequest, "startsAt"),
            ("unknown goal", world.Digital, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1) with { AgendaGoalIds = [Guid.NewGuid()] }, HttpStatusCode.BadRequest, "agendaGoalIds"),
            ("not a partner", other.Experience, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1), HttpStatusCode.NotFound, null),
            ("HR", world.Hr, world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1), HttpStatusCode.NotFound, null),
        };
        var failures = new List<string>();
        foreach (var (why, client, url, body, status, field) in refusals)
        {
            using var response = await client.PostAsJsonAsync(url, body, _json, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            if (response.StatusCode != status || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || field is not null && !text.Contains($"\"{field}\"", StringComparison.Ordinal))
            {
                failures.Add($"{why}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountSessionsAsync(world));
        Assert.Equal(0, await CountSessionsAsync(other));
        Assert.Equal(outbox, await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(Cancel)));
    }

    [Fact]
    public async Task An_overlap_names_the_clashing_start_in_the_zone_the_caller_chose()
    {
        var world = await ArrangeAsync();
        await CreatedAsync(await world.Experience.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 2, 1, 9, 0, 0), 1), _json, Cancel));

        // 09:00 in Rome is 08:00 in London: the London partner asking for 08:30 London time is told 08:00, in London.
        var london = new ScheduleSession(new DateTime(2027, 2, 1, 8, 30, 0), 60, SessionMode.Remote, "Europe/London", "https://meet.example/room-2");
        using var response = await world.Digital.PostAsJsonAsync(world.Url, london, _json, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(_json, Cancel);
        Assert.Contains("1 February 2027, 08:00 (Europe/London)", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_that_is_not_agreed_cannot_schedule()
    {
        var world = await ArrangeAsync(PairState.Accepted);

        var response = await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 3, 1, 9, 0, 0), 1), _json, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await CountSessionsAsync(world));
    }

    [Fact]
    public async Task Hr_reads_the_metadata_only_and_nobody_else_reads_anything()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 4, 5, 9, 0, 0), 2), _json, Cancel));
        var other = await ArrangeAsync();
        using var sponsor = await Factory.CreateClientInRoleAsync(Roles.Sponsor);
        using var anonymous = Factory.CreateApiClient(token: null);

        var hrView = await ListAsync(world.Hr, world);

        Assert.Equal(2, hrView.Count);
        Assert.All(hrView, s => Assert.Null(s.MeetingUrl));
        foreach (var (who, client, status) in new[] { ("other participant", other.Digital, HttpStatusCode.NotFound), ("other HR", other.Hr, HttpStatusCode.NotFound), ("sponsor", sponsor, HttpStatusCode.NotFound), ("anonymous", anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.True((await client.GetAsync(world.Url, Cancel)).StatusCode == status, $"{who} list");
            Assert.True((await client.GetAsync($"{world.Url}/{created.Id}", Cancel)).StatusCode == status, $"{who} get");
            Assert.True((await client.SendAsync(WithVersion(HttpMethod.Delete, $"{world.Url}/{created.Id}", Guid.NewGuid()), Cancel)).StatusCode == status, $"{who} cancel");
        }

        Assert.Equal(2, await Factory.WithDbAsync(db => db.Sessions.CountAsync(s => s.PairId == world.PairId && s.Status == SessionStatus.Scheduled, Cancel)));
    }

    [Fact]
    public async Task Moving_one_occurrence_is_an_override_with_a_higher_sequence_and_a_stale_version_loses()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 5, 3, 9, 0, 0), 3), _json, Cancel));
        await Factory.TakeMailAsync();
        var second = (await ListAsync(world.Digital, world))[1];
        var move = new RescheduleSession(new DateTime(2027, 5, 11, 15, 0, 0), SessionScope.Occurrence);

        var missing = await world.Experience.SendAsync(WithVersion(HttpMethod.Put, $"{world.Url}/{second.Id}", null, move), Cancel);
        var moved = await world.Experience.SendAsync(WithVersion(HttpMethod.Put, $"{world.Url}/{second.Id}", second.Version, move), Cancel);
        var stale = await world.Digital.SendAsync(WithVersion(HttpMethod.Put, $"{world.Url}/{second.Id}", second.Version, move with { StartsAt = new DateTime(2027, 5, 12, 15, 0, 0) }), Cancel);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var after = await ListAsync(world.Digital, world);
        Assert.Equal(new DateTime(2027, 5, 11, 13, 0, 0, DateTimeKind.Utc), after.Single(s => s.Id == second.Id).StartsUtc);
        Assert.Equal(1, after[0].Sequence);
        var mail = await Factory.TakeMailAsync();
        Assert.Equal(2, mail.Count);
        var calendar = Invite(mail[0], "REQUEST");
        Assert.Equal(2, calendar.Events.Count);
        Assert.All(calendar.Events, e => Assert.Equal(1, e.Sequence));
        var change = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is not null);
        Assert.Equal(new DateTime(2027, 5, 10, 9, 0, 0), change.RecurrenceIdentifier!.StartTime.Value);
        Assert.Equal(new DateTime(2027, 5, 11, 15, 0, 0), change.DtStart!.Value);
        Assert.Equal(created.SeriesId, after.Single(s => s.Id == second.Id).SeriesId);
    }

    [Fact]
    public async Task Moving_this_and_following_splits_the_series_with_until_and_a_new_uid()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 6, 7, 9, 0, 0), 4), _json, Cancel));
        await Factory.TakeMailAsync();
        var third = (await ListAsync(world.Digital, world))[2];

        var moved = await world.Digital.SendAsync(WithVersion(HttpMethod.Put, $"{world.Url}/{third.Id}", third.Version, new RescheduleSession(new DateTime(2027, 6, 22, 17, 0, 0), SessionScope.Following, 90)), Cancel);

        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Cancel));
        var after = await ListAsync(world.Digital, world);
        Assert.Equal(2, after.Count(s => s.SeriesId == created.SeriesId));
        var split = after.Where(s => s.SeriesId != created.SeriesId).ToList();
        Assert.Equal([new DateTime(2027, 6, 22, 15, 0, 0, DateTimeKind.Utc), new DateTime(2027, 6, 29, 15, 0, 0, DateTimeKind.Utc)], split.Select(s => s.StartsUtc));
        Assert.All(split, s => Assert.Equal(90, s.DurationMinutes));
        var mail = await Factory.TakeMailAsync();
        var calendars = mail.Where(m => m.To.Mailboxes.Single().Address == world.DigitalEmail).Select(m => Invite(m, "REQUEST")).ToList();
        Assert.Equal(2, calendars.Count);
        var old = Assert.Single(calendars, c => c.Events.Single().RecurrenceRule!.Until is not null).Events.Single();
        var rest = Assert.Single(calendars, c => c.Events.Single().RecurrenceRule!.Count == 2).Events.Single();
        Assert.Equal(1, old.Sequence);
        Assert.Equal(new DateTime(2027, 6, 21, 6, 59, 59, DateTimeKind.Utc), old.RecurrenceRule!.Until!.AsUtc);
        Assert.NotEqual(old.Uid, rest.Uid);
        Assert.Equal(new DateTime(2027, 6, 22, 17, 0, 0), rest.DtStart!.Value);
    }

    [Fact]
    public async Task Cancelling_an_occurrence_sends_cancel_with_its_recurrence_id_and_cancelling_the_rest_cancels_the_event()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 7, 5, 9, 0, 0), 3), _json, Cancel));
        var uid = await Factory.WithDbAsync(db => db.SessionSeries.Where(s => s.Id == created.SeriesId).Select(s => s.Uid).SingleAsync(Cancel));
        await Factory.TakeMailAsync();
        var sessions = await ListAsync(world.Experience, world);

        var one = await world.Experience.SendAsync(WithVersion(HttpMethod.Delete, $"{world.Url}/{sessions[1].Id}?scope=Occurrence&message=Sono%20in%20ferie", sessions[1].Version), Cancel);

        Assert.True(one.StatusCode == HttpStatusCode.OK, await one.Content.ReadAsStringAsync(Cancel));
        var mail = await Factory.TakeMailAsync();
        var toDigital = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == world.DigitalEmail);
        Assert.Contains("Sono in ferie", toDigital.TextBody, StringComparison.Ordinal);
        var cancelled = Assert.Single(Invite(toDigital, "CANCEL").Events);
        Assert.Equal(uid, cancelled.Uid);
        Assert.Equal(1, cancelled.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(new DateTime(2027, 7, 12, 9, 0, 0), cancelled.RecurrenceIdentifier!.StartTime.Value);
        var again = await world.Experience.SendAsync(WithVersion(HttpMethod.Delete, $"{world.Url}/{sessions[1].Id}", (await ListAsync(world.Experience, world))[1].Version), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var rest = await world.Digital.SendAsync(WithVersion(HttpMethod.Delete, $"{world.Url}/{sessions[0].Id}?scope=Following", sessions[0].Version), Cancel);

        Assert.True(rest.StatusCode == HttpStatusCode.OK, await rest.Content.ReadAsStringAsync(Cancel));
        Assert.All(await ListAsync(world.Digital, world), s => Assert.Equal(SessionStatus.Cancelled, s.Status));
        var whole = Assert.Single(Invite((await Factory.TakeMailAsync()).First(m => m.To.Mailboxes.Single().Address == world.ExperienceEmail), "CANCEL").Events);
        Assert.Equal(uid, whole.Uid);
        Assert.Equal(2, whole.Sequence);
        Assert.Null(whole.RecurrenceIdentifier);
        Assert.Equal("CANCELLED", whole.Status);
    }

    [Fact]
    public async Task A_meeting_link_is_made_on_request_and_the_partner_answers_from_the_invite()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, new ScheduleSession(new DateTime(2027, 8, 2, 9, 0, 0), 45, SessionMode.Remote, CreateMeetingLink: true), _json, Cancel));
        var session = await world.Experience.GetFromJsonAsync<SessionView>($"{world.Url}/{created.Id}", _json, Cancel);
        Assert.Matches("^https://meet\\.jit\\.si/Reciproca-[0-9a-f]{40}$", session!.MeetingUrl!);
        // Times default to the scheduling person's zone: London.
        Assert.Equal("Europe/London", session.TimeZone);

        await using var scope = Factory.Services.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetRequiredService<SessionHandlers>();
        var answered = await handlers.AnswerAsync(created.Id, AttendanceAnswer.Declined, following: false, Actor.ForUser(Guid.NewGuid(), world.ExperienceId, "Sergio", Roles.Participant), Cancel);
        var stranger = await handlers.AnswerAsync(created.Id, AttendanceAnswer.Accepted, following: false, Actor.ForUser(Guid.NewGuid(), Guid.NewGuid(), "Altri", Roles.Participant), Cancel);

        Assert.Equal(AttendanceAnswer.Declined, answered.Value!.ExperienceMentorAnswer);
        Assert.Equal(Reciproca.Web.Infrastructure.Web.ProblemKind.NotFound, stranger.Problem!.Kind);
        Assert.Equal(AttendanceAnswer.Declined, (await world.Digital.GetFromJsonAsync<SessionView>($"{world.Url}/{created.Id}", _json, Cancel))!.ExperienceMentorAnswer);
    }

    [Fact]
    public async Task The_pages_schedule_make_a_meeting_link_and_take_the_partners_answer()
    {
        var world = await ArrangeAsync();
        using var digital = await BrowserSession.SignedInAsync(Factory, Roles.Participant, world.DigitalId);
        using var experience = await BrowserSession.SignedInAsync(Factory, Roles.Participant, world.ExperienceId);
        using var stranger = await BrowserSession.SignedInAsync(Factory, Roles.Participant, (await ArrangeAsync()).DigitalId);
        var page = $"/Sessions/{world.ProgrammeId}/{world.PairId}";

        var form = await digital.GetStringAsync(page, Cancel);
        Assert.Contains("id=\"schedule-form\"", form, StringComparison.Ordinal);
        Assert.Contains("Usare il calendario condiviso", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page, Cancel)).StatusCode);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(form),
            ["Form.Date"] = "2027-03-01",
            ["Form.Time"] = "09:00",
            ["Form.DurationMinutes"] = "60",
            ["Form.Mode"] = "Remote",
            ["Form.MeetingUrl"] = "",
            ["Form.Repeat"] = "true",
            ["Form.IntervalWeeks"] = "1",
            ["Form.RepeatEnd"] = "times",
            ["Form.Count"] = "2",
            ["Form.GoalIds"] = world.GoalId.ToString(),
        };
        var link = await digital.PostAsync($"{page}?handler=MeetingLink", new FormUrlEncodedContent(fields), Cancel);
        var withLink = await link.Content.ReadAsStringAsync(Cancel);
        var url = System.Text.RegularExpressions.Regex.Match(withLink, "https://meet\\.jit\\.si/Reciproca-[0-9a-f]{40}").Value;
        Assert.NotEmpty(url);
        Assert.Equal(0, await CountSessionsAsync(world));

        fields["Form.MeetingUrl"] = url;
        var scheduled = await digital.PostAsync(page, new FormUrlEncodedContent(fields), Cancel);

        Assert.True(scheduled.StatusCode == HttpStatusCode.Redirect, await scheduled.Content.ReadAsStringAsync(Cancel));
        var sessions = await ListAsync(world.Digital, world);
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(url, s.MeetingUrl));
        // The digital mentor lives in London: the form's 09:00 is London time.
        Assert.Equal(new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc), sessions[0].StartsUtc);
        Assert.Equal([world.GoalId], sessions[0].AgendaGoalIds);

        var respond = $"/Sessions/Respond/{sessions[0].Id}";
        var answerPage = await experience.GetStringAsync(respond, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(respond, Cancel)).StatusCode);
        var answered = await experience.PostAsync(respond, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(answerPage),
            ["answer"] = "Accepted",
            ["following"] = "true",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.All(await ListAsync(world.Digital, world), s => Assert.Equal(AttendanceAnswer.Accepted, s.ExperienceMentorAnswer));
    }

    [Fact]
    public async Task The_feed_has_every_session_and_a_new_secret_retires_the_old_url()
    {
        var world = await ArrangeAsync();
        var created = await CreatedAsync(await world.Digital.PostAsJsonAsync(world.Url, Weekly(new DateTime(2027, 9, 6, 9, 0, 0), 2), _json, Cancel));
        var second = (await ListAsync(world.Digital, world))[1];
        Assert.Equal(HttpStatusCode.OK, (await world.Digital.SendAsync(WithVersion(HttpMethod.Delete, $"{world.Url}/{second.Id}", second.Version), Cancel)).StatusCode);
        using var anonymous = Factory.CreateApiClient(token: null);

        var first = (await (await world.Experience.PostAsync("/api/v1/me/calendar-feed", null, Cancel)).Content.ReadFromJsonAsync<CalendarFeedLink>(_json, Cancel))!;

        Assert.StartsWith($"{ReciprocaFactory.PublicBaseUrl}/calendar/", first.Url, StringComparison.Ordinal);
        var path = new Uri(first.Url).AbsolutePath;
        var feed = await anonymous.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await feed.Content.ReadAsStringAsync(Cancel))!;
        Assert.Null(calendar.Method);
        var master = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is null);
        Assert.Equal(2, master.RecurrenceRule!.Count);
        var cancelledOne = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is not null);
        Assert.Equal("CANCELLED", cancelledOne.Status);
        Assert.Equal(new DateTime(2027, 9, 13, 9, 0, 0), cancelledOne.RecurrenceIdentifier!.StartTime.Value);
        // Only the hash is kept.
        var secret = path["/calendar/".Length..^".ics".Length];
        Assert.Equal(43, secret.Length);
        Assert.False(await Factory.WithDbAsync(db => db.CalendarFeeds.AnyAsync(f => f.SecretHash.Contains(secret), Cancel)));

        var next = (await (await world.Experience.PostAsync("/api/v1/me/calendar-feed", null, Cancel)).Content.ReadFromJsonAsync<CalendarFeedLink>(_json, Cancel))!;

        Assert.NotEqual(first.Url, next.Url);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(next.Url).AbsolutePath, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await world.Experience.DeleteAsync("/api/v1/me/calendar-feed", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(next.Url).AbsolutePath, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Hr.PostAsync("/api/v1/me/calendar-feed", null, Cancel)).StatusCode);
        Assert.NotEqual(Guid.Empty, created.SeriesId);
    }
}

public sealed class SessionSqliteTests(SqliteAppFixture fixture) : SessionTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SessionPostgresTests(PostgresAppFixture fixture) : SessionTests(fixture), IClassFixture<PostgresAppFixture>;
