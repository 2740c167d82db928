using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Notifications;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Features.Sessions.Reminders;
using Reciproca.Web.Infrastructure.DueWork;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Sessions;

/// <summary>
/// Issue 11 item 6 for one instance, on both databases: the reminders and nudges are planned with the session, go once
/// at their time, follow a moved session, vanish with a cancelled one, and the hour-before reminder goes only to those
/// who chose it. Each test works on sessions days ahead of the class's clock and only moves the clock forward.
/// </summary>
public abstract class SessionReminderTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<int> RunDueAsync() => Factory.Services.GetRequiredService<DueWorkProcessor>().RunAllDueAsync(Cancel);

    private Task<List<DueItem>> ItemsAsync(IEnumerable<Guid> sessionIds)
    {
        var ids = sessionIds.ToList();
        return Factory.WithDbAsync(db => db.DueItems.AsNoTracking().Where(d => ids.Contains(d.SubjectId)).ToListAsync(Cancel));
    }

    private Task<int> NoticesAsync(Guid personId, string kind) =>
        Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == personId && n.Kind == kind, Cancel));

    private Task<int> MailsAsync(string address, string kind) =>
        Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == address && m.Kind == kind, Cancel));

    private void AdvanceTo(DateTime utc)
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        Assert.True(utc > now, $"the clock would go back from {now:O} to {utc:O}");
        Factory.Time.Advance(utc - now);
    }

    [Fact]
    public async Task Each_partner_is_reminded_once_before_the_session_and_nudged_to_log_until_they_do()
    {
        var world = await SessionWorld.CreateAsync(Factory);
        var scheduled = await world.ScheduleAsync(SessionWorld.RomeStart(Factory, TimeSpan.FromDays(3)), new SessionRecurrence(1, 2, null));
        var first = await Factory.WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == scheduled.Id, Cancel));

        // Both occurrences, both partners: the programme's reminder, the hour before, two nudges.
        var planned = await ItemsAsync(scheduled.OccurrenceIds);
        Assert.Equal(16, planned.Count);
        Assert.All(planned, item => Assert.Null(item.DoneUtc));
        Assert.Equal(first.StartUtc.AddHours(-24), planned.Single(i => i.SubjectId == first.Id && i.RecipientId == world.Digital.Id && i.Kind == SessionReminders.ReminderKind).DueUtc);

        AdvanceTo(first.StartUtc.AddHours(-24).AddMinutes(-1));
        await RunDueAsync();
        Assert.Equal(0, await NoticesAsync(world.Digital.Id, SessionReminders.ReminderKind));

        AdvanceTo(first.StartUtc.AddHours(-24).AddMinutes(1));
        await RunDueAsync();
        await RunDueAsync();
        Assert.Equal(1, await NoticesAsync(world.Digital.Id, SessionReminders.ReminderKind));
        Assert.Equal(1, await NoticesAsync(world.Experience.Id, SessionReminders.ReminderKind));
        Assert.Equal(1, await MailsAsync(world.Digital.Email!, SessionReminders.ReminderKind));

        // The digital mentor chooses the hour before too; the experience mentor does not.
        using (var chose = await world.DigitalClient.PutAsJsonAsync("/api/v1/me/notification-settings", new SetNotificationSettings([], HourBeforeSessions: true), SessionWorld.Json, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, chose.StatusCode);
            Assert.True((await chose.Content.ReadFromJsonAsync<NotificationSettingsView>(SessionWorld.Json, Cancel))!.HourBeforeSessions);
        }

        AdvanceTo(first.StartUtc.AddMinutes(-59));
        await RunDueAsync();
        Assert.Equal(2, await NoticesAsync(world.Digital.Id, SessionReminders.ReminderKind));
        Assert.Equal(1, await NoticesAsync(world.Experience.Id, SessionReminders.ReminderKind));
        var hour = (await ItemsAsync([first.Id])).Where(i => i.Kind == SessionReminders.HourReminderKind).ToDictionary(i => i.RecipientId, i => i.Outcome);
        Assert.Equal(DueOutcome.Sent, hour[world.Digital.Id]);
        Assert.Equal(DueOutcome.Skipped, hour[world.Experience.Id]);

        // The digital mentor logs before the nudge: only the partner who has not logged is nudged.
        AdvanceTo(first.EndUtc.AddMinutes(30));
        using (var logged = await world.DigitalClient.PostAsJsonAsync($"{world.SessionsUrl}/{first.Id}/logs", new WriteSessionLog(true, Taught: "Il calendario", Rating: 4), SessionWorld.Json, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        }

        AdvanceTo(first.EndUtc.AddHours(2).AddMinutes(1));
        await RunDueAsync();
        Assert.Equal(0, await NoticesAsync(world.Digital.Id, SessionReminders.LogNudgeKind));
        Assert.Equal(1, await NoticesAsync(world.Experience.Id, SessionReminders.LogNudgeKind));

        // Three days later, once more, to the one who still has not logged; then never again.
        AdvanceTo(first.EndUtc.AddHours(2).AddDays(3).AddMinutes(1));
        await RunDueAsync();
        await RunDueAsync();
        Assert.Equal(0, await NoticesAsync(world.Digital.Id, SessionReminders.LogNudgeKind));
        Assert.Equal(2, await NoticesAsync(world.Experience.Id, SessionReminders.LogNudgeKind));
        var link = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == world.Experience.Id && n.Kind == SessionReminders.LogNudgeKind).Select(n => n.LinkUrl).FirstAsync(Cancel));
        Assert.EndsWith($"/Sessions/Log/{first.Id}", link, StringComparison.Ordinal);
        Assert.All((await ItemsAsync([first.Id])), item => Assert.NotNull(item.DoneUtc));
    }

    [Fact]
    public async Task A_moved_session_is_reminded_at_its_new_time_and_a_cancelled_one_never()
    {
        var world = await SessionWorld.CreateAsync(Factory);
        var moving = await world.ScheduleAsync(SessionWorld.RomeStart(Factory, TimeSpan.FromDays(5)));
        var cancelling = await world.ScheduleAsync(SessionWorld.RomeStart(Factory, TimeSpan.FromDays(5).Add(TimeSpan.FromHours(3))));
        var before = await Factory.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.Id == moving.Id || s.Id == cancelling.Id).ToDictionaryAsync(s => s.Id, Cancel));

        var newStart = SessionWorld.RomeStart(Factory, TimeSpan.FromDays(8));
        using (var moved = await world.ExperienceClient.SendAsync(SessionWorld.WithVersion(HttpMethod.Put, $"{world.SessionsUrl}/{moving.Id}", before[moving.Id].Version, new RescheduleSession(newStart, SessionScope.Occurrence)), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using (var cancelled = await world.DigitalClient.SendAsync(SessionWorld.WithVersion(HttpMethod.Delete, $"{world.SessionsUrl}/{cancelling.Id}", before[cancelling.Id].Version), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var movedSession = await Factory.WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == moving.Id, Cancel));
        var items = await ItemsAsync([moving.Id, cancelling.Id]);
        Assert.DoesNotContain(items, i => i.SubjectId == cancelling.Id);
        Assert.Equal(8, items.Count);
        Assert.All(items.Where(i => i.Kind == SessionReminders.ReminderKind), i => Assert.Equal(movedSession.StartUtc.AddHours(-24), i.DueUtc));

        // Past the old and the cancelled times: nothing; past the new reminder time: one each.
        AdvanceTo(before[cancelling.Id].StartUtc.AddMinutes(5));
        await RunDueAsync();
        Assert.Equal(0, await NoticesAsync(world.Digital.Id, SessionReminders.ReminderKind));
        Assert.Equal(0, await NoticesAsync(world.Experience.Id, SessionReminders.LogNudgeKind));
        AdvanceTo(movedSession.StartUtc.AddHours(-23));
        await RunDueAsync();
        Assert.Equal(1, await NoticesAsync(world.Digital.Id, SessionReminders.ReminderKind));
        Assert.Equal(1, await NoticesAsync(world.Experience.Id, SessionReminders.ReminderKind));
    }

    [Fact]
    public async Task An_hr_account_without_a_person_cannot_choose_the_hour_before_and_nothing_is_written()
    {
        var hr = await Factory.CreateClientInRoleAsync(Reciproca.Web.Infrastructure.Auth.Roles.ProgrammeManager);
        var rows = await Factory.WithDbAsync(db => db.ReminderChoices.CountAsync(Cancel));

        using var refused = await hr.PutAsJsonAsync("/api/v1/me/notification-settings", new SetNotificationSettings([], HourBeforeSessions: true), SessionWorld.Json, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("hourBeforeSessions", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(rows, await Factory.WithDbAsync(db => db.ReminderChoices.CountAsync(Cancel)));
    }
}

public sealed class SessionReminderSqliteTests(SqliteAppFixture fixture) : SessionReminderTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SessionReminderPostgresTests(PostgresAppFixture fixture) : SessionReminderTests(fixture), IClassFixture<PostgresAppFixture>;
