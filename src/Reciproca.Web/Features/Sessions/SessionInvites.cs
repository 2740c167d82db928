using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Sessions;

/// <summary>
/// The invites (iMIP, RFC 6047): both partners get an e-mail in their language whose calendar part is the same
/// iCalendar object twice, as a <c>text/calendar; method=…</c> alternative (what Outlook and Gmail act on) and as an
/// <c>.ics</c> attachment (what the others open). Queued in the caller's unit of work, with the change they tell about.
/// </summary>
public sealed class SessionInvites(AppDbContext db, INotifier notifier, EmailLinks links, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const string InviteKind = "session.invite";
    public const string CancelKind = "session.cancel";

    public async Task RequestAsync(Pair pair, SessionSeries series, IReadOnlyList<Session> occurrences, Guid byPersonId, string? message, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(pair, cancellationToken);
        var goals = await GoalsAsync(series, cancellationToken);
        var stamp = time.GetUtcNow().UtcDateTime;
        var next = occurrences.Where(o => o.Status == SessionStatus.Scheduled).OrderBy(o => o.StartUtc).FirstOrDefault() ?? occurrences.FirstOrDefault();
        await notifier.NotifyAsync([.. Recipients(pair).Select(me => new Notice(InviteKind, me, to =>
        {
            var when = When(next?.StartUtc ?? stamp, people[me], series);
            var partner = people[Partner(pair, me)].Name;
            var paragraphs = new List<string> { localizer[series.Sequence == 0 ? "Email.SessionInvite.Body" : "Email.SessionChanged.Body", partner, when] };
            if (series.Repeats)
            {
                paragraphs.Add(localizer.Count("Email.SessionInvite.EveryWeeks", series.IntervalWeeks));
            }

            paragraphs.Add(Where(series));
            if (!string.IsNullOrWhiteSpace(message))
            {
                paragraphs.Add(localizer["Email.Session.Message", people[byPersonId].Name, message.Trim()]);
            }

            return new EmailContent(
                localizer[series.Sequence == 0 ? "Email.SessionInvite.Subject" : "Email.SessionChanged.Subject", partner, when],
                localizer.Greeting(to.Name), paragraphs, localizer["Email.SessionInvite.Action"],
                next is null ? null : links.Absolute($"/Sessions/Respond/{next.Id}"), localizer["Email.Footer"]);
        })
        {
            EmailParts = _ => Parts(SessionCalendar.Request, SessionCalendar.Invite(Data(pair, series, occurrences, people, goals), stamp)),
        })], cancellationToken);
    }

    public async Task CancelAsync(Pair pair, SessionSeries series, IReadOnlyList<Session> occurrences, IReadOnlyCollection<Session> cancelled, Guid byPersonId, string? message, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(pair, cancellationToken);
        var goals = await GoalsAsync(series, cancellationToken);
        var stamp = time.GetUtcNow().UtcDateTime;
        var first = cancelled.OrderBy(o => o.StartUtc).FirstOrDefault();
        await notifier.NotifyAsync([.. Recipients(pair).Select(me => new Notice(CancelKind, me, to =>
        {
            var when = When(first?.StartUtc ?? stamp, people[me], series);
            var by = people[byPersonId].Name;
            var paragraphs = new List<string> { localizer.Count("Email.SessionCancel.Body", cancelled.Count, by, when) };
            if (!string.IsNullOrWhiteSpace(message))
            {
                paragraphs.Add(localizer["Email.Session.Message", by, message.Trim()]);
            }

            return new EmailContent(localizer["Email.SessionCancel.Subject", when], localizer.Greeting(to.Name), paragraphs,
                localizer["Email.SessionCancel.Action"], links.Absolute($"/Sessions/{pair.ProgrammeId}/{pair.Id}"), localizer["Email.Footer"]);
        })
        {
            EmailParts = _ => Parts(SessionCalendar.Cancel, SessionCalendar.Cancellation(Data(pair, series, occurrences, people, goals), cancelled, stamp)),
        })], cancellationToken);
    }

    /// <summary>The feed's view of a series, in the current culture.</summary>
    public SeriesData Data(Pair pair, SessionSeries series, IReadOnlyList<Session> occurrences, IReadOnlyDictionary<Guid, CalendarParty> people, IReadOnlyDictionary<Guid, string> goals)
    {
        var (digital, experience) = (people[pair.DigitalMentorId], people[pair.ExperienceMentorId]);
        var summary = string.IsNullOrEmpty(series.Title) ? localizer["Sessions.Summary", digital.Name, experience.Name].Value : series.Title;
        var description = new List<string> { Where(series) };
        var agenda = series.AgendaGoalIds.Where(goals.ContainsKey).Select(id => "- " + goals[id]).ToList();
        if (agenda.Count > 0)
        {
            description.Add(localizer["Sessions.Agenda"] + ":\n" + string.Join("\n", agenda));
        }

        description.Add(localizer["Sessions.AnswerIn", links.Absolute($"/Sessions/{pair.ProgrammeId}/{pair.Id}")]);
        return new SeriesData(series, occurrences, people[series.OrganiserId], digital, experience, new EventText(summary, string.Join("\n\n", description)));
    }

    public async Task<Dictionary<Guid, CalendarParty>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new CalendarParty(p.Id, p.DisplayName, string.IsNullOrWhiteSpace(p.Email) ? null : p.Email.Trim(), p.TimeZone), cancellationToken);
    }

    public async Task<Dictionary<Guid, string>> GoalsAsync(IEnumerable<SessionSeries> series, CancellationToken cancellationToken)
    {
        var ids = series.SelectMany(s => s.AgendaGoalIds).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.PactGoals.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Text, cancellationToken);
    }

    private Task<Dictionary<Guid, CalendarParty>> PeopleAsync(Pair pair, CancellationToken cancellationToken) =>
        PeopleAsync([pair.DigitalMentorId, pair.ExperienceMentorId], cancellationToken);

    private Task<Dictionary<Guid, string>> GoalsAsync(SessionSeries series, CancellationToken cancellationToken) => GoalsAsync([series], cancellationToken);

    private string Where(SessionSeries series) => Where(localizer, series);

    /// <summary>The meeting link or the place, as one sentence (also the reminders').</summary>
    public static string Where(IStringLocalizer localizer, SessionSeries series) => series.Mode == SessionMode.Remote
        ? localizer["Sessions.Link", series.MeetingUrl ?? ""]
        : localizer["Sessions.Place", series.Location ?? ""];

    /// <summary>The start as the reader lives it: in their own zone when they have one, else in the session's.</summary>
    private static string When(DateTime startUtc, CalendarParty reader, SessionSeries series) => When(startUtc, reader.TimeZone, series);

    /// <summary>The start in the reader's zone (<paramref name="readerZone"/>) when they have one, else in the session's.</summary>
    public static string When(DateTime startUtc, string? readerZone, SessionSeries series)
    {
        var zone = SessionClock.Zone(readerZone) ?? SessionClock.Zone(series.TimeZoneId)!;
        var local = SessionClock.ToLocal(startUtc, zone);
        return $"{local.ToString("f", CultureInfo.CurrentCulture)} ({zone.Id})";
    }

    private static IEnumerable<Guid> Recipients(Pair pair) => [pair.DigitalMentorId, pair.ExperienceMentorId];

    private static Guid Partner(Pair pair, Guid personId) => pair.DigitalMentorId == personId ? pair.ExperienceMentorId : pair.DigitalMentorId;

    // The same object twice: the METHOD in the MIME type must match the one in the VCALENDAR (RFC 6047, 2.4).
    private static OutboxPart[] Parts(string method, string ics) =>
    [
        OutboxPart.Alternative($"text/calendar; method={method}", ics),
        OutboxPart.Attachment(method == SessionCalendar.Cancel ? "cancel.ics" : "invite.ics", $"text/calendar; method={method}", ics),
    ];
}
